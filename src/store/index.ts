import type { Store } from '../coordination/store.js'
import type { PostgresSettings } from './pg-settings.js'
import type { PostgresHooks } from './postgres.js'
import { openSqliteStore } from './sqlite.js'
import { parseDatabaseUrl } from './url.js'

export { DEFAULT_DATABASE_URL, MEMORY_DATABASE_URL, parseDatabaseUrl, type DatabaseLocation } from './url.js'
export { openSqliteStore, SqliteStore } from './sqlite.js'
export { MIGRATIONS } from './migrations/index.js'
export type { PostgresHooks } from './postgres.js'
export type { PostgresSettings } from './pg-settings.js'
export { StoreUnavailableError } from './unavailable.js'

/** Opens the store DATABASE_URL names and brings its schema up to date (C.1). */
export async function openStore (databaseUrl: string | undefined, postgres: PostgresSettings, hooks: PostgresHooks = {}): Promise<Store> {
  const location = parseDatabaseUrl(databaseUrl)
  if (location.kind === 'postgres') {
    // loaded only when asked for: node-postgres is a start-up cost the embedded default does not pay
    const { openPostgresStore } = await import('./postgres.js')
    return await openPostgresStore(location.url, postgres, hooks)
  }
  return await openSqliteStore(location.path)
}
