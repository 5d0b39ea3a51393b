// The rendezvous benchmark's runs: over HTTP against real server processes and in process on the
// core, on SQLite, then on PostgreSQL (DATABASE_URL, else a throwaway server when its binaries are
// installed) with one replica and with three sharing the database.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { POSTGRES_LIMITS } from '../limits.js'
import type { Store } from '../src/coordination/store.js'
import { openSqliteStore } from '../src/store/index.js'
import { openPostgresStore } from '../src/store/postgres.js'
import { measureCore, type RendezvousFigures } from './rendezvous-core.js'
import { measureHttp } from './rendezvous-http.js'
import { loadAverage, postgresSource, serverEntry, startReplicas, type Log, type PostgresSource } from './replicas.js'

export interface RendezvousOptions {
  members: number
  concurrency: number
  /** The servers' LOG_LEVEL. */
  logLevel: string
}

export interface RendezvousRow {
  /** 'HTTP' through server processes, or 'in process' on the core (the limit). */
  via: 'HTTP' | 'in process'
  database: 'SQLite' | 'PostgreSQL'
  /** Server processes (0 in process). */
  replicas: number
  figures: RendezvousFigures
}

export interface RendezvousResults {
  options: RendezvousOptions
  /** What the server processes ran. */
  server: string
  /** Where PostgreSQL came from, or why it was not run. */
  postgres: string
  rows: RendezvousRow[]
  /** /proc/loadavg before and after. */
  load: { before: string, after: string }
}

/** The settings from the environment; `quick` (BENCH_QUICK=1) defaults to 200 members. */
export function rendezvousOptions (quick = process.env.BENCH_QUICK === '1'): RendezvousOptions {
  const count = (name: string, fallback: number) => {
    const value = Number(process.env[name] ?? fallback)
    if (!Number.isInteger(value) || value < 3) throw new Error(`${name} must be a whole number of at least 3, not ${process.env[name]}`)
    return value
  }
  return {
    members: count('BENCH_RENDEZVOUS_MEMBERS', quick ? 200 : 1000),
    concurrency: count('BENCH_RENDEZVOUS_CONCURRENCY', 50),
    logLevel: process.env.BENCH_LOG_LEVEL ?? 'info'
  }
}

/** Members of the job each run starts with, not measured: the JIT, the pools' connections and the statement caches warm up. */
const WARM_UP = 30

export async function measureRendezvous (options: RendezvousOptions, log: Log): Promise<RendezvousResults> {
  const { members, concurrency, logLevel } = options
  const before = loadAverage()
  const entry = serverEntry()
  const dir = mkdtempSync(join(tmpdir(), 'bench-rendezvous-'))
  const rows: RendezvousRow[] = []
  let runs = 0
  const http = async (database: RendezvousRow['database'], url: string, replicas: number) => {
    log(`rendezvous: ${members} members over HTTP, ${database}, ${replicas} replica(s)`)
    const servers = await startReplicas(entry.args, url, replicas, logLevel)
    try {
      await measureHttp(servers.urls, `warm-up-${process.pid}-${runs}`, WARM_UP, Math.min(WARM_UP, concurrency))
      rows.push({ via: 'HTTP', database, replicas, figures: await measureHttp(servers.urls, `bench-${process.pid}-${++runs}`, members, concurrency) })
    } finally {
      await servers.stop()
    }
  }
  const core = async (database: RendezvousRow['database'], open: () => Promise<Store>) => {
    log(`rendezvous: ${members} members in process, ${database}`)
    const store = await open()
    try {
      await measureCore(store, `warm-up-${process.pid}-${runs}`, WARM_UP, Math.min(WARM_UP, concurrency))
      rows.push({ via: 'in process', database, replicas: 0, figures: await measureCore(store, `bench-${process.pid}-${++runs}`, members, concurrency) })
    } finally {
      await store.close()
    }
  }
  let postgres: PostgresSource | undefined
  try {
    await http('SQLite', `sqlite:${join(dir, 'http.db')}`, 1)
    await core('SQLite', () => openSqliteStore(join(dir, 'core.db')))

    postgres = await postgresSource(log)
    const { databaseUrl } = postgres
    if (databaseUrl !== undefined) {
      await http('PostgreSQL', await databaseUrl('bench_http_1'), 1)
      await http('PostgreSQL', await databaseUrl('bench_http_3'), 3)
      const url = await databaseUrl('bench_core')
      await core('PostgreSQL', () => openPostgresStore(url, POSTGRES_LIMITS))
    }
    return { options, server: entry.description, postgres: postgres.description, rows, load: { before, after: loadAverage() } }
  } finally {
    postgres?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
