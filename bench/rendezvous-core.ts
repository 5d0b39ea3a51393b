// The rendezvous without HTTP: the same joins and waits, on the core (Rendezvous) and a store, in
// this process. The limit the HTTP figures are read against: what the rules and the database
// cost, with neither sockets, JSON nor Fastify.
import { PRESSURE_LIMITS, RENDEZVOUS_LIMITS } from '../limits.js'
import { systemClock } from '../src/coordination/clock.js'
import { DEFAULT_PORT_RANGE, parsePortRange } from '../src/coordination/lease-rules.js'
import { Rendezvous } from '../src/coordination/rendezvous.js'
import type { Store } from '../src/coordination/store.js'
import type { JobRequest } from '../src/schemas/jobs.js'
import { percentile } from './stats.js'

/** The job of a run: 1 chief, 1 % ps (at least 1), the rest workers, `members` tasks in all. */
export function benchJob (members: number): JobRequest {
  const ps = Math.max(1, Math.round(members / 100))
  return { cluster: { chief: 1, ps, worker: members - 1 - ps }, join_timeout_secs: 3600 }
}

/** Member i's role (chief, then the ps, then the workers); it joins without an index, so the rules pick its slot. */
export function roleOf (job: JobRequest, i: number): string {
  let first = 0
  for (const [role, count] of Object.entries(job.cluster)) {
    if (i < first + count) return role
    first += count
  }
  throw new Error(`member ${i} is beyond the cluster`)
}

/** Every node on one host, each on its own port. */
export const joinBody = (job: JobRequest, i: number) => ({ role: roleOf(job, i), host: '10.0.0.1', port: 20000 + i })

export interface RendezvousFigures {
  members: number
  concurrency: number
  /** Every join, first sent to last acknowledged. */
  joinsPerSecond: number
  joinMs: { p50: number, p99: number }
  /** From sending the join that completed the round to each member's config, ms. */
  configMs: { p50: number, p99: number, max: number }
  /** Distinct (role, index) among the configs delivered: must equal members. */
  distinctSlots: number
  /** 503s retried (overload shedding, a busy database). */
  retried: number
  /** Their distinct messages. */
  retriedBecause: string[]
}

/** Runs `work(i)` for i in 0..n-1, at most `concurrency` at once. */
export async function bounded (n: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: Math.min(n, concurrency) }, async () => {
    while (next < n) await work(next++)
  }))
}

/** Summarises one run's timings (ms since an arbitrary origin) into figures. */
export function summarise (members: number, concurrency: number, t: { sent: number[], acknowledged: number[], completingSent: number, delivered: number[], slots: string[], retried: string[] }): RendezvousFigures {
  const first = Math.min(...t.sent)
  const last = Math.max(...t.acknowledged)
  const joinMs = t.acknowledged.map((at, i) => at - t.sent[i])
  const configMs = t.delivered.map((at) => at - t.completingSent)
  return {
    members,
    concurrency,
    joinsPerSecond: members / ((last - first) / 1000),
    joinMs: { p50: percentile(joinMs, 50), p99: percentile(joinMs, 99) },
    configMs: { p50: percentile(configMs, 50), p99: percentile(configMs, 99), max: Math.max(...configMs) },
    distinctSlots: new Set(t.slots).size,
    retried: t.retried.length,
    retriedBecause: [...new Set(t.retried)]
  }
}

/**
 * `members` join job `name` on `store`, `concurrency` at a time; each then waits for its config
 * (as a long poll does: subscribed through the watcher). Resolves once every config is delivered.
 */
export async function measureCore (store: Store, name: string, members: number, concurrency: number): Promise<RendezvousFigures> {
  const retryAfterSecs = { busy: PRESSURE_LIMITS.retryAfter, closing: RENDEZVOUS_LIMITS.closingRetryAfter, gathering: RENDEZVOUS_LIMITS.gatheringRetryAfter }
  const rendezvous = new Rendezvous({
    store, clock: systemClock, portRange: parsePortRange(DEFAULT_PORT_RANGE), maxWatches: members + 10, heartbeatMs: 15_000, retryAfterSecs
  })
  const job = benchJob(members)
  const { job: created } = await rendezvous.createJob(name, job)
  const token = created.token
  const sent: number[] = []
  const acknowledged: number[] = []
  const delivered: number[] = []
  const slots: string[] = []
  const waits: Array<Promise<void>> = []
  let completingSent = NaN
  try {
    await bounded(members, concurrency, async (i) => {
      sent[i] = performance.now()
      const { joined } = await rendezvous.join(name, `m-${i}`, joinBody(job, i), token)
      acknowledged[i] = performance.now()
      if (joined.state === 'complete') completingSent = sent[i]
      waits.push((async () => {
        for (;;) {
          const answer = await rendezvous.waitForConfig(name, `m-${i}`, 60, token)
          if (!answer.complete) continue
          delivered.push(performance.now())
          const { task } = answer.config.tf_config as { task: { type: string, index: number } }
          slots.push(`${task.type} ${task.index}`)
          return
        }
      })())
    })
    await Promise.all(waits)
  } finally {
    rendezvous.close()
    await rendezvous.deleteJob(name).catch(() => {})
  }
  return summarise(members, concurrency, { sent, acknowledged, completingSent, delivered, slots, retried: [] })
}
