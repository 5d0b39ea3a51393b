import type { Generated } from 'kysely'
import type { LeaseTables } from './lease-tables.js'

// The tables as kysely sees them (one definition for both dialects). Times are integer ms; the
// PostgreSQL columns are bigint, which its driver must read as numbers.

export interface JobsTable {
  job: string
  /** The job's definition as JSON text (defaults applied). */
  definition: string
  token: string
  round: number
  state: string
  deadline: number
  version: number
  created_at: number
}

export interface MembersTable {
  job: string
  round: number
  member: string
  role: string
  idx: number
  host: string
  port: number | null
  joined_at: number
}

export interface Database extends LeaseTables {
  jobs: JobsTable
  members: MembersTable
}

export type { Generated }
