import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { launchPostgres } from '../../scripts/postgres-server.js'
import { findPostgresBin, query, SKIP_LINE, startPostgres, startPostgresFrom } from './postgres-server.js'

t.test('findPostgresBin', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'runconfig-bin-'))
  t.teardown(() => rmSync(root, { recursive: true, force: true }))
  const tools = (dir: string, names: string[]) => {
    mkdirSync(dir, { recursive: true })
    for (const name of names) writeFileSync(join(dir, name), '')
  }
  tools(join(root, 'lib/14/bin'), ['initdb', 'pg_ctl', 'postgres'])
  tools(join(root, 'lib/16/bin'), ['initdb', 'pg_ctl', 'postgres'])
  tools(join(root, 'partial'), ['initdb'])
  mkdirSync(join(root, 'links'))
  symlinkSync(join(root, 'lib/14/bin/initdb'), join(root, 'links/initdb'))

  t.equal(findPostgresBin('', join(root, 'none')), undefined, 'nothing installed')
  t.equal(findPostgresBin(join(root, 'partial'), join(root, 'none')), undefined, 'initdb without pg_ctl and postgres')
  t.equal(findPostgresBin('', join(root, 'lib')), join(root, 'lib/16/bin'), 'the newest Debian version')
  t.equal(findPostgresBin(join(root, 'links'), join(root, 'lib')), join(root, 'lib/14/bin'), 'PATH first, through its symlink')
})

t.test('without server binaries the file is skipped with one line saying how to enable it', async (t) => {
  const plans: unknown[][] = []
  const fake = { plan: (...args: unknown[]) => { plans.push(args) } } as unknown as Test
  t.equal(await startPostgresFrom(fake, undefined), undefined)
  t.same(plans, [[0, SKIP_LINE]])
  t.match(SKIP_LINE, /apt-get install postgresql/)
})

t.test('a throwaway server: a database per test, stopped and started again', async (t) => {
  const server = await startPostgres(t)
  if (server === undefined) return
  const first = await server.createDatabase(t)
  const second = await server.createDatabase(t)
  t.not(first, second)
  await query(first, 'CREATE TABLE kept (n integer); INSERT INTO kept VALUES (7)')
  t.same(await query(second, 'SELECT count(*)::int AS n FROM pg_tables WHERE tablename = \'kept\''), [{ n: 0 }], 'databases are separate')

  server.stop()
  await t.rejects(query(first, 'SELECT 1'), { code: 'ECONNREFUSED' }, 'stopped: connections are refused')
  server.start()
  t.same(await query(first, 'SELECT n FROM kept'), [{ n: 7 }], 'started again with the same data')
})

t.test('launchPostgres: fsync as production runs it when asked (the bench), off by default (the tests)', async (t) => {
  const bin = findPostgresBin()
  if (bin === undefined) return
  for (const [options, fsync] of [[{}, 'off'], [{ fsync: true }, 'on']] as const) {
    const server = await launchPostgres(bin, options)
    t.teardown(server.remove)
    t.same(await query(server.url(), 'SHOW fsync'), [{ fsync }], JSON.stringify(options))
  }
})

t.test('launchPostgres: a failing initdb is reported, and its folder removed', async (t) => {
  const bin = mkdtempSync(join(tmpdir(), 'runconfig-bin-'))
  t.teardown(() => rmSync(bin, { recursive: true, force: true }))
  chmodSync(bin, 0o755) // run as the postgres user when this is root
  writeFileSync(join(bin, 'initdb'), '#!/bin/sh\necho "initdb: no space left" >&2\nexit 1\n', { mode: 0o755 })
  writeFileSync(join(bin, 'pg_ctl'), '#!/bin/sh\nexit 0\n', { mode: 0o755 })
  const before = readdirSync(tmpdir()).filter((name) => name.startsWith('runconfig-pg-'))
  await t.rejects(launchPostgres(bin), { message: /^initdb failed: initdb: no space left/ })
  t.same(readdirSync(tmpdir()).filter((name) => name.startsWith('runconfig-pg-') && !before.includes(name)), [], 'no folder left behind')
})
