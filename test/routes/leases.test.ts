import { Writable } from 'node:stream'
import t, { type Test } from 'tap'
import { buildApp, type AppOptions } from '../../app.js'
import { manualClock } from '../../src/coordination/clock.js'

const T0 = Date.UTC(2026, 11, 2, 10)
const NOT_FOUND = { statusCode: 404, error: 'Not Found', message: 'No such lease (it expired, was released, or never existed)' }

async function build (t: Test, opts: AppOptions = {}) {
  const clock = manualClock(T0)
  const app = await buildApp({ clock, portRange: { first: 20000, last: 20002 }, ...opts })
  t.teardown(() => app.close())
  let keys = 0
  const lease = async (host = 'node-1', payload: object = { holder: 'job-a/worker-0' }, headers: Record<string, string> = {}) =>
    await app.inject({ method: 'POST', url: `/v1/hosts/${host}/leases`, payload, headers: { 'idempotency-key': `key-${++keys}`, ...headers } })
  return { app, clock, lease }
}

t.test('POST /v1/hosts/{host}/leases: 201, then 200 for a retry, 422 for another body under the key', async (t) => {
  const { lease } = await build(t)
  const created = await lease('Node-1', { holder: 'job-a/worker-0', ttl_secs: 60 }, { 'idempotency-key': 'k' })
  t.equal(created.statusCode, 201)
  const body = created.json()
  t.same(body, { lease: body.lease, host: 'node-1', port: 20000, holder: 'job-a/worker-0', fencing_token: 1, expires_at: '2026-12-02T10:01:00.000Z' })
  const retry = await lease('node-1', { ttl_secs: 60, holder: 'job-a/worker-0' }, { 'idempotency-key': 'k' })
  t.equal(retry.statusCode, 200)
  t.same(retry.json(), body)
  const other = await lease('node-1', { holder: 'job-b' }, { 'idempotency-key': 'k' })
  t.same([other.statusCode, other.json()], [422, {
    statusCode: 422, error: 'Unprocessable Entity', message: 'This Idempotency-Key was used on this host for another request'
  }])
})

t.test('POST /v1/hosts/{host}/leases: 409 for a held port and an exhausted range', async (t) => {
  const { lease } = await build(t)
  t.equal((await lease('node-1', { holder: 'h', port: 20001 })).statusCode, 201)
  const held = await lease('node-1', { holder: 'h', port: 20001 })
  t.same([held.statusCode, held.json()], [409, { statusCode: 409, error: 'Conflict', message: 'Port 20001 is held on node-1' }])
  t.match((await lease()).json(), { port: 20000 })
  t.match((await lease()).json(), { port: 20002 })
  const exhausted = await lease()
  t.same([exhausted.statusCode, exhausted.json()], [409, { statusCode: 409, error: 'Conflict', message: 'Every port of 20000-20002 is held on node-1' }])
  t.match((await lease('10.0.0.7')).json(), { host: '10.0.0.7', port: 20000 })
  t.match((await lease('[FD00::7]')).json(), { host: '[fd00::7]', port: 20000 })
})

t.test('POST /v1/hosts/{host}/leases: 400 for what breaks the schema', async (t) => {
  const { app, lease } = await build(t)
  const cases: Array<[string, object, Record<string, string>, string]> = [
    ['node_1', { holder: 'h' }, {}, 'params/host must be a host name, an IPv4 address or an IPv6 address in brackets'],
    ['10.0.0.256', { holder: 'h' }, {}, 'params/host must be a host name, an IPv4 address or an IPv6 address in brackets'],
    ['fd00::7', { holder: 'h' }, {}, 'params/host must be a host name, an IPv4 address or an IPv6 address in brackets'],
    ['node-1', { holder: 'h', ttl_secs: 4 }, {}, 'body/ttl_secs must be >= 5'],
    ['node-1', { holder: 'h', ttl_secs: 86_401 }, {}, 'body/ttl_secs must be <= 86400'],
    ['node-1', { holder: 'h', port: 0 }, {}, 'body/port must be >= 1'],
    ['node-1', { holder: 'h', port: 65536 }, {}, 'body/port must be <= 65535'],
    ['node-1', { holder: 'h'.repeat(201) }, {}, 'body/holder must NOT have more than 200 characters'],
    ['node-1', {}, {}, "body must have required property 'holder'"],
    ['node-1', { holder: 'h', extra: 1 }, {}, 'body must NOT have additional properties: extra'],
    ['node-1', { holder: 'h' }, { 'idempotency-key': 'k'.repeat(201) }, 'headers/idempotency-key must NOT have more than 200 characters']
  ]
  for (const [host, payload, headers, message] of cases) {
    const res = await lease(host, payload, headers)
    t.same([res.statusCode, res.json().message], [400, message], message)
  }
  const unkeyed = await app.inject({ method: 'POST', url: '/v1/hosts/node-1/leases', payload: { holder: 'h' } })
  t.same([unkeyed.statusCode, unkeyed.json().message], [400, "headers must have required property 'idempotency-key'"])
})

t.test('creating a lease needs the admin token when one is configured', async (t) => {
  const { lease } = await build(t, { adminToken: 'admin-secret' })
  for (const authorization of [undefined, 'Bearer wrong', 'admin-secret', 'Basic admin-secret']) {
    const res = await lease('node-1', { holder: 'h' }, authorization === undefined ? {} : { authorization })
    t.same([res.statusCode, res.headers['www-authenticate'], res.json()], [401, 'Bearer', {
      statusCode: 401, code: 'UNAUTHORIZED', error: 'Unauthorized', message: 'This needs Authorization: Bearer <admin token>'
    }], String(authorization))
  }
  t.equal((await lease('node-1', { holder: 'h' }, { authorization: 'Bearer admin-secret' })).statusCode, 201)
})

t.test('PUT, DELETE and conflict on /v1/leases/{lease}', async (t) => {
  const { app, clock, lease } = await build(t, { adminToken: 'admin-secret' })
  const granted = (await lease('node-1', { holder: 'h', ttl_secs: 30 }, { authorization: 'Bearer admin-secret' })).json()
  const url = `/v1/leases/${granted.lease as string}`
  clock.advance(10_000)
  const renewed = await app.inject({ method: 'PUT', url, payload: { ttl_secs: 60 } })
  t.same([renewed.statusCode, renewed.json()], [200, { ...granted, expires_at: '2026-12-02T10:01:10.000Z' }], 'the lease id is the capability: no admin token')
  const badTtl = await app.inject({ method: 'PUT', url, payload: {} })
  t.same([badTtl.statusCode, badTtl.json().message], [400, "body must have required property 'ttl_secs'"])
  const malformed = await app.inject({ method: 'PUT', url: '/v1/leases/short', payload: { ttl_secs: 60 } })
  t.same([malformed.statusCode, malformed.json().message], [400, 'params/lease must match pattern "^[A-Za-z0-9_-]{43}$"'])

  const conflict = await app.inject({ method: 'POST', url: `${url}/conflict` })
  t.equal(conflict.statusCode, 201)
  const replacement = conflict.json()
  t.same(replacement, { lease: replacement.lease, host: 'node-1', port: 20001, holder: 'h', fencing_token: 2, expires_at: '2026-12-02T10:01:10.000Z' })
  const retried = await app.inject({ method: 'POST', url: `${url}/conflict` })
  t.same([retried.statusCode, retried.json()], [200, replacement])
  t.same((await app.inject({ method: 'PUT', url, payload: { ttl_secs: 60 } })).json(), NOT_FOUND, 'replaced')

  const third = (await lease('node-1', { holder: 'h' }, { authorization: 'Bearer admin-secret' })).json()
  t.equal(third.port, 20002, 'the quarantined port is skipped')
  const none = await app.inject({ method: 'POST', url: `/v1/leases/${replacement.lease as string}/conflict` })
  t.same([none.statusCode, none.json().message], [409, 'No other port of 20000-20002 is free on node-1'])

  const released = await app.inject({ method: 'DELETE', url: `/v1/leases/${replacement.lease as string}` })
  t.same([released.statusCode, released.body], [204, ''])
  const again = await app.inject({ method: 'DELETE', url: `/v1/leases/${replacement.lease as string}` })
  t.same([again.statusCode, again.json()], [404, NOT_FOUND])
  t.same((await app.inject({ method: 'POST', url: `/v1/leases/${'A'.repeat(43)}/conflict` })).json(), NOT_FOUND)
})

t.test('an expired lease: 404 to its holder, its port leased again at once', async (t) => {
  const { app, clock, lease } = await build(t)
  const first = (await lease('node-1', { holder: 'h', ttl_secs: 5, port: 20001 })).json()
  clock.advance(5_000)
  t.same((await app.inject({ method: 'PUT', url: `/v1/leases/${first.lease as string}`, payload: { ttl_secs: 60 } })).json(), NOT_FOUND)
  t.match((await lease('node-1', { holder: 'h', port: 20001 })).json(), { port: 20001, fencing_token: 2 })
})

t.test('the sweep deletes expired leases, now and every interval', async (t) => {
  const { app, clock, lease } = await build(t)
  await lease('node-1', { holder: 'h', ttl_secs: 5 })
  await lease('node-2', { holder: 'h', ttl_secs: 5 })
  t.equal(await app.sweepLeases(), 0)
  clock.advance(5_000)
  t.equal(await app.sweepLeases(), 2)
  t.equal(await app.sweepLeases(), 0)
})

t.test('lease ids never reach the log', async (t) => {
  const lines: string[] = []
  const stream = new Writable({ write (chunk: Buffer, _encoding, done) { lines.push(chunk.toString()); done() } })
  const { app, lease } = await build(t, { logger: { level: 'info', stream } })
  const granted = (await lease()).json()
  const id = granted.lease as string
  await app.inject({ method: 'PUT', url: `/v1/leases/${id}`, payload: { ttl_secs: 60 } })
  await app.inject({ method: 'POST', url: `/v1/leases/${id}/conflict` })
  await app.inject({ method: 'DELETE', url: `/v1/leases/${id}?x=1` })
  await app.inject({ method: 'GET', url: `/v1//leases//${id}/nothing` })
  const text = lines.join('')
  t.notOk(text.includes(id), 'no lease id in the log')
  t.match(text, /"url":"\/v1\/leases\/\[redacted\]\/conflict"/)
  t.match(text, /"url":"\/v1\/leases\/\[redacted\]\?x=1"/)
  t.match(text, /"url":"\/v1\/\/leases\/\/\[redacted\]\/nothing"/)
})
