import type { Kysely, Selectable } from 'kysely'
import type { HostRow, Interval, LeaseRow, LeaseStore, LeaseTx } from '../coordination/lease-store.js'
import type { Database } from './database.js'
import type { LeaseTables, LeasesTable } from './lease-tables.js'

// The LeaseStore in kysely queries, the same on SQLite and PostgreSQL. Every lookup is by a
// primary key or index prefix (lease_free by (host, first_port) or (host, last_port), leases by
// id, (host, port), (host, idempotency_key), (host, expires_at)).

/**
 * Runs fn in one transaction that excludes every other change of host's leases, committed when fn
 * resolves: SQLite's BEGIN IMMEDIATE on its one connection; PostgreSQL's lock on the host.
 */
export type HostTransaction = <T>(host: string, fn: (db: Kysely<Database>) => Promise<T>) => Promise<T>

/** The LeaseStore of a database; transact brings the dialect's transaction and lock. */
export function createLeaseStore (db: Kysely<Database>, transact: HostTransaction): LeaseStore {
  return {
    async withHost (host, fn) {
      return await transact(host, async (trx) => await fn(leaseTx(trx)))
    },
    async hostOfLease (id) {
      const row = await db.selectFrom('leases').select('host').where('id', '=', id).executeTakeFirst()
      return row?.host
    },
    async hostsWithExpired (now) {
      // ordered: PostgreSQL's DISTINCT returns rows in no particular order
      const rows = await db.selectFrom('leases').select('host').distinct().where('expires_at', '<=', now).orderBy('host').execute()
      return rows.map((row) => row.host)
    },
    async hostsOfJob (job) {
      const rows = await db.selectFrom('leases').select('host').distinct().where('job', '=', job).orderBy('host').execute()
      return rows.map((row) => row.host)
    }
  }
}

/** The LeaseTx over a transaction's connection (SQLite's is the one connection, held from BEGIN to COMMIT). */
export function leaseTx (trx: Kysely<Database>): LeaseTx {
  const leases = () => trx.selectFrom('leases').selectAll()
  const free = (host: string) => trx.selectFrom('lease_free').select(['first_port', 'last_port']).where('host', '=', host)
  return {
    async getHost (host) {
      const row = await trx.selectFrom('lease_hosts').selectAll().where('host', '=', host).executeTakeFirst()
      return row === undefined ? undefined : toHost(row)
    },
    async putHost (row) {
      const values = { host: row.host, range_first: row.rangeFirst, range_last: row.rangeLast, last_token: row.lastToken }
      await trx.insertInto('lease_hosts').values(values)
        .onConflict((conflict) => conflict.column('host').doUpdateSet({
          range_first: row.rangeFirst, range_last: row.rangeLast, last_token: row.lastToken
        }))
        .execute()
    },
    leaseById: async (id) => toLease(await leases().where('id', '=', id).executeTakeFirst()),
    leaseByKey: async (host, key) => toLease(await leases().where('host', '=', host).where('idempotency_key', '=', key).executeTakeFirst()),
    leaseByMember: async (host, job, member) =>
      toLease(await leases().where('job', '=', job).where('member', '=', member).where('host', '=', host).executeTakeFirst()),
    leaseOnPort: async (host, port) => toLease(await leases().where('host', '=', host).where('port', '=', port).executeTakeFirst()),
    leasesOfJob: async (host, job) => (await leases().where('job', '=', job).where('host', '=', host).execute()).map(toRow),
    expiredLeases: async (host, now) => (await leases().where('host', '=', host).where('expires_at', '<=', now).execute()).map(toRow),
    async heldPorts (host, first, last) {
      const rows = await trx.selectFrom('leases').select('port').where('host', '=', host)
        .where('port', '>=', first).where('port', '<=', last).orderBy('port').execute()
      return rows.map((row) => row.port)
    },
    async insertLease (row) {
      await trx.insertInto('leases').values(fromRow(row)).execute()
    },
    async updateLease (id, changes) {
      await trx.updateTable('leases').set(fromRow(changes)).where('id', '=', id).execute()
    },
    async deleteLease (id) {
      await trx.deleteFrom('leases').where('id', '=', id).execute()
    },
    lowestFree: async (host) => toInterval(await free(host).orderBy('first_port').limit(1).executeTakeFirst()),
    freeAtOrBelow: async (host, port) =>
      toInterval(await free(host).where('first_port', '<=', port).orderBy('first_port', 'desc').limit(1).executeTakeFirst()),
    freeEndingAt: async (host, last) => toInterval(await free(host).where('last_port', '=', last).executeTakeFirst()),
    freeStartingAt: async (host, first) => toInterval(await free(host).where('first_port', '=', first).executeTakeFirst()),
    async insertFree (host, interval) {
      await trx.insertInto('lease_free').values({ host, first_port: interval.first, last_port: interval.last }).execute()
    },
    async deleteFree (host, first) {
      await trx.deleteFrom('lease_free').where('host', '=', host).where('first_port', '=', first).execute()
    },
    async clearFree (host) {
      await trx.deleteFrom('lease_free').where('host', '=', host).execute()
    }
  }
}

function toHost (row: Selectable<LeaseTables['lease_hosts']>): HostRow {
  return { host: row.host, rangeFirst: row.range_first, rangeLast: row.range_last, lastToken: Number(row.last_token) }
}

function toInterval (row: { first_port: number, last_port: number } | undefined): Interval | undefined {
  return row === undefined ? undefined : { first: row.first_port, last: row.last_port }
}

function toLease (row: Selectable<LeasesTable> | undefined): LeaseRow | undefined {
  return row === undefined ? undefined : toRow(row)
}

function toRow (row: Selectable<LeasesTable>): LeaseRow {
  return {
    id: row.id,
    host: row.host,
    port: row.port,
    kind: row.kind,
    holder: row.holder,
    ttlSecs: row.ttl_secs,
    fencingToken: Number(row.fencing_token),
    expiresAt: Number(row.expires_at),
    idempotencyKey: row.idempotency_key,
    request: row.request,
    replacedBy: row.replaced_by,
    job: row.job,
    member: row.member
  }
}

const COLUMNS = {
  id: 'id',
  host: 'host',
  port: 'port',
  kind: 'kind',
  holder: 'holder',
  ttlSecs: 'ttl_secs',
  fencingToken: 'fencing_token',
  expiresAt: 'expires_at',
  idempotencyKey: 'idempotency_key',
  request: 'request',
  replacedBy: 'replaced_by',
  job: 'job',
  member: 'member'
} as const satisfies Record<keyof LeaseRow, keyof LeasesTable>

function fromRow<R extends Partial<LeaseRow>> (row: R): any {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [COLUMNS[key as keyof LeaseRow], value]))
}
