import t, { type Test } from 'tap'
import { buildApp } from '../../app.js'
import { manualClock } from '../../src/coordination/clock.js'
import { findPostgresBin } from '../store/postgres-server.js'
import { TEST_POSTGRES, testPostgres } from '../store/factories.js'
import { MEMORY_DATABASE_URL } from '../../src/store/index.js'
import { bearer, createJob, join, NO_PRESSURE, START, stored } from './helper.js'

// C.5: a member that joins without a port gets one leased on its host for the job's life. Every
// test runs on SQLite and, when its server binaries are installed, on PostgreSQL (where the join
// takes the host's lock after the job's row lock).

const RANGE = { first: 20000, last: 20002 }

type App = Awaited<ReturnType<typeof buildApp>>

const BACKENDS: Array<{ name: string, databaseUrl: (t: Test) => Promise<string> }> = [
  { name: 'sqlite', databaseUrl: async () => MEMORY_DATABASE_URL }
]
if (findPostgresBin() !== undefined) {
  BACKENDS.push({ name: 'postgres', databaseUrl: async (t) => await (await testPostgres()).createDatabase(t) })
}

/** Ports held on host (leases and quarantines alike), ascending. */
async function held (app: App, host: string): Promise<number[]> {
  return await app.store.leases.withHost(host, async (tx) => await tx.heldPorts(host, 1, 65535))
}

async function config (t: Test, app: App, job: string, member: string, token: string) {
  const res = await app.inject({ url: `/v1/jobs/${job}/members/${member}/config`, headers: bearer(token) })
  t.equal(res.statusCode, 200, `${member}'s config`)
  return res.json()
}

for (const backend of BACKENDS) {
  t.test(backend.name, async (t) => {
    const setUp = async (t: Test, cluster: object = { chief: 1, worker: 2 }) => {
      const clock = manualClock(START)
      const app = await buildApp({ pressure: NO_PRESSURE, clock, portRange: RANGE, databaseUrl: await backend.databaseUrl(t), postgres: TEST_POSTGRES })
      t.teardown(() => app.close())
      const token = await createJob(app, 'a', { cluster })
      let keys = 0
      const lease = async (host: string, payload: object = { holder: 'someone' }) =>
        await app.inject({ method: 'POST', url: `/v1/hosts/${host}/leases`, payload, headers: { 'idempotency-key': `key-${++keys}` } })
      return { app, clock, token, lease }
    }

    t.test('join without a port: 201, a port of the range; a retry 200 with the same; the config shows it', async (t) => {
      const { app, token } = await setUp(t)
      const first = await join(app, 'a', 'w0', { role: 'worker', host: 'Node-1' }, token)
      t.same([first.statusCode, first.json()], [201, { member: 'w0', role: 'worker', index: 0, round: 1, state: 'gathering', version: 2 }])
      const before = await stored(app, 'a')
      t.equal(before.rounds[0][0].port, 20000)
      const retry = await join(app, 'a', 'w0', { role: 'worker', host: 'Node-1' }, token)
      t.same([retry.statusCode, retry.json().version], [200, 2])
      t.same(await stored(app, 'a'), before, 'a retry changes nothing')
      t.same(await held(app, 'node-1'), [20000], 'one lease, on the canonical host')
      t.equal((await join(app, 'a', 'w0', { role: 'worker', host: 'Node-1', port: 20000 }, token)).statusCode, 200, 'the leased port given back is a retry too')
      t.equal((await join(app, 'a', 'w0', { role: 'worker', host: 'Node-1', port: 20001 }, token)).statusCode, 409, 'another port is another join')

      t.equal((await join(app, 'a', 'w1', { role: 'worker', host: 'node-1' }, token)).statusCode, 201)
      t.equal((await join(app, 'a', 'c', { role: 'chief', host: 'node-2' }, token)).statusCode, 201)
      t.same(await held(app, 'node-1'), [20000, 20001], 'two members of one host: two ports')
      t.same(await held(app, 'node-2'), [20000], 'ports are per host')
      const view = (await app.inject({ url: '/v1/jobs/a', headers: bearer(token) })).json()
      t.same(view.members.map((m: { member: string, port: number }) => [m.member, m.port]), [['c', 20000], ['w0', 20000], ['w1', 20001]])
      const cluster = { chief: ['node-2:20000'], worker: ['Node-1:20000', 'node-1:20001'] }
      for (const member of ['c', 'w0', 'w1']) t.same((await config(t, app, 'a', member, token)).tf_config.cluster, cluster)
    })

    t.test('a lease asked for by POST /v1/hosts/{host}/leases never gets a member\'s port', async (t) => {
      const { app, token, lease } = await setUp(t)
      await join(app, 'a', 'w0', { role: 'worker', host: 'node-1' }, token)
      t.match((await lease('node-1')).json(), { port: 20001 })
      const asked = await lease('node-1', { holder: 'someone', port: 20000 })
      t.same([asked.statusCode, asked.json().message], [409, 'Port 20000 is held on node-1'])
      // and a member never gets a port a lease holds
      t.equal((await join(app, 'a', 'w1', { role: 'worker', host: 'node-1' }, token)).statusCode, 201)
      t.equal((await stored(app, 'a')).rounds[0].find((m) => m.member === 'w1')?.port, 20002)
    })

    t.test('the range exhausted on the host: 409 naming host and range, and nothing stored', async (t) => {
      const { app, token, lease } = await setUp(t, { chief: 1, worker: 3 })
      for (let i = 0; i < 2; i++) t.equal((await lease('node-1')).statusCode, 201)
      t.equal((await join(app, 'a', 'w0', { role: 'worker', host: 'node-1' }, token)).statusCode, 201)
      const before = await stored(app, 'a')
      const ports = await held(app, 'node-1')
      const res = await join(app, 'a', 'w1', { role: 'worker', host: 'node-1' }, token)
      t.same([res.statusCode, res.json()], [409, {
        statusCode: 409,
        error: 'Conflict',
        message: 'Member w1 gave no port, and every port of 20000-20002 is held on node-1: join with a port, or release one'
      }])
      t.same(await stored(app, 'a'), before, 'no member added, the version unchanged')
      t.same(await held(app, 'node-1'), ports, 'no lease')
      t.equal((await join(app, 'a', 'w1', { role: 'worker', host: 'node-1', port: 2222 }, token)).statusCode, 201, 'with a port it joins')
    })

    t.test('a member that leaves gives its leased port back; one that gave its port leaves the leases alone', async (t) => {
      const { app, token, lease } = await setUp(t)
      const leave = (member: string) => app.inject({ method: 'DELETE', url: `/v1/jobs/a/members/${member}`, headers: bearer(token) })
      await join(app, 'a', 'w0', { role: 'worker', host: 'node-1' }, token)
      await join(app, 'a', 'w1', { role: 'worker', host: 'node-1' }, token)
      t.equal((await leave('w0')).statusCode, 204)
      t.same(await held(app, 'node-1'), [20001])
      t.match((await lease('node-1')).json(), { port: 20000 }, 'the port can be leased again')
      // w2 names a port someone else's lease holds (leases are advisory): leaving releases nothing
      await join(app, 'a', 'w2', { role: 'worker', host: 'node-1', port: 20000 }, token)
      t.equal((await leave('w2')).statusCode, 204)
      t.same(await held(app, 'node-1'), [20000, 20001])
    })

    t.test('deleting the job releases every member\'s lease; the ports can be leased again', async (t) => {
      const { app, token, lease } = await setUp(t)
      await join(app, 'a', 'w0', { role: 'worker', host: 'node-1' }, token)
      await join(app, 'a', 'w1', { role: 'worker', host: 'node-2' }, token)
      const other = await createJob(app, 'b', { cluster: { chief: 1 } })
      await join(app, 'b', 'c', { role: 'chief', host: 'node-1' }, other)
      t.equal((await app.inject({ method: 'DELETE', url: '/v1/jobs/a' })).statusCode, 204)
      t.same([await held(app, 'node-1'), await held(app, 'node-2')], [[20001], []], 'job b keeps its lease')
      t.match((await lease('node-1', { holder: 'someone', port: 20000 })).json(), { port: 20000 })
      t.match((await lease('node-2', { holder: 'someone', port: 20000 })).json(), { port: 20000 })
    })

    t.test('a later round: the member keeps its port on the same host; its port stays its own meanwhile', async (t) => {
      const { app, token } = await setUp(t)
      const chief = { role: 'chief', host: 'node-0', port: 2222 }
      await join(app, 'a', 'c', chief, token)
      await join(app, 'a', 'w0', { role: 'worker', host: 'node-1' }, token)
      await join(app, 'a', 'w1', { role: 'worker', host: 'node-1' }, token)
      t.equal((await app.inject({ method: 'POST', url: '/v1/jobs/a/rounds' })).statusCode, 200)
      const again = await join(app, 'a', 'w1', { role: 'worker', host: 'node-1' }, token)
      t.same([again.statusCode, again.json().index], [201, 1])
      // w0 has not come back: a newcomer on its host gets neither of the two ports
      t.equal((await join(app, 'a', 'x', { role: 'worker', host: 'node-1' }, token)).statusCode, 201)
      await join(app, 'a', 'c', chief, token)
      t.same((await stored(app, 'a')).rounds[1].map((m) => [m.member, m.index, m.port]), [['c', 0, 2222], ['x', 0, 20002], ['w1', 1, 20001]])
      t.same((await config(t, app, 'a', 'w1', token)).tf_config.cluster, { chief: ['node-0:2222'], worker: ['node-1:20002', 'node-1:20001'] })
    })

    t.test('two jobs at once on one host: every member a port of its own; a deletion and a leave at once', async (t) => {
      // three ports, three members: whichever order the joins take, each gets one
      const { app, token } = await setUp(t)
      const other = await createJob(app, 'b', { cluster: { chief: 1 } })
      const joins = await Promise.all([
        join(app, 'a', 'w0', { role: 'worker', host: 'node-1' }, token),
        join(app, 'b', 'v0', { role: 'chief', host: 'node-1' }, other),
        join(app, 'a', 'c', { role: 'chief', host: 'node-1' }, token)
      ])
      t.same(joins.map((res) => res.statusCode), [201, 201, 201])
      t.same(await held(app, 'node-1'), [20000, 20001, 20002])
      const ends = await Promise.all([
        app.inject({ method: 'DELETE', url: '/v1/jobs/b' }),
        app.inject({ method: 'DELETE', url: '/v1/jobs/a/members/w0', headers: bearer(token) })
      ])
      t.same(ends.map((res) => res.statusCode), [204, 204])
      const ports = (await stored(app, 'a')).rounds[0].map((m) => m.port)
      t.same(await held(app, 'node-1'), ports, 'only c\'s lease remains')
    })
  })
}
