// Server processes for the coordination benchmarks (rendezvous, leases, wake-up): the entry they
// run, N replicas on one database, and the database itself — a SQLite file, DATABASE_URL, or a
// throwaway PostgreSQL server when its binaries are installed.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isStale } from '../scripts/build-if-stale.js'
import { findPostgresBin, launchPostgres, query, type ThrowawayPostgres } from '../scripts/postgres-server.js'
import { freePort, spawnNode, stop, waitUntilUp, type Child } from './children.js'
import { ROOT } from './servers.js'

export type Log = (line: string) => void

/** The first three figures of /proc/loadavg. */
export const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')

/** The production bundle when it is up to date (npm run build), else the sources through tsx. */
export function serverEntry (): { args: string[], description: string } {
  const bundle = join(ROOT, 'dist', 'bundle', 'server.js')
  if (existsSync(bundle) && !isStale(ROOT)) return { args: [bundle], description: 'dist/bundle/server.js (npm start\'s)' }
  return { args: ['--import', import.meta.resolve('tsx'), join(ROOT, 'server.ts')], description: 'server.ts through tsx (no up-to-date build)' }
}

export interface Replicas {
  urls: string[]
  children: Child[]
  stop: () => Promise<void>
}

/** `replicas` server processes on `databaseUrl`, each ready (its /readyz answers 200), unpinned. */
export async function startReplicas (args: string[], databaseUrl: string, replicas: number, logLevel: string): Promise<Replicas> {
  const urls: string[] = []
  const children: Child[] = []
  const stopAll = async () => { for (const child of children) await stop(child) }
  try {
    // one after the other: the first runs the migrations, the others find them done
    for (let i = 0; i < replicas; i++) {
      const port = await freePort()
      const child = spawnNode(args, { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: logLevel, DATABASE_URL: databaseUrl }, { pin: false })
      children.push(child)
      urls.push(`http://127.0.0.1:${port}`)
      await waitUntilUp(child, `${urls[i]}/readyz`, 120_000, 20)
    }
  } catch (error) {
    await stopAll()
    throw error
  }
  return { urls, children, stop: stopAll }
}

/** Where a benchmark's PostgreSQL databases come from. */
export interface PostgresSource {
  /** A database of its own for `name` (on DATABASE_URL: that one database); undefined when PostgreSQL is not run. */
  databaseUrl?: (name: string) => Promise<string>
  /** Where PostgreSQL came from, or why it is not run. */
  description: string
  /** SQL as the superuser, on a throwaway server only (the user's database is left as it is). */
  admin?: (sql: string) => Promise<void>
  /** Stops and removes a throwaway server. */
  close: () => void
}

/** DATABASE_URL=postgres://… when set, else a throwaway server from the installed binaries, else none. */
export async function postgresSource (log: Log): Promise<PostgresSource> {
  const given = process.env.DATABASE_URL
  if (given !== undefined && /^postgres(ql)?:\/\//.test(given)) {
    // the user's database: every run uses names (jobs, hosts) of its own
    return { databaseUrl: async () => given, description: 'DATABASE_URL (its settings as they are)', close: () => {} }
  }
  const bin = findPostgresBin()
  if (bin === undefined) {
    return { description: 'not run: no DATABASE_URL=postgres://… and no PostgreSQL server binaries (initdb, pg_ctl)', close: () => {} }
  }
  log('a throwaway PostgreSQL server')
  const server: ThrowawayPostgres = await launchPostgres(bin, { fsync: true })
  try {
    const version = await query(server.url(), 'SHOW server_version') as Array<{ server_version: string }>
    return {
      databaseUrl: async (name) => {
        await query(server.url(), `CREATE DATABASE ${name}`)
        return server.url(name)
      },
      admin: async (sql) => { await query(server.url(), sql) },
      description: `a throwaway server on this machine (PostgreSQL ${version[0].server_version}, fsync on, defaults otherwise)`,
      close: () => server.remove()
    }
  } catch (error) {
    server.remove()
    throw error
  }
}
