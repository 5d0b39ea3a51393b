import t from 'tap'
import { bearer, buildRendezvous, createJob, join, untilWatching } from './helper.js'

const parse = (payload: string) => payload.split('\n\n').filter((block) => block !== '')

t.test('GET /v1/jobs/{job}/events: the view on connect, one event per version, deleted at the end', async (t) => {
  const { app } = await buildRendezvous(t)
  const token = await createJob(app, 'a', { cluster: { chief: 1, worker: 1 } })
  const streaming = app.inject({ url: '/v1/jobs/a/events', headers: bearer(token) })
  await untilWatching(app, 1)
  await join(app, 'a', 'c', { role: 'chief', host: 'h', port: 1 }, token)
  await join(app, 'a', 'w', { role: 'worker', host: 'h', port: 2 }, token)
  await app.inject({ method: 'DELETE', url: '/v1/jobs/a' })
  const res = await streaming
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'text/event-stream')
  const events = parse(res.body)
  t.equal(events.at(-1), 'event: deleted\ndata: {}')
  const jobs = events.slice(0, -1).map((block) => {
    const [id, event, data] = block.split('\n')
    t.equal(event, 'event: job')
    const view = JSON.parse(data.slice('data: '.length))
    t.equal(id, `id: ${view.version}`)
    t.notOk('token' in view)
    return view
  })
  // versions only go up (changes that land during one read are sent as one event)
  t.equal(jobs[0].version, 1)
  t.ok(jobs.every((v, i) => i === 0 || v.version > jobs[i - 1].version))
  t.notMatch(res.body, token)
  t.equal(app.rendezvous.watcher.count(), 0)
})

t.test('events: heartbeats while idle; 401 and 404 as the job view; the stream ends on shutdown', async (t) => {
  const { app } = await buildRendezvous(t, { rendezvous: { heartbeatMs: 1 } })
  const token = await createJob(app, 'a', { cluster: { chief: 1 } })
  t.equal((await app.inject({ url: '/v1/jobs/a/events' })).statusCode, 401)
  t.equal((await app.inject({ url: '/v1/jobs/b/events', headers: bearer(token) })).statusCode, 404)
  t.equal(app.rendezvous.watcher.count(), 0, 'a refused stream leaves no subscription')
  const streaming = app.inject({ url: '/v1/jobs/a/events', headers: bearer(token) })
  await untilWatching(app, 1)
  await new Promise((resolve) => setTimeout(resolve, 20))
  await app.close()
  const res = await streaming
  t.match(res.body, /^id: 1\nevent: job\n/)
  t.match(res.body, /\n\n: heartbeat\n\n/)
})
