import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { MAX_PLAN_TASKS, MAX_PLAN_TASKS_WITH_INCLUDE, SEED_CLUSTER, SEED_PLAN } from '../../src/schemas.js'
import { build, seededRandom } from '../helper.js'

type Cluster = Record<string, string[] | Record<string, string>>
interface Task { type: string, index: number, address: string | null }

/** The tasks a plan lists, worked out independently: chief/master first, other jobs sorted, ps last. */
function expectedTasks (cluster: Cluster, evaluator: boolean): Task[] {
  const chief = 'master' in cluster ? 'master' : 'chief'
  const others = Object.keys(cluster).filter((job) => job !== chief && job !== 'ps').sort()
  const jobs = [...(chief in cluster ? [chief] : []), ...others, ...('ps' in cluster ? ['ps'] : [])]
  const tasks = jobs.flatMap((type) => {
    const job = cluster[type]
    const entries = Array.isArray(job) ? job.map((address, index) => [index, address] as const) : Object.entries(job).map(([key, address]) => [Number(key), address] as const)
    return entries.sort((a, b) => a[0] - b[0]).map(([index, address]) => ({ type, index, address }))
  })
  return evaluator ? [...tasks, { type: 'evaluator', index: 0, address: null }] : tasks
}

function generateRequest (random: ReturnType<typeof seededRandom>, round: number) {
  const addresses = (job: string, n: number) => Array.from({ length: n }, (_, i) => `${job}${i}.example:2222`)
  const sparse = (job: string, max: number) => {
    const indices = Array.from({ length: max }, (_, i) => i).filter(() => random.chance(0.5))
    return Object.fromEntries(indices.map((i) => [String(i), `${job}${i}.example:2222`]))
  }
  const cluster: Cluster = {}
  const kind = ['dense', 'sparse', 'master', 'evaluator', 'odd'][round % 5]
  if (kind === 'master') cluster.master = addresses('master', 1)
  else if (kind !== 'odd' || random.chance(0.5)) cluster.chief = addresses('chief', kind === 'odd' ? random.below(3) : 1)
  cluster.worker = kind === 'sparse' ? sparse('worker', 8) : addresses('worker', random.below(kind === 'odd' ? 3 : 14))
  if (random.chance(0.8)) cluster.ps = kind === 'sparse' && random.chance(0.5) ? sparse('ps', 4) : addresses('ps', 1 + random.below(3))
  if (random.chance(0.2)) cluster.aux = addresses('aux', 1 + random.below(2))
  const tfConfig = random.pick([{}, { environment: 'google' }, { session_master: 'grpc://m:1' }, { eval_session_master: 'e:1', service: {} }, { model_dir: '/m' }])
  const config = random.pick([{}, { experimental_max_worker_delay_secs: 12 }, { session_config: {} }, { save_checkpoints_steps: 10 },
    { train_distribute: { strategy: 'MultiWorkerMirroredStrategy' } }, { train_distribute: { strategy: 'MirroredStrategy' } }])
  return { cluster, tf_config: tfConfig, config, evaluator: kind === 'evaluator' || random.chance(0.2) }
}

async function plan (app: FastifyInstance, payload: object, accept = 'application/json', url = '/v1/cluster-plan') {
  const res = await app.inject({ method: 'POST', url, headers: { accept }, payload })
  return { status: res.statusCode, headers: res.headers, body: res.body }
}

const SAME_AS_RUN_CONFIG = ['global_id_in_cluster', 'is_chief', 'master', 'evaluation_master', 'num_ps_replicas', 'num_worker_replicas', 'session_config']
const pick = (object: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((key) => [key, object[key]]))

t.test('POST /v1/cluster-plan', async (t) => {
  const app = await build(t)

  t.test('plans the seed cluster', async (t) => {
    const { status, body } = await plan(app, { cluster: SEED_CLUSTER })
    t.equal(status, 200)
    t.same(JSON.parse(body), SEED_PLAN)
  })

  t.test('every node is what POST /v1/run-config answers for its TF_CONFIG', async (t) => {
    const random = seededRandom(20240521)
    let planned = 0
    let failed = 0
    for (let round = 0; round < 60; round++) {
      const request = generateRequest(random, round)
      const tasks = expectedTasks(request.cluster, request.evaluator)
      const singles: Array<{ task: Task, tfConfig: object, status: number, body: Record<string, any> }> = []
      for (const task of tasks) {
        const tfConfig = { cluster: request.cluster, task: { type: task.type, index: task.index }, ...request.tf_config }
        const res = await app.inject({ method: 'POST', url: '/v1/run-config', payload: { tf_config: tfConfig, config: request.config } })
        singles.push({ task, tfConfig, status: res.statusCode, body: res.json() })
      }
      const { status, body } = await plan(app, { ...request, include: ['tf_config', 'run_config'] })
      const answer = JSON.parse(body)
      const failures = singles.filter((single) => single.status !== 200)
      if (failures.length > 0) {
        failed++
        t.equal(status, 422, JSON.stringify(request))
        t.same(answer.failed_nodes, failures.map(({ task, body }) => ({ task_type: task.type, task_id: task.index, exception: body.exception, message: body.message })))
        t.same({ exception: answer.exception, message: answer.message }, { exception: answer.failed_nodes[0].exception, message: answer.failed_nodes[0].message })
        continue
      }
      planned++
      t.equal(status, 200, JSON.stringify(request))
      t.equal(answer.nodes.length, tasks.length)
      answer.nodes.forEach((node: Record<string, unknown>, i: number) => {
        const { task, tfConfig, body: single } = singles[i]
        t.same({ task_type: node.task_type, task_id: node.task_id, address: node.address }, { task_type: task.type, task_id: task.index, address: task.address })
        t.strictSame(pick(node, SAME_AS_RUN_CONFIG), pick(single.run_config, SAME_AS_RUN_CONFIG))
        t.equal(node.start_delay_secs, single.start_delay_secs)
        t.strictSame(node.run_config, single.run_config)
        t.same(JSON.parse(node.tf_config as string), tfConfig, 'its TF_CONFIG text')
      })
      const member = singles.find((single) => single.task.type !== 'evaluator')
      if (member !== undefined) t.strictSame(answer.cluster_spec, member.body.run_config.cluster_spec, 'cluster_spec')
    }
    t.ok(planned >= 20 && failed >= 5, `both outcomes: ${planned} planned, ${failed} failing`)
  })

  t.test('a cluster with an empty job fails on the nodes that count it', async (t) => {
    const { status, body } = await plan(app, { cluster: { chief: ['c:1'], worker: [], ps: ['p:1'] } })
    t.equal(status, 422)
    t.same(JSON.parse(body), {
      statusCode: 422,
      error: 'Unprocessable Entity',
      exception: 'ValueError',
      message: 'max() arg is an empty sequence',
      failed_nodes: [{ task_type: 'ps', task_id: 0, exception: 'ValueError', message: 'max() arg is an empty sequence' }]
    })
  })

  t.test('a cluster without a chief fails on every node', async (t) => {
    const message = 'If "cluster" is set in TF_CONFIG, it must have one "chief" node.'
    const { status, body } = await plan(app, { cluster: { worker: ['w:1', 'w:2'], ps: ['p:1'] } })
    t.equal(status, 422)
    t.same(JSON.parse(body).failed_nodes, [
      { task_type: 'worker', task_id: 0, exception: 'ValueError', message },
      { task_type: 'worker', task_id: 1, exception: 'ValueError', message },
      { task_type: 'ps', task_id: 0, exception: 'ValueError', message }
    ])
  })

  t.test('a cluster that names no task fails with no failed node', async (t) => {
    const { status, body } = await plan(app, { cluster: { worker: { a: 'w:1' } } })
    t.equal(status, 422)
    t.same(JSON.parse(body), {
      statusCode: 422,
      error: 'Unprocessable Entity',
      exception: 'ValueError',
      message: "invalid literal for int() with base 10: 'a'",
      failed_nodes: []
    })
  })

  t.test('include adds only what it names', async (t) => {
    const { body } = await plan(app, { cluster: SEED_CLUSTER, include: ['tf_config'] })
    const node = JSON.parse(body).nodes[2]
    t.same(node, { ...SEED_PLAN.nodes[2], tf_config: '{"cluster":' + JSON.stringify(SEED_CLUSTER) + ',"task":{"type":"worker","index":1}}' })
  })

  t.test('POST /v1/cluster-plan/exports?format=ndjson streams the same nodes, one per line', async (t) => {
    const random = seededRandom(7)
    for (let round = 0; round < 10; round++) {
      const request = { ...generateRequest(random, round * 5), include: random.chance(0.5) ? ['tf_config' as const] : [] }
      const json = await plan(app, request)
      if (json.status !== 200) continue
      const ndjson = await plan(app, request, undefined, '/v1/cluster-plan/exports?format=ndjson')
      t.equal(ndjson.status, 200)
      t.equal(ndjson.headers['content-type'], 'application/x-ndjson')
      t.ok(ndjson.body.endsWith('\n'))
      t.strictSame(ndjson.body.trimEnd().split('\n').map((line) => JSON.parse(line)), JSON.parse(json.body).nodes)
    }
    const big = await plan(app, { cluster: { chief: ['c:1'], worker: Array.from({ length: 600 }, (_, i) => `w${i}:1`) } }, undefined, '/v1/cluster-plan/exports?format=ndjson')
    t.equal(big.body.split('\n').length, 602, 'more lines than one write holds, and the final newline')
  })

  t.test(`more than ${MAX_PLAN_TASKS} tasks is a 413 naming the limit`, async (t) => {
    const worker = Array.from({ length: MAX_PLAN_TASKS }, (_, i) => `w${i}:1`)
    const { status, body } = await plan(app, { cluster: { chief: ['c:1'], worker: Object.fromEntries(worker.map((w, i) => [i, w])) } })
    t.equal(status, 413)
    t.same(JSON.parse(body), {
      statusCode: 413,
      code: 'CLUSTER_TOO_LARGE',
      error: 'Payload Too Large',
      message: `body/cluster has ${MAX_PLAN_TASKS + 1} tasks; a plan covers at most ${MAX_PLAN_TASKS}. Instead: run the CLI, which has no limit: runconfig plan FILE`
    })
  })

  t.test(`with include, ${MAX_PLAN_TASKS_WITH_INCLUDE} tasks are planned and one more is a 413`, async (t) => {
    const worker = Array.from({ length: MAX_PLAN_TASKS_WITH_INCLUDE - 1 }, (_, i) => `w${i}:1`)
    const atLimit = await plan(app, { cluster: { chief: ['c:1'], worker }, include: ['run_config'] })
    t.equal(atLimit.status, 200)
    t.equal(JSON.parse(atLimit.body).nodes.length, MAX_PLAN_TASKS_WITH_INCLUDE)
    const over = await plan(app, { cluster: { chief: ['c:1'], worker: [...worker, 'x:1'] }, include: ['run_config'] })
    t.equal(over.status, 413)
    t.equal(JSON.parse(over.body).message, `body/cluster has ${MAX_PLAN_TASKS_WITH_INCLUDE + 1} tasks; a plan with include covers at most ` +
      `${MAX_PLAN_TASKS_WITH_INCLUDE} (each node then carries the whole cluster). Instead: leave include out; ask one node's with ` +
      'POST /v1/cluster-plan/exports?format=ndjson&task=TYPE:INDEX; or run the CLI, which has no limit: runconfig plan FILE')
  })
})
