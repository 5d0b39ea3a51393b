// The lease part of the Store (ARCHITECTURE.md): primitive reads and writes of one transaction.
// The rules (src/coordination/leases.ts) are written once against it; sqlite.ts and postgres.ts
// implement it with the same queries (src/store/lease-queries.ts).

/** A row of the leases table. A quarantined port is a row too, of kind 'quarantine', so that one index says what is taken. */
export interface LeaseRow {
  id: string
  host: string
  port: number
  kind: 'lease' | 'quarantine'
  holder: string
  ttlSecs: number
  /** Drawn from the host's counter in the transaction that granted the lease. */
  fencingToken: number
  /** ms since the epoch; the port is free from then on, swept or not. */
  expiresAt: number
  /** The request's Idempotency-Key (scoped to the host); null for a quarantine. */
  idempotencyKey: string | null
  /** The request's canonical body, to tell a retry from another request under the same key. */
  request: string | null
  /** For a quarantine: the lease that replaced the one reported. */
  replacedBy: string | null
  /** For a rendezvous member's lease: its job and member key (it lives as long as the job). */
  job: string | null
  member: string | null
}

/** Per host: the range its free intervals were built for, and the fencing counter. */
export interface HostRow {
  host: string
  rangeFirst: number
  rangeLast: number
  lastToken: number
}

/** Free ports of a host's range, first..last inclusive. */
export interface Interval {
  first: number
  last: number
}

/** One transaction, holding the host's lock (SQLite: the write lock; PostgreSQL: the host's row lock). */
export interface LeaseTx {
  getHost: (host: string) => Promise<HostRow | undefined>
  putHost: (row: HostRow) => Promise<void>
  leaseById: (id: string) => Promise<LeaseRow | undefined>
  leaseByKey: (host: string, key: string) => Promise<LeaseRow | undefined>
  leaseByMember: (host: string, job: string, member: string) => Promise<LeaseRow | undefined>
  leaseOnPort: (host: string, port: number) => Promise<LeaseRow | undefined>
  leasesOfJob: (host: string, job: string) => Promise<LeaseRow[]>
  /** Rows of this host with expires_at ≤ now (an index range, not a scan of the host's leases). */
  expiredLeases: (host: string, now: number) => Promise<LeaseRow[]>
  /** The ports of host held between first and last, ascending (only when the configured range changes). */
  heldPorts: (host: string, first: number, last: number) => Promise<number[]>
  insertLease: (row: LeaseRow) => Promise<void>
  updateLease: (id: string, changes: Partial<Omit<LeaseRow, 'id' | 'host'>>) => Promise<void>
  deleteLease: (id: string) => Promise<void>
  /** The free interval with the lowest first port. */
  lowestFree: (host: string) => Promise<Interval | undefined>
  /** The free interval with the highest first port ≤ port. */
  freeAtOrBelow: (host: string, port: number) => Promise<Interval | undefined>
  freeEndingAt: (host: string, last: number) => Promise<Interval | undefined>
  freeStartingAt: (host: string, first: number) => Promise<Interval | undefined>
  insertFree: (host: string, interval: Interval) => Promise<void>
  deleteFree: (host: string, first: number) => Promise<void>
  clearFree: (host: string) => Promise<void>
}

export interface LeaseStore {
  /** Runs fn in one transaction that holds host's lock: grants on one host never interleave. */
  withHost: <T>(host: string, fn: (tx: LeaseTx) => Promise<T>) => Promise<T>
  /** The host of a lease id, read outside any lock (the rules read the row again under the lock). */
  hostOfLease: (id: string) => Promise<string | undefined>
  /** Hosts with a row expired at now, for the periodic sweep. */
  hostsWithExpired: (now: number) => Promise<string[]>
  /** Hosts where a job's members hold leases, to release them when the job is deleted. */
  hostsOfJob: (job: string) => Promise<string[]>
}
