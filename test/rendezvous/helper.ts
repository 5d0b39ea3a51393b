import type { Test } from 'tap'
import { buildApp, type AppOptions } from '../../app.js'
import { manualClock } from '../../src/coordination/clock.js'
import type { JobRequest } from '../../src/schemas/jobs.js'

/** Overload shedding off: a loaded test machine must not turn answers into 503s. */
export const NO_PRESSURE = { maxEventLoopDelay: 0, maxHeapUsedBytes: 0, maxRssBytes: 0 }
export const START = Date.UTC(2026, 11, 2, 10)
export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789abcdef'

/** The app on an in-memory store with a clock the test moves; closed when the test ends. */
export async function buildRendezvous (t: Test, opts: AppOptions = {}) {
  const clock = manualClock(START)
  const app = await buildApp({ pressure: NO_PRESSURE, clock, ...opts })
  t.teardown(() => app.close())
  return { app, clock }
}

type App = Awaited<ReturnType<typeof buildApp>>

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** Creates a job and returns its join token. */
export async function createJob (app: App, job: string, body: JobRequest | object, headers: Record<string, string> = {}): Promise<string> {
  const res = await app.inject({ method: 'PUT', url: `/v1/jobs/${job}`, payload: body, headers })
  if (res.statusCode !== 201) throw new Error(`createJob: ${res.statusCode} ${res.body}`)
  return res.json().token
}

export async function join (app: App, job: string, member: string, body: object, token: string) {
  return await app.inject({ method: 'PUT', url: `/v1/jobs/${job}/members/${member}`, payload: body, headers: bearer(token) })
}

/** Everything stored about a job (for "a refusal stores nothing"): its row and the members of every round. */
export async function stored (app: App, job: string) {
  return await app.store.transact(job, async (tx) => {
    const row = await tx.read()
    const rounds = row === undefined ? [] : await Promise.all(Array.from({ length: row.round }, (_, i) => tx.members(i + 1)))
    return { row, rounds }
  })
}

/** Resolves once `n` waits or streams are subscribed (an event, not a delay). */
export async function untilWatching (app: App, n: number): Promise<void> {
  while (app.rendezvous.watcher.count() < n) await new Promise((resolve) => setImmediate(resolve))
}
