import type { Migration, MigrationProvider } from 'kysely'
import { jobs } from './001-jobs.js'
import { leasesMigration } from './002-leases.js'

/**
 * Every schema change, in order, shared by SQLite and PostgreSQL. Names sort in the order they
 * run; a released migration never changes: add the next number.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '001-jobs': jobs,
  '002-leases': leasesMigration
}

/** Kysely's Migrator reads the list from here (no files on disk: the build has them compiled in). */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS
}
