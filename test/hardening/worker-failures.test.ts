import t from 'tap'
import { workerFile } from '../../plugins/plan-workers.js'
import { PlanPool } from '../../workers/pool.js'
import planTask, { wake } from '../../workers/plan.js'
import { transferableSymbol, valueSymbol } from 'piscina'
import { SEED_CLUSTER } from '../../src/schemas.js'
import { runJob } from '../../workers/plan-job.js'
import { assertRefusal, bigCluster, buildWith } from './helper.js'

// A plan worker's failures stay its request's: 503 when the queue is full, 500 when it dies.

t.test('a full queue is a 503 with Retry-After', async (t) => {
  const app = await buildWith(t, { planWorkers: { inProcessMaxCost: -1, maxQueuedCost: 30_000 } })
  const payload = JSON.stringify({ cluster: bigCluster(20_000) })
  const answers = await Promise.all([0, 1, 2].map(() => app.inject({ method: 'POST', url: '/v1/cluster-plan', headers: { 'content-type': 'application/json' }, payload })))
  t.same(answers.map((res) => res.statusCode), [200, 200, 503], 'one running, one waiting, one refused')
  assertRefusal(t, answers[2], 503, { code: 'PLAN_QUEUE_FULL', message: 'the plan queue is full (1 waiting); retry later' })
  t.equal(answers[2].headers['retry-after'], '5')
})

t.test('a worker that runs out of memory fails its request alone; the next gets a new worker', async (t) => {
  const logs: Array<Record<string, unknown>> = []
  const app = await buildWith(t, {
    planWorkers: { inProcessMaxCost: -1, maxOldGenerationSizeMb: 160 },
    logger: { level: 'error', stream: { write: (line: string) => logs.push(JSON.parse(line)) } }
  })
  // 1,000 nodes, each with the whole cluster of 120-character addresses twice: 245 MB of JSON, 450 MB of heap
  const cluster = { chief: ['c'.repeat(120)], worker: Array.from({ length: 999 }, (_, i) => `${'w'.repeat(114)}-${String(i).padStart(3, '0')}:1`) }
  const res = await app.inject({ method: 'POST', url: '/v1/cluster-plan', payload: { cluster, include: ['tf_config', 'run_config'] } })
  t.same(res.json(), { statusCode: 500, error: 'Internal Server Error', message: 'Internal Server Error' })
  t.match(logs[0], { msg: 'unhandled error', err: { code: 'ERR_WORKER_OUT_OF_MEMORY' } })
  t.equal((await app.inject({ method: 'POST', url: '/v1/cluster-plan', payload: { cluster: SEED_CLUSTER } })).statusCode, 200)
})

t.test('a job the event loop did not validate fails as a plain error, in the worker too', async (t) => {
  t.throws(() => runJob({ op: 'plan', text: '{', format: 'json' }), SyntaxError)
  t.throws(() => runJob({ op: 'plan', text: 'null', format: 'json' }), TypeError)
  const pool = new PlanPool({ file: workerFile(new URL('../../plugins/plan-workers.ts', import.meta.url).href), size: 1, maxQueuedCost: 1, idleMs: 60_000, jobTimeoutMs: 600_000 })
  t.teardown(() => pool.close())
  await t.rejects(pool.run({ op: 'lint', text: '{' }, 1), { name: 'Error', message: /JSON/ })
})

t.test('the worker\'s task: the job\'s answer, its body to be moved; wake does nothing', async (t) => {
  const job = { op: 'lint' as const, text: JSON.stringify({ cluster: SEED_CLUSTER }) }
  const moved = planTask(job) as unknown as Record<symbol, unknown>
  const answer = runJob(job)
  t.same(moved[valueSymbol], answer)
  t.same(moved[transferableSymbol], answer.body.buffer)
  t.equal(wake(), undefined)
})

t.test('workerFile: the source or the build', async (t) => {
  t.equal(workerFile('file:///app/dist/plugins/plan-workers.js').href, 'file:///app/dist/workers/plan.js')
  t.equal(workerFile('file:///app/plugins/plan-workers.ts').href, 'file:///app/workers/plan.ts')
})
