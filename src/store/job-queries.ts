import type { Kysely, Selectable } from 'kysely'
import type { JobRow, JobSnapshot, JobSummaryRow, JobTx, MemberRow, RoundState } from '../coordination/store.js'
import type { Database, JobsTable, MembersTable } from './database.js'
import { leaseTx } from './lease-queries.js'

// The rows of the Store interface as kysely queries, shared by every dialect: a dialect brings
// its transaction (and for PostgreSQL the row lock and pg_notify), not its own SQL.

/**
 * A JobTx over a kysely transaction (or the one connection SQLite holds for it). The dialect's
 * transact() excludes other writers of the job first: SQLite by BEGIN IMMEDIATE, PostgreSQL by
 * SELECT … FOR UPDATE on the job row (and, for a job not yet created, the primary key's conflict).
 * `published` collects the versions to announce once the transaction has committed; `lockHost`
 * excludes other changes of a host's leases until then (SQLite: BEGIN IMMEDIATE already has).
 */
export function jobTx (db: Kysely<Database>, job: string, published: number[], lockHost: HostLock): JobTx {
  return {
    job,
    async read () {
      const row = await db.selectFrom('jobs').selectAll().where('job', '=', job).executeTakeFirst()
      return row === undefined ? undefined : toJobRow(row)
    },
    async create (row) {
      const result = await db.insertInto('jobs').values(fromJobRow(row)).onConflict((oc) => oc.column('job').doNothing()).executeTakeFirst()
      return result.numInsertedOrUpdatedRows === 1n
    },
    async update (changes) {
      await db.updateTable('jobs').set(changes).where('job', '=', job).execute()
    },
    async delete () {
      // members first: no reliance on the foreign key's cascade (SQLite enforces it only when asked to)
      await db.deleteFrom('members').where('job', '=', job).execute()
      await db.deleteFrom('jobs').where('job', '=', job).execute()
    },
    async members (round) {
      return (await membersQuery(db, job, round).execute()).map(toMemberRow)
    },
    async addMember (row) {
      await db.insertInto('members').values(fromMemberRow(job, row)).execute()
    },
    async removeMember (round, member) {
      await db.deleteFrom('members').where('job', '=', job).where('round', '=', round).where('member', '=', member).execute()
    },
    async pruneRounds (round) {
      await db.deleteFrom('members').where('job', '=', job).where('round', '<', round).execute()
    },
    publish (version) {
      published.push(version)
    },
    async hostLeases (host) {
      await lockHost(db, host)
      return leaseTx(db)
    },
    async leaseHosts () {
      const rows = await db.selectFrom('leases').select('host').distinct().where('job', '=', job).orderBy('host').execute()
      return rows.map((row) => row.host)
    }
  }
}

/** Takes host's lease lock in the transaction on db, held until it ends. */
export type HostLock = (db: Kysely<Database>, host: string) => Promise<void>

/** The job and its current round's members; run it where both reads see one snapshot. */
export async function readSnapshot (db: Kysely<Database>, job: string): Promise<JobSnapshot | undefined> {
  const row = await db.selectFrom('jobs').selectAll().where('job', '=', job).executeTakeFirst()
  if (row === undefined) return undefined
  const jobRow = toJobRow(row)
  const members = (await membersQuery(db, job, jobRow.round).execute()).map(toMemberRow)
  return { job: jobRow, members }
}

export async function listJobs (db: Kysely<Database>): Promise<JobSummaryRow[]> {
  const rows = await db.selectFrom('jobs')
    .selectAll('jobs')
    .select((eb) => eb.selectFrom('members')
      .select((inner) => inner.fn.countAll<number>().as('n'))
      .whereRef('members.job', '=', 'jobs.job')
      .whereRef('members.round', '=', 'jobs.round')
      .as('joined'))
    .orderBy('job')
    .execute()
  return rows.map((row) => ({ job: toJobRow(row), joined: Number(row.joined) }))
}

export async function overdueJobs (db: Kysely<Database>, now: number): Promise<string[]> {
  const rows = await db.selectFrom('jobs').select('job').where('state', '=', 'gathering').where('deadline', '<=', now).orderBy('job').execute()
  return rows.map((row) => row.job)
}

function membersQuery (db: Kysely<Database>, job: string, round: number) {
  return db.selectFrom('members').selectAll().where('job', '=', job).where('round', '=', round).orderBy('role').orderBy('idx')
}

// PostgreSQL's driver reads bigint as text: Number() makes both dialects give numbers
function toJobRow (row: Selectable<JobsTable>): JobRow {
  return {
    job: row.job,
    definition: JSON.parse(row.definition),
    token: row.token,
    round: Number(row.round),
    state: row.state as RoundState,
    deadline: Number(row.deadline),
    version: Number(row.version),
    created_at: Number(row.created_at)
  }
}

function fromJobRow (row: JobRow): JobsTable {
  return { ...row, definition: JSON.stringify(row.definition) }
}

function toMemberRow (row: Selectable<MembersTable>): MemberRow {
  return {
    member: row.member,
    round: Number(row.round),
    role: row.role,
    index: Number(row.idx),
    host: row.host,
    port: row.port === null ? null : Number(row.port),
    joined_at: Number(row.joined_at)
  }
}

function fromMemberRow (job: string, row: MemberRow): MembersTable {
  return { job, round: row.round, member: row.member, role: row.role, idx: row.index, host: row.host, port: row.port, joined_at: row.joined_at }
}
