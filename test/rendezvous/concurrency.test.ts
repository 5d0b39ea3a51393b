import { request as httpRequest } from 'node:http'
import t from 'tap'
import { bearer, buildRendezvous, createJob, join, untilWatching } from './helper.js'

t.test('1,000 joins race for 1,000 slots, a third retried twice at once: one member per slot, one slot per member', async (t) => {
  const { app } = await buildRendezvous(t)
  const token = await createJob(app, 'race', { cluster: { chief: 1, worker: 999 } })
  const requests = [join(app, 'race', 'chief', { role: 'chief', host: 'c', port: 1 }, token)]
  for (let i = 0; i < 999; i++) {
    const body = { role: 'worker', host: `w-${i}`, port: 2000 + (i % 100) }
    const copies = i % 3 === 0 ? 3 : 1
    for (let c = 0; c < copies; c++) requests.push(join(app, 'race', `w-${i}`, body, token))
  }
  const answers = await Promise.all(requests)
  const statuses = answers.map((res) => res.statusCode)
  t.equal(statuses.filter((s) => s === 201).length, 1000, 'each member took one slot once')
  t.equal(statuses.filter((s) => s === 200).length, 666, 'the concurrent copies were retries')
  const snapshot = await app.store.read('race')
  const members = snapshot?.members ?? []
  t.equal(members.length, 1000)
  t.equal(new Set(members.map((m) => `${m.role}/${m.index}`)).size, 1000, 'no slot twice')
  t.equal(new Set(members.map((m) => m.member)).size, 1000, 'no member twice')
  t.same([snapshot?.job.state, snapshot?.job.version], ['complete', 1001], 'completed once: one version per join')
  // every copy of a retried join names the same slot
  const byMember = new Map<string, string>()
  let disagreements = 0
  for (const res of answers) {
    const { member, role, index } = res.json()
    const slot = `${role}/${index}`
    if ((byMember.get(member) ?? slot) !== slot) disagreements++
    byMember.set(member, slot)
  }
  t.equal(disagreements, 0)
  t.equal(answers.filter((res) => res.json().state === 'complete' && res.statusCode === 201).length, 1, 'one join completed the round')
})

t.test('members racing for the same explicit slot: one 201, the rest 409 naming the holder', async (t) => {
  const { app } = await buildRendezvous(t)
  const token = await createJob(app, 'race', { cluster: { chief: 1, worker: 2 } })
  const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => join(app, 'race', `m-${i}`, { role: 'worker', index: 1, host: 'h', port: 1 }, token)))
  const winners = answers.filter((res) => res.statusCode === 201)
  t.equal(winners.length, 1)
  const holder = winners[0].json().member
  const losers = answers.filter((res) => res.statusCode === 409)
  t.equal(losers.length, 199)
  t.ok(losers.every((res) => res.json().holder === holder && res.json().message === `Slot worker 1 belongs to member ${holder}`))
  t.same((await app.store.read('race'))?.members.map((m) => m.member), [holder])
})

t.test('1,000 waiters are woken by the completing join with one store read', async (t) => {
  const { app } = await buildRendezvous(t)
  const token = await createJob(app, 'herd', { cluster: { chief: 1, worker: 1 } })
  await join(app, 'herd', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  const waiters = Array.from({ length: 1000 }, () => app.inject({ url: '/v1/jobs/herd/members/c/config?wait=60', headers: bearer(token) }))
  await untilWatching(app, 1000)
  const read = app.store.read.bind(app.store)
  let reads = 0
  app.store.read = async (job) => { reads++; return await read(job) }
  await join(app, 'herd', 'w', { role: 'worker', host: 'h', port: 2 }, token)
  const answers = await Promise.all(waiters)
  t.ok(answers.every((res) => res.statusCode === 200 && res.json().version === 3), 'all 1,000 got the config')
  t.equal(reads, 1, 'one read for all of them')
  t.equal(app.rendezvous.watcher.count(), 0)
  t.equal(app.store.notifier.count(), 0, 'no subscription left behind')
})

t.test('no lost wake-up: a completion between the waiter\'s read and its wait still answers 200', async (t) => {
  const { app } = await buildRendezvous(t)
  const token = await createJob(app, 'lost', { cluster: { chief: 1, worker: 1 } })
  await join(app, 'lost', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  const read = app.store.read.bind(app.store)
  let first = true
  app.store.read = async (job) => {
    const snapshot = await read(job)
    if (first) {
      first = false
      // the round completes after the waiter read "gathering" and before it starts waiting
      t.equal(snapshot?.job.state, 'gathering')
      t.equal((await join(app, 'lost', 'w', { role: 'worker', host: 'h', port: 2 }, token)).statusCode, 201)
    }
    return snapshot
  }
  const res = await app.inject({ url: '/v1/jobs/lost/members/c/config?wait=60', headers: bearer(token) })
  t.equal(res.statusCode, 200)
})

t.test('a client that disconnects mid-wait leaves no subscription (real listener)', async (t) => {
  const { app } = await buildRendezvous(t)
  const token = await createJob(app, 'gone', { cluster: { chief: 1, worker: 1 } })
  await join(app, 'gone', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as { port: number }
  const clients = Array.from({ length: 20 }, () => {
    const req = httpRequest({ port, path: '/v1/jobs/gone/members/c/config?wait=60', headers: bearer(token) })
    req.on('error', () => {})
    req.end()
    return req
  })
  await untilWatching(app, 20)
  t.equal(app.store.notifier.count('gone'), 1, 'one notifier subscription for the job, however many waits')
  for (const req of clients) req.destroy()
  while (app.rendezvous.watcher.count() > 0) await new Promise((resolve) => setTimeout(resolve, 5))
  t.equal(app.store.notifier.count(), 0)
})
