import { EventEmitter, once } from 'node:events'
import t from 'tap'
import { PgListener } from '../../src/store/pg-listener.js'
import { clientConfig, type PostgresSettings } from '../../src/store/pg-settings.js'
import { isUnavailable } from '../../src/store/unavailable.js'
import { query, startPostgres } from './postgres-server.js'

const server = await startPostgres(t)

const SETTINGS: PostgresSettings = {
  poolMax: 2,
  statementTimeoutMs: 5_000,
  connectTimeoutMs: 2_000,
  idleInTransactionMs: 10_000,
  recheckMs: 1_000,
  reconnectMs: { first: 10, last: 100 },
  retryAfterSecs: 2
}

/** A listener whose handler calls are events, and the errors it reported. */
function listen (url: string) {
  const events = new EventEmitter()
  const errors: Error[] = []
  const listener = new PgListener(clientConfig(url, SETTINGS), 'runconfig test', {
    message: (payload) => events.emit('message', payload),
    listening: () => events.emit('listening'),
    error: (err) => { errors.push(err); events.emit('error-reported', err) }
  }, SETTINGS.reconnectMs)
  return { listener, events, errors }
}

const notify = (url: string, payload: string) => query(url, `NOTIFY "runconfig test", '${payload}'`)

if (server !== undefined) {
  t.test('delivers the channel\'s notifications', async (t) => {
    const url = await server.createDatabase(t)
    const { listener, events } = listen(url)
    t.teardown(() => listener.close())
    await listener.start()
    t.equal(listener.listening, true)
    const message = once(events, 'message')
    await query(url, 'NOTIFY "another channel", \'not this\'')
    await notify(url, 'job-a:3')
    t.same(await message, ['job-a:3'])
    t.equal(await listener.ping(1_000), true, 'ping: the connection answers')
  })

  t.test('a terminated connection reconnects and listens again', async (t) => {
    const url = await server.createDatabase(t)
    const { listener, events, errors } = listen(url)
    t.teardown(() => listener.close())
    await listener.start()
    const relistened = once(events, 'listening')
    await query(url, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE \'LISTEN %\'')
    await relistened
    t.equal(errors.length, 1, 'the loss is reported once')
    t.ok(isUnavailable(errors[0]), `as an unavailable database: ${errors[0].message}`)
    const message = once(events, 'message')
    await notify(url, 'after')
    t.same(await message, ['after'])
  })

  t.test('a database outage: retries with backoff until it is back, then listens again', async (t) => {
    const url = await server.createDatabase(t)
    const { listener, events, errors } = listen(url)
    t.teardown(() => listener.close())
    await listener.start()
    const lost = once(events, 'error-reported')
    server.stop()
    await lost
    t.equal(listener.listening, false)
    t.equal(await listener.ping(1_000), false, 'ping: not connected')
    // a few reconnects fail while the server is down
    while (errors.length < 3) await once(events, 'error-reported')
    t.ok(errors.every(isUnavailable), 'each failure is an unavailable database')
    const back = once(events, 'listening')
    server.start()
    await back
    const message = once(events, 'message')
    await notify(url, 'back')
    t.same(await message, ['back'])
  })

  t.test('a connection that fails its ping is dropped and replaced', async (t) => {
    const url = await server.createDatabase(t)
    const { listener, events, errors } = listen(url)
    t.teardown(() => listener.close())
    await listener.start()
    const [{ pid }] = (await query(url, 'SELECT pid FROM pg_stat_activity WHERE query LIKE \'LISTEN %\'')) as Array<{ pid: number }>
    t.equal(await listener.ping(5_000), true)
    // the LISTEN session's server process is frozen: the ping's round trip cannot come back
    process.kill(pid, 'SIGSTOP')
    const resume = () => { try { process.kill(pid, 'SIGCONT') } catch {} }
    t.teardown(resume)
    const relistened = once(events, 'listening')
    t.equal(await listener.ping(200), false, 'a ping past its timeout fails')
    resume()
    await relistened
    t.equal(errors.length, 1, 'reported once')
    const message = once(events, 'message')
    await notify(url, 'replaced')
    t.same(await message, ['replaced'])
  })

  t.test('close stops listening and reconnecting', async (t) => {
    const url = await server.createDatabase(t)
    const { listener, events } = listen(url)
    await listener.start()
    await listener.close()
    t.equal(listener.listening, false)
    let heard = 0
    events.on('message', () => heard++)
    events.on('listening', () => heard++)
    await notify(url, 'unheard')
    await listener.close()
    t.equal(heard, 0)
  })

  t.test('closed while connecting: the connection is ended once LISTEN is in place', async (t) => {
    const url = await server.createDatabase(t)
    const { listener, events } = listen(url)
    let listened = 0
    events.on('listening', () => listened++)
    const started = listener.start()
    await listener.close()
    await started
    t.equal(listener.listening, false)
    t.equal(listened, 0)
  })
}
