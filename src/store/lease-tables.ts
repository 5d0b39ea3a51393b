import type { ColumnType } from 'kysely'

// The lease tables as kysely sees them (migration 002-leases creates them). bigint columns may come
// back as strings from PostgreSQL: the queries convert with Number() (every value is < 2^53).

type BigInt = ColumnType<number | string, number, number>

export interface LeaseHostsTable {
  host: string
  range_first: number
  range_last: number
  last_token: BigInt
}

export interface LeaseFreeTable {
  host: string
  first_port: number
  last_port: number
}

export interface LeasesTable {
  id: string
  host: string
  port: number
  kind: 'lease' | 'quarantine'
  holder: string
  ttl_secs: number
  fencing_token: BigInt
  expires_at: BigInt
  idempotency_key: string | null
  request: string | null
  replaced_by: string | null
  job: string | null
  member: string | null
}

export interface LeaseTables {
  lease_hosts: LeaseHostsTable
  lease_free: LeaseFreeTable
  leases: LeasesTable
}
