import t from 'tap'
import { ClusterPlanError, planCluster, resolveRunConfig, withTextKeyOrder, type PlanRequest } from '../../../src/index.js'
import { raised, SEED_CLUSTER } from '../helpers.js'

function failedNodes (request: PlanRequest): ClusterPlanError['failedNodes'] {
  try {
    planCluster(request)
    return []
  } catch (error) {
    if (!(error instanceof ClusterPlanError)) throw error
    return error.failedNodes
  }
}

t.test('nodes come in global-id order, sparse jobs by defined index, then the evaluator', async (t) => {
  const cluster = { worker: { 4: 'w4:1', 1: 'w1:1' }, ps: ['p0:1'], chief: ['c:1'], aux: ['a:1'] }
  const plan = planCluster({ cluster, evaluator: true })
  t.same(plan.nodes.map((node) => [node.task_type, node.task_id, node.global_id_in_cluster, node.address]), [
    ['chief', 0, 0, 'c:1'], ['aux', 0, 1, 'a:1'], ['worker', 1, 3, 'w1:1'], ['worker', 4, 6, 'w4:1'],
    ['ps', 0, 7, 'p0:1'], ['evaluator', 0, null, null]
  ])
  t.same(plan.cluster_spec, { worker: { 1: 'w1:1', 4: 'w4:1' }, ps: ['p0:1'], chief: ['c:1'], aux: ['a:1'] })
})

t.test('every node is what resolving its own TF_CONFIG gives', async (t) => {
  const request: PlanRequest = {
    cluster: SEED_CLUSTER,
    tf_config: { environment: 'cloud', cluster: 'ignored', task: 'ignored' },
    config: { model_dir: '/m', experimental_max_worker_delay_secs: 7 },
    include: ['tf_config', 'run_config']
  }
  const plan = planCluster(request)
  t.equal(plan.nodes.length, 6)
  for (const node of plan.nodes) {
    const tfConfig = JSON.parse(node.tf_config as string)
    t.same(tfConfig, { cluster: SEED_CLUSTER, task: { type: node.task_type, index: node.task_id }, environment: 'cloud' })
    const single = resolveRunConfig({ tf_config: node.tf_config, config: request.config })
    t.same(node.run_config, single.run_config)
    t.same([node.master, node.start_delay_secs, node.session_config],
      [single.run_config.master, single.start_delay_secs, single.run_config.session_config])
  }
})

t.test('a cluster that fails on some nodes lists every failing node', async (t) => {
  const request = { cluster: { chief: ['c:1'], worker: [], ps: ['p:1'] } }
  t.equal(raised(() => planCluster(request)), 'ValueError: max() arg is an empty sequence')
  t.same(failedNodes(request), [{ task_type: 'ps', task_id: 0, exception: 'ValueError', message: 'max() arg is an empty sequence' }])
})

t.test('a cluster TensorFlow cannot read fails for every node it names', async (t) => {
  t.equal(raised(() => planCluster({ cluster: { chief: ['c:1'], worker: { a: 'w:1', 1: 'w1:1' } } })),
    "ValueError: invalid literal for int() with base 10: 'a'")
  t.same(failedNodes({ cluster: { chief: ['c:1'], worker: 'w:1' } }).map((node) => node.task_type), ['chief'])
})

t.test('a legacy master cluster plans the master first', async (t) => {
  const plan = planCluster({ cluster: { worker: ['w:1'], master: ['m:1'] } })
  t.same(plan.nodes.map((node) => [node.task_type, node.global_id_in_cluster, node.is_chief]), [['master', 0, true], ['worker', 1, false]])
})

t.test('argument errors fail every node, with the cluster and its task left aside', async (t) => {
  t.same(failedNodes({ cluster: { chief: ['c:1'], worker: ['w:1'] }, config: { save_summary_steps: -1 } }).map((node) => node.message),
    ['save_summary_steps should be >= 0', 'save_summary_steps should be >= 0'])
  t.same(planCluster({ cluster: {} }).nodes, [])
})

t.test("each node's TF_CONFIG text keeps the cluster's key order", async (t) => {
  // "01" and "1" are both task 1, and the later one wins: here "1", which JavaScript lists first
  const text = '{"cluster": {"chief": ["c:1"], "worker": {"01": "early:1", "1": "late:1"}}, "include": ["tf_config"]}'
  const plan = planCluster(withTextKeyOrder(text, JSON.parse(text)) as PlanRequest)
  t.same(plan.nodes.map((node) => node.tf_config), [
    '{"cluster":{"chief":["c:1"],"worker":{"01":"early:1","1":"late:1"}},"task":{"type":"chief","index":0}}',
    '{"cluster":{"chief":["c:1"],"worker":{"01":"early:1","1":"late:1"}},"task":{"type":"worker","index":1}}'
  ])
  t.same(plan.nodes.map((node) => [node.address, node.master]), [['c:1', 'grpc://c:1'], ['late:1', 'grpc://late:1']])
})

t.test('a cluster that names no task still fails, with no node to list', async (t) => {
  t.equal(raised(() => planCluster({ cluster: { worker: 5 } as never })),
    "TypeError: The tasks for job 'worker' must be a list or a dictionary from integers to strings.")
  t.same(failedNodes({ cluster: { worker: 5 } as never }), [])
})
