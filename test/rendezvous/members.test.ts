import t from 'tap'
import { bearer, buildRendezvous, createJob, join, stored } from './helper.js'

const CLUSTER = { chief: 1, worker: 3 }

async function setUp (t: Parameters<typeof buildRendezvous>[0], body: object = { cluster: CLUSTER }) {
  const { app, clock } = await buildRendezvous(t)
  const token = await createJob(app, 'a', body as never)
  return { app, clock, token }
}

t.test('joins: 201 with the slot; without an index the lowest free one; the last join completes the round', async (t) => {
  const { app, token } = await setUp(t)
  const w = await join(app, 'a', 'w-x', { role: 'worker', index: 1, host: '10.0.0.7', port: 2222 }, token)
  t.same([w.statusCode, w.json()], [201, { member: 'w-x', role: 'worker', index: 1, round: 1, state: 'gathering', version: 2 }])
  t.same((await join(app, 'a', 'w-y', { role: 'worker', host: 'w-y.svc.cluster.local', port: 2222 }, token)).json().index, 0)
  t.same((await join(app, 'a', 'w-z', { role: 'worker', host: '[fe80::1]', port: 2222 }, token)).json().index, 2)
  const c = await join(app, 'a', 'chief', { role: 'chief', host: 'chief-0', port: 2222 }, token)
  t.same([c.statusCode, c.json()], [201, { member: 'chief', role: 'chief', index: 0, round: 1, state: 'complete', version: 5 }])
  const view = (await app.inject({ url: '/v1/jobs/a', headers: bearer(token) })).json()
  t.same(view.members.map((m: { member: string }) => m.member), ['chief', 'w-y', 'w-x', 'w-z'])
  t.same([view.state, view.joined, view.missing], ['complete', 4, []])
})

t.test('a retry with the same body is a no-op (200), also once the round is complete', async (t) => {
  const { app, token } = await setUp(t, { cluster: { chief: 1 } })
  const body = { role: 'chief', host: 'h', port: 1 }
  t.equal((await join(app, 'a', 'c', body, token)).statusCode, 201)
  const before = await stored(app, 'a')
  for (const retry of [body, { ...body, index: 0 }]) {
    const res = await join(app, 'a', 'c', retry, token)
    t.same([res.statusCode, res.json()], [200, { member: 'c', role: 'chief', index: 0, round: 1, state: 'complete', version: 2 }])
  }
  t.same(await stored(app, 'a'), before)
})

t.test('409: the holder of the slot, no free slot, another slot held, a complete round; nothing stored', async (t) => {
  const { app, token } = await setUp(t, { cluster: { chief: 1, worker: 1 } })
  await join(app, 'a', 'w1', { role: 'worker', host: 'h', port: 1 }, token)
  const before = await stored(app, 'a')
  const cases: Array<[string, object, object]> = [
    ['w2', { role: 'worker', index: 0, host: 'h', port: 2 }, { message: 'Slot worker 0 belongs to member w1', holder: 'w1' }],
    ['w2', { role: 'worker', host: 'h', port: 2 }, { message: 'No worker slot is free in round 1 of job a' }],
    ['w1', { role: 'chief', host: 'h', port: 1 }, { message: 'Member w1 already holds worker 0 at h:1; leave (DELETE) before joining another way', holder: 'w1' }],
    ['w1', { role: 'worker', host: 'other', port: 1 }, { message: 'Member w1 already holds worker 0 at h:1; leave (DELETE) before joining another way', holder: 'w1' }]
  ]
  for (const [member, body, wanted] of cases) {
    const res = await join(app, 'a', member, body, token)
    t.same([res.statusCode, res.json()], [409, { statusCode: 409, error: 'Conflict', ...wanted }], JSON.stringify(body))
  }
  t.same(await stored(app, 'a'), before, 'nothing stored')
  await join(app, 'a', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  const late = await join(app, 'a', 'late', { role: 'worker', host: 'h', port: 9 }, token)
  t.same([late.statusCode, late.json().message], [409, 'Round 1 of job a is complete and member late holds no slot of it'])
})

t.test('400 for keys, hosts and ports that break their patterns; 422 for roles and indices; nothing stored', async (t) => {
  const { app, token } = await setUp(t)
  const bad400: Array<[string, object]> = [
    ['-lead', { role: 'worker', host: 'h', port: 1 }],
    ['a b', { role: 'worker', host: 'h', port: 1 }],
    ['x'.repeat(129), { role: 'worker', host: 'h', port: 1 }],
    ['m', { role: 'worker', host: 'h;rm -rf', port: 1 }],
    ['m', { role: 'worker', host: '$(id)', port: 1 }],
    ['m', { role: 'worker', host: 'h: x', port: 1 }],
    ['m', { role: 'worker', host: '999.1.1.1', port: 1 }],
    ['m', { role: 'worker', host: '-h', port: 1 }],
    ['m', { role: 'worker', host: 'fe80::1', port: 1 }],
    ['m', { role: 'worker', host: 'h', port: 0 }],
    ['m', { role: 'worker', host: 'h', port: 65536 }],
    ['m', { role: 'worker', host: 'h', port: 1, index: -1 }],
    ['m', { role: 'wor ker', host: 'h', port: 1 }],
    ['m', { role: 'worker', host: 'h', port: 1, extra: 1 }]
  ]
  for (const [member, body] of bad400) {
    const res = await join(app, 'a', encodeURIComponent(member), body, token)
    t.equal(res.statusCode, 400, `${member} ${JSON.stringify(body)}`)
  }
  const bad422: Array<[object, string]> = [
    [{ role: 'ps', host: 'h', port: 1 }, 'Role ps is not a job of the cluster (chief, worker)'],
    [{ role: 'worker', index: 3, host: 'h', port: 1 }, "Index 3 is beyond worker's 3 tasks"],
    [{ role: 'chief', index: 1, host: 'h', port: 1 }, "Index 1 is beyond chief's 1 task"],
    // without a port too: the refusal comes before any port is leased
    [{ role: 'worker', index: 3, host: 'h' }, "Index 3 is beyond worker's 3 tasks"]
  ]
  for (const [body, message] of bad422) {
    const res = await join(app, 'a', 'm', body, token)
    t.same([res.statusCode, res.json().message], [422, message])
  }
  t.same((await stored(app, 'a')).rounds, [[]])
})

t.test('401 without the job\'s token; 404 for an unknown job; 410 once expired (missing listed)', async (t) => {
  const { app, clock, token } = await setUp(t, { cluster: { chief: 1, worker: 1 }, join_timeout_secs: 10 })
  const other = await createJob(app, 'b', { cluster: { chief: 1 } })
  for (const headers of [{}, bearer(other)]) {
    const res = await app.inject({ method: 'PUT', url: '/v1/jobs/a/members/m', payload: { role: 'chief', host: 'h', port: 1 }, headers })
    t.equal(res.statusCode, 401)
  }
  t.equal((await join(app, 'nope', 'm', { role: 'chief', host: 'h', port: 1 }, token)).statusCode, 404)
  await join(app, 'a', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  clock.advance(10_000)
  const res = await join(app, 'a', 'w', { role: 'worker', host: 'h', port: 1 }, token)
  t.same([res.statusCode, res.json()], [410, { statusCode: 410, error: 'Gone', message: 'Round 1 of job a expired before every slot was taken', missing: [{ role: 'worker', index: 0 }] }])
  t.same((await stored(app, 'a')).rounds[0].map((m) => m.member), ['c'])
})

t.test('DELETE a member: 204 frees the slot; 404 for one not in the round; 409 once complete', async (t) => {
  const { app, token } = await setUp(t, { cluster: { chief: 1, worker: 1 } })
  await join(app, 'a', 'w', { role: 'worker', host: 'h', port: 1 }, token)
  const leave = (member: string) => app.inject({ method: 'DELETE', url: `/v1/jobs/a/members/${member}`, headers: bearer(token) })
  t.equal((await leave('w')).statusCode, 204)
  t.equal((await leave('w')).statusCode, 404)
  t.equal((await join(app, 'a', 'w2', { role: 'worker', host: 'h', port: 2 }, token)).json().index, 0, 'the slot is free again')
  await join(app, 'a', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  const res = await leave('w2')
  t.same([res.statusCode, res.json().message], [409, 'Round 1 of job a is complete: its members stay'])
})

t.test('rounds: a member of the previous round gets its index back; others avoid the indices kept for them', async (t) => {
  const { app, token } = await setUp(t)
  for (const [m, index] of [['c', 0], ['w-a', 2], ['w-b', 0], ['w-c', 1]] as const) {
    await join(app, 'a', m, { role: m === 'c' ? 'chief' : 'worker', index, host: 'h', port: 1 }, token)
  }
  await app.inject({ method: 'POST', url: '/v1/jobs/a/rounds' })
  t.equal((await join(app, 'a', 'w-new', { role: 'worker', host: 'h', port: 1 }, token)).statusCode, 201)
  // w-new took a free index no returning member held: none is left unreserved, so it takes the lowest
  t.equal((await join(app, 'a', 'w-a', { role: 'worker', host: 'h', port: 1 }, token)).json().index, 2)
  const b = (await join(app, 'a', 'w-b', { role: 'worker', host: 'h', port: 1 }, token)).json()
  t.equal(b.index, 1, 'w-new took 0, w-b\'s old slot: the lowest free one')
  t.equal((await join(app, 'a', 'c', { role: 'chief', host: 'h', port: 1 }, token)).json().state, 'complete')
  await app.inject({ method: 'POST', url: '/v1/jobs/a/rounds' })
  // round 3: everyone returns in another order and asks for no index
  for (const [m, index] of [['w-b', 1], ['w-a', 2], ['w-new', 0]] as const) {
    t.equal((await join(app, 'a', m, { role: 'worker', host: 'h', port: 1 }, token)).json().index, index, m)
  }
  const round1 = (await stored(app, 'a')).rounds[0]
  t.same(round1, [], 'rounds before the previous are pruned')
})

t.test('reserved indices: a newcomer avoids the slot a member of the previous round may come back to', async (t) => {
  const { app, token } = await setUp(t, { cluster: { chief: 1, worker: 2 } })
  await join(app, 'a', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  await join(app, 'a', 'w-old', { role: 'worker', index: 0, host: 'h', port: 1 }, token)
  await app.inject({ method: 'POST', url: '/v1/jobs/a/rounds' })
  t.equal((await join(app, 'a', 'w-new', { role: 'worker', host: 'h', port: 1 }, token)).json().index, 1)
  t.equal((await join(app, 'a', 'w-old', { role: 'worker', host: 'h', port: 1 }, token)).json().index, 0)
})
