import t from 'tap'
import { bearer, buildRendezvous, createJob, join, NO_PRESSURE, untilWatching } from './helper.js'

const DEFINITION = { cluster: { chief: 1, ps: 1, worker: 2, evaluator: 1 }, config: { save_checkpoints_steps: 500 }, tf_config: { environment: 'cloud' } }
const MEMBERS = [['c', 'chief', 'chief-0'], ['w0', 'worker', 'worker-0'], ['w1', 'worker', 'worker-1'], ['p', 'ps', '10.0.0.9'], ['e', 'evaluator', 'eval-0']] as const

t.test('200: each member\'s node as the cluster plan gives it, and run_config as POST /v1/run-config answers', async (t) => {
  const { app } = await buildRendezvous(t)
  const token = await createJob(app, 'a', DEFINITION)
  for (const [member, role, host] of MEMBERS) await join(app, 'a', member, { role, host, port: 2222 }, token)
  const cluster = { chief: ['chief-0:2222'], ps: ['10.0.0.9:2222'], worker: ['worker-0:2222', 'worker-1:2222'] }
  const plan = (await app.inject({ method: 'POST', url: '/v1/cluster-plan', payload: { cluster, config: DEFINITION.config, tf_config: DEFINITION.tf_config, evaluator: true, include: ['run_config'] } })).json()
  for (const [member, role] of MEMBERS) {
    const res = await app.inject({ url: `/v1/jobs/a/members/${member}/config`, headers: bearer(token) })
    t.equal(res.statusCode, 200)
    const answer = res.json()
    const index = member === 'w1' ? 1 : 0
    const tfConfig = { cluster, task: { type: role, index }, environment: 'cloud' }
    t.same(answer.tf_config, tfConfig)
    t.same(Object.keys(answer.tf_config), ['cluster', 'task', 'environment'])
    const { run_config: runConfig, ...node } = plan.nodes.find((n: { task_type: string, task_id: number }) => n.task_type === role && n.task_id === index)
    t.same(answer, { ...node, tf_config: tfConfig, run_config: runConfig, round: 1, version: 6 })
    const single = await app.inject({ method: 'POST', url: '/v1/run-config', payload: { tf_config: tfConfig, config: DEFINITION.config } })
    t.equal(JSON.stringify(answer.run_config), JSON.stringify(single.json().run_config), 'byte for byte')
    t.equal(answer.start_delay_secs, single.json().start_delay_secs)
  }
})

t.test('202 while gathering (missing slots, Retry-After); 404 for a member not in the round; 401; 400 for a bad wait', async (t) => {
  const { app, clock } = await buildRendezvous(t)
  const token = await createJob(app, 'a', { cluster: { chief: 1, worker: 2 } })
  await join(app, 'a', 'w', { role: 'worker', index: 1, host: 'h', port: 1 }, token)
  clock.advance(1000)
  const res = await app.inject({ url: '/v1/jobs/a/members/w/config', headers: bearer(token) })
  t.equal(res.statusCode, 202)
  t.equal(res.headers['retry-after'], '1')
  t.same(res.json(), { state: 'gathering', expected: 3, joined: 1, missing: [{ role: 'chief', index: 0 }, { role: 'worker', index: 0 }], deadline: '2026-12-02T10:10:00.000Z' })
  const stranger = await app.inject({ url: '/v1/jobs/a/members/x/config', headers: bearer(token) })
  t.same([stranger.statusCode, stranger.json().message], [404, 'Member x has not joined round 1 of job a'])
  t.equal((await app.inject({ url: '/v1/jobs/a/members/w/config' })).statusCode, 401)
  for (const wait of ['61', '-1', 'x', '1.5']) {
    t.equal((await app.inject({ url: `/v1/jobs/a/members/w/config?wait=${wait}`, headers: bearer(token) })).statusCode, 400, wait)
  }
})

t.test('a long poll is answered by the completing join; a wait that ends first is a 202', async (t) => {
  const { app } = await buildRendezvous(t)
  const token = await createJob(app, 'a', { cluster: { chief: 1, worker: 1 } })
  await join(app, 'a', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  const waiting = app.inject({ url: '/v1/jobs/a/members/c/config?wait=60', headers: bearer(token) })
  await untilWatching(app, 1)
  await join(app, 'a', 'w', { role: 'worker', host: 'h', port: 2 }, token)
  const res = await waiting
  t.equal(res.statusCode, 200)
  t.same(res.json().tf_config.cluster, { chief: ['h:1'], worker: ['h:2'] })
  // a short wait that nothing ends: the round is complete, so the answer is at once
  t.equal((await app.inject({ url: '/v1/jobs/a/members/w/config?wait=1', headers: bearer(token) })).statusCode, 200)
})

t.test('a wait that ends before completion answers 202 with what is missing', async (t) => {
  const { app } = await buildRendezvous(t)
  const token = await createJob(app, 'a', { cluster: { chief: 1, worker: 1 } })
  await join(app, 'a', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  const res = await app.inject({ url: '/v1/jobs/a/members/c/config?wait=1', headers: bearer(token) })
  t.same([res.statusCode, res.json().missing], [202, [{ role: 'worker', index: 0 }]])
  t.equal(app.rendezvous.watcher.count(), 0, 'no subscription left')
})

t.test('a wait that spans the deadline is answered 410 when the sweep expires the round', async (t) => {
  const { app, clock } = await buildRendezvous(t)
  const token = await createJob(app, 'a', { cluster: { chief: 1, worker: 1 }, join_timeout_secs: 30 })
  await join(app, 'a', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  const waiting = app.inject({ url: '/v1/jobs/a/members/c/config?wait=60', headers: bearer(token) })
  await untilWatching(app, 1)
  clock.advance(30_000)
  await app.rendezvous.sweep()
  const res = await waiting
  t.same([res.statusCode, res.json().missing], [410, [{ role: 'worker', index: 0 }]])
  // and a read after the deadline, before any sweep, is a 410 too
  const again = await app.inject({ url: '/v1/jobs/a/members/c/config', headers: bearer(token) })
  t.equal(again.statusCode, 410)
})

t.test('a read past the deadline expires the round itself (no sweep needed)', async (t) => {
  const { app, clock } = await buildRendezvous(t)
  const token = await createJob(app, 'a', { cluster: { chief: 1, worker: 1 }, join_timeout_secs: 30 })
  await join(app, 'a', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  clock.advance(31_000)
  const res = await app.inject({ url: '/v1/jobs/a/members/c/config?wait=5', headers: bearer(token) })
  t.same([res.statusCode, res.json().message], [410, 'Round 1 of job a expired before every slot was taken'])
})

t.test('a wait in flight gets 410 when the job is deleted', async (t) => {
  const { app } = await buildRendezvous(t)
  const token = await createJob(app, 'a', { cluster: { chief: 1, worker: 1 } })
  await join(app, 'a', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  const waiting = app.inject({ url: '/v1/jobs/a/members/c/config?wait=60', headers: bearer(token) })
  await untilWatching(app, 1)
  await app.inject({ method: 'DELETE', url: '/v1/jobs/a' })
  const res = await waiting
  t.same([res.statusCode, res.json().message], [410, 'Job a was deleted'])
})

t.test('waits are answered 503 on shutdown, and beyond the limit of open waits', async (t) => {
  const { app } = await buildRendezvous(t, { rendezvous: { maxWatches: 2 } })
  const token = await createJob(app, 'a', { cluster: { chief: 1, worker: 1 } })
  await join(app, 'a', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  const waits = [1, 2].map(() => app.inject({ url: '/v1/jobs/a/members/c/config?wait=60', headers: bearer(token) }))
  await untilWatching(app, 2)
  const over = await app.inject({ url: '/v1/jobs/a/members/c/config?wait=60', headers: bearer(token) })
  t.same([over.statusCode, over.headers['retry-after'], over.json().message], [503, '5', 'Too many long polls and event streams are open; retry later'])
  t.equal((await app.inject({ url: '/v1/jobs/a/members/c/config', headers: bearer(token) })).statusCode, 202, 'wait=0 is never refused')
  await app.close()
  for (const res of await Promise.all(waits)) {
    t.same([res.statusCode, res.headers['retry-after']], [503, '1'])
  }
})

t.test('every Retry-After of the rendezvous is a setting: the overload one for too many waits, its own for closing and gathering', async (t) => {
  const { app, clock } = await buildRendezvous(t, {
    pressure: { ...NO_PRESSURE, retryAfter: 7 },
    rendezvous: { maxWatches: 1, closingRetryAfter: 3, gatheringRetryAfter: 2 }
  })
  const token = await createJob(app, 'a', { cluster: { chief: 1, worker: 1 } })
  await join(app, 'a', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  clock.advance(1000)
  const gathering = await app.inject({ url: '/v1/jobs/a/members/c/config', headers: bearer(token) })
  t.same([gathering.statusCode, gathering.headers['retry-after']], [202, '2'])
  const waiting = app.inject({ url: '/v1/jobs/a/members/c/config?wait=60', headers: bearer(token) })
  await untilWatching(app, 1)
  const over = await app.inject({ url: '/v1/jobs/a/members/c/config?wait=60', headers: bearer(token) })
  t.same([over.statusCode, over.headers['retry-after']], [503, '7'])
  await app.close()
  const closing = await waiting
  t.same([closing.statusCode, closing.headers['retry-after']], [503, '3'])
})
