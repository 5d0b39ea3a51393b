import pg from 'pg'
import t, { type Test } from 'tap'
import { detectStaleConnections, isStaleConnectionError } from '../../src/store/pg-stale.js'
import { testPostgres } from './factories.js'
import { findPostgresBin, freePort } from './postgres-server.js'
import { startProxy } from './tcp-proxy.js'

// Which failures say "this pooled connection died while idle" (the statement may run again on
// another connection) and which do not.

/** A pool of one connection to `url`, watched for stale connections; ended when the test ends. */
function watchedPool (t: Test, url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 1 })
  pool.on('error', () => {})
  detectStaleConnections(pool)
  t.teardown(() => pool.end())
  return pool
}

/** The error `fn` fails with. */
async function failure (fn: () => Promise<unknown>): Promise<unknown> {
  return await fn().then(() => { throw new Error('expected a failure') }, (err: unknown) => err)
}

t.test('values that are not errors of node-postgres are not stale', async (t) => {
  for (const value of [undefined, null, 'ECONNRESET', new Error('Connection terminated unexpectedly')]) t.notOk(isStaleConnectionError(value), String(value))
})

if (findPostgresBin() !== undefined) {
  const server = await testPostgres()

  t.test('a connection that died while idle in the pool: its first statement fails as stale, and it is discarded', async (t) => {
    const proxy = await startProxy(t, server.port)
    const pool = watchedPool(t, (await server.createDatabase(t)).replace(`:${server.port}/`, `:${proxy.port}/`))
    await pool.query('SELECT 1')
    proxy.freeze()
    proxy.thaw()
    const client = await pool.connect()
    const err = await failure(() => client.query('SELECT 1'))
    t.ok(isStaleConnectionError(err), `stale: ${String(err)}`)
    client.release()
    t.equal(pool.totalCount, 0, 'discarded')
    t.same((await pool.query('SELECT 1 AS one')).rows, [{ one: 1 }], 'a new connection serves the statement again')
  })

  t.test('a connection that dies after its first statement: later statements are not retried (something of the request ran)', async (t) => {
    const proxy = await startProxy(t, server.port)
    const pool = watchedPool(t, (await server.createDatabase(t)).replace(`:${server.port}/`, `:${proxy.port}/`))
    await pool.query('SELECT 1')
    const client = await pool.connect()
    t.teardown(() => client.release())
    await client.query('BEGIN')
    proxy.freeze()
    proxy.thaw()
    const err = await failure(() => client.query('SELECT 1'))
    t.notOk(isStaleConnectionError(err), `not stale: ${String(err)}`)
  })

  t.test('a statement refused on a live connection, and a new connection that fails, are not stale', async (t) => {
    const pool = watchedPool(t, await server.createDatabase(t))
    // what kysely does: check out, run, release without an error (pool.query would discard the connection)
    const run = async (text: string) => {
      const client = await pool.connect()
      try {
        return await client.query(text)
      } finally {
        client.release()
      }
    }
    const first = await failure(() => run('SELECT no_such_column'))
    t.match(first, { code: '42703' })
    t.notOk(isStaleConnectionError(first), 'the first statement of a new connection')
    const again = await failure(() => run('SELECT no_such_column'))
    t.match(again, { code: '42703' })
    t.notOk(isStaleConnectionError(again), 'the first statement of a connection back from the pool, alive')
    t.same([pool.totalCount, (await run('SELECT 1 AS one')).rows], [1, [{ one: 1 }]], 'one connection all along')
    const refused = watchedPool(t, `postgres://postgres@127.0.0.1:${await freePort()}/postgres`)
    t.notOk(isStaleConnectionError(await failure(() => refused.query('SELECT 1'))), 'no server')
  })
}
