import { spawn, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import pg from 'pg'

// A throwaway PostgreSQL server, for the tests (test/store/postgres-server.ts) and the bench: the
// installed server binaries, initdb into a temporary folder, a free loopback port, the unix socket
// inside the folder; stopped and removed by `remove`, or by a watchdog once this process is gone.

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

export interface ThrowawayPostgres {
  port: number
  /** A connection URL to `database` as the superuser. */
  url: (database?: string) => string
  /** Stops the server (a database outage); `start` brings it back on the same port with the same data. */
  stop: () => void
  start: () => void
  /** Stops the server for good and removes its folder. */
  remove: () => void
}

export interface LaunchOptions {
  /**
   * fsync after commits, as production runs. Off for the tests: a test server outlives no
   * machine crash (the replicas the tests kill are the service's).
   */
  fsync?: boolean
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

/** Starts a PostgreSQL server from the binaries in `bin`; the caller removes it (`remove`) when done. */
export async function launchPostgres (bin: string, options: LaunchOptions = {}): Promise<ThrowawayPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'runconfig-pg-'))
  const data = join(dir, 'data')
  // initdb refuses to run as root: the server runs as the `postgres` user then
  const asUser = process.getuid?.() === 0 ? postgresUser() : {}
  if (asUser.uid !== undefined) chownSync(dir, asUser.uid, asUser.gid as number)
  const run = (tool: string, args: string[]) => {
    const result = spawnSync(join(bin, tool), args, { ...asUser, cwd: dir, encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`)
  }
  const remove = () => {
    spawnSync(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w'], { ...asUser, cwd: dir })
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', ...(options.fsync === true ? [] : ['--no-sync'])])
    const port = await freePort()
    const fsync = options.fsync === true ? '' : ' -c fsync=off'
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${fsync} -c max_connections=200`
    const start = () => run('pg_ctl', ['start', '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', settings])
    const stop = () => run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w'])
    start()
    watchdog(join(bin, 'pg_ctl'), data, dir, asUser)
    const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`
    return { port, url, stop, start, remove }
  } catch (error) {
    remove()
    throw error
  }
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
