import type { JobDefinition } from '../schemas/jobs.js'
import type { LeaseStore, LeaseTx } from './lease-store.js'
import type { Notifier } from './notifier.js'

// The storage the rendezvous rules run against. The rules (src/coordination) hold every decision;
// a Store only reads and writes rows, inside transactions it provides. Two implementations share
// one query layer (kysely, src/store/): SQLite (one connection, BEGIN IMMEDIATE) and PostgreSQL
// (SELECT … FOR UPDATE on the job row, pg_notify). Times are integer milliseconds since the epoch.

export type RoundState = 'gathering' | 'complete' | 'expired'

export interface JobRow {
  job: string
  definition: JobDefinition
  /** The join token (returned again to a launcher that retries the creation). */
  token: string
  round: number
  state: RoundState
  /** When the current round expires unless complete. */
  deadline: number
  /** Increases on every change of the job: membership, round, state. */
  version: number
  created_at: number
}

export interface MemberRow {
  member: string
  round: number
  role: string
  index: number
  host: string
  /**
   * The port it joined with, or the one leased on its host when it gave none (C.5). null only in
   * rows stored before this server leased ports (a member then had to give its port).
   */
  port: number | null
  joined_at: number
}

/** The job and its current round's members, read together (one consistent snapshot). */
export interface JobSnapshot {
  job: JobRow
  members: MemberRow[]
}

export interface JobSummaryRow {
  job: JobRow
  joined: number
}

/** What one transaction may do to one job. Every method belongs to the transaction that made it. */
export interface JobTx {
  readonly job: string
  /** The job row, locked until the transaction ends (PostgreSQL: FOR UPDATE); undefined if none. */
  read(): Promise<JobRow | undefined>
  /** Inserts the job; false (nothing written) when a job of that name exists. */
  create(row: JobRow): Promise<boolean>
  update(changes: Partial<Pick<JobRow, 'round' | 'state' | 'deadline' | 'version'>>): Promise<void>
  /** Deletes the job and all its members (every round). */
  delete(): Promise<void>
  members(round: number): Promise<MemberRow[]>
  /** Inserts a member; the store's unique keys (job, round, member) and (job, round, role, index) back the rules up. */
  addMember(row: MemberRow): Promise<void>
  removeMember(round: number, member: string): Promise<void>
  /** Deletes the members of rounds before `round` (only the previous round is kept, for sticky indices). */
  pruneRounds(round: number): Promise<void>
  /** After commit (never on rollback), wake the job's subscribers with this version (-1: deleted). */
  publish(version: number): void
  /**
   * The leases of `host` (a canonical name) inside this transaction: its writes commit or roll back
   * with the job's. PostgreSQL takes the host's lock here, after the job's row lock: the order is
   * always job, then host (withHost takes only a host's), so two transactions never wait on each other.
   */
  hostLeases(host: string): Promise<LeaseTx>
  /** The hosts where this job's members hold leases, in order (to release them with the job). */
  leaseHosts(): Promise<string[]>
}

export interface Store {
  /** Fed with every committed change of a job (in this process, or on any replica for PostgreSQL). */
  readonly notifier: Notifier
  /** Port leases (C.5), in the same database. */
  readonly leases: LeaseStore
  /**
   * Runs `fn` in one transaction that no other change of the same job interleaves with; commits
   * when `fn` resolves (before the promise settles: an answer sent after it is durable), rolls
   * back when it throws, and rethrows. `fn` must use only `tx`.
   */
  transact<T>(job: string, fn: (tx: JobTx) => Promise<T>): Promise<T>
  /** The job and its current round's members; undefined when there is no such job. */
  read(job: string): Promise<JobSnapshot | undefined>
  /** Every job, by name, with its current round's member count. */
  list(): Promise<JobSummaryRow[]>
  /** Jobs still gathering whose deadline is at or before `now` (for the expiry sweep). */
  overdue(now: number): Promise<string[]>
  /** Whether the database answers now (readiness: a PostgreSQL server may be down; a SQLite file always is there). */
  isAvailable(): Promise<boolean>
  close(): Promise<void>
}
