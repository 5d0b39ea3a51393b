import type { JobCreated, JobList, JobRequest, JobView } from '../schemas/jobs.js'
import { checkAdmin, checkJobAccess, type Caller } from './access.js'
import type { Clock } from './clock.js'
import { defineJob, sameDefinition } from './definition.js'
import { CoordinationError, notFound } from './errors.js'
import type { PortRange } from './lease-rules.js'
import { releaseJobLeasesIn } from './lease-upkeep.js'
import { countSlots } from './slots.js'
import type { JobRow, JobTx, Store } from './store.js'
import { newToken } from './tokens.js'
import { jobView } from './view.js'

/** What every rule needs: where the state is, the time, and the ports a member without one is leased from. */
export interface Rules {
  store: Store
  clock: Clock
  /** RUNCONFIG_PORT_RANGE (C.5) */
  portRange: PortRange
}

/** PUT /v1/jobs/{job}: created (201), or the same definition again (200, the same token), else 409. */
export async function createJob ({ store, clock }: Rules, name: string, request: JobRequest, caller: Caller): Promise<{ created: boolean, job: JobCreated }> {
  checkAdmin(caller)
  const definition = defineJob(request)
  return await store.transact(name, async (tx) => {
    const now = clock.now()
    const row: JobRow = {
      job: name,
      definition,
      token: newToken(),
      round: 1,
      state: 'gathering',
      deadline: now + definition.join_timeout_secs * 1000,
      version: 1,
      created_at: now
    }
    if (await tx.create(row)) {
      tx.publish(row.version)
      return { created: true, job: { ...jobView({ job: row, members: [] }), token: row.token } }
    }
    const existing = await settle(tx, await tx.read() as JobRow, now)
    if (!sameDefinition(existing.definition, definition)) {
      throw new CoordinationError(409, `Job ${name} exists with another definition; delete it first to redefine it`)
    }
    return { created: false, job: { ...jobView({ job: existing, members: await tx.members(existing.round) }), token: existing.token } }
  })
}

/** GET /v1/jobs/{job}: the job view, a round past its deadline shown (and stored) as expired. */
export async function readJob (rules: Rules, name: string, caller: Caller): Promise<JobView> {
  const snapshot = await rules.store.read(name)
  if (snapshot === undefined) throw notFound(name)
  checkJobAccess(caller, snapshot.job)
  if (!isOverdue(snapshot.job, rules.clock.now())) return jobView(snapshot)
  await expireJob(rules, name)
  return await readJob(rules, name, caller)
}

/** GET /v1/jobs (admin). */
export async function listJobs ({ store, clock }: Rules, caller: Caller): Promise<JobList> {
  checkAdmin(caller)
  const now = clock.now()
  const rows = await store.list()
  return {
    jobs: rows.map(({ job, joined }) => ({
      job: job.job,
      round: job.round,
      state: isOverdue(job, now) ? 'expired' : job.state,
      expected: countSlots(job.definition.cluster),
      joined
    }))
  }
}

/** POST /v1/jobs/{job}/rounds (admin): the next round, empty, with a new deadline. */
export async function startRound ({ store, clock }: Rules, name: string, caller: Caller): Promise<JobView> {
  checkAdmin(caller)
  return await store.transact(name, async (tx) => {
    const row = await tx.read()
    if (row === undefined) throw notFound(name)
    const next: JobRow = {
      ...row,
      round: row.round + 1,
      state: 'gathering',
      deadline: clock.now() + row.definition.join_timeout_secs * 1000,
      version: row.version + 1
    }
    await tx.update({ round: next.round, state: next.state, deadline: next.deadline, version: next.version })
    // the round just ended stays, for sticky indices; older ones go
    await tx.pruneRounds(row.round)
    tx.publish(next.version)
    return jobView({ job: next, members: [] })
  })
}

/** DELETE /v1/jobs/{job} (admin): the job, its members, their leased ports (C.5) and its waits end. */
export async function deleteJob ({ store, clock }: Rules, name: string, caller: Caller): Promise<void> {
  checkAdmin(caller)
  await store.transact(name, async (tx) => {
    if (await tx.read() === undefined) throw notFound(name)
    // in the deletion's transaction: the ports are free exactly when the job is gone, never before or after
    for (const host of await tx.leaseHosts()) await releaseJobLeasesIn(await tx.hostLeases(host), clock.now(), name, host)
    await tx.delete()
    tx.publish(-1)
  })
}

/** Marks the job's round expired if it is past its deadline (the sweep, and check-on-read). */
export async function expireJob ({ store, clock }: Rules, name: string): Promise<void> {
  await store.transact(name, async (tx) => {
    const row = await tx.read()
    if (row !== undefined) await settle(tx, row, clock.now())
  })
}

/** Expires every round past its deadline; returns how many. */
export async function sweepExpired (rules: Rules): Promise<number> {
  const due = await rules.store.overdue(rules.clock.now())
  for (const name of due) await expireJob(rules, name)
  return due.length
}

export function isOverdue (job: JobRow, now: number): boolean {
  return job.state === 'gathering' && now >= job.deadline
}

/** Inside a transaction: the job as it is at `now`, its round expired (and published) if overdue. */
export async function settle (tx: JobTx, row: JobRow, now: number): Promise<JobRow> {
  if (!isOverdue(row, now)) return row
  const expiredRow: JobRow = { ...row, state: 'expired', version: row.version + 1 }
  await tx.update({ state: expiredRow.state, version: expiredRow.version })
  tx.publish(expiredRow.version)
  return expiredRow
}
