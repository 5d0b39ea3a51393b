import fp from 'fastify-plugin'
import { systemClock, type Clock } from '../src/coordination/clock.js'
import type { Store } from '../src/coordination/store.js'
import { POSTGRES_LIMITS } from '../limits.js'
import { openStore, type PostgresSettings } from '../src/store/index.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The state (jobs, members, leases), in the database DATABASE_URL names. */
    store: Store
    /** Where the rules read the time (tests inject a manual one). */
    clock: Clock
  }
}

export interface StoreOptions {
  /** C.1's DATABASE_URL; buildApp passes it (default there: an in-memory SQLite database). */
  databaseUrl?: string
  clock?: Clock
  /** How a PostgreSQL store uses its database; default limits.ts POSTGRES_LIMITS (server.ts: the DATABASE_* variables). */
  postgres?: PostgresSettings
}

/** Opens the store (running its migrations) before the routes start, closes it after the last answer. */
export default fp<StoreOptions>(async function store (app, { databaseUrl, clock = systemClock, postgres = POSTGRES_LIMITS }) {
  const opened = await openStore(databaseUrl, postgres, {
    onConnectionError: (err) => app.log.warn({ err }, 'database connection lost; reconnecting')
  })
  app.decorate('store', opened)
  app.decorate('clock', clock)
  // onClose runs once every request in flight has been answered
  app.addHook('onClose', async function closeStore () {
    await opened.close()
  })
}, { name: 'store' })
