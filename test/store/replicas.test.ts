import t from 'tap'
import { SOURCE, startServer, type ServerProcess } from '../server-child.js'
import { testPostgres } from './factories.js'
import { findPostgresBin, query } from './postgres-server.js'

// C.6: three service processes (server.ts, as production runs it) on one PostgreSQL database. A
// client may talk to any of them: joins and waits spread over all three, leases raced over all
// three, and one of them killed with SIGKILL in the middle of a round. Outcomes are counted;
// nothing here depends on how fast anything is.

interface Reply { status: number, body: any }

/** One request to `replica`; rejects when it gets no answer (the replica died). */
async function call (replica: ServerProcess, method: string, path: string, body?: object, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`http://127.0.0.1:${replica.port}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await res.text()
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) }
}

/** fn for 0 … count - 1, at most `limit` at a time (the CI machine has two cores); the results in order. */
async function bounded<T> (count: number, limit: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = []
  let next = 0
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < count) {
      const i = next++
      results[i] = await fn(i)
    }
  }))
  return results
}

/** The members of `size` - 1 workers and a chief: its member key, its join body. */
function members (job: string, size: number) {
  return Array.from({ length: size }, (_, i) => {
    const role = i === 0 ? 'chief' : 'worker'
    return { key: `${job}-${i}`, body: { role, host: `${job}-${i}.example`, port: 2222 } }
  })
}

/** How many long polls `replica` has been asked for so far (its request log). */
function waitsOn (replica: ServerProcess): number {
  return replica.logs.filter((line) => line.msg === 'incoming request' && String((line.req as { url: string }).url).includes('/config?wait=')).length
}

if (findPostgresBin() !== undefined) {
  const server = await testPostgres()
  const url = await server.createDatabase(t)
  // a small range, so that leases run out and ports are taken again and again
  const env = { DATABASE_URL: url, RUNCONFIG_PORT_RANGE: '20000-20002' }
  // started together: the migrations run once, under kysely's advisory lock
  const replicas = await Promise.all([0, 1, 2].map(() => startServer(t, SOURCE, { env })))

  t.test('joins spread over three replicas, each member waiting on another: every waiter gets 200 and the same cluster', async (t) => {
    const created = await call(replicas[0], 'PUT', '/v1/jobs/spread', { cluster: { chief: 1, worker: 11 } })
    t.equal(created.status, 201, 'the job is created')
    const auth = { authorization: `Bearer ${created.body.token as string}` }
    const all = members('spread', 12)
    const join = (i: number) => call(replicas[i % 3], 'PUT', `/v1/jobs/spread/members/${all[i].key}`, all[i].body, auth)
    const first = await bounded(11, 6, join)
    t.same(first.map((reply) => reply.status), Array(11).fill(201), 'the first eleven join, on replicas 0, 1, 2, 0…')
    // each waits on the replica after the one it joined on
    const waitsBefore = replicas.map(waitsOn)
    const wait = (i: number) => call(replicas[(i + 1) % 3], 'GET', `/v1/jobs/spread/members/${all[i].key}/config?wait=60`, undefined, auth)
    const waiting = Array.from({ length: 11 }, (_, i) => wait(i))
    // every long poll has reached its replica (the log says so), then the last member joins
    const expected = [0, 1, 2].map((r) => Array.from({ length: 11 }, (_, i) => (i + 1) % 3).filter((target) => target === r).length)
    await Promise.all(replicas.map((replica, r) => replica.logged(() => waitsOn(replica) - waitsBefore[r] >= expected[r])))
    t.equal((await join(11)).status, 201, 'the last one joins, on replica 2')
    const answers = [...await Promise.all(waiting), await wait(11)]
    t.same(answers.map((reply) => reply.status), Array(12).fill(200), 'every waiter is answered 200')
    const clusters = new Set(answers.map((reply) => JSON.stringify(reply.body.tf_config.cluster)))
    t.equal(clusters.size, 1, 'with one cluster')
    const cluster = JSON.parse([...clusters][0]) as Record<string, string[]>
    t.same([cluster.chief, [...cluster.worker].sort()], [['spread-0.example:2222'], all.slice(1).map((member) => `${member.body.host}:2222`).sort()],
      'every member in it')
    t.same(answers.map((reply) => reply.body.round), Array(12).fill(1), 'of round 1')
  })

  t.test('2,000 leases raced over three replicas on three hosts of three ports: never two on one port, tokens in order', async (t) => {
    const hosts = ['node-a', 'node-b', 'node-c']
    // an order of events as this process sees them: a count, not a time
    let events = 0
    interface Held { host: string, port: number, token: number, granted: number, releaseSent: number }
    const held: Held[] = []
    const statuses: Record<string, number> = {}
    const refusals = new Set<string>()
    await bounded(2_000, 12, async (i) => {
      const host = hosts[Math.floor(i / 3) % 3]
      // one in four asks for a port: those race the ones picked from the range
      const body = i % 4 === 0 ? { holder: `h${i}`, ttl_secs: 3600, port: 20000 + (i % 12) / 4 } : { holder: `h${i}`, ttl_secs: 3600 }
      const reply = await call(replicas[i % 3], 'POST', `/v1/hosts/${host}/leases`, body, { 'idempotency-key': `race-${i}` })
      statuses[reply.status] = (statuses[reply.status] ?? 0) + 1
      if (reply.status !== 201) {
        refusals.add(`${reply.status} ${String(reply.body.message).replace(/\d+/g, 'N').replace(/node-\w/, 'HOST')}`)
        return
      }
      const granted = ++events
      // released on another replica than the one that granted it
      const releaseSent = ++events
      const released = await call(replicas[(i + 1) % 3], 'DELETE', `/v1/leases/${reply.body.lease as string}`)
      statuses[`release ${released.status}`] = (statuses[`release ${released.status}`] ?? 0) + 1
      held.push({ host, port: reply.body.port, token: reply.body.fencing_token, granted, releaseSent })
    })
    t.comment(`outcomes: ${JSON.stringify(statuses)}`)
    t.equal((statuses[201] ?? 0) + (statuses[409] ?? 0), 2_000, 'every request is granted (201) or refused with 409')
    t.same([...refusals].filter((refusal) => !/^409 (Every port of N-N|Port N) is held on HOST$/.test(refusal)), [], 'each says which port or range is held')
    t.ok((statuses[201] ?? 0) > 100 && (statuses[409] ?? 0) > 100, 'both outcomes, many times')
    t.equal(statuses['release 204'], statuses[201], 'every release 204')
    for (const host of hosts) {
      const tokens = held.filter((lease) => lease.host === host).map((lease) => lease.token)
      t.equal(new Set(tokens).size, tokens.length, `${host}: one fencing token per lease`)
    }
    // per port, in token order: a lease's release was asked for before the next one was granted —
    // otherwise the next was answered while this one was held (two at once, or tokens out of order)
    const overlaps: string[] = []
    const byPort = new Map<string, Held[]>()
    for (const lease of held) byPort.set(`${lease.host}:${lease.port}`, [...byPort.get(`${lease.host}:${lease.port}`) ?? [], lease])
    for (const [port, leases] of byPort) {
      leases.sort((a, b) => a.token - b.token)
      for (let k = 1; k < leases.length; k++) {
        if (leases[k - 1].releaseSent > leases[k].granted) overlaps.push(`${port} tokens ${leases[k - 1].token} and ${leases[k].token}`)
      }
    }
    t.same(overlaps, [], `no two leases at once on any of ${byPort.size} ports`)
    t.equal(byPort.size, 9, 'every port of every host granted')
    t.comment(`${held.length - byPort.size} times a port went from one holder to the next`)
    t.same(await query(url, 'SELECT count(*)::int AS n FROM leases'), [{ n: 0 }], 'every one released, as stored')
  })

  t.test('SIGKILL of a replica in the middle of a round: nothing it acknowledged is lost', async (t) => {
    const [a, b, victim] = replicas
    const created = await call(a, 'PUT', '/v1/jobs/killed', { cluster: { chief: 1, worker: 29 } })
    const auth = { authorization: `Bearer ${created.body.token as string}` }
    // members join without an index (the lowest free one), half of them on the victim
    const all = members('killed', 30)
    const acknowledged = new Map<string, number>()
    let victimAcknowledged = 0
    let lost = 0
    await bounded(30, 8, async (i) => {
      const replica = i % 2 === 0 ? victim : i % 4 === 1 ? a : b
      try {
        const reply = await call(replica, 'PUT', `/v1/jobs/killed/members/${all[i].key}`, all[i].body, auth)
        t.equal(reply.status, 201, `${all[i].key} joins`)
        acknowledged.set(all[i].key, reply.body.index)
        // the victim dies once it has acknowledged five, with others in flight
        if (replica === victim && ++victimAcknowledged === 5) victim.child.kill('SIGKILL')
      } catch {
        lost++
      }
    })
    t.same((await victim.exited).signal, 'SIGKILL', 'the victim was killed')
    t.ok(lost > 0, `${lost} joins sent to the killed replica got no answer`)
    const view = await call(a, 'GET', '/v1/jobs/killed', undefined, auth)
    t.equal(view.body.state, 'gathering', 'killed in the middle of the round')
    const stored = new Map<string, number>(view.body.members.map((m: { member: string, index: number }) => [m.member, m.index]))
    t.same([...acknowledged].filter(([key, index]) => stored.get(key) !== index), [], `all ${acknowledged.size} acknowledged joins stored, each in its slot`)
    // every member retries on a survivor: those acknowledged get their slot again
    const retries = await bounded(30, 6, (i) => call([a, b][i % 2], 'PUT', `/v1/jobs/killed/members/${all[i].key}`, all[i].body, auth))
    const retriedAcknowledged = all.flatMap((member, i) => acknowledged.has(member.key) ? [[member.key, retries[i].status, retries[i].body.index]] : [])
    t.same(retriedAcknowledged, all.flatMap((member) => acknowledged.has(member.key) ? [[member.key, 200, acknowledged.get(member.key)]] : []),
      'a retried join: 200, the same slot')
    const unanswered = retries.filter((_, i) => !acknowledged.has(all[i].key))
    t.same(unanswered.filter((reply) => ![200, 201].includes(reply.status)), [],
      `the unanswered ones join now (${unanswered.filter((reply) => reply.status === 200).length} had been stored before the kill, unacknowledged)`)
    const complete = await call(b, 'GET', '/v1/jobs/killed', undefined, auth)
    t.match(complete.body, { state: 'complete', joined: 30, missing: [] }, 'the round completes on the survivors')
    const slots = new Set(complete.body.members.map((m: { role: string, index: number }) => `${m.role}:${m.index}`))
    t.equal(slots.size, 30, 'thirty members in thirty slots')
  })
}
