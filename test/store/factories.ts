import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from 'tap'
import type { Store } from '../../src/coordination/store.js'
import { openSqliteStore } from '../../src/store/index.js'

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
