import { Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { LeaseStore } from '../coordination/lease-store.js'
import type { JobTx, Store } from '../coordination/store.js'
import type { Database } from './database.js'
import { jobTx, listJobs, overdueJobs, readSnapshot, type HostLock } from './job-queries.js'
import { createLeaseStore } from './lease-queries.js'
import { migrationProvider } from './migrations/index.js'
import { JOBS_CHANNEL, jobPayload, parseJobPayload, VersionNotifier } from './pg-notifier.js'
import { PgListener } from './pg-listener.js'
import { clientConfig, poolConfig, type PostgresSettings } from './pg-settings.js'
import { detectStaleConnections, isStaleConnectionError } from './pg-stale.js'
import { asStoreError } from './unavailable.js'

export interface PostgresHooks {
  /** A connection failed or was lost (the pool's idle ones, the LISTEN one); the store recovers by itself. */
  onConnectionError?: (err: Error) => void
}

/**
 * Opens the PostgreSQL store at `url`: runs the migrations (kysely's Migrator holds a session
 * advisory lock meanwhile, so replicas starting together run each migration once), then listens
 * for other replicas' changes.
 */
export async function openPostgresStore (url: string, settings: PostgresSettings, hooks: PostgresHooks = {}): Promise<PostgresStore> {
  await migrate(url, settings)
  const pool = new pg.Pool(poolConfig(url, settings))
  // a connection that breaks is discarded by the pool, but node-postgres also emits 'error' on it: on
  // an idle one through the pool, on one lent out (between two statements of a transaction) on the
  // client itself, where no listener would make it an uncaught exception that ends the process
  pool.on('error', (err) => hooks.onConnectionError?.(err))
  pool.on('connect', (client) => client.on('error', () => {}))
  detectStaleConnections(pool)
  const store = new PostgresStore(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), url, settings, hooks)
  await store.listen()
  return store
}

/** The migrations, on a connection of their own without the statement timeout: waiting for another replica's migration is normal. */
async function migrate (url: string, settings: PostgresSettings): Promise<void> {
  const pool = new pg.Pool({ ...poolConfig(url, settings), max: 1, statement_timeout: undefined })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  try {
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest()
    if (error !== undefined) throw asStoreError(error, settings.retryAfterSecs)
  } finally {
    await db.destroy()
  }
}

/**
 * A host's lease lock, on every replica: its fencing counter, free intervals and rows change under
 * it. A transaction-level advisory lock, so it is taken also for a host not yet in lease_hosts.
 * Taken alone (withHost) or after a job's row lock (a join, a deletion), never the other way round.
 */
const lockHost: HostLock = async (trx, host) => {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${'lease-host:' + host}, 0))`.execute(trx)
}

/**
 * Several replicas on one database. A change of a job runs in a transaction that first locks the
 * job's row (SELECT … FOR UPDATE), so changes of one job queue up in PostgreSQL while other jobs
 * proceed; its NOTIFY is sent by the commit itself. Each replica LISTENs on a dedicated connection
 * and re-checks the jobs it has waiters on every `recheckMs`, for notifications lost while that
 * connection was down. Every failure to reach the database surfaces as StoreUnavailableError.
 */
export class PostgresStore implements Store {
  readonly notifier = new VersionNotifier()
  readonly db: Kysely<Database>
  readonly leases: LeaseStore
  readonly #settings: PostgresSettings
  readonly #listener: PgListener
  #recheckTimer: NodeJS.Timeout | undefined
  #closed = false

  constructor (db: Kysely<Database>, url: string, settings: PostgresSettings, hooks: PostgresHooks) {
    this.db = db
    this.#settings = settings
    const leases = createLeaseStore(db, async (host, fn) => await this.#guard(() => db.transaction().execute(async (trx) => {
      await lockHost(trx, host)
      return await fn(trx)
    })))
    // the reads outside a host's lock fail as unavailable too (503), never as a 500, and retry a stale connection
    this.leases = {
      withHost: leases.withHost,
      hostOfLease: async (id) => await this.#guard(() => leases.hostOfLease(id)),
      hostsWithExpired: async (now) => await this.#guard(() => leases.hostsWithExpired(now)),
      hostsOfJob: async (job) => await this.#guard(() => leases.hostsOfJob(job))
    }
    this.#listener = new PgListener(clientConfig(url, settings), JOBS_CHANNEL, {
      message: (payload) => {
        const change = parseJobPayload(payload)
        if (change !== undefined) this.notifier.notify(change.job, change.version)
      },
      // anything may have changed while not listening
      listening: () => { this.recheck().catch(() => {}) },
      error: (err) => hooks.onConnectionError?.(err)
    }, settings.reconnectMs)
  }

  /** Starts the LISTEN connection and the periodic re-check. */
  async listen (): Promise<void> {
    await this.#listener.start()
    this.#scheduleRecheck()
  }

  async transact<T> (job: string, fn: (tx: JobTx) => Promise<T>): Promise<T> {
    const published: number[] = []
    const result = await this.#guard(() => this.db.transaction().execute(async (trx) => {
      // the job's row stays locked until commit: every change of this job waits here for the one before
      await sql`SELECT 1 FROM jobs WHERE job = ${job} FOR UPDATE`.execute(trx)
      // a join or a deletion that leases or releases ports takes a host's lock after this one (never before)
      const result = await fn(jobTx(trx, job, published, lockHost))
      // delivered to every LISTENing replica when (and only if) the transaction commits
      for (const version of published) await sql`SELECT pg_notify(${JOBS_CHANNEL}, ${jobPayload(job, version)})`.execute(trx)
      return result
    }))
    // this replica's waiters need not wait for the notification's round trip
    for (const version of published) this.notifier.notify(job, version)
    return result
  }

  async read (job: string) {
    // the job and its members from one snapshot, whatever commits between the two statements
    return await this.#guard(() => this.db.transaction().setIsolationLevel('repeatable read').execute((trx) => readSnapshot(trx, job)))
  }

  async list () {
    return await this.#guard(() => listJobs(this.db))
  }

  async overdue (now: number) {
    return await this.#guard(() => overdueJobs(this.db, now))
  }

  /** Whether the database answers now (readiness). */
  async isAvailable (): Promise<boolean> {
    try {
      await this.#retryStale(() => sql`SELECT 1`.execute(this.db))
      return true
    } catch {
      return false
    }
  }

  /** Re-reads the version of every job this replica has waiters on, and wakes those that changed. */
  async recheck (): Promise<void> {
    const jobs = this.notifier.watched()
    if (jobs.length === 0) return
    const rows = await this.db.selectFrom('jobs').select(['job', 'version']).where('job', 'in', jobs).execute()
    const versions = new Map(rows.map((row) => [row.job, Number(row.version)]))
    for (const job of jobs) this.notifier.notify(job, versions.get(job) ?? -1)
  }

  async close (): Promise<void> {
    this.#closed = true
    clearTimeout(this.#recheckTimer)
    await this.#listener.close()
    await this.db.destroy()
  }

  /** The next re-check recheckMs after this one ends: a slow database never piles them up. */
  #scheduleRecheck (): void {
    this.#recheckTimer = setTimeout(() => {
      // the LISTEN connection answers, or is replaced (its reconnect re-checks too)
      this.#listener.ping(this.#settings.connectTimeoutMs)
        .then(() => this.recheck())
        // the database is unavailable: the listener reports it and the next round tries again
        .catch(() => {})
        .finally(() => { if (!this.#closed) this.#scheduleRecheck() })
    }, this.#settings.recheckMs).unref()
  }

  /** fn, every failure to reach the database as StoreUnavailableError. */
  async #guard<T> (fn: () => Promise<T>): Promise<T> {
    try {
      return await this.#retryStale(fn)
    } catch (err) {
      throw asStoreError(err, this.#settings.retryAfterSecs)
    }
  }

  /**
   * fn, again while its first statement finds its pooled connection dead (pg-stale.ts): nothing of
   * fn ran — its first statement is a BEGIN or a read — and pg-pool has discarded that connection,
   * so after at most poolMax of them the pool opens a new one. The first request after the
   * database's host returns is answered, not refused for the connections the outage left behind.
   */
  async #retryStale<T> (fn: () => Promise<T>): Promise<T> {
    for (let stale = 0; ; stale++) {
      try {
        return await fn()
      } catch (err) {
        if (!isStaleConnectionError(err) || stale >= this.#settings.poolMax) throw err
      }
    }
  }
}
