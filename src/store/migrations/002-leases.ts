import type { Kysely, Migration } from 'kysely'

// Port leases (C.5). One row per lease or quarantined port, unique per (host, port): the database
// itself refuses two rows on one port. Free ports of each host's range are intervals (lease_free),
// found by index. lease_hosts holds each host's fencing counter and is what a grant locks.
export const leasesMigration: Migration = {
  async up (db: Kysely<any>) {
    await db.schema.createTable('lease_hosts')
      .addColumn('host', 'text', (column) => column.primaryKey())
      .addColumn('range_first', 'integer', (column) => column.notNull())
      .addColumn('range_last', 'integer', (column) => column.notNull())
      .addColumn('last_token', 'bigint', (column) => column.notNull())
      .execute()
    await db.schema.createTable('lease_free')
      .addColumn('host', 'text', (column) => column.notNull())
      .addColumn('first_port', 'integer', (column) => column.notNull())
      .addColumn('last_port', 'integer', (column) => column.notNull())
      .addPrimaryKeyConstraint('lease_free_pk', ['host', 'first_port'])
      .execute()
    await db.schema.createIndex('lease_free_last').unique().on('lease_free').columns(['host', 'last_port']).execute()
    await db.schema.createTable('leases')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('host', 'text', (column) => column.notNull())
      .addColumn('port', 'integer', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('holder', 'text', (column) => column.notNull())
      .addColumn('ttl_secs', 'integer', (column) => column.notNull())
      .addColumn('fencing_token', 'bigint', (column) => column.notNull())
      .addColumn('expires_at', 'bigint', (column) => column.notNull())
      .addColumn('idempotency_key', 'text')
      .addColumn('request', 'text')
      .addColumn('replaced_by', 'text')
      .addColumn('job', 'text')
      .addColumn('member', 'text')
      .addUniqueConstraint('leases_host_port', ['host', 'port'])
      .execute()
    // NULLs are distinct in unique indexes (SQLite and PostgreSQL): rows without a key or a member never clash
    await db.schema.createIndex('leases_host_key').unique().on('leases').columns(['host', 'idempotency_key']).execute()
    await db.schema.createIndex('leases_member').unique().on('leases').columns(['job', 'member', 'host']).execute()
    await db.schema.createIndex('leases_host_expiry').on('leases').columns(['host', 'expires_at']).execute()
    await db.schema.createIndex('leases_expiry').on('leases').columns(['expires_at']).execute()
  }
}
