import { randomSecret } from './tokens.js'
import type { Lease, LeaseRequest } from '../schemas/leases.js'
import type { LeaseRow } from './lease-store.js'

/** A refusal of C.5, with its status. */
export class LeaseError extends Error {
  readonly statusCode: 404 | 409 | 422

  constructor (statusCode: 404 | 409 | 422, message: string) {
    super(message)
    this.name = 'LeaseError'
    this.statusCode = statusCode
  }
}

/** Ports the service picks from (RUNCONFIG_PORT_RANGE), first..last inclusive. */
export interface PortRange {
  first: number
  last: number
}

export const DEFAULT_PORT_RANGE = '20000-29999'
export const DEFAULT_TTL_SECS = 300
/** C.5: a port reported as unbindable is not handed out on that host for 10 minutes. */
export const QUARANTINE_MS = 10 * 60 * 1000
/** A member's lease lasts as long as its job: it ends when the job is deleted, not by time. */
export const NEVER = 8_640_000_000_000_000

/** "20000-29999" → { first: 20000, last: 29999 }; throws on anything else. */
export function parsePortRange (text: string): PortRange {
  const match = /^(\d{1,5})-(\d{1,5})$/.exec(text)
  const [first, last] = match === null ? [NaN, NaN] : [Number(match[1]), Number(match[2])]
  if (!(first >= 1 && first <= last && last <= 65535)) {
    throw new Error(`RUNCONFIG_PORT_RANGE must be FIRST-LAST with 1 ≤ FIRST ≤ LAST ≤ 65535, not ${JSON.stringify(text)}`)
  }
  return { first, last }
}

/** Hosts compare as DNS does: names in lower case, IPv6 in its compressed form ([0:0::1] is [::1]). */
export function canonicalHost (host: string): string {
  return host.startsWith('[') ? new URL(`http://${host}/`).hostname : host.toLowerCase()
}

/** A new lease id: 256 random bits, URL-safe (it is the capability). */
export function newLeaseId (): string {
  return randomSecret(32)
}

/** The request as compared under one Idempotency-Key: defaults applied, key order aside. */
export function requestFingerprint (request: LeaseRequest): string {
  return JSON.stringify([request.holder, request.ttl_secs ?? DEFAULT_TTL_SECS, request.port ?? null])
}

/** A row as the contract shows it. */
export function leaseView (row: LeaseRow): Lease {
  return {
    lease: row.id,
    host: row.host,
    port: row.port,
    holder: row.holder,
    fencing_token: row.fencingToken,
    expires_at: new Date(row.expiresAt).toISOString()
  }
}
