// Forward only: a deployed schema is changed by the next migration, never rolled back.
import { type Kysely, type Migration } from 'kysely'

/** Rendezvous jobs and their members (COORDINATION.md C.2–C.3); members of earlier rounds stay for sticky indices. */
export const jobs: Migration = {
  async up (db: Kysely<unknown>) {
    await db.schema.createTable('jobs')
      .addColumn('job', 'text', (col) => col.primaryKey())
      .addColumn('definition', 'text', (col) => col.notNull())
      .addColumn('token', 'text', (col) => col.notNull())
      .addColumn('round', 'integer', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('deadline', 'bigint', (col) => col.notNull())
      .addColumn('version', 'bigint', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .execute()
    // the expiry sweep looks for gathering rounds past their deadline
    await db.schema.createIndex('jobs_state_deadline').on('jobs').columns(['state', 'deadline']).execute()
    await db.schema.createTable('members')
      .addColumn('job', 'text', (col) => col.notNull().references('jobs.job').onDelete('cascade'))
      .addColumn('round', 'integer', (col) => col.notNull())
      .addColumn('member', 'text', (col) => col.notNull())
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('idx', 'integer', (col) => col.notNull())
      .addColumn('host', 'text', (col) => col.notNull())
      .addColumn('port', 'integer')
      .addColumn('joined_at', 'bigint', (col) => col.notNull())
      // guarantee C.3.1 holds in the schema too, whatever a bug in the rules would do
      .addPrimaryKeyConstraint('members_pk', ['job', 'round', 'member'])
      .addUniqueConstraint('members_slot', ['job', 'round', 'role', 'idx'])
      .execute()
  }
}
