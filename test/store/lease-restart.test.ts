import { join } from 'node:path'
import t, { type Test } from 'tap'
import { startSourceServer } from '../hardening/server-process.js'
import { tempDir } from './factories.js'

// C.1/C.5: an acknowledged lease survives kill -9, and fencing tokens keep increasing after it.

/** server.ts in a child process on this database file; its URL once it listens. */
async function startServer (t: Test, database: string) {
  const server = await startSourceServer(t, { DATABASE_URL: `sqlite:${database}`, RUNCONFIG_PORT_RANGE: '20000-20009' })
  return { child: server.child, url: `http://127.0.0.1:${server.port}` }
}

t.test('leases and the fencing order survive SIGKILL', async (t) => {
  const database = join(tempDir(t), 'runconfig.db')
  const first = await startServer(t, database)
  const lease = async (url: string, key: string, body: object) => {
    const res = await fetch(`${url}/v1/hosts/node-1/leases`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) })
    return { status: res.status, body: await res.json() as Record<string, unknown> }
  }
  const a = await lease(first.url, 'a', { holder: 'a', ttl_secs: 3600 })
  const b = await lease(first.url, 'b', { holder: 'b', ttl_secs: 3600, port: 20005 })
  const c = await lease(first.url, 'c', { holder: 'c', ttl_secs: 3600 })
  t.same([a, b, c].map(({ status, body }) => [status, body.port, body.fencing_token]), [[201, 20000, 1], [201, 20005, 2], [201, 20001, 3]])
  const released = await fetch(`${first.url}/v1/leases/${c.body.lease as string}`, { method: 'DELETE' })
  t.equal(released.status, 204)

  first.child.kill('SIGKILL')
  await new Promise((resolve) => first.child.once('exit', resolve))
  const second = await startServer(t, database)

  t.same(await lease(second.url, 'a', { holder: 'a', ttl_secs: 3600 }), { status: 200, body: a.body }, 'the same lease for a retry')
  t.same((await lease(second.url, 'x', { holder: 'x', port: 20005 })).status, 409, 'the asked port is still held')
  const renewed = await fetch(`${second.url}/v1/leases/${b.body.lease as string}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"ttl_secs": 60}' })
  t.match([renewed.status, await renewed.json()], [200, { port: 20005, fencing_token: 2 }])
  const d = await lease(second.url, 'd', { holder: 'd' })
  t.match(d, { status: 201, body: { port: 20001, fencing_token: 4 } }, 'the released port again, with a higher token')
})
