// The lease benchmark's runs: in process on SQLite and on PostgreSQL (the limits: the rules and
// their transactions, no HTTP), and over HTTP against server processes — SQLite with one, and
// PostgreSQL (DATABASE_URL, else a throwaway server) with one replica and with three.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { POSTGRES_LIMITS } from '../limits.js'
import type { Store } from '../src/coordination/store.js'
import { openSqliteStore } from '../src/store/index.js'
import { openPostgresStore } from '../src/store/postgres.js'
import { fillFullHost, httpClient, measureLeases, storeClient, type LeaseClient, type LeaseFigures } from './leases-work.js'
import { loadAverage, postgresSource, serverEntry, startReplicas, type Log, type PostgresSource } from './replicas.js'

export interface LeaseOptions {
  /** Seconds each workload runs. */
  seconds: number
  /** Requests in flight. */
  concurrency: number
  /** The servers' LOG_LEVEL. */
  logLevel: string
}

export interface LeaseRow {
  via: 'HTTP' | 'in process'
  database: 'SQLite' | 'PostgreSQL'
  /** Server processes (0 in process). */
  replicas: number
  figures: LeaseFigures
}

export interface LeaseResults {
  options: LeaseOptions
  server: string
  postgres: string
  rows: LeaseRow[]
  /** Seconds taken to fill the 90 % host, in process, by database. */
  fillSeconds: Record<string, number>
  /** The PostgreSQL fill ran with synchronous_commit off (a throwaway server). */
  fillWithoutSyncWait: boolean
  load: { before: string, after: string }
}

/** BENCH_SECONDS (10 a workload; 2 with BENCH_QUICK=1), BENCH_LEASE_CONCURRENCY (50), BENCH_LOG_LEVEL (info). */
export function leaseOptions (quick = process.env.BENCH_QUICK === '1'): LeaseOptions {
  const seconds = Number(process.env.BENCH_SECONDS ?? (quick ? 2 : 10))
  const concurrency = Number(process.env.BENCH_LEASE_CONCURRENCY ?? 50)
  if (!(seconds > 0)) throw new Error(`BENCH_SECONDS must be a positive number, not ${process.env.BENCH_SECONDS}`)
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`BENCH_LEASE_CONCURRENCY must be a whole number of at least 1, not ${process.env.BENCH_LEASE_CONCURRENCY}`)
  return { seconds, concurrency, logLevel: process.env.BENCH_LOG_LEVEL ?? 'info' }
}

/** Seconds of grants before each run, not measured: the JIT, the pools' connections and the statement caches warm up. */
const WARM_UP_SECONDS = 1

export async function measureLeaseRuns (options: LeaseOptions, log: Log): Promise<LeaseResults> {
  const { seconds, concurrency, logLevel } = options
  const before = loadAverage()
  const entry = serverEntry()
  const dir = mkdtempSync(join(tmpdir(), 'bench-leases-'))
  const rows: LeaseRow[] = []
  const fillSeconds: Record<string, number> = {}
  let runs = 0
  // a name of this run's own: on DATABASE_URL an earlier run's full host may still hold its leases
  const fullHost = `full-${process.pid}-${Date.now().toString(36)}`
  const measure = async (row: Omit<LeaseRow, 'figures'>, client: LeaseClient) => {
    const prefix = `r${++runs}-${process.pid}`
    await measureLeases(client, `warm-${prefix}`, fullHost, WARM_UP_SECONDS, concurrency)
    client.retried.length = 0
    rows.push({ ...row, figures: await measureLeases(client, prefix, fullHost, seconds, concurrency) })
  }
  // the 90 % host, filled first and shared by the database's runs; not measured
  const fill = async (database: LeaseRow['database'], open: () => Promise<Store>) => {
    log(`leases: 90 % of one host's range, ${database}`)
    const store = await open()
    try {
      const start = performance.now()
      await fillFullHost(storeClient(store, 'fill'), fullHost, concurrency)
      fillSeconds[database] = (performance.now() - start) / 1000
    } finally {
      await store.close()
    }
  }
  const core = async (database: LeaseRow['database'], open: () => Promise<Store>) => {
    log(`leases: in process, ${database}`)
    const store = await open()
    try {
      await measure({ via: 'in process', database, replicas: 0 }, storeClient(store, `core-${runs}`))
    } finally {
      await store.close()
    }
  }
  const http = async (database: LeaseRow['database'], url: string, replicas: number) => {
    log(`leases: over HTTP, ${database}, ${replicas} replica(s)`)
    const servers = await startReplicas(entry.args, url, replicas, logLevel)
    const client = httpClient(servers.urls, concurrency, `http-${runs}-${process.pid}`)
    try {
      await measure({ via: 'HTTP', database, replicas }, client)
    } finally {
      client.close()
      await servers.stop()
    }
  }
  let postgres: PostgresSource | undefined
  try {
    const sqlite = join(dir, 'runconfig.db')
    await fill('SQLite', () => openSqliteStore(sqlite))
    await core('SQLite', () => openSqliteStore(sqlite))
    await http('SQLite', `sqlite:${sqlite}`, 1)

    postgres = await postgresSource(log)
    if (postgres.databaseUrl !== undefined) {
      const url = await postgres.databaseUrl('bench_leases')
      const open = () => openPostgresStore(url, POSTGRES_LIMITS)
      // 11,000 commits one after the other (one host: its lock) each wait for their fsync, 2 minutes
      // on a shared disk; a throwaway server skips that wait for the fill, and has it back for the runs
      await postgres.admin?.('ALTER DATABASE bench_leases SET synchronous_commit = off')
      await fill('PostgreSQL', open)
      await postgres.admin?.('ALTER DATABASE bench_leases RESET synchronous_commit')
      await core('PostgreSQL', open)
      await http('PostgreSQL', url, 1)
      await http('PostgreSQL', url, 3)
    }
    return { options, server: entry.description, postgres: postgres.description, rows, fillSeconds, fillWithoutSyncWait: postgres.admin !== undefined, load: { before, after: loadAverage() } }
  } finally {
    postgres?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
