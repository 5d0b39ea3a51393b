import type { Lease, LeaseRequest } from '../schemas/leases.js'
import { givePort, openHost, reclaimExpired, takeLowest, takePort } from './free-ports.js'
import type { HostRow, LeaseRow, LeaseStore, LeaseTx } from './lease-store.js'
import {
  canonicalHost, DEFAULT_TTL_SECS, LeaseError, leaseView, newLeaseId, QUARANTINE_MS, requestFingerprint, type PortRange
} from './lease-rules.js'

// C.5's operations. Each runs in one transaction under its host's lock: the port, the fencing
// token and the row are decided and written together, and nothing is written on a refusal.

export interface LeaseOutcome {
  lease: Lease
  /** false when an earlier request already got this lease (a retry): 200 rather than 201 */
  created: boolean
}

/** POST /v1/hosts/{host}/leases: a new lease, or the live one this Idempotency-Key got on this host. */
export async function createLease (
  store: LeaseStore, range: PortRange, now: number, host: string, key: string, request: LeaseRequest
): Promise<LeaseOutcome> {
  const name = canonicalHost(host)
  const fingerprint = requestFingerprint(request)
  return await store.withHost(name, async (tx) => {
    const hostRow = await openHost(tx, name, range, now)
    const earlier = await tx.leaseByKey(name, key)
    if (earlier !== undefined) {
      if (earlier.request !== fingerprint) {
        throw new LeaseError(422, 'This Idempotency-Key was used on this host for another request')
      }
      return { lease: leaseView(earlier), created: false }
    }
    const port = request.port ?? await takeLowest(tx, name)
    if (port === undefined) throw new LeaseError(409, `Every port of ${range.first}-${range.last} is held on ${name}`)
    if (request.port !== undefined && !await takePort(tx, hostRow, port)) {
      throw new LeaseError(409, `Port ${port} is held on ${name}`)
    }
    const ttlSecs = request.ttl_secs ?? DEFAULT_TTL_SECS
    const row = await grant(tx, hostRow, {
      port, holder: request.holder, ttlSecs, expiresAt: now + ttlSecs * 1000, idempotencyKey: key, request: fingerprint, job: null, member: null
    })
    return { lease: leaseView(row), created: true }
  })
}

/** PUT /v1/leases/{lease}: the lease now lasts ttlSecs from now. */
export async function renewLease (store: LeaseStore, now: number, id: string, ttlSecs: number): Promise<Lease> {
  return await withLease(store, now, id, async (tx, row) => {
    const expiresAt = now + ttlSecs * 1000
    await tx.updateLease(id, { ttlSecs, expiresAt })
    return leaseView({ ...row, ttlSecs, expiresAt })
  })
}

/** DELETE /v1/leases/{lease}: the port is free again. */
export async function releaseLease (store: LeaseStore, now: number, id: string): Promise<void> {
  await withLease(store, now, id, async (tx, row, hostRow) => {
    await tx.deleteLease(id)
    await givePort(tx, hostRow, row.port)
  })
}

/**
 * POST /v1/leases/{lease}/conflict: the holder could not bind. The port is quarantined on the host
 * (the reported row becomes the quarantine) and a lease on another port of the range replaces
 * it, keeping its holder, time to live and Idempotency-Key. A retry gets the same replacement.
 */
export async function reportConflict (store: LeaseStore, range: PortRange, now: number, id: string): Promise<LeaseOutcome> {
  const host = await store.hostOfLease(id)
  if (host === undefined) throw notFound()
  return await store.withHost(host, async (tx) => {
    const hostRow = await openHost(tx, host, range, now)
    const row = await tx.leaseById(id)
    if (row?.kind === 'quarantine') {
      // a replacement since released, expired or itself reported: the retry comes too late
      const replacement = await tx.leaseById(row.replacedBy as string)
      if (replacement?.kind !== 'lease') throw notFound()
      return { lease: leaseView(replacement), created: false }
    }
    if (row === undefined) throw notFound()
    const port = await takeLowest(tx, host)
    if (port === undefined) throw new LeaseError(409, `No other port of ${range.first}-${range.last} is free on ${host}`)
    const replacementId = newLeaseId()
    await tx.updateLease(id, {
      kind: 'quarantine', expiresAt: now + QUARANTINE_MS, idempotencyKey: null, request: null, replacedBy: replacementId
    })
    const replacement = await grant(tx, hostRow, {
      port, holder: row.holder, ttlSecs: row.ttlSecs, expiresAt: now + row.ttlSecs * 1000, idempotencyKey: row.idempotencyKey, request: row.request, job: null, member: null
    }, replacementId)
    return { lease: leaseView(replacement), created: true }
  })
}

type Grant = Pick<LeaseRow, 'port' | 'holder' | 'ttlSecs' | 'expiresAt' | 'idempotencyKey' | 'request' | 'job' | 'member'>

/** Writes a lease with the host's next fencing token (the counter and the row in one transaction). */
export async function grant (tx: LeaseTx, hostRow: HostRow, fields: Grant, id = newLeaseId()): Promise<LeaseRow> {
  const fencingToken = hostRow.lastToken + 1
  await tx.putHost({ ...hostRow, lastToken: fencingToken })
  hostRow.lastToken = fencingToken
  const row: LeaseRow = { id, host: hostRow.host, kind: 'lease', fencingToken, replacedBy: null, ...fields }
  await tx.insertLease(row)
  return row
}

async function withLease<T> (
  store: LeaseStore, now: number, id: string, fn: (tx: LeaseTx, row: LeaseRow, hostRow: HostRow) => Promise<T>
): Promise<T> {
  const host = await store.hostOfLease(id)
  if (host === undefined) throw notFound()
  return await store.withHost(host, async (tx) => {
    // the host's row exists: this lease's row was seen
    const hostRow = await reclaimExpired(tx, host, now) as HostRow
    const row = await tx.leaseById(id)
    if (row?.kind !== 'lease') throw notFound()
    return await fn(tx, row, hostRow)
  })
}

function notFound (): LeaseError {
  // expired, released, replaced or never granted: the id is the capability, the answer says no more
  return new LeaseError(404, 'No such lease (it expired, was released, or never existed)')
}
