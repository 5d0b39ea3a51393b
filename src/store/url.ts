/** Where the state lives, from DATABASE_URL (COORDINATION.md C.1). */
export type DatabaseLocation =
  | { kind: 'sqlite', path: string }
  | { kind: 'postgres', url: string }

export const DEFAULT_DATABASE_URL = 'sqlite:data/runconfig.db'
/** An in-memory SQLite database: for tests; it ends with the process. */
export const MEMORY_DATABASE_URL = 'sqlite::memory:'

/** Reads a DATABASE_URL: `sqlite:path` (relative to the working directory), `sqlite::memory:`, `postgres://…`. */
export function parseDatabaseUrl (url: string = DEFAULT_DATABASE_URL): DatabaseLocation {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { kind: 'postgres', url }
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length)
    // sqlite://relative or sqlite:///abs are common spellings too
    const file = path.startsWith('//') ? path.slice(2) : path
    if (file !== '') return { kind: 'sqlite', path: file }
  }
  throw new Error(`DATABASE_URL must be sqlite:<file>, sqlite::memory: or postgres://…, not ${JSON.stringify(redact(url))}`)
}

// a mistyped URL may still carry a password: never echo one
function redact (url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@')
}
