import SqliteDatabase from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely'
import type { Test } from 'tap'
import type { LeaseStore } from '../../src/coordination/lease-store.js'
import { createLeaseStore } from '../../src/store/lease-queries.js'
import type { LeaseTables } from '../../src/store/lease-tables.js'
import { leasesMigration } from '../../src/store/migrations/002-leases.js'

export interface LeaseStoreFactory {
  name: string
  open: (t: Test) => Promise<LeaseStore>
}

export const LEASE_FACTORIES: LeaseStoreFactory[] = [{
  name: 'sqlite memory',
  async open (t) {
    const db = new Kysely<LeaseTables>({ dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }) })
    t.teardown(() => db.destroy())
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => ({ '002-leases': leasesMigration }) } }).migrateToLatest()
    if (error !== undefined) throw error
    return createLeaseStore(db, async (host, fn) => await db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn)
      try {
        const result = await fn(conn)
        await sql`commit`.execute(conn)
        return result
      } catch (error) {
        await sql`rollback`.execute(conn)
        throw error
      }
    }))
  }
}]
