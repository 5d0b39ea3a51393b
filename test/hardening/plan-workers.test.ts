import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { SEED_CLUSTER } from '../../src/schemas.js'
import { bigCluster, buildWith } from './helper.js'

// Large plans and lints run on worker threads, with exactly the answers the event loop would give.
// One app per kind: a worker's start-up under tap's TypeScript loader takes seconds.

async function answer (app: FastifyInstance, url: string, payload: object | string, accept?: string) {
  const headers = { 'content-type': 'application/json', ...(accept === undefined ? {} : { accept }) }
  const res = await app.inject({ method: 'POST', url, payload: typeof payload === 'string' ? payload : JSON.stringify(payload), headers })
  return { statusCode: res.statusCode, type: res.headers['content-type'], vary: res.headers.vary, body: res.body }
}

t.test('plan workers', async (t) => {
  const logs: Array<Record<string, unknown>> = []
  const logger = { level: 'info', stream: { write: (line: string) => logs.push(JSON.parse(line)) } }
  // every plan to the worker (no overload checks: TEST_LIMITS)
  const worker = await buildWith(t, { planWorkers: { inProcessMaxCost: -1 }, logger })
  const local = await buildWith(t, { planWorkers: { size: 0 } }) // every plan on the event loop

  t.test('a worker answers exactly what the event loop answers', async (t) => {
    const sparse = { chief: ['c:1'], worker: { 7: 'w7:1', 0: 'w0:1' }, ps: ['p:1'] }
    const requests: Array<[string, object | string, string?]> = [
      ['/v1/cluster-plan', { cluster: SEED_CLUSTER }],
      ['/v1/cluster-plan', { cluster: SEED_CLUSTER, evaluator: true, include: ['tf_config', 'run_config'], tf_config: { environment: 'cloud' } }],
      ['/v1/cluster-plan', { cluster: sparse, include: ['tf_config'] }],
      // the key order of the text: Python assigns -1 (the last slot) first, then 0 (the same slot)
      ['/v1/cluster-plan', '{"cluster": {"chief": ["c:1"], "worker": {"-1": "wm:1", "0": "w0:1"}}, "include": ["tf_config"]}'],
      ['/v1/cluster-plan', { cluster: { worker: ['w:1', 'w:2'], ps: ['p:1'] } }], // 422, every node failing
      ['/v1/cluster-plan', { cluster: { chief: [] } }], // 422 naming no node
      ['/v1/cluster-plan', { cluster: SEED_CLUSTER, config: { protocol: 'http' } }], // 422 from the arguments
      ['/v1/cluster-plan', { cluster: sparse }, 'application/x-ndjson'], // 406
      ['/v1/cluster-plan/exports?format=ndjson', { cluster: SEED_CLUSTER }],
      ['/v1/cluster-plan/exports?format=ndjson', { cluster: sparse, include: ['tf_config', 'run_config'] }],
      // the whole plan's texts: the worker plans, the event loop streams them
      ['/v1/cluster-plan/exports?format=shell', { cluster: sparse, tf_config: { environment: 'cloud' } }],
      ['/v1/cluster-plan/exports?format=dotenv', { cluster: SEED_CLUSTER }],
      ['/v1/cluster-plan/exports?format=dotenv', { cluster: { chief: ['c:1'], worker: ['it\'s "x":1'] } }], // 406: no dotenv form holds the master
      ['/v1/cluster-plan/exports?format=dotenv&task=worker:0', { cluster: { chief: ['c:1'], worker: ['it\'s "x":1'] } }], // 406
      ['/v1/cluster-plan/exports?format=kubernetes', { cluster: SEED_CLUSTER, evaluator: true }],
      ['/v1/cluster-plan/exports?format=shell', { cluster: { worker: ['w:1'] } }], // 422
      // one node: the worker renders it
      ['/v1/cluster-plan/exports?format=shell&task=worker:7', { cluster: sparse, tf_config: { environment: 'cloud' } }],
      ['/v1/cluster-plan/exports?format=ndjson&task=evaluator:0', { cluster: SEED_CLUSTER, evaluator: true, include: ['run_config'] }],
      ['/v1/cluster-plan/exports?format=kubernetes&task=worker:3', { cluster: SEED_CLUSTER }], // 400, no such task
      ['/v1/cluster-plan/exports?format=kubernetes&task=ps:0', { cluster: { chief: ['c:1'], ps: ['p:1'], worker: ['w:1'] } }],
      ['/v1/cluster-plan/lint', { cluster: SEED_CLUSTER }],
      ['/v1/cluster-plan/lint', { cluster: { worker: ['w:1', 'w:1'], ps: [] } }]
    ]
    for (const [url, payload, accept] of requests) {
      t.same(await answer(worker, url, payload, accept), await answer(local, url, payload, accept), `${url} ${JSON.stringify(payload)} ${accept ?? ''}`)
    }
    for (const url of ['/v1/cluster-plan/exports?format=dotenv', '/v1/cluster-plan/exports?format=dotenv&task=worker:0']) {
      const refused = await answer(worker, url, { cluster: { chief: ['c:1'], worker: ['it\'s "x":1'] } })
      t.strictSame([refused.statusCode, JSON.parse(refused.body).code], [406, 'NOT_REPRESENTABLE'], url)
    }
  })

  t.test('a 100,000-task plan and lint go to the worker and come back whole', async (t) => {
    const cluster = bigCluster(100_000)
    logs.length = 0
    const res = await worker.inject({ method: 'POST', url: '/v1/cluster-plan', payload: { cluster } })
    t.equal(res.statusCode, 200)
    const plan = res.json()
    t.equal(plan.nodes.length, 100_000)
    t.match(plan.nodes[99_999], { task_type: 'ps', task_id: 999, address: cluster.ps[999] })
    t.match(logs.find((line) => line.msg === 'planned cluster'), { nodes: 100_000, worker: true })
    const lint = await worker.inject({ method: 'POST', url: '/v1/cluster-plan/lint', payload: { cluster } })
    t.same([lint.statusCode, lint.json().ok], [200, true])
    t.match(logs.find((line) => line.msg === 'linted cluster'), { ok: true, failed: 0, worker: true })
  })

  t.test('while the worker plans 100,000 tasks, the event loop answers other requests', async (t) => {
    let planned = false
    const plan = worker.inject({ method: 'POST', url: '/v1/cluster-plan', payload: { cluster: bigCluster(100_000) } })
      .then((res) => { planned = true; return res })
    let answered = 0
    for (let i = 0; i < 1_000; i++) {
      const res = await worker.inject({ method: 'GET', url: '/healthz' })
      if (planned) break
      if (res.statusCode === 200) answered++
    }
    t.equal((await plan).statusCode, 200)
    t.ok(answered >= 5, `${answered} /healthz answers while it planned`)
  })
})

t.test('by default, small requests stay on the event loop and large ones go to a worker', async (t) => {
  const logs: Array<Record<string, unknown>> = []
  const app = await buildWith(t, { logger: { level: 'info', stream: { write: (line: string) => logs.push(JSON.parse(line)) } } })
  for (const [cluster, include] of [[bigCluster(1_000), []], [bigCluster(100), ['tf_config']], [bigCluster(1_001), []]] as const) {
    const res = await app.inject({ method: 'POST', url: '/v1/cluster-plan', payload: { cluster, include } })
    t.equal(res.statusCode, 200)
  }
  t.same(logs.filter((line) => line.msg === 'planned cluster').map((line) => [line.nodes, line.worker]), [[1_000, undefined], [100, undefined], [1_001, true]])
})
