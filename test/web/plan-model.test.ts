import t from 'tap'
import { compareJobs, jobTasks } from '../../web/lib/job-order.js'
import { planModel } from '../../web/lib/plan-model.js'
import type { ClusterPlan, LintWarning } from '../../web/lib/types.js'
import { groupWarnings, pointerTokens } from '../../web/lib/warnings.js'

const warning = (pointer: string): LintWarning => ({ code: 'DUPLICATE_ADDRESS', message: 'm', pointer, hint: 'h' })
const NO_CHIEF = 'If "cluster" is set in TF_CONFIG, it must have one "chief" node.'

t.test('pointers name a task, a job or the request', async (t) => {
  t.same(pointerTokens(''), [])
  t.same(pointerTokens('/cluster/a~1b~0c/2'), ['cluster', 'a/b~c', '2'])
  const groups = groupWarnings([warning('/cluster/worker/1'), warning('/cluster/worker'), warning('/config/x'), warning('/cluster'), warning('/cluster/w/1/x')])
  t.same([...groups.byNode.keys()], ['worker:1'])
  t.same([...groups.byJob.keys()], ['worker'])
  t.same(groups.general.map((w) => w.pointer), ['/config/x', '/cluster', '/cluster/w/1/x'])
  t.equal(groupWarnings([warning('/cluster/w/1'), warning('/cluster/w/1')]).byNode.get('w:1')?.length, 2)
})

t.test('jobs in global-id order; tasks as a list or by index', async (t) => {
  t.same(['ps', 'worker', 'evaluator', 'master', 'a', 'chief', 'a'].sort(compareJobs), ['chief', 'master', 'a', 'a', 'worker', 'ps', 'evaluator'])
  t.same(jobTasks({ 10: 'b:1', 2: 'a:1' }), [{ index: 2, address: 'a:1' }, { index: 10, address: 'b:1' }])
  t.same([compareJobs('a', 'a'), compareJobs('a', 'b'), compareJobs('b', 'a')], [0, -1, 1])
  t.same(jobTasks('x'), [])
  t.same(jobTasks(null), [])
})

t.test('a planned cluster: nodes in plan order, grouped by job, warnings attached', async (t) => {
  const node = (type: string, id: number) => ({ task_type: type, task_id: id, address: `${type}${id}:1` }) as ClusterPlan['nodes'][number]
  const plan = { cluster_spec: {}, nodes: [node('chief', 0), node('worker', 0), node('worker', 1)] }
  const lint = { ok: true, error: null, failed_nodes: [], warnings: [warning('/cluster/worker/1'), warning('/cluster/worker'), warning('/cluster/empty'), warning('/cluster/gone/0'), warning('/config/a')] }
  const model = planModel({ plan, refusal: null, lint, cluster: {}, evaluator: false })
  t.same(model.groups.map((group) => [group.job, group.nodes.map((n) => n.key), group.warnings.length]), [['chief', ['chief:0'], 0], ['worker', ['worker:0', 'worker:1'], 1]])
  t.same(model.nodes.map((n) => n.warnings.length), [0, 0, 1])
  t.same(model.general.map((w) => w.pointer), ['/config/a', '/cluster/empty', '/cluster/gone/0'])
  t.equal(model.refusal, null)
  t.equal(planModel({ plan, refusal: null, lint: null, cluster: {}, evaluator: false }).general.length, 0)
})

t.test('a refused cluster: the nodes as written, the failing ones with TensorFlow\'s message', async (t) => {
  const failed = [{ task_type: 'worker', task_id: 0, exception: 'ValueError', message: NO_CHIEF }]
  const refusal = { statusCode: 422, error: 'Unprocessable Entity', exception: 'ValueError', message: NO_CHIEF, failed_nodes: failed }
  const model = planModel({ plan: null, refusal, lint: null, cluster: { worker: ['w:1', 'x:1'], ps: { 0: 'p:1' } }, evaluator: true })
  t.same(model.refusal, { exception: 'ValueError', message: NO_CHIEF })
  t.same(model.nodes.map((n) => [n.key, n.address, n.refusal?.message ?? null]), [
    ['worker:0', 'w:1', NO_CHIEF], ['worker:1', 'x:1', null], ['ps:0', 'p:1', null], ['evaluator:0', null, null]
  ])
  const bare = planModel({ plan: null, refusal: { statusCode: 422, error: 'Unprocessable Entity', message: 'no task' }, lint: null, cluster: {}, evaluator: false })
  t.same([bare.refusal, bare.nodes], [{ exception: 'Unprocessable Entity', message: 'no task' }, []])
})
