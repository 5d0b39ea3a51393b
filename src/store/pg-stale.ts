import type pg from 'pg'

// A connection idle in the pool can die without a word reaching this process: the database's
// host lost power and rebooted, a failover moved its address, a NAT forgot the flow. Nothing
// shows until the connection's next statement, which then fails (ECONNRESET, "Connection
// terminated unexpectedly") although the database is back. Such a failure of the first statement
// on a connection taken from the pool says nothing about the database, only about that
// connection: the statement can run again on another one.

/** The errors of first statements that found their pooled connection dead. */
const staleErrors = new WeakSet<object>()

/** Whether `err` is the first statement of a connection back from the pool failing because that connection had died. */
export function isStaleConnectionError (err: unknown): boolean {
  return staleErrors.has(err as object)
}

/**
 * Watches `pool` for connections that died while idle: when the first statement on a connection
 * lent out again fails and the connection is broken with it, that statement's error is marked
 * (isStaleConnectionError). pg-pool discards the broken connection when it is released.
 */
export function detectStaleConnections (pool: pg.Pool): void {
  const lentBefore = new WeakSet<pg.PoolClient>()
  const broken = new WeakSet<pg.PoolClient>()
  pool.on('connect', (client) => {
    // node-postgres reports a lost connection with 'error' (and 'end') before it fails the statement in flight
    client.on('error', () => broken.add(client))
    client.on('end', () => broken.add(client))
  })
  pool.on('acquire', (client) => {
    // a new connection has just proved itself by connecting
    if (!lentBefore.has(client)) {
      lentBefore.add(client)
      return
    }
    const query = client.query
    // kysely runs every statement through query(text, values), which returns a promise
    client.query = async function firstQuery (this: pg.PoolClient, ...args: unknown[]) {
      client.query = query
      try {
        return await (query as (...args: unknown[]) => Promise<unknown>).apply(this, args)
      } catch (err) {
        // node-postgres fails statements with Errors only
        if (broken.has(client)) staleErrors.add(err as Error)
        throw err
      }
    } as typeof client.query
  })
}
