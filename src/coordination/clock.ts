/** Where the rules read the time: injected, so that tests move it instead of sleeping. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/** A clock that moves only when told: for tests of deadlines and expiry. */
export function manualClock (start = Date.UTC(2026, 11, 2, 10)): Clock & { advance(ms: number): void, set(ms: number): void } {
  let time = start
  return {
    now: () => time,
    advance: (ms) => { time += ms },
    set: (ms) => { time = ms }
  }
}
