import type { JobSnapshot, Store } from './store.js'

/** What a watch sees: the job as it now is, or null once it is deleted. */
export type Sighting = JobSnapshot | null
export type WatchOutcome = Sighting | 'timeout' | 'closed'

interface WatchedJob {
  subscriptions: Set<Subscription>
  unsubscribe: () => void
  reading: boolean
  readAgain: boolean
}

/**
 * Long polls and event streams of a job share one store read per change, however many they are:
 * the store's notifier says "job X changed", one read follows (another right after it if a change
 * came in meanwhile), and every subscription of the job is handed the result.
 */
export class JobWatcher {
  readonly #store: Store
  readonly #jobs = new Map<string, WatchedJob>()
  #closed = false

  constructor (store: Store) {
    this.#store = store
  }

  /**
   * Watches a job from now on: subscribe first, then read, so that no change after the read is
   * missed (a change before the read is in the read).
   */
  watch (job: string): Subscription {
    let watched = this.#jobs.get(job)
    if (watched === undefined) {
      const created: WatchedJob = { subscriptions: new Set(), unsubscribe: () => {}, reading: false, readAgain: false }
      created.unsubscribe = this.#store.notifier.subscribe(job, () => { this.#refresh(job, created) })
      this.#jobs.set(job, watched = created)
    }
    const subscription = new Subscription(() => this.#leave(job, subscription))
    if (this.#closed) subscription.end()
    else watched.subscriptions.add(subscription)
    return subscription
  }

  /** Subscriptions alive, all jobs together (the limit on concurrent waits counts these). */
  count (): number {
    let total = 0
    for (const watched of this.#jobs.values()) total += watched.subscriptions.size
    return total
  }

  /** Shutdown: every subscription ends ('closed'), and so do later ones. */
  close (): void {
    this.#closed = true
    for (const watched of [...this.#jobs.values()]) for (const subscription of [...watched.subscriptions]) subscription.end()
  }

  // never rejects: a failed read is caught below
  async #refresh (job: string, watched: WatchedJob): Promise<void> {
    if (watched.reading) {
      watched.readAgain = true
      return
    }
    watched.reading = true
    try {
      do {
        watched.readAgain = false
        const sighting = await this.#store.read(job) ?? null
        for (const subscription of [...watched.subscriptions]) subscription.offer(sighting)
      } while (watched.readAgain)
    } catch {
      // a failed read (the store closing): the subscriptions keep waiting for their timeouts or close()
    } finally {
      watched.reading = false
      // the last subscription left during the read
      if (watched.subscriptions.size === 0) this.#forget(job, watched)
    }
  }

  #leave (job: string, subscription: Subscription): void {
    const watched = this.#jobs.get(job)
    if (watched === undefined) return
    watched.subscriptions.delete(subscription)
    if (watched.subscriptions.size === 0 && !watched.reading) this.#forget(job, watched)
  }

  #forget (job: string, watched: WatchedJob): void {
    watched.unsubscribe()
    if (this.#jobs.get(job) === watched) this.#jobs.delete(job)
  }
}

/** One watcher of one job: waits for a version past the one it has seen. */
export class Subscription {
  #latest: Sighting | undefined
  #ended = false
  #pending: { after: number, wanted: (sighting: Sighting) => boolean, resolve: (outcome: WatchOutcome) => void, timer: NodeJS.Timeout } | undefined
  readonly #leave: () => void

  constructor (leave: () => void) {
    this.#leave = leave
  }

  /**
   * The job once its version passes `after` and it is `wanted` (null if deleted), or 'timeout'
   * after `timeoutMs`, or 'closed'. `wanted` lets a long poll sleep through the changes it does
   * not care about: 1,000 waiters of a filling round are not each woken by all 1,000 joins.
   */
  async next (after: number, timeoutMs: number, wanted: (sighting: Sighting) => boolean = () => true): Promise<WatchOutcome> {
    if (this.#latest !== undefined && isNews(this.#latest, after) && wanted(this.#latest)) return this.#latest
    if (this.#ended) return 'closed'
    return await new Promise<WatchOutcome>((resolve) => {
      const timer = setTimeout(() => this.#settle('timeout'), Math.max(0, timeoutMs))
      this.#pending = { after, wanted, resolve, timer }
    })
  }

  /** From the watcher: the job as just read. */
  offer (sighting: Sighting): void {
    if (this.#latest !== undefined && this.#latest !== null && sighting !== null && sighting.job.version <= this.#latest.job.version) return
    this.#latest = sighting
    const pending = this.#pending
    if (pending !== undefined && isNews(sighting, pending.after) && pending.wanted(sighting)) this.#settle(sighting)
  }

  /** Stops watching: a pending next() answers 'closed'. Idempotent. */
  end (): void {
    if (this.#ended) return
    this.#ended = true
    this.#leave()
    this.#settle('closed')
  }

  #settle (outcome: WatchOutcome): void {
    const pending = this.#pending
    if (pending === undefined) return
    this.#pending = undefined
    clearTimeout(pending.timer)
    pending.resolve(outcome)
  }
}

function isNews (sighting: Sighting, after: number): boolean {
  return sighting === null || sighting.job.version > after
}
