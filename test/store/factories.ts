import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import tap, { type Test } from 'tap'
import type { Store } from '../../src/coordination/store.js'
import { openSqliteStore, type PostgresSettings } from '../../src/store/index.js'
import { openPostgresStore } from '../../src/store/postgres.js'
import { findPostgresBin, SKIP_LINE, startPostgresFrom, type PostgresServer } from './postgres-server.js'

/** A way to open a fresh, empty store for one test; closed (and removed) when the test ends. */
export interface StoreFactory {
  name: string
  open(t: Test): Promise<Store>
}

/** A temporary folder, removed when the test ends. */
export function tempDir (t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'runconfig-store-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/**
 * Every store the suites in test/store run against. The PostgreSQL branch adds its factory here
 * (a fresh schema per test), and the same tests then check it.
 */
export const STORE_FACTORIES: StoreFactory[] = [
  {
    name: 'sqlite memory',
    async open (t) {
      const store = await openSqliteStore(':memory:')
      t.teardown(() => store.close())
      return store
    }
  },
  {
    name: 'sqlite file',
    async open (t) {
      const store = await openSqliteStore(join(tempDir(t), 'nested', 'runconfig.db'))
      t.teardown(() => store.close())
      return store
    }
  }
]

/** The PostgreSQL settings of the tests: production's, with a quicker re-check and reconnect. */
export const TEST_POSTGRES: PostgresSettings = {
  poolMax: 10,
  statementTimeoutMs: 5_000,
  connectTimeoutMs: 5_000,
  idleInTransactionMs: 10_000,
  recheckMs: 200,
  reconnectMs: { first: 20, last: 500 },
  retryAfterSecs: 2
}

const postgresBin = findPostgresBin()
let postgres: Promise<PostgresServer | undefined> | undefined

/** This test file's PostgreSQL server, started on first use and stopped when the file ends; a database per test. */
export async function testPostgres (): Promise<PostgresServer> {
  postgres ??= startPostgresFrom(tap, postgresBin)
  return await postgres as PostgresServer
}

if (postgresBin === undefined) {
  tap.comment(SKIP_LINE)
} else {
  STORE_FACTORIES.push({
    name: 'postgres',
    async open (t) {
      const url = await (await testPostgres()).createDatabase(t)
      const store = await openPostgresStore(url, TEST_POSTGRES)
      t.teardown(() => store.close())
      return store
    }
  })
}
