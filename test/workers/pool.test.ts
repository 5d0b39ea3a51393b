import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { QueueFullError, WorkerPool } from '../../workers/pool.js'

// The pool on a stand-in worker (fixtures/test-worker.ts), told by each job what to do

const file = new URL('fixtures/test-worker.ts', import.meta.url)
const pool = (options: { size?: number, maxQueuedCost?: number, idleMs?: number, jobTimeoutMs?: number } = {}) => {
  const created = new WorkerPool({ file, size: 1, maxQueuedCost: 100, idleMs: 60_000, stopGraceMs: 300, jobTimeoutMs: 5_000, ...options })
  t.teardown(() => created.close())
  return created
}
const job = (text: string, cost = 1) => [{ op: 'lint' as const, text }, cost] as const
const text = (answer: { body: Uint8Array }) => new TextDecoder().decode(answer.body)

t.test('runs jobs in turn on its workers, queued beyond', async (t) => {
  const workers = pool({ size: 2 })
  const answers = await Promise.all(['sleep 50', 'a', 'b', 'c'].map((name) => workers.run(...job(name))))
  t.same(answers.map(text), ['sleep 50', 'a', 'b', 'c'])
  t.equal(workers.size, 2)
})

t.test('queues work up to maxQueuedCost, and one job whatever its cost', async (t) => {
  const workers = pool({ maxQueuedCost: 10 })
  const running = workers.run(...job('sleep 100', 50))
  const big = workers.run(...job('big', 50))
  const refused = await workers.run(...job('refused', 1)).catch((error: unknown) => error)
  t.ok(refused instanceof QueueFullError)
  t.equal((refused as Error).message, 'the plan queue is full (1 waiting)')
  t.same([text(await running), text(await big)], ['sleep 100', 'big'])
  const sleeping = workers.run(...job('sleep 100', 1))
  const fits = [workers.run(...job('six', 6)), workers.run(...job('four', 4))]
  await t.rejects(workers.run(...job('one more', 1)), QueueFullError)
  t.same((await Promise.all([sleeping, ...fits])).map(text), ['sleep 100', 'six', 'four'])
})

t.test('drops a waiting job whose request is gone, not a running one', async (t) => {
  const workers = pool()
  const running = workers.run(...job('sleep 100'))
  const [gone, later] = [new AbortController(), new AbortController()]
  const dropped = workers.run(...job('never'), gone.signal)
  const kept = workers.run(...job('kept'), later.signal)
  gone.abort(new Error('client gone'))
  await t.rejects(dropped, { message: 'the request was gone before its turn', cause: { message: 'client gone' } })
  const again = workers.run(...job('its cost is free again', 99)) // the pool's maxQueuedCost is 100
  t.equal(text(await again), 'its cost is free again')
  t.equal(text(await running), 'sleep 100')
  later.abort(new Error('too late to drop'))
  t.equal(text(await kept), 'kept')
})

t.test('fails the job of a worker that exits or throws, and starts another for the queue', async (t) => {
  const workers = pool()
  const crashing = workers.run(...job('exit 3'))
  const throwing = workers.run(...job('throw'))
  const next = workers.run(...job('next'))
  await t.rejects(crashing, { message: 'the plan worker stopped (exit code 3)' })
  await t.rejects(throwing, { message: 'thrown in the worker' })
  t.equal(text(await next), 'next')
})

t.test('a job past jobTimeoutMs fails and its worker is replaced', async (t) => {
  const workers = pool({ jobTimeoutMs: 3_000 }) // the time includes the worker's start-up (a second under tap)
  const stuck = workers.run(...job('sleep 60000'))
  const next = workers.run(...job('next'))
  await t.rejects(stuck, { message: 'the plan worker took more than 3000 ms' })
  t.equal(text(await next), 'next')
})

t.test('a worker idle for idleMs stops; the next job starts one', async (t) => {
  const workers = pool({ idleMs: 20 })
  t.equal(text(await workers.run(...job('first'))), 'first')
  t.equal(workers.size, 1)
  for (let i = 0; i < 100 && workers.size > 0; i++) await sleep(10)
  t.equal(workers.size, 0)
  t.equal(text(await workers.run(...job('second'))), 'second')
})

t.test('a job that arrives while the only worker stops waits for a new one', async (t) => {
  const workers = pool({ idleMs: 20 })
  await workers.run(...job('deaf')) // it will not stop when asked: terminated after stopGraceMs
  await sleep(100)
  t.equal(workers.size, 1)
  t.equal(text(await workers.run(...job('after'))), 'after')
})

t.test('close: the running job finishes, the waiting ones fail, no job is taken after', async (t) => {
  const workers = pool()
  const running = workers.run(...job('sleep 100'))
  const waiting = workers.run(...job('waiting'))
  const closed = workers.close()
  await t.rejects(waiting, { message: 'the worker pool is closed' })
  await t.rejects(workers.run(...job('late')), { message: 'the worker pool is closed' })
  t.equal(text(await running), 'sleep 100')
  await closed
  t.equal(workers.size, 0)
})

t.test('close terminates a worker that does not stop by itself', async (t) => {
  const workers = pool()
  await workers.run(...job('deaf'))
  const start = Date.now()
  await workers.close()
  t.equal(workers.size, 0)
  t.ok(Date.now() - start >= 250, 'after its grace')
})
