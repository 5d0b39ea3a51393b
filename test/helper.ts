import type { Test } from 'tap'
import { buildApp, type AppOptions } from '../app.js'

/**
 * What a test app changes from the server's: no overload checks (a machine busy with other work is
 * not an overloaded server) and no plan job timeout (a worker's start-up under tap's loader takes
 * seconds, more on a loaded machine). Tests about those set them.
 */
export const TEST_LIMITS = {
  pressure: { maxEventLoopDelay: 0, maxHeapUsedBytes: 0, maxRssBytes: 0 },
  planWorkers: { jobTimeoutMs: 3_600_000 }
} as const satisfies AppOptions

/** The app with TEST_LIMITS and these options, closed when the test ends. */
export async function buildTestApp (t: Test, { pressure, planWorkers, ...options }: AppOptions = {}) {
  const app = await buildApp({
    ...options,
    pressure: { ...TEST_LIMITS.pressure, ...pressure },
    planWorkers: { ...TEST_LIMITS.planWorkers, ...planWorkers }
  })
  t.teardown(() => app.close())
  return app
}

/** The app as the server builds it but for TEST_LIMITS, closed when the test ends. */
export async function build (t: Test) {
  return buildTestApp(t)
}

/** A small seeded PRNG (mulberry32): the same cases on every run, no dependency. */
export function seededRandom (seed: number) {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let x = Math.imul(state ^ (state >>> 15), 1 | state)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
  return {
    /** An integer in [0, n). */
    below: (n: number): number => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number): boolean => next() < p
  }
}
