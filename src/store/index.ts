import type { Store } from '../coordination/store.js'
import { openSqliteStore } from './sqlite.js'
import { parseDatabaseUrl } from './url.js'

export { DEFAULT_DATABASE_URL, MEMORY_DATABASE_URL, parseDatabaseUrl, type DatabaseLocation } from './url.js'
export { openSqliteStore, SqliteStore } from './sqlite.js'
export { MIGRATIONS } from './migrations/index.js'

/** Opens the store DATABASE_URL names and brings its schema up to date (C.1). */
export async function openStore (databaseUrl?: string): Promise<Store> {
  const location = parseDatabaseUrl(databaseUrl)
  if (location.kind === 'postgres') {
    // src/store/postgres.ts (issue 13) plugs in here
    throw new Error('DATABASE_URL: PostgreSQL is not supported by this build yet; use sqlite:<file>')
  }
  return await openSqliteStore(location.path)
}
