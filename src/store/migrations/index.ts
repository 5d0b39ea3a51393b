import type { Migration, MigrationProvider } from 'kysely'
import { jobs } from './001-jobs.js'

/**
 * Every schema change, in order, shared by SQLite and PostgreSQL. Names sort in the order they
 * run; a released migration never changes: add the next number. (002-leases: branch leases.)
 */
export const MIGRATIONS: Record<string, Migration> = {
  '001-jobs': jobs
}

/** Kysely's Migrator reads the list from here (no files on disk: the build has them compiled in). */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS
}
