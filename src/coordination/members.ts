import type { Joined, JoinRequest } from '../schemas/jobs.js'
import { checkJobAccess, type Caller } from './access.js'
import { CoordinationError, expired, notFound } from './errors.js'
import { settle, type Rules } from './jobs.js'
import { canonicalHost, LeaseError, type PortRange } from './lease-rules.js'
import { leaseMemberPortIn, releaseMemberLeaseIn } from './lease-upkeep.js'
import { arrangeMembers, chooseIndex, countSlots } from './slots.js'
import type { JobRow, JobTx, MemberRow } from './store.js'

/**
 * PUT /v1/jobs/{job}/members/{member} (C.3): takes a slot (201), or confirms the one this member
 * holds (200, a retry). Every check and the insert run in one transaction of the job, so two joins
 * never both see a slot free; any refusal throws before anything is written. A member without a
 * port gets one leased on its host in that same transaction (C.5): a refused join leases nothing.
 */
export async function joinMember ({ store, clock, portRange }: Rules, name: string, key: string, request: JoinRequest, caller: Caller): Promise<{ created: boolean, joined: Joined }> {
  return await store.transact(name, async (tx) => {
    const job = await openJob(tx, name, caller, clock.now())
    const count = job.definition.cluster[request.role]
    if (!Object.hasOwn(job.definition.cluster, request.role)) {
      throw new CoordinationError(422, `Role ${request.role} is not a job of the cluster (${Object.keys(job.definition.cluster).join(', ')})`)
    }
    if (request.index !== undefined && request.index >= count) {
      throw new CoordinationError(422, `Index ${request.index} is beyond ${request.role}'s ${count} task${count === 1 ? '' : 's'}`)
    }
    const members = await tx.members(job.round)
    const mine = members.find((m) => m.member === key)
    if (mine !== undefined) return { created: false, joined: confirm(job, mine, request) }
    if (job.state === 'complete') {
      throw new CoordinationError(409, `Round ${job.round} of job ${name} is complete and member ${key} holds no slot of it`)
    }
    const index = request.index ?? await pickIndex(tx, job, key, request.role, members)
    const holder = members.find((m) => m.role === request.role && m.index === index)
    if (holder !== undefined) {
      throw new CoordinationError(409, `Slot ${request.role} ${index} belongs to member ${holder.member}`, { holder: holder.member })
    }
    const port = request.port ?? await leasePort(tx, portRange, clock.now(), key, request.host)
    const row: MemberRow = { member: key, round: job.round, role: request.role, index, host: request.host, port, joined_at: clock.now() }
    await tx.addMember(row)
    const complete = members.length + 1 === countSlots(job.definition.cluster)
    const version = job.version + 1
    await tx.update(complete ? { version, state: 'complete' } : { version })
    tx.publish(version)
    return { created: true, joined: { member: key, role: row.role, index, round: job.round, state: complete ? 'complete' : 'gathering', version } }
  })
}

/** DELETE /v1/jobs/{job}/members/{member}: frees the slot (and its leased port) while the round gathers. */
export async function leaveMember ({ store, clock }: Rules, name: string, key: string, caller: Caller): Promise<void> {
  await store.transact(name, async (tx) => {
    const job = await openJob(tx, name, caller, clock.now())
    const mine = (await tx.members(job.round)).find((m) => m.member === key)
    if (mine === undefined) throw new CoordinationError(404, `Member ${key} holds no slot of round ${job.round} of job ${name}`)
    if (job.state === 'complete') throw new CoordinationError(409, `Round ${job.round} of job ${name} is complete: its members stay`)
    await tx.removeMember(job.round, key)
    // its port goes back to the range if it was leased (a port it gave itself is no lease)
    if (mine.port !== null) {
      const host = canonicalHost(mine.host)
      await releaseMemberLeaseIn(await tx.hostLeases(host), clock.now(), name, key, host, mine.port)
    }
    await tx.update({ version: job.version + 1 })
    tx.publish(job.version + 1)
  })
}

/** The job, locked, checked for access, and not expired (410 with the missing slots). */
async function openJob (tx: JobTx, name: string, caller: Caller, now: number): Promise<JobRow> {
  const row = await tx.read()
  if (row === undefined) throw notFound(name)
  checkJobAccess(caller, row)
  const job = await settle(tx, row, now)
  if (job.state === 'expired') {
    throw expired(name, job.round, arrangeMembers(job.definition.cluster, await tx.members(job.round)).missing)
  }
  return job
}

/**
 * C.5: the port of a member that gave none, leased on its host for the job's life (the same one a
 * retry or a later round on that host finds again). 409 naming the host and the range when all are held.
 */
async function leasePort (tx: JobTx, range: PortRange, now: number, key: string, host: string): Promise<number> {
  const name = canonicalHost(host)
  try {
    return await leaseMemberPortIn(await tx.hostLeases(name), range, now, tx.job, key, name)
  } catch (error) {
    if (!(error instanceof LeaseError)) throw error
    throw new CoordinationError(409, `Member ${key} gave no port, and every port of ${range.first}-${range.last} is held on ${name}: ` +
      'join with a port, or release one')
  }
}

/** A member that holds a slot asks again: a retry if it agrees with the slot, else 409. */
function confirm (job: JobRow, mine: MemberRow, request: JoinRequest): Joined {
  const agrees = mine.role === request.role && (request.index ?? mine.index) === mine.index &&
    mine.host === request.host && (request.port === undefined || request.port === mine.port)
  if (!agrees) {
    throw new CoordinationError(409, `Member ${mine.member} already holds ${mine.role} ${mine.index} at ${mine.host}:${String(mine.port)}; ` +
      'leave (DELETE) before joining another way', { holder: mine.member })
  }
  return { member: mine.member, role: mine.role, index: mine.index, round: job.round, state: job.state, version: job.version }
}

async function pickIndex (tx: JobTx, job: JobRow, key: string, role: string, members: MemberRow[]): Promise<number> {
  const count = job.definition.cluster[role]
  const taken = new Set(members.filter((m) => m.role === role).map((m) => m.index))
  let previous: number | undefined
  const reserved = new Set<number>()
  if (job.round > 1) {
    const present = new Set(members.map((m) => m.member))
    for (const earlier of await tx.members(job.round - 1)) {
      if (earlier.role !== role) continue
      if (earlier.member === key) previous = earlier.index
      else if (!present.has(earlier.member)) reserved.add(earlier.index)
    }
  }
  const index = chooseIndex(count, taken, previous, reserved)
  if (index === undefined) throw new CoordinationError(409, `No ${role} slot is free in round ${job.round} of job ${job.job}`)
  return index
}
