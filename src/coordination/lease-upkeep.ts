import { givePort, openHost, reclaimExpired, takeLowest } from './free-ports.js'
import type { HostRow, LeaseStore, LeaseTx } from './lease-store.js'
import { canonicalHost, LeaseError, NEVER, type PortRange } from './lease-rules.js'
import { grant } from './leases.js'

/** The periodic sweep: deletes every row expired at now (reads free expired ports anyway). Returns how many. */
export async function sweepLeases (store: LeaseStore, now: number): Promise<number> {
  let swept = 0
  for (const host of await store.hostsWithExpired(now)) {
    swept += await store.withHost(host, async (tx) => {
      const before = (await tx.expiredLeases(host, now)).length
      await reclaimExpired(tx, host, now)
      return before
    })
  }
  return swept
}

/**
 * C.3/C.5: the port of a member that joined without one, leased on its host for the job's life.
 * The same member on the same host keeps its port (a retried join, a later round).
 */
export async function leaseMemberPort (
  store: LeaseStore, range: PortRange, now: number, job: string, member: string, host: string
): Promise<number> {
  const name = canonicalHost(host)
  return await store.withHost(name, async (tx) => await leaseMemberPortIn(tx, range, now, job, member, name))
}

/**
 * leaseMemberPort inside a transaction that already holds the host's lock: a join grants the
 * member's port in the job's own transaction, so that a refused join leaves no lease behind.
 */
export async function leaseMemberPortIn (
  tx: LeaseTx, range: PortRange, now: number, job: string, member: string, host: string
): Promise<number> {
  const name = canonicalHost(host)
  const hostRow = await openHost(tx, name, range, now)
  const held = await tx.leaseByMember(name, job, member)
  if (held !== undefined) return held.port
  const port = await takeLowest(tx, name)
  if (port === undefined) throw new LeaseError(409, `Every port of ${range.first}-${range.last} is held on ${name}`)
  const row = await grant(tx, hostRow, {
    port, holder: `${job}/${member}`, ttlSecs: 0, expiresAt: NEVER, idempotencyKey: null, request: null, job, member
  })
  return row.port
}

/** Releases every lease of a job's members (the job was deleted). Returns how many. */
export async function releaseJobLeases (store: LeaseStore, now: number, job: string): Promise<number> {
  let released = 0
  for (const host of await store.hostsOfJob(job)) {
    released += await store.withHost(host, async (tx) => await releaseJobLeasesIn(tx, now, job, host))
  }
  return released
}

/** releaseJobLeases on one host, inside a transaction that holds its lock (the job's deletion). */
export async function releaseJobLeasesIn (tx: LeaseTx, now: number, job: string, host: string): Promise<number> {
  const hostRow = await reclaimExpired(tx, host, now) as HostRow
  const rows = await tx.leasesOfJob(host, job)
  for (const row of rows) {
    await tx.deleteLease(row.id)
    await givePort(tx, hostRow, row.port)
  }
  return rows.length
}

/** Releases a member's lease on host (its join was refused, or it left); false when it held none. */
export async function releaseMemberLease (store: LeaseStore, now: number, job: string, member: string, host: string): Promise<boolean> {
  const name = canonicalHost(host)
  return await store.withHost(name, async (tx) => await releaseMemberLeaseIn(tx, now, job, member, name))
}

/**
 * releaseMemberLease inside a transaction that holds the host's lock (the member leaves); only the
 * lease on `port` when one is given (the port its slot uses), else whichever it holds there.
 */
export async function releaseMemberLeaseIn (
  tx: LeaseTx, now: number, job: string, member: string, host: string, port?: number
): Promise<boolean> {
  const name = canonicalHost(host)
  const hostRow = await reclaimExpired(tx, name, now)
  const held = await tx.leaseByMember(name, job, member)
  if (held === undefined || (port !== undefined && held.port !== port)) return false
  await tx.deleteLease(held.id)
  await givePort(tx, hostRow as HostRow, held.port)
  return true
}
