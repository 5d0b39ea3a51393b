/** Called with the job's new version (or -1 once the job is deleted). */
export type ChangeListener = (version: number) => void

/**
 * Wake-ups keyed by job, in this process. The SQLite store feeds it after each commit; the
 * PostgreSQL store feeds it from LISTEN/NOTIFY, so a change on any replica wakes local waiters.
 */
export class Notifier {
  readonly #listeners = new Map<string, Set<ChangeListener>>()

  /** Calls `listener` on each change of `job` until the returned function is called. */
  subscribe (job: string, listener: ChangeListener): () => void {
    let set = this.#listeners.get(job)
    if (set === undefined) this.#listeners.set(job, set = new Set())
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0 && this.#listeners.get(job) === set) this.#listeners.delete(job)
    }
  }

  notify (job: string, version: number): void {
    const set = this.#listeners.get(job)
    if (set === undefined) return
    // a copy: a listener may unsubscribe itself, or subscribe again, while we iterate
    for (const listener of [...set]) listener(version)
  }

  /** Live subscriptions: of one job, or of all (a leak shows here). */
  count (job?: string): number {
    if (job !== undefined) return this.#listeners.get(job)?.size ?? 0
    let total = 0
    for (const set of this.#listeners.values()) total += set.size
    return total
  }
}
