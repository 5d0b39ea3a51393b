import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import module from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t, { type Test } from 'tap'

const SCRIPT = fileURLToPath(new URL('../../scripts/warm-compile-cache.js', import.meta.url))
const HAS_COMPILE_CACHE = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function'

function folder (t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'runconfig-warm-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A stand-in for the server: it says it listens as Fastify does, then exits 0 on SIGTERM (or fails at once). */
function entry (dir: string, fails = false): string {
  const file = join(dir, 'server.mjs')
  writeFileSync(file, fails
    ? 'console.error("cannot start"); process.exit(3)\n'
    : 'const kept = setInterval(() => {}, 1000)\n' +
      'process.once("SIGTERM", () => { clearInterval(kept); process.exit(0) })\n' +
      'console.log(JSON.stringify({ msg: "Server listening at http://127.0.0.1:1" }))\n')
  return file
}

t.test('the cache is written by a server started once and stopped once it listens (or, before Node 22, nothing is)', async (t) => {
  const dir = folder(t)
  const cache = join(dir, 'cache')
  const run = spawnSync(process.execPath, [SCRIPT, cache, entry(dir)], { encoding: 'utf8' })
  t.equal(run.status, 0, run.stderr)
  if (HAS_COMPILE_CACHE) {
    t.ok(readdirSync(cache, { recursive: true }).length > 0, 'the cache folder holds entries')
  } else {
    t.match(run.stderr, /keeps no compile cache: nothing to warm/)
  }
})

t.test('a server that fails before it listens fails the build step', async (t) => {
  const dir = folder(t)
  const run = spawnSync(process.execPath, [SCRIPT, join(dir, 'cache'), entry(dir, true)], { encoding: 'utf8' })
  t.equal(run.status, 1)
  t.match(run.stderr, /cannot start[\s\S]*exit code 3 before the cache was written/)
})

t.test('without a cache folder it says how to call it', async (t) => {
  const run = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' })
  t.equal(run.status, 2)
  t.match(run.stderr, /usage: node scripts\/warm-compile-cache\.js <cache dir>/)
})
