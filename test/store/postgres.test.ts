import { EventEmitter, once } from 'node:events'
import t, { type Test } from 'tap'
import type { JobRow } from '../../src/coordination/store.js'
import { MIGRATIONS, StoreUnavailableError, type PostgresSettings } from '../../src/store/index.js'
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres.js'
import { TEST_POSTGRES, testPostgres } from './factories.js'
import { findPostgresBin, query } from './postgres-server.js'

// What only the PostgreSQL store has: several processes on one database (here several stores in
// one process, each with its own pool and LISTEN connection, as replicas have), an outage.

const jobRow = (job: string, changes: Partial<JobRow> = {}): JobRow => ({
  job,
  definition: { cluster: { worker: 2 }, join_timeout_secs: 600 },
  token: 'token-' + job,
  round: 1,
  state: 'gathering',
  deadline: 1_000_600_000,
  version: 1,
  created_at: 1_000_000_000,
  ...changes
})

/** A store ("replica") on `url`, closed when the test ends; its connection errors as events. */
async function replica (t: Test, url: string, settings: Partial<PostgresSettings> = {}) {
  const errors = new EventEmitter()
  const store = await openPostgresStore(url, { ...TEST_POSTGRES, ...settings }, {
    onConnectionError: (err) => errors.emit('error-reported', err)
  })
  t.teardown(() => store.close())
  return Object.assign(store, { errors }) as PostgresStore & { errors: EventEmitter }
}

/** Resolves with `version` once `store`'s subscribers of `job` are woken with it. */
function woken (store: PostgresStore, job: string, version: number): Promise<number> {
  return new Promise((resolve) => {
    const unsubscribe = store.notifier.subscribe(job, (seen) => {
      if (seen !== version) return
      unsubscribe()
      resolve(seen)
    })
  })
}

/** Until `store` reaches its database again (after an outage): readiness turns back by itself. */
async function untilAvailable (store: PostgresStore): Promise<void> {
  while (!await store.isAvailable()) await new Promise((resolve) => setTimeout(resolve, 50))
}

if (findPostgresBin() !== undefined) {
  const server = await testPostgres()

  t.test('three replicas starting at once migrate the database once', async (t) => {
    const url = await server.createDatabase(t)
    const stores = await Promise.all([replica(t, url), replica(t, url), replica(t, url)])
    t.equal(stores.length, 3)
    const applied = await query(url, 'SELECT name FROM kysely_migration ORDER BY name')
    t.same(applied, Object.keys(MIGRATIONS).map((name) => ({ name })))
    // a fourth, later: nothing left to run
    await replica(t, url)
    t.same(await query(url, 'SELECT count(*)::int AS n FROM kysely_migration'), [{ n: Object.keys(MIGRATIONS).length }])
  })

  t.test('a migration that cannot run: the store does not open, and says why', async (t) => {
    const url = await server.createDatabase(t)
    await query(url, 'CREATE TABLE jobs (x integer)')
    await t.rejects(openPostgresStore(url, TEST_POSTGRES), { code: '42P07', message: 'relation "jobs" already exists' })
  })

  t.test('a change committed on one replica wakes the subscribers of another', async (t) => {
    const url = await server.createDatabase(t)
    const [a, b] = await Promise.all([replica(t, url), replica(t, url)])
    await a.transact('j', (tx) => tx.create(jobRow('j')))
    const onB = woken(b, 'j', 2)
    const onA = woken(a, 'j', 2)
    await a.transact('j', async (tx) => {
      await tx.update({ version: 2 })
      tx.publish(2)
    })
    t.equal(await onB, 2, 'through NOTIFY')
    t.equal(await onA, 2, 'and on the replica that committed')
    const deleted = woken(a, 'j', -1)
    await b.transact('j', async (tx) => {
      await tx.delete()
      tx.publish(-1)
    })
    t.equal(await deleted, -1)
  })

  t.test('a rolled-back transaction notifies no replica', async (t) => {
    const url = await server.createDatabase(t)
    const [a, b] = await Promise.all([replica(t, url), replica(t, url)])
    await a.transact('j', (tx) => tx.create(jobRow('j')))
    const seen: number[] = []
    b.notifier.subscribe('j', (version) => seen.push(version))
    await t.rejects(a.transact('j', async (tx) => {
      await tx.update({ version: 2 })
      tx.publish(2)
      throw new Error('refused')
    }), /refused/)
    // notifications arrive in commit order: once version 3's has, version 2's would have
    const three = woken(b, 'j', 3)
    await a.transact('j', async (tx) => {
      await tx.update({ version: 3 })
      tx.publish(3)
    })
    t.equal(await three, 3)
    t.notOk(seen.includes(2), 'version 2 never reached a subscriber')
  })

  t.test('a change whose notification was lost is found by the periodic re-check', async (t) => {
    const url = await server.createDatabase(t)
    const b = await replica(t, url)
    await b.transact('j', (tx) => tx.create(jobRow('j')))
    const nine = woken(b, 'j', 9)
    // written behind the service's back: no NOTIFY at all
    await query(url, 'UPDATE jobs SET version = 9 WHERE job = \'j\'')
    t.equal(await nine, 9)
    const deleted = woken(b, 'j', -1)
    await query(url, 'DELETE FROM jobs WHERE job = \'j\'')
    t.equal(await deleted, -1, 'a job deleted meanwhile')
  })

  t.test('the LISTEN connection lost: reconnected, and what changed meanwhile is re-checked at once', async (t) => {
    const url = await server.createDatabase(t)
    // no periodic re-check in this test: only the reconnect's
    const b = await replica(t, url, { recheckMs: 3_600_000 })
    await b.transact('j', (tx) => tx.create(jobRow('j')))
    const five = woken(b, 'j', 5)
    // a change without a notification, then the connection lost: only the re-check on reconnecting can see it
    await query(url, 'UPDATE jobs SET version = 5 WHERE job = \'j\'')
    const lost = once(b.errors, 'error-reported')
    await query(url, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE \'LISTEN %\' AND datname = current_database()')
    await lost
    t.equal(await five, 5)
  })

  t.test('changes of one job on several replicas never interleave (the row lock)', async (t) => {
    const url = await server.createDatabase(t)
    // 150 transactions queue for one row lock on a loaded test machine: no connect timeout here
    const patient = { connectTimeoutMs: 120_000, statementTimeoutMs: 120_000 }
    const replicas = await Promise.all([replica(t, url, patient), replica(t, url, patient), replica(t, url, patient)])
    await replicas[0].transact('j', (tx) => tx.create(jobRow('j', { version: 0 })))
    // read, then write what was read plus one: without the lock, two would read the same version
    await Promise.all(Array.from({ length: 150 }, (_, i) => replicas[i % 3].transact('j', async (tx) => {
      const row = await tx.read()
      await tx.update({ version: (row?.version ?? 0) + 1 })
    })))
    t.equal((await replicas[1].read('j'))?.job.version, 150)
  })

  t.test('a connection cut mid-transaction: 503-able error, nothing half-written', async (t) => {
    const url = await server.createDatabase(t)
    const store = await replica(t, url)
    await store.transact('j', (tx) => tx.create(jobRow('j')))
    await t.rejects(store.transact('j', async (tx) => {
      await tx.update({ version: 2, state: 'complete' })
      await query(url, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state LIKE \'idle in transaction%\' AND datname = current_database()')
      await tx.addMember({ member: 'm', round: 1, role: 'worker', index: 0, host: 'h', port: 1, joined_at: 1 })
    }), StoreUnavailableError)
    t.same(await store.read('j'), { job: jobRow('j'), members: [] }, 'the first write was rolled back with the rest')
  })

  t.test('a statement stuck behind a lock past the statement timeout: unavailable, nothing written', async (t) => {
    const url = await server.createDatabase(t)
    const store = await replica(t, url, { statementTimeoutMs: 200 })
    await store.transact('j', (tx) => tx.create(jobRow('j')))
    const holder = await replica(t, url)
    let release!: () => void
    const held = new Promise<void>((resolve) => { release = resolve })
    let locked!: () => void
    const isLocked = new Promise<void>((resolve) => { locked = resolve })
    const holding = holder.transact('j', async () => { locked(); await held })
    await isLocked
    await t.rejects(store.transact('j', (tx) => tx.update({ version: 5 })), StoreUnavailableError)
    release()
    await holding
    t.equal((await store.read('j'))?.job.version, 1)
  })

  t.test('every connection of the pool busy past the connect timeout: unavailable', async (t) => {
    const url = await server.createDatabase(t)
    const store = await replica(t, url, { poolMax: 1, connectTimeoutMs: 500 })
    // the pool's one connection opened (a busy test machine may take longer than the timeout to open it)
    for (;;) {
      try {
        await store.transact('j', (tx) => tx.create(jobRow('j')))
        break
      } catch {}
    }
    let release!: () => void
    const held = new Promise<void>((resolve) => { release = resolve })
    let busy!: () => void
    const isBusy = new Promise<void>((resolve) => { busy = resolve })
    const holding = store.transact('j', async () => { busy(); await held })
    await isBusy
    await t.rejects(store.list(), StoreUnavailableError)
    release()
    await holding
    t.same((await store.list()).length, 1, 'served again once a connection is free')
  })

  t.test('a database outage: unavailable errors and readiness, never a crash; recovers by itself', async (t) => {
    const url = await server.createDatabase(t)
    const [a, b] = await Promise.all([replica(t, url), replica(t, url)])
    await a.transact('j', (tx) => tx.create(jobRow('j')))
    t.equal(await a.isAvailable(), true)
    const lost = once(b.errors, 'error-reported')
    server.stop()
    t.teardown(() => { try { server.start() } catch {} })
    await lost
    t.equal(await a.isAvailable(), false)
    await t.rejects(a.transact('j', (tx) => tx.update({ version: 2 })), StoreUnavailableError)
    await t.rejects(a.read('j'), StoreUnavailableError)
    await t.rejects(a.list(), StoreUnavailableError)
    await t.rejects(a.overdue(0), StoreUnavailableError)
    await t.rejects(a.leases.hostOfLease('x'), StoreUnavailableError)
    await t.rejects(a.leases.hostsWithExpired(0), StoreUnavailableError)
    await t.rejects(a.leases.hostsOfJob('j'), StoreUnavailableError)
    await t.rejects(a.leases.withHost('h', (tx) => tx.getHost('h')), StoreUnavailableError)
    server.start()
    await untilAvailable(a)
    // B's LISTEN connection is back too: a change on A wakes B
    const onB = woken(b, 'j', 2)
    await a.transact('j', async (tx) => {
      await tx.update({ version: 2 })
      tx.publish(2)
    })
    t.equal(await onB, 2)
    t.equal((await b.read('j'))?.job.version, 2)
  })
}
