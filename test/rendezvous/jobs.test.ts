import t from 'tap'
import { ADMIN_TOKEN, bearer, buildRendezvous, createJob, join, START, stored } from './helper.js'

const CLUSTER = { chief: 1, ps: 1, worker: 2, evaluator: 1 }
const iso = (ms: number) => new Date(ms).toISOString()

t.test('PUT /v1/jobs/{job}: 201 with the view and a join token; 200 with the same token for the same definition', async (t) => {
  const { app } = await buildRendezvous(t)
  const body = { cluster: CLUSTER, config: { save_checkpoints_steps: 1000 } }
  const first = await app.inject({ method: 'PUT', url: '/v1/jobs/train-1', payload: body })
  t.equal(first.statusCode, 201)
  const { token, ...view } = first.json()
  t.match(token, /^[A-Za-z0-9_-]{32}$/, '192 random bits, URL-safe')
  t.same(view, {
    job: 'train-1',
    round: 1,
    state: 'gathering',
    cluster: CLUSTER,
    join_timeout_secs: 600,
    deadline: iso(START + 600_000),
    version: 1,
    expected: 5,
    joined: 0,
    members: [],
    missing: [{ role: 'chief', index: 0 }, { role: 'worker', index: 0 }, { role: 'worker', index: 1 }, { role: 'ps', index: 0 }, { role: 'evaluator', index: 0 }]
  })
  // key order aside, defaults applied: the same definition
  const again = await app.inject({ method: 'PUT', url: '/v1/jobs/train-1', payload: { config: { save_checkpoints_steps: 1000 }, join_timeout_secs: 600, cluster: { worker: 2, evaluator: 1, ps: 1, chief: 1 } } })
  t.equal(again.statusCode, 200)
  t.same(again.json(), first.json())
  const other = await app.inject({ method: 'PUT', url: '/v1/jobs/train-1', payload: { cluster: { chief: 1, worker: 3 } } })
  t.equal(other.statusCode, 409)
  t.same(other.json(), { statusCode: 409, error: 'Conflict', message: 'Job train-1 exists with another definition; delete it first to redefine it' })
  t.same((await stored(app, 'train-1')).row?.definition.cluster, CLUSTER, 'unchanged')
})

t.test('PUT /v1/jobs/{job}: 400 for names and bodies that break the schema, nothing stored', async (t) => {
  const { app } = await buildRendezvous(t)
  const cases: Array<[string, unknown, RegExp]> = [
    ['Upper', { cluster: { worker: 1 } }, /params\/job must match pattern/],
    ['-lead', { cluster: { worker: 1 } }, /params\/job must match pattern/],
    ['a'.repeat(64), { cluster: { worker: 1 } }, /params\/job must match pattern/],
    ['ok', { cluster: { 'wor ker': 1 } }, /body\/cluster must NOT have additional properties/],
    ['ok', { cluster: { worker: '1' } }, /body\/cluster\/worker must be integer/],
    ['ok', { cluster: {} }, /body\/cluster must NOT have fewer than 1 properties/],
    ['ok', { cluster: { worker: 1 }, join_timeout_secs: 0 }, /body\/join_timeout_secs must be >= 1/],
    ['ok', { cluster: { worker: 1 }, join_timeout_secs: 86_401 }, /body\/join_timeout_secs must be <= 86400/],
    ['ok', { cluster: { worker: 1 }, tf_config: { cluster: {} } }, /body\/tf_config\/cluster is not allowed here/],
    ['ok', { cluster: { worker: 1 }, config: { no_such_argument: 1 } }, /body\/config must NOT have additional properties: no_such_argument/],
    ['ok', { cluster: { worker: 1 }, extra: 1 }, /body must NOT have additional properties: extra/]
  ]
  for (const [job, payload, message] of cases) {
    const res = await app.inject({ method: 'PUT', url: `/v1/jobs/${job}`, payload: payload as object })
    t.equal(res.statusCode, 400, job + ' ' + JSON.stringify(payload))
    t.match(res.json().message, message)
  }
  t.same((await app.inject({ url: '/v1/jobs' })).json(), { jobs: [] })
})

t.test('PUT /v1/jobs/{job}: 422 for the cluster rules and for a config TensorFlow refuses', async (t) => {
  const { app } = await buildRendezvous(t)
  const cases: Array<[unknown, object]> = [
    [{ cluster: { chief: 1, worker: 0 } }, { statusCode: 422, error: 'Unprocessable Entity', message: 'cluster.worker must have at least 1 task, not 0' }],
    [{ cluster: { chief: 2 } }, { statusCode: 422, error: 'Unprocessable Entity', message: 'cluster.chief may have at most 1 task, not 2' }],
    [{ cluster: { evaluator: 2, worker: 1 } }, { statusCode: 422, error: 'Unprocessable Entity', message: 'cluster.evaluator may have at most 1 task, not 2' }],
    [{ cluster: { worker: 60_000, ps: 40_001 } }, { statusCode: 422, error: 'Unprocessable Entity', message: 'The cluster has 100001 tasks; at most 100000 are allowed' }],
    [{ cluster: { worker: 2 } }, { statusCode: 422, error: 'Unprocessable Entity', exception: 'ValueError', message: 'If "cluster" is set in TF_CONFIG, it must have one "chief" node.' }],
    [{ cluster: { chief: 1 }, config: { save_checkpoints_steps: 10, save_checkpoints_secs: 10 } }, { statusCode: 422, error: 'Unprocessable Entity', exception: 'ValueError', message: '`save_checkpoints_steps` and `save_checkpoints_secs` cannot be both set.' }]
  ]
  for (const [payload, body] of cases) {
    const res = await app.inject({ method: 'PUT', url: '/v1/jobs/bad', payload: payload as object })
    t.equal(res.statusCode, 422, JSON.stringify(payload))
    t.same(res.json(), body)
  }
  t.equal((await stored(app, 'bad')).row, undefined, 'nothing stored')
})

t.test('GET /v1/jobs/{job}: the join token or the admin token; 404 for an unknown job', async (t) => {
  const { app } = await buildRendezvous(t, { rendezvous: { adminToken: ADMIN_TOKEN } })
  const token = await createJob(app, 'a', { cluster: { chief: 1 } }, bearer(ADMIN_TOKEN))
  const other = await createJob(app, 'b', { cluster: { chief: 1 } }, bearer(ADMIN_TOKEN))
  t.equal((await app.inject({ url: '/v1/jobs/a', headers: bearer(token) })).statusCode, 200)
  t.equal((await app.inject({ url: '/v1/jobs/a', headers: bearer(ADMIN_TOKEN) })).statusCode, 200)
  for (const headers of [{}, bearer(other), bearer(token + 'x'), { authorization: token }, { authorization: 'Basic ' + token }]) {
    const res = await app.inject({ url: '/v1/jobs/a', headers })
    t.equal(res.statusCode, 401, JSON.stringify(headers))
    t.same(res.json(), { statusCode: 401, error: 'Unauthorized', message: 'Job a needs Authorization: Bearer <its join token or the admin token>' })
    t.notMatch(res.body, token, 'the token is never echoed')
  }
  const missing = await app.inject({ url: '/v1/jobs/nope', headers: bearer(token) })
  t.same([missing.statusCode, missing.json().message], [404, 'Job nope not found'])
})

t.test('the admin routes need the admin token when one is configured', async (t) => {
  const { app } = await buildRendezvous(t, { rendezvous: { adminToken: ADMIN_TOKEN } })
  const denied = { statusCode: 401, error: 'Unauthorized', message: 'This route needs Authorization: Bearer <admin token>' }
  const create = await app.inject({ method: 'PUT', url: '/v1/jobs/a', payload: { cluster: { chief: 1 } } })
  t.same([create.statusCode, create.json()], [401, denied])
  t.equal((await stored(app, 'a')).row, undefined)
  const token = await createJob(app, 'a', { cluster: { chief: 1 } }, bearer(ADMIN_TOKEN))
  for (const [method, url] of [['GET', '/v1/jobs'], ['POST', '/v1/jobs/a/rounds'], ['DELETE', '/v1/jobs/a']] as const) {
    for (const headers of [{}, bearer(token)]) {
      const res = await app.inject({ method, url, headers })
      t.same([res.statusCode, res.json()], [401, denied], `${method} ${url}`)
    }
  }
  t.same((await app.inject({ url: '/v1/jobs', headers: bearer(ADMIN_TOKEN) })).json(), { jobs: [{ job: 'a', round: 1, state: 'gathering', expected: 1, joined: 0 }] })
  t.equal((await app.inject({ method: 'DELETE', url: '/v1/jobs/a', headers: bearer(ADMIN_TOKEN) })).statusCode, 204)
})

t.test('GET /v1/jobs lists every job with its round, state and counts', async (t) => {
  const { app, clock } = await buildRendezvous(t)
  const token = await createJob(app, 'b', { cluster: { chief: 1, worker: 1 } })
  await createJob(app, 'a', { cluster: { chief: 1 }, join_timeout_secs: 5 })
  await join(app, 'b', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  clock.advance(5_000)
  t.same((await app.inject({ url: '/v1/jobs' })).json(), {
    jobs: [
      { job: 'a', round: 1, state: 'expired', expected: 1, joined: 0 },
      { job: 'b', round: 1, state: 'gathering', expected: 2, joined: 1 }
    ]
  })
})

t.test('expiry: check on read, stored once, and the sweep marks rounds nobody reads', async (t) => {
  const { app, clock } = await buildRendezvous(t)
  const token = await createJob(app, 'a', { cluster: { chief: 1, worker: 1 }, join_timeout_secs: 60 })
  await createJob(app, 'b', { cluster: { chief: 1 }, join_timeout_secs: 60 })
  await join(app, 'a', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  clock.advance(59_999)
  t.equal((await app.inject({ url: '/v1/jobs/a', headers: bearer(token) })).json().state, 'gathering')
  clock.advance(1)
  const view = (await app.inject({ url: '/v1/jobs/a', headers: bearer(token) })).json()
  t.same([view.state, view.version, view.missing], ['expired', 3, [{ role: 'worker', index: 0 }]])
  t.equal((await app.inject({ url: '/v1/jobs/a', headers: bearer(token) })).json().version, 3, 'expired once')
  t.equal((await stored(app, 'b')).row?.state, 'gathering')
  t.equal(await app.rendezvous.sweep(), 1)
  t.same([(await stored(app, 'b')).row?.state, (await stored(app, 'b')).row?.version], ['expired', 2])
  t.equal(await app.rendezvous.sweep(), 0)
})

t.test('POST /v1/jobs/{job}/rounds starts the next round: empty, new deadline, version up', async (t) => {
  const { app, clock } = await buildRendezvous(t)
  const token = await createJob(app, 'a', { cluster: { chief: 1, worker: 1 }, join_timeout_secs: 10 })
  await join(app, 'a', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  clock.advance(20_000)
  const res = await app.inject({ method: 'POST', url: '/v1/jobs/a/rounds' })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { round: 2, state: 'gathering', deadline: iso(START + 30_000), version: 3, joined: 0, members: [] })
  t.equal((await app.inject({ method: 'POST', url: '/v1/jobs/nope/rounds' })).statusCode, 404)
})

t.test('DELETE /v1/jobs/{job}: 204, then every URL of the job answers 404', async (t) => {
  const { app } = await buildRendezvous(t)
  const token = await createJob(app, 'a', { cluster: { chief: 1, worker: 1 } })
  await join(app, 'a', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  t.equal((await app.inject({ method: 'DELETE', url: '/v1/jobs/a' })).statusCode, 204)
  const urls: Array<[string, string]> = [['GET', '/v1/jobs/a'], ['DELETE', '/v1/jobs/a'], ['POST', '/v1/jobs/a/rounds'], ['GET', '/v1/jobs/a/members/c/config'], ['DELETE', '/v1/jobs/a/members/c'], ['GET', '/v1/jobs/a/events']]
  for (const [method, url] of urls) {
    t.equal((await app.inject({ method: method as 'GET', url, headers: bearer(token) })).statusCode, 404, `${method} ${url}`)
  }
  t.equal((await join(app, 'a', 'w', { role: 'worker', host: 'h', port: 1 }, token)).statusCode, 404)
  t.same(await stored(app, 'a'), { row: undefined, rounds: [] })
})
