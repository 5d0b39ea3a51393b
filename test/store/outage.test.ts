import t, { type Test } from 'tap'
import { buildApp } from '../../app.js'
import type { PostgresSettings } from '../../src/store/index.js'
import { NO_PRESSURE } from '../rendezvous/helper.js'
import { TEST_POSTGRES, testPostgres } from './factories.js'
import { findPostgresBin } from './postgres-server.js'
import { startProxy } from './tcp-proxy.js'

// The service on PostgreSQL through a database outage (C.6, issue 13): /readyz and every request
// that reads or changes state answer 503 with Retry-After — never a 500 — and store nothing; when
// the database returns, the very next requests succeed and waits are woken again, with no one
// restarting anything.

type App = Awaited<ReturnType<typeof buildApp>>

/** The service ("a replica") on `url`, closed when the test ends. */
async function replica (t: Test, url: string, settings: Partial<PostgresSettings> = {}): Promise<App> {
  const app = await buildApp({ databaseUrl: url, postgres: { ...TEST_POSTGRES, ...settings }, pressure: NO_PRESSURE })
  t.teardown(() => app.close())
  return app
}

const json = (method: 'PUT' | 'POST' | 'DELETE', url: string, body?: object, headers: Record<string, string> = {}) =>
  body === undefined
    ? { method, url, headers }
    : { method, url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) }

const leaseRequest = (key: string) => json('POST', '/v1/hosts/node-1/leases', { holder: 'outage test', ttl_secs: 3600 }, { 'idempotency-key': key })

if (findPostgresBin() !== undefined) {
  const server = await testPostgres()

  t.test('a database outage: 503 with Retry-After and nothing stored; back by itself, first request included', async (t) => {
    const url = await server.createDatabase(t)
    // B wakes its waiters only through LISTEN: no periodic re-check in this test
    const [a, b] = await Promise.all([replica(t, url), replica(t, url, { recheckMs: 3_600_000 })])
    const created = await a.inject(json('PUT', '/v1/jobs/j', { cluster: { chief: 1, worker: 1 } }))
    t.equal(created.statusCode, 201)
    const token = created.json().token as string
    const auth = { authorization: `Bearer ${token}` }
    const join = (app: App, role: string) => app.inject(json('PUT', `/v1/jobs/j/members/${role}-0`, { role, host: `${role}-0`, port: 2222 }, auth))
    t.equal((await join(a, 'chief')).statusCode, 201)
    const before = await a.inject(leaseRequest('before'))
    t.equal(before.statusCode, 201)
    const lease = before.json().lease as string
    // several connections in each pool, idle when the database goes: none may surface afterwards
    await Promise.all(Array.from({ length: 8 }, () => Promise.all([a, b].map((app) => app.inject({ method: 'GET', url: '/readyz' })))))

    server.stop()
    t.teardown(() => { try { server.start() } catch {} })
    const readiness = await a.inject({ method: 'GET', url: '/readyz' })
    t.same([readiness.statusCode, readiness.json()], [503, { statusCode: 503, error: 'Service Unavailable', message: 'The database is unavailable' }])
    t.equal((await a.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'alive all the same: nothing to restart')
    const refused = {
      'a new job': await a.inject(json('PUT', '/v1/jobs/k', { cluster: { chief: 1 } })),
      'a join': await join(b, 'worker'),
      'a new lease': await a.inject(leaseRequest('during')),
      'a renewal': await b.inject(json('PUT', `/v1/leases/${lease}`, { ttl_secs: 60 })),
      'a conflict': await a.inject(json('POST', `/v1/leases/${lease}/conflict`)),
      'a release': await a.inject(json('DELETE', `/v1/leases/${lease}`)),
      'a job\'s deletion': await b.inject(json('DELETE', '/v1/jobs/j')),
      'a job view': await a.inject({ method: 'GET', url: '/v1/jobs/j', headers: auth }),
      'a wait': await b.inject({ method: 'GET', url: '/v1/jobs/j/members/chief-0/config?wait=1', headers: auth })
    }
    for (const [what, res] of Object.entries(refused)) {
      t.same([res.statusCode, res.headers['retry-after'], res.json()],
        [503, String(TEST_POSTGRES.retryAfterSecs), { statusCode: 503, error: 'Service Unavailable', message: 'The database is unavailable; retry later' }], what)
    }

    server.start()
    // no polling of /readyz, no retry: the first request after the restart is answered
    t.equal((await a.inject({ method: 'GET', url: '/readyz' })).statusCode, 200, 'ready again at once')
    t.equal((await b.inject({ method: 'GET', url: '/readyz' })).statusCode, 200)
    t.equal((await a.inject({ method: 'GET', url: '/v1/jobs/k' })).statusCode, 404, 'the refused job was not created')
    const during = await a.inject(leaseRequest('during'))
    t.equal(during.statusCode, 201, 'the refused lease was not stored: its retry creates it')
    const again = await b.inject(leaseRequest('before'))
    t.same([again.statusCode, again.json().lease], [200, lease], 'what was acknowledged before the outage is there')
    const view = await b.inject({ method: 'GET', url: '/v1/jobs/j', headers: auth })
    t.same(view.json().members.map((m: { member: string }) => m.member), ['chief-0'], 'the refused join was not stored')

    // B's LISTEN connection is back by itself (its reconnect re-reads what changed meanwhile, then
    // NOTIFY): with no periodic re-check, nothing else could wake a wait on B after a join on A
    const waiting = b.inject({ method: 'GET', url: '/v1/jobs/j/members/chief-0/config?wait=60', headers: auth })
    while (b.rendezvous.watcher.count() < 1) await new Promise((resolve) => setImmediate(resolve))
    t.equal((await join(a, 'worker')).statusCode, 201)
    const woken = await waiting
    t.same([woken.statusCode, woken.json().tf_config.cluster], [200, { chief: ['chief-0:2222'], worker: ['worker-0:2222'] }])
  })

  t.test('the database host lost without a word: its pooled connections are stale, the first requests after its return are answered', async (t) => {
    const direct = await server.createDatabase(t)
    const proxy = await startProxy(t, server.port)
    const url = direct.replace(`:${server.port}/`, `:${proxy.port}/`)
    const app = await replica(t, url)
    const created = await app.inject(json('PUT', '/v1/jobs/j', { cluster: { chief: 1, worker: 1 } }))
    const auth = { authorization: `Bearer ${created.json().token as string}` }
    const before = await app.inject(leaseRequest('before'))
    t.equal(before.statusCode, 201)
    await Promise.all(Array.from({ length: 8 }, () => app.inject({ method: 'GET', url: '/readyz' })))

    // the host goes silent, PostgreSQL restarts (its sessions gone), the host answers again
    proxy.freeze()
    server.stop()
    t.teardown(() => { try { server.start() } catch {} })
    server.start()
    proxy.thaw()
    t.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200, 'ready at once')
    const answers = await Promise.all([
      app.inject(json('PUT', '/v1/jobs/k', { cluster: { chief: 1 } })),
      app.inject(json('PUT', '/v1/jobs/j/members/chief-0', { role: 'chief', host: 'chief-0', port: 2222 }, auth)),
      app.inject(leaseRequest('before')),
      app.inject(leaseRequest('after')),
      app.inject({ method: 'GET', url: '/v1/jobs/j', headers: auth }),
      app.inject({ method: 'GET', url: '/v1/jobs' })
    ])
    t.same(answers.map((res) => res.statusCode), [201, 201, 200, 201, 200, 200], 'every first request succeeds')
  })
}
