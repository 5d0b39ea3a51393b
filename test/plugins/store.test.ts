import { join } from 'node:path'
import t from 'tap'
import { buildApp } from '../../app.js'
import { manualClock } from '../../src/coordination/clock.js'
import { tempDir } from '../store/factories.js'

t.test('buildApp opens the store DATABASE_URL names, with the clock given, and closes it', async (t) => {
  const clock = manualClock(42)
  const path = join(tempDir(t), 'data', 'runconfig.db')
  const app = await buildApp({ databaseUrl: 'sqlite:' + path, clock })
  await app.ready()
  t.equal(app.clock.now(), 42)
  t.same(await app.store.list(), [])
  await app.close()
  await t.rejects(app.store.list(), 'closed with the app')
})

t.test('buildApp defaults to an in-memory store and the system clock', async (t) => {
  const app = await buildApp()
  t.teardown(() => app.close())
  await app.ready()
  t.same(await app.store.list(), [])
  t.ok(Math.abs(app.clock.now() - Date.now()) < 60_000)
})

t.test('buildApp fails clearly for a database it cannot open', async (t) => {
  await t.rejects(buildApp({ databaseUrl: 'mysql://localhost/runconfig' }), /DATABASE_URL must be sqlite/)
})
