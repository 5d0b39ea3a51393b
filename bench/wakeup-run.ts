// The wake-up benchmark (npm run bench:wakeup, also part of npm run bench): how soon a
// long-polling member is answered once the join that completes its round lands, on the same
// server or on another replica
// (issue 13: "a waiter on replica B is answered within 100 ms (idle machine) of a join on A").
// Each repetition: a 2-slot job; member 1 joins on B and long-polls its config there; member 2's
// join goes to A; measured from A's 201 to B's 200. SQLite with one server (A = B), PostgreSQL
// with one replica (A = B) and with two (A ≠ B: the wake-up crosses LISTEN/NOTIFY).
import { mkdtempSync, rmSync } from 'node:fs'
import { Agent } from 'node:http'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { call, retrying } from './http-call.js'
import { loadAverage, postgresSource, serverEntry, startReplicas, type Log, type PostgresSource } from './replicas.js'
import { formatMs, percentile, table } from './stats.js'

export const WAKEUP_HEADING = '## Wake-up of a waiting member'
/** Time for member 1's long poll to reach its server and start waiting before member 2 joins (no signal says it has). */
const SETTLE_MS = 200
const WARM_UP = 5

export interface WakeupRow {
  run: string
  /** A's 201 → B's 200, ms, one a repetition. */
  afterAck: number[]
  /** Member 2's join sent → B's 200 (the completing join's own transaction included). */
  afterSend: number[]
  retried: number
}

export interface WakeupResults {
  repetitions: number
  logLevel: string
  server: string
  postgres: string
  rows: WakeupRow[]
  load: { before: string, after: string }
}

/** `repetitions` rounds of two members: the waiter on `b`, the completing join on `a`. */
async function measureWakeup (a: string, b: string, label: string, repetitions: number): Promise<WakeupRow> {
  const joins = new Agent({ keepAlive: true })
  const polls = new Agent({ keepAlive: true })
  const retried: string[] = []
  const served = retrying(retried)
  const row: WakeupRow = { run: label, afterAck: [], afterSend: [], retried: 0 }
  try {
    for (let i = -WARM_UP; i < repetitions; i++) {
      const name = `wake-${process.pid}-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${i + WARM_UP}`
      const job = `${a}/v1/jobs/${name}`
      const created = await served(() => call(joins, job, 'PUT', undefined, { cluster: { chief: 1, worker: 1 }, join_timeout_secs: 3600 }))
      if (created.status !== 201) throw new Error(`PUT ${name}: ${created.status} ${created.body}`)
      const { token } = JSON.parse(created.body) as { token: string }
      const first = await served(() => call(joins, `${b}/v1/jobs/${name}/members/m-0`, 'PUT', token, { role: 'chief', host: '10.0.0.1', port: 20000 }))
      if (first.status !== 201) throw new Error(`join m-0: ${first.status} ${first.body}`)
      let answered = NaN
      const poll = served(() => call(polls, `${b}/v1/jobs/${name}/members/m-0/config?wait=60`, 'GET', token)).then((answer) => {
        answered = performance.now()
        if (answer.status !== 200) throw new Error(`config of m-0: ${answer.status} ${answer.body}`)
      })
      await sleep(SETTLE_MS)
      const sent = performance.now()
      const second = await served(() => call(joins, `${a}/v1/jobs/${name}/members/m-1`, 'PUT', token, { role: 'worker', host: '10.0.0.1', port: 20001 }))
      const acknowledged = performance.now()
      if (second.status !== 201) throw new Error(`join m-1: ${second.status} ${second.body}`)
      await poll
      if (i >= 0) {
        row.afterAck.push(answered - acknowledged)
        row.afterSend.push(answered - sent)
      }
      await call(joins, job, 'DELETE', undefined).catch(() => {})
    }
  } finally {
    joins.destroy()
    polls.destroy()
  }
  row.retried = retried.length
  return row
}

export async function measureWakeups (repetitions: number, logLevel: string, log: Log): Promise<WakeupResults> {
  const before = loadAverage()
  const entry = serverEntry()
  const dir = mkdtempSync(join(tmpdir(), 'bench-wakeup-'))
  const rows: WakeupRow[] = []
  const run = async (label: string, url: string, replicas: number) => {
    log(`wake-up: ${label}`)
    const servers = await startReplicas(entry.args, url, replicas, logLevel)
    try {
      rows.push(await measureWakeup(servers.urls[0], servers.urls[replicas - 1], label, repetitions))
    } finally {
      await servers.stop()
    }
  }
  let postgres: PostgresSource | undefined
  try {
    await run('SQLite, one server (A = B)', `sqlite:${join(dir, 'wakeup.db')}`, 1)
    postgres = await postgresSource(log)
    if (postgres.databaseUrl !== undefined) {
      await run('PostgreSQL, one replica (A = B)', await postgres.databaseUrl('bench_wakeup_1'), 1)
      await run('PostgreSQL, two replicas (A ≠ B)', await postgres.databaseUrl('bench_wakeup_2'), 2)
    }
    return { repetitions, logLevel, server: entry.description, postgres: postgres.description, rows, load: { before, after: loadAverage() } }
  } finally {
    postgres?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export function wakeupSection (r: WakeupResults, date = new Date()): string {
  const rows = r.rows.map((row) => [
    row.run, formatMs(percentile(row.afterAck, 50)), formatMs(percentile(row.afterAck, 99)), formatMs(Math.max(...row.afterAck)),
    formatMs(percentile(row.afterSend, 50)), formatMs(percentile(row.afterSend, 99)), String(row.retried)
  ])
  return [
    WAKEUP_HEADING, '',
    `Generated by \`npm run bench:wakeup\` (also part of \`npm run bench\`) on ${date.toISOString()}. ${r.repetitions} ` +
      `repetitions (after ${WARM_UP} unmeasured), one after the other: a job of two slots; member 1 joins on server B and ` +
      `long-polls its config there (\`?wait=60\`); ${SETTLE_MS} ms later member 2's join, which completes the round, goes ` +
      'to server A. "A\'s 201 → B\'s 200" is the wake-up itself: from the completing join acknowledged to the waiter ' +
      'answered (negative when B answers first). Issue 13 asks for at most 100 ms across replicas on an idle machine.', '',
    `Servers: ${r.server}, unpinned, LOG_LEVEL=${r.logLevel}; PostgreSQL: ${r.postgres}. Machine: ` +
      `${cpus().length} × ${cpus()[0]?.model ?? '?'}, load average ${r.load.before} before and ${r.load.after} after ` +
      '(not idle: shared with other builds and test runs).', '',
    table(['run', 'A\'s 201 → B\'s 200 p50', 'p99', 'max', 'join sent → B\'s 200 p50', 'p99', '503s retried'], rows),
    ''
  ].join('\n')
}

/** BENCH_WAKEUP_REPETITIONS (50; 20 with BENCH_QUICK=1). */
export function wakeupRepetitions (quick = process.env.BENCH_QUICK === '1'): number {
  const repetitions = Number(process.env.BENCH_WAKEUP_REPETITIONS ?? (quick ? 20 : 50))
  if (!Number.isInteger(repetitions) || repetitions < 1) throw new Error(`BENCH_WAKEUP_REPETITIONS must be a whole number of at least 1, not ${process.env.BENCH_WAKEUP_REPETITIONS}`)
  return repetitions
}
