import t, { type Test } from 'tap'
import { PlanPool, QueueFullError } from '../../workers/pool.js'

// The pool on a stand-in worker (fixtures/test-worker.mjs, no loader), told by each job what to do.
// Jobs that must stay running are held until the test releases them: no test depends on how long
// anything takes.

const file = new URL('fixtures/test-worker.mjs', import.meta.url)
const pool = (t: Test, options: { size?: number, maxQueuedCost?: number, idleMs?: number, jobTimeoutMs?: number } = {}) => {
  const created = new PlanPool({ file, size: 1, maxQueuedCost: 100, idleMs: 60_000, jobTimeoutMs: 600_000, execArgv: [], ...options })
  t.teardown(() => created.close())
  return created
}
const job = (text: string, cost = 1) => [{ op: 'lint' as const, text }, cost] as const
const text = (answer: { body: Uint8Array }) => new TextDecoder().decode(answer.body)

/** The test's side of the channel: when a held job runs, and its release. */
function holds (t: Test) {
  const channel = new BroadcastChannel('test-worker')
  t.teardown(() => channel.close())
  const holding = new Set<string>()
  const waiters = new Map<string, () => void>()
  channel.onmessage = (event) => {
    const name = String((event as MessageEvent).data).replace(/^holding /, '')
    holding.add(name)
    waiters.get(name)?.()
  }
  return {
    /** Resolves once the held job `name` runs on a worker. */
    running: (name: string) => new Promise<void>((resolve) => {
      if (holding.has(name)) resolve()
      else waiters.set(name, resolve)
    }),
    release: (name: string) => channel.postMessage(`release ${name}`)
  }
}

t.test('runs jobs in turn on its workers, queued beyond', async (t) => {
  const workers = pool(t, { size: 2 })
  const answers = await Promise.all(['a', 'b', 'c', 'd'].map((name) => workers.run(...job(name))))
  t.same(answers.map(text), ['a', 'b', 'c', 'd'])
  t.ok(workers.size <= 2)
})

t.test('queues work up to maxQueuedCost, and one job whatever its cost', async (t) => {
  const held = holds(t)
  const workers = pool(t, { maxQueuedCost: 10 })
  const running = workers.run(...job('hold first', 50))
  const big = workers.run(...job('big', 50))
  const refused = await workers.run(...job('refused', 1)).catch((error: unknown) => error)
  t.ok(refused instanceof QueueFullError)
  t.equal((refused as Error).message, 'the plan queue is full (1 waiting)')
  await held.running('first')
  held.release('first')
  t.same([text(await running), text(await big)], ['hold first', 'big'])
  const holding = workers.run(...job('hold second', 1))
  const fits = [workers.run(...job('six', 6)), workers.run(...job('four', 4))]
  await t.rejects(workers.run(...job('one more', 1)), QueueFullError)
  await held.running('second')
  held.release('second')
  t.same((await Promise.all([holding, ...fits])).map(text), ['hold second', 'six', 'four'])
})

t.test('drops a waiting job whose request is gone, not a running one', async (t) => {
  const held = holds(t)
  const workers = pool(t)
  const [runningGone, gone, laterGone] = [new AbortController(), new AbortController(), new AbortController()]
  const running = workers.run(...job('hold running'), runningGone.signal)
  const dropped = workers.run(...job('never'), gone.signal)
  const kept = workers.run(...job('kept'), laterGone.signal)
  gone.abort(new Error('client gone'))
  await t.rejects(dropped, { message: 'the request was gone before its turn', cause: { message: 'client gone' } })
  const again = workers.run(...job('its cost is free again', 99)) // the pool's maxQueuedCost is 100
  await held.running('running')
  runningGone.abort(new Error('too late to drop'))
  held.release('running')
  t.equal(text(await running), 'hold running')
  t.equal(text(await kept), 'kept')
  t.equal(text(await again), 'its cost is free again')
  laterGone.abort(new Error('after its answer'))
})

t.test('fails the job of a worker that exits or throws, and starts another for the queue', async (t) => {
  const workers = pool(t)
  const crashing = workers.run(...job('exit 3'))
  const throwing = workers.run(...job('throw'))
  const next = workers.run(...job('next'))
  await t.rejects(crashing, { message: 'worker exited with code: 3' })
  await t.rejects(throwing, { message: 'thrown in the worker' })
  t.equal(text(await next), 'next')
})

t.test('a job past jobTimeoutMs fails (its worker, if started, is terminated)', async (t) => {
  // the held job is never released: it ends only by the timeout, whenever that fires
  const workers = pool(t, { jobTimeoutMs: 50 })
  await t.rejects(workers.run(...job('hold forever')), { message: 'the plan worker took more than 50 ms' })
})

t.test('a worker idle for idleMs stops; the next job starts one', async (t) => {
  const workers = pool(t, { idleMs: 1 })
  t.equal(text(await workers.run(...job('first'))), 'first')
  while (workers.size > 0) await new Promise((resolve) => setTimeout(resolve, 10))
  t.equal(text(await workers.run(...job('second'))), 'second')
})

t.test('close: the running job finishes, the waiting ones fail', async (t) => {
  const held = holds(t)
  const workers = pool(t)
  const running = workers.run(...job('hold closing'))
  const waiting = workers.run(...job('waiting'))
  await held.running('closing')
  const closed = workers.close()
  await t.rejects(waiting, { name: 'AbortError' })
  held.release('closing')
  t.equal(text(await running), 'hold closing')
  await closed
  t.equal(workers.size, 0)
})
