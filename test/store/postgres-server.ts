import type { Test } from 'tap'
import { findPostgresBin, launchPostgres, query } from '../../scripts/postgres-server.js'

// A throwaway PostgreSQL server for the tests (scripts/postgres-server.ts, which the bench shares):
// one server per test file (each file is its own process), one database per test.

export { findPostgresBin, freePort, query } from '../../scripts/postgres-server.js'

/** The one line a test file prints when it cannot run its PostgreSQL tests. */
export const SKIP_LINE = 'PostgreSQL tests skipped: no initdb/pg_ctl found (PATH, /usr/lib/postgresql/*/bin); ' +
  'run `apt-get install postgresql` (Debian/Ubuntu) to enable them'

export interface PostgresServer {
  port: number
  /** A connection URL to `database` as the superuser. */
  url: (database?: string) => string
  /** A new empty database for one test, dropped when the test ends; its URL. */
  createDatabase: (t: Test) => Promise<string>
  /** Stops the server (a database outage); `start` brings it back on the same port with the same data. */
  stop: () => void
  start: () => void
}

/**
 * Starts a PostgreSQL server for this test file, stopped and removed when `t` ends (and by a
 * watchdog should this process die first). Without server binaries the file is skipped with
 * SKIP_LINE and this returns undefined.
 */
export async function startPostgres (t: Test): Promise<PostgresServer | undefined> {
  return await startPostgresFrom(t, findPostgresBin())
}

/** startPostgres with the server binaries in `bin`, or none. */
export async function startPostgresFrom (t: Test, bin: string | undefined): Promise<PostgresServer | undefined> {
  if (bin === undefined) {
    t.plan(0, SKIP_LINE)
    return undefined
  }
  const server = await launchPostgres(bin)
  t.teardown(server.remove)
  const { port, url, stop, start } = server
  let databases = 0
  const createDatabase = async (t: Test) => {
    const name = `test_${++databases}`
    await query(url(), `CREATE DATABASE ${name}`)
    t.teardown(() => query(url(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    return url(name)
  }
  return { port, url, createDatabase, stop, start }
}
