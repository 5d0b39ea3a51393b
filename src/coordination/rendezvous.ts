import type { Gathering, JobCreated, JobList, JobRequest, JobView, Joined, JoinRequest, MemberConfig } from '../schemas/jobs.js'
import { checkJobAccess, type Caller } from './access.js'
import type { Clock } from './clock.js'
import { CoordinationError, expired, notFound } from './errors.js'
import type { PortRange } from './lease-rules.js'
import { createJob, deleteJob, expireJob, isOverdue, listJobs, readJob, startRound, sweepExpired, type Rules } from './jobs.js'
import { MemberConfigs } from './member-config.js'
import { joinMember, leaveMember } from './members.js'
import type { JobSnapshot, Store } from './store.js'
import { arrangeMembers, memberOf } from './slots.js'
import { gatheringView } from './view.js'
import { JobWatcher, type Subscription } from './watcher.js'

export interface RendezvousOptions {
  store: Store
  clock: Clock
  /** RUNCONFIG_ADMIN_TOKEN (C.1); unset: the admin routes are open. */
  adminToken?: string
  /** RUNCONFIG_PORT_RANGE: a member that joins without a port is leased one of these on its host (C.5). */
  portRange: PortRange
  /** Long polls and event streams at once; beyond, Unavailable (503 + Retry-After). */
  maxWatches: number
  /** How often an idle event stream sends a comment line. */
  heartbeatMs: number
  /** The Retry-After of its answers that ask the client to come back (limits.ts RENDEZVOUS_LIMITS, the overload setting's). */
  retryAfterSecs: RetryAfterSecs
}

/** Seconds a client should wait before it asks again (Retry-After), by why it is asked to. */
export interface RetryAfterSecs {
  /** 503: too many long polls and event streams are open (load, like overload). */
  busy: number
  /** 503: the server began shutting down during a wait. */
  closing: number
  /** 202: the round still gathers; the next long poll may start at once. */
  gathering: number
}

/** The service is closing, or too many waits are open: 503 with Retry-After. */
export class Unavailable extends Error {
  readonly retryAfterSecs: number
  constructor (message: string, retryAfterSecs: number) {
    super(message)
    this.name = 'Unavailable'
    this.retryAfterSecs = retryAfterSecs
  }
}

export type ConfigAnswer = { complete: true, config: MemberConfig } | { complete: false, gathering: Gathering }

/** The rendezvous of C.2–C.3: the rules, bound to a store, a clock and the admin token, plus the waits. */
export class Rendezvous {
  readonly watcher: JobWatcher
  readonly heartbeatMs: number
  readonly retryAfterSecs: RetryAfterSecs
  readonly #rules: Rules
  readonly #adminToken: string | undefined
  readonly #maxWatches: number
  readonly #configs = new MemberConfigs()

  constructor ({ store, clock, adminToken, portRange, maxWatches, heartbeatMs, retryAfterSecs }: RendezvousOptions) {
    this.heartbeatMs = heartbeatMs
    this.retryAfterSecs = retryAfterSecs
    this.#rules = { store, clock, portRange }
    this.#adminToken = adminToken
    this.#maxWatches = maxWatches
    this.watcher = new JobWatcher(store)
  }

  createJob (job: string, request: JobRequest, bearer?: string): Promise<{ created: boolean, job: JobCreated }> {
    return createJob(this.#rules, job, request, this.#caller(bearer))
  }

  readJob (job: string, bearer?: string): Promise<JobView> {
    return readJob(this.#rules, job, this.#caller(bearer))
  }

  listJobs (bearer?: string): Promise<JobList> {
    return listJobs(this.#rules, this.#caller(bearer))
  }

  startRound (job: string, bearer?: string): Promise<JobView> {
    return startRound(this.#rules, job, this.#caller(bearer))
  }

  deleteJob (job: string, bearer?: string): Promise<void> {
    return deleteJob(this.#rules, job, this.#caller(bearer))
  }

  join (job: string, member: string, request: JoinRequest, bearer?: string): Promise<{ created: boolean, joined: Joined }> {
    return joinMember(this.#rules, job, member, request, this.#caller(bearer))
  }

  leave (job: string, member: string, bearer?: string): Promise<void> {
    return leaveMember(this.#rules, job, member, this.#caller(bearer))
  }

  /** Expires every round past its deadline (the periodic sweep). */
  sweep (): Promise<number> {
    return sweepExpired(this.#rules)
  }

  /** A watch of a job for an event stream, counted against the limit (Unavailable beyond it). */
  watch (job: string): Subscription {
    if (this.watcher.count() >= this.#maxWatches) throw new Unavailable('Too many long polls and event streams are open; retry later', this.retryAfterSecs.busy)
    return this.watcher.watch(job)
  }

  /** Checks that the caller may read the job, and gives its snapshot (check-on-read expiry applied). */
  async snapshot (job: string, bearer?: string): Promise<JobSnapshot> {
    await this.readJob(job, bearer)
    return await this.#rules.store.read(job) ?? Promise.reject(notFound(job))
  }

  /**
   * GET …/members/{member}/config?wait=S (C.3): the config once the round is complete, else after
   * at most `waitSecs` what is missing; 410 at the deadline; a deleted job 410. `signal` ends the
   * wait early (the client went away): the answer is then irrelevant.
   */
  async waitForConfig (job: string, member: string, waitSecs: number, bearer: string | undefined, signal?: AbortSignal): Promise<ConfigAnswer> {
    const caller = this.#caller(bearer)
    const subscription = waitSecs > 0 ? this.watch(job) : undefined
    const onAbort = () => subscription?.end()
    signal?.addEventListener('abort', onAbort)
    try {
      const { clock, store } = this.#rules
      const waitEnd = clock.now() + waitSecs * 1000
      let snapshot = await store.read(job)
      for (;;) {
        if (snapshot !== undefined && isOverdue(snapshot.job, clock.now())) {
          await expireJob(this.#rules, job)
          snapshot = await store.read(job)
        }
        const config = this.#configOf(job, member, snapshot, caller)
        if (config !== undefined) return { complete: true, config }
        const current = snapshot as JobSnapshot
        const remaining = Math.min(waitEnd, current.job.deadline) - clock.now()
        if (subscription === undefined || remaining <= 0) return { complete: false, gathering: gatheringView(current) }
        // asleep while the round only fills: its state, its round or this member's slot changing wakes it
        const outcome = await subscription.next(current.job.version, remaining, (sighting) =>
          sighting === null || sighting.job.state !== 'gathering' || sighting.job.round !== current.job.round ||
          memberOf(sighting, member) === undefined)
        if (outcome === 'closed') throw new Unavailable('The server is shutting down; retry on another replica or after the restart', this.retryAfterSecs.closing)
        if (outcome === null) throw new CoordinationError(410, `Job ${job} was deleted`)
        // a timeout re-reads: the deadline may have passed (410), else the wait ends with 202
        snapshot = outcome === 'timeout' ? await store.read(job) : outcome
        if (outcome === 'timeout' && snapshot !== undefined && !isOverdue(snapshot.job, clock.now())) {
          const config = this.#configOf(job, member, snapshot, caller)
          return config !== undefined ? { complete: true, config } : { complete: false, gathering: gatheringView(snapshot) }
        }
      }
    } finally {
      signal?.removeEventListener('abort', onAbort)
      subscription?.end()
    }
  }

  /** Shutdown: waits in flight end (503), event streams end. */
  close (): void {
    this.watcher.close()
  }

  /** The member's config if its round is complete; undefined while it gathers; else the refusal. */
  #configOf (job: string, member: string, snapshot: JobSnapshot | undefined, caller: Caller): MemberConfig | undefined {
    if (snapshot === undefined) throw notFound(job)
    checkJobAccess(caller, snapshot.job)
    const { job: row, members } = snapshot
    if (row.state === 'expired') throw expired(job, row.round, arrangeMembers(row.definition.cluster, members).missing)
    const mine = memberOf(snapshot, member)
    if (mine === undefined) throw new CoordinationError(404, `Member ${member} has not joined round ${row.round} of job ${job}`)
    return row.state === 'complete' ? this.#configs.configFor(snapshot, mine) : undefined
  }

  #caller (bearer: string | undefined): Caller {
    return { bearer, adminToken: this.#adminToken }
  }
}
