import t from 'tap'
import { POSTGRES_LIMITS } from '../../limits.js'
import { openStore, parseDatabaseUrl, StoreUnavailableError } from '../../src/store/index.js'
import { tempDir } from './factories.js'
import { join } from 'node:path'
import { existsSync } from 'node:fs'
import SqliteDatabase from 'better-sqlite3'

t.test('DATABASE_URL forms (C.1)', async (t) => {
  t.same(parseDatabaseUrl(), { kind: 'sqlite', path: 'data/runconfig.db' })
  t.same(parseDatabaseUrl('sqlite:other.db'), { kind: 'sqlite', path: 'other.db' })
  t.same(parseDatabaseUrl('sqlite:/abs/x.db'), { kind: 'sqlite', path: '/abs/x.db' })
  t.same(parseDatabaseUrl('sqlite:///abs/x.db'), { kind: 'sqlite', path: '/abs/x.db' })
  t.same(parseDatabaseUrl('sqlite::memory:'), { kind: 'sqlite', path: ':memory:' })
  t.same(parseDatabaseUrl('postgres://u:p@h/db'), { kind: 'postgres', url: 'postgres://u:p@h/db' })
  t.same(parseDatabaseUrl('postgresql://h/db'), { kind: 'postgres', url: 'postgresql://h/db' })
})

t.test('a DATABASE_URL of no known form is refused, without echoing a password', async (t) => {
  t.throws(() => parseDatabaseUrl('mysql://user:secret@h/db'), { message: 'DATABASE_URL must be sqlite:<file>, sqlite::memory: or postgres://…, not "mysql://***@h/db"' })
  t.throws(() => parseDatabaseUrl('sqlite:'), /DATABASE_URL must be/)
})

t.test('openStore: a PostgreSQL server that cannot be reached is an unavailable store', async (t) => {
  // port 1 on loopback: nothing listens there
  await t.rejects(openStore('postgres://runconfig@127.0.0.1:1/db', POSTGRES_LIMITS), StoreUnavailableError)
})

t.test('openStore creates the file and its folder, and migrates once', async (t) => {
  const path = join(tempDir(t), 'a', 'b', 'runconfig.db')
  const first = await openStore('sqlite:' + path, POSTGRES_LIMITS)
  await first.close()
  t.ok(existsSync(path))
  const again = await openStore('sqlite:' + path, POSTGRES_LIMITS)
  t.same(await again.list(), [])
  await again.close()
})

t.test('openStore fails, and closes, when a migration cannot run', async (t) => {
  const path = join(tempDir(t), 'foreign.db')
  const foreign = new SqliteDatabase(path)
  foreign.exec('create table jobs (x integer)')
  foreign.close()
  await t.rejects(openStore('sqlite:' + path, POSTGRES_LIMITS), /table "?jobs"? already exists/)
})
