import { spawn, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import pg from 'pg'
import type { Test } from 'tap'

// A throwaway PostgreSQL server for the tests: the installed server binaries, initdb into a
// temporary folder, a free loopback port, the unix socket inside the folder. One server per test
// file (each file is its own process), one database per test.

/** The one line a test file prints when it cannot run its PostgreSQL tests. */
export const SKIP_LINE = 'PostgreSQL tests skipped: no initdb/pg_ctl found (PATH, /usr/lib/postgresql/*/bin); ' +
  'run `apt-get install postgresql` (Debian/Ubuntu) to enable them'

/** The folder holding initdb, pg_ctl and postgres: PATH first, then Debian's /usr/lib/postgresql/<newest>/bin. */
export function findPostgresBin (path = process.env.PATH ?? '', debianRoot = '/usr/lib/postgresql'): string | undefined {
  const debian = existsSync(debianRoot)
    ? readdirSync(debianRoot).sort((a, b) => Number(b) - Number(a)).map((version) => join(debianRoot, version, 'bin'))
    : []
  for (const dir of [...path.split(delimiter).filter((dir) => dir !== ''), ...debian]) {
    const initdb = join(dir, 'initdb')
    if (!existsSync(initdb)) continue
    // PATH often holds symlinks (/usr/local/bin/initdb): pg_ctl and postgres sit beside the real file
    const bin = dirname(realpathSync(initdb))
    if (existsSync(join(bin, 'pg_ctl')) && existsSync(join(bin, 'postgres'))) return bin
  }
  return undefined
}

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

/** A free loopback TCP port (the kernel's choice; released for the server to bind). */
export async function freePort (): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
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
  const dir = mkdtempSync(join(tmpdir(), 'runconfig-pg-'))
  const data = join(dir, 'data')
  // initdb refuses to run as root: the server runs as the `postgres` user then
  const asUser = process.getuid?.() === 0 ? postgresUser() : {}
  if (asUser.uid !== undefined) chownSync(dir, asUser.uid, asUser.gid as number)
  const run = (tool: string, args: string[]) => {
    const result = spawnSync(join(bin, tool), args, { ...asUser, cwd: dir, encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stdout}${result.stderr}${result.error?.message ?? ''}`)
  }
  t.teardown(() => {
    spawnSync(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w'], { ...asUser, cwd: dir })
    rmSync(dir, { recursive: true, force: true })
  })
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'])
  const port = await freePort()
  // fsync off: a test server outlives no machine crash; the replicas the tests kill are the service's
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`
  const start = () => run('pg_ctl', ['start', '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', options])
  const stop = () => run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w'])
  start()
  watchdog(join(bin, 'pg_ctl'), data, dir, asUser)
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`
  let databases = 0
  const createDatabase = async (t: Test) => {
    const name = `test_${++databases}`
    await query(url(), `CREATE DATABASE ${name}`)
    t.teardown(() => query(url(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    return url(name)
  }
  return { port, url, createDatabase, stop, start }
}

/** Runs SQL on a connection of its own; the rows of its (last) result. */
export async function query (url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const results = await client.query(text) as pg.QueryResult | pg.QueryResult[]
    return [results].flat().at(-1)?.rows ?? []
  } finally {
    await client.end()
  }
}

function postgresUser (): { uid?: number, gid?: number } {
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim())
  return { uid: id('-u'), gid: id('-g') }
}

/** Stops the server and removes its folder once this process is gone, however it ended (a test killed at its timeout). */
function watchdog (pgCtl: string, data: string, dir: string, asUser: { uid?: number, gid?: number }) {
  const script = `while kill -0 ${process.pid} 2>/dev/null || [ -d /proc/${process.pid} ]; do sleep 1; done; ` +
    '[ -d "$1" ] && "$0" stop -D "$1" -m immediate >/dev/null 2>&1; rm -rf "$2"'
  spawn('/bin/sh', ['-c', script, pgCtl, data, dir], { ...asUser, detached: true, stdio: 'ignore' }).unref()
}
