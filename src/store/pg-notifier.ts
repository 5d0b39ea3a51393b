import { Notifier, type ChangeListener } from '../coordination/notifier.js'

/** The NOTIFY channel every replica LISTENs on; a payload is `<version>:<job>` (version -1: deleted). */
export const JOBS_CHANNEL = 'runconfig_jobs'

export function jobPayload (job: string, version: number): string {
  return `${version}:${job}`
}

/** The job and version of a payload; undefined for one this service did not send. */
export function parseJobPayload (payload: string): { job: string, version: number } | undefined {
  const match = /^(-1|\d+):(.+)$/.exec(payload)
  return match === null ? undefined : { job: match[2], version: Number(match[1]) }
}

/**
 * The notifier of one replica: a change reaches it up to three times (this replica's own commit,
 * its NOTIFY, the periodic re-check) and from other replicas twice. It keeps, for each job that has
 * subscribers, the last version it passed on and wakes them once per new version. A deletion
 * (-1) is passed on once; a job created again afterwards starts over.
 */
export class VersionNotifier extends Notifier {
  /** Each job with subscribers → the last version passed on (undefined: none yet). */
  readonly #last = new Map<string, number | undefined>()

  override subscribe (job: string, listener: ChangeListener): () => void {
    const unsubscribe = super.subscribe(job, listener)
    if (!this.#last.has(job)) this.#last.set(job, undefined)
    return () => {
      unsubscribe()
      if (this.count(job) === 0) this.#last.delete(job)
    }
  }

  /** The jobs with subscribers now: those a re-check reads. */
  watched (): string[] {
    return [...this.#last.keys()]
  }

  /** Passes `version` of `job` on to its subscribers unless they have had it already. */
  override notify (job: string, version: number): void {
    if (!this.#last.has(job)) return
    const last = this.#last.get(job)
    const seen = last !== undefined && (version === -1 ? last === -1 : last !== -1 && version <= last)
    if (seen) return
    this.#last.set(job, version)
    super.notify(job, version)
  }
}
