import t from 'tap'
import { workerEntry } from '../../plugins/plan-workers.js'
import { WorkerPool } from '../../workers/pool.js'
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
  const pool = new WorkerPool({ file: workerEntry(new URL('../../plugins/plan-workers.ts', import.meta.url).href, process.execArgv), size: 1, maxQueuedCost: 1, idleMs: 60_000, jobTimeoutMs: 60_000 })
  t.teardown(() => pool.close())
  await t.rejects(pool.run({ op: 'lint', text: '{' }, 1), { name: 'Error', message: /JSON/ })
})

t.test('workers/plan.ts runs only as a worker thread', async (t) => {
  await t.rejects(import('../../workers/plan.js'), { message: 'workers/plan.ts runs as a worker thread' })
})

t.test('workerEntry: the source or the build, and a tsx bootstrap where tsx cannot register itself', async (t) => {
  const dist = 'file:///app/dist/plugins/plan-workers.js'
  const source = 'file:///app/plugins/plan-workers.ts'
  t.equal(workerEntry(dist, ['--import', 'tsx']).href, 'file:///app/dist/workers/plan.js')
  t.equal(workerEntry(source, ['--import=@tapjs/typescript'], false).href, 'file:///app/workers/plan.ts')
  t.equal(workerEntry(source, ['--import', 'tsx'], true).href, 'file:///app/workers/plan.ts')
  const bootstrap = workerEntry(source, ['--import', 'tsx'], false)
  t.equal(bootstrap.protocol, 'data:')
  t.match(decodeURIComponent(bootstrap.pathname), /register\(\); await import\("file:\/\/\/app\/workers\/plan\.ts"\)$/)
})
