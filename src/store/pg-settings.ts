import type pg from 'pg'

/** How one replica uses PostgreSQL (limits.ts gives the values and why; config.ts the variables). */
export interface PostgresSettings {
  /** Connections in this replica's pool (its LISTEN connection comes on top). */
  poolMax: number
  /** A statement running (or waiting for a lock) longer is cancelled: 503, nothing stored. */
  statementTimeoutMs: number
  /** Opening a connection, or waiting for a free one in the pool, longer: 503. */
  connectTimeoutMs: number
  /** A session idle inside a transaction longer (a replica frozen mid-request) is ended, its locks released. */
  idleInTransactionMs: number
  /** How often a replica re-reads the versions of the jobs it has waiters on: notifications lost or missed while reconnecting. */
  recheckMs: number
  /** The LISTEN connection reconnects after a delay doubling from the first to the last, with jitter. */
  reconnectMs: { first: number, last: number }
  /** What the 503s of an unavailable database ask the client to wait. */
  retryAfterSecs: number
}

/** node-postgres settings for one connection (pool or LISTEN) to `url`. */
export function clientConfig (url: string, settings: PostgresSettings): pg.ClientConfig {
  return {
    connectionString: url,
    application_name: 'runconfig-service',
    connectionTimeoutMillis: settings.connectTimeoutMs,
    statement_timeout: settings.statementTimeoutMs,
    idle_in_transaction_session_timeout: settings.idleInTransactionMs,
    // a server or a network gone silent is noticed by TCP keepalive, not only at the next query
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000
  }
}

/** The pool's settings: clientConfig, at most poolMax connections. */
export function poolConfig (url: string, settings: PostgresSettings): pg.PoolConfig {
  return { ...clientConfig(url, settings), max: settings.poolMax, idleTimeoutMillis: 30_000 }
}
