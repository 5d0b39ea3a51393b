import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely'
import { Notifier } from '../coordination/notifier.js'
import type { LeaseStore } from '../coordination/lease-store.js'
import type { Store } from '../coordination/store.js'
import type { Database } from './database.js'
import { jobTx, listJobs, overdueJobs, readSnapshot } from './job-queries.js'
import { createLeaseStore } from './lease-queries.js'
import { migrationProvider } from './migrations/index.js'

/** SQLite through better-sqlite3: `path` is a file (its folder is created) or `:memory:`. */
export async function openSqliteStore (path: string): Promise<SqliteStore> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const connection = new SqliteDatabase(path)
  // WAL: readers never block the writer. synchronous NORMAL: a commit is in the WAL file (the
  // operating system's cache) before its answer is sent, so it survives kill -9 of the service
  // (C.1); only a crash of the machine itself may lose the last commits. FULL would also survive
  // that, at one fsync per commit: measured 57 commits/s here, against thousands with NORMAL.
  connection.pragma('journal_mode = WAL')
  connection.pragma('synchronous = NORMAL')
  connection.pragma('foreign_keys = ON')
  // another process on the same file (a restart that overlaps, the CLI): wait for its lock, do not fail
  connection.pragma('busy_timeout = 5000')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) })
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest()
  if (error !== undefined) {
    await db.destroy()
    throw error
  }
  return new SqliteStore(db)
}

/**
 * One connection, which kysely's SQLite driver hands to one caller at a time: a transaction holds
 * it from BEGIN IMMEDIATE to COMMIT, so changes never interleave, and the write lock is taken at
 * the start rather than on the first write (no SQLITE_BUSY upgrade failure mid-transaction).
 */
export class SqliteStore implements Store {
  readonly notifier = new Notifier()
  /** The query layer; the leases' store (src/store) shares this connection and its transactions. */
  readonly db: Kysely<Database>

  /** Port leases: one BEGIN IMMEDIATE transaction excludes every other writer, whatever the host. */
  readonly leases: LeaseStore

  constructor (db: Kysely<Database>) {
    this.db = db
    this.leases = createLeaseStore(db, async (host, fn) => await this.immediate(fn))
  }

  /** Runs `fn` between BEGIN IMMEDIATE and COMMIT on the one connection (ROLLBACK if it throws). */
  async immediate<T> (fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return await this.db.connection().execute(async (db) => {
      await sql`begin immediate`.execute(db)
      try {
        const result = await fn(db)
        await sql`commit`.execute(db)
        return result
      } catch (error) {
        await sql`rollback`.execute(db)
        throw error
      }
    })
  }

  async transact<T> (job: string, fn: (tx: ReturnType<typeof jobTx>) => Promise<T>): Promise<T> {
    const published: number[] = []
    // BEGIN IMMEDIATE excludes every writer, of any host's leases too: no lock of a host to add
    const result = await this.immediate((db) => fn(jobTx(db, job, published, async () => {})))
    for (const version of published) this.notifier.notify(job, version)
    return result
  }

  async read (job: string) {
    // one connection, held for both reads: no commit lands between them
    return await this.db.connection().execute((db) => readSnapshot(db, job))
  }

  async list () {
    return await listJobs(this.db)
  }

  async overdue (now: number) {
    return await overdueJobs(this.db, now)
  }

  async isAvailable () {
    return true
  }

  async close () {
    await this.db.destroy()
  }
}
