import t from 'tap'
import { buildApp } from '../../app.js'
import { seededRandom } from '../helper.js'

// C.5's guarantees under racing requests: 2,000 leases asked at once over 5 hosts with 40 ports
// each (so the ranges run out), a third of them for a given port, half of those granted released
// right away (so ports are leased again). Outcomes are counted; nothing is timed.
t.test('2,000 racing lease requests over 5 hosts: one holder per port, refusals are 409s, fencing tokens increase', async (t) => {
  // overload shedding off: this test counts the lease outcomes, on a machine other tests load too
  const app = await buildApp({ portRange: { first: 30000, last: 30039 }, pressure: { maxEventLoopDelay: 0, maxHeapUsedBytes: 0, maxRssBytes: 0 } })
  t.teardown(() => app.close())
  await app.ready()
  const random = seededRandom(12)
  const hosts = ['node-0', 'node-1', 'node-2', '10.0.0.3', '[fd00::4]']
  interface Granted { lease: string, host: string, port: number, fencing_token: number }
  /** Per (host, port): the grants in the order their answers came (one can follow another only after its release). */
  const grants = new Map<string, Granted[]>()
  const released = new Set<string>()
  const statuses = new Map<number, number>()
  const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1)

  // 100 clients racing, 20 requests each: their releases interleave with the others' requests
  let next = 0
  const ask = async (i: number) => {
    const host = random.pick(hosts)
    const payload = { holder: `client-${i}`, ttl_secs: 3600, ...(random.chance(0.3) ? { port: 30000 + random.below(40) } : {}) }
    const release = random.chance(0.5)
    const res = await app.inject({ method: 'POST', url: `/v1/hosts/${host}/leases`, payload, headers: { 'idempotency-key': `k${i}` } })
    count(res.statusCode)
    if (res.statusCode !== 201) return
    const granted: Granted = res.json()
    const key = `${granted.host} ${granted.port}`
    grants.set(key, [...(grants.get(key) ?? []), granted])
    if (!release) return
    const gone = await app.inject({ method: 'DELETE', url: `/v1/leases/${granted.lease}` })
    count(gone.statusCode)
    released.add(granted.lease)
  }
  await Promise.all(Array.from({ length: 100 }, async () => {
    while (next < 2000) await ask(next++)
  }))

  t.same([...statuses.keys()].sort(), [201, 204, 409], 'only grants, releases and 409s')
  t.ok((statuses.get(409) ?? 0) > 500, 'the ranges ran out')
  t.ok(released.size > 100 && [...grants.values()].some((list) => list.length > 1), 'ports were leased again after releases')
  let held = 0
  for (const [key, list] of grants) {
    const unreleased = list.filter((granted) => !released.has(granted.lease))
    t.ok(unreleased.length <= 1, `${key}: at most one unreleased lease`)
    held += unreleased.length
    // a grant follows the release of the one before it on this port
    for (let i = 1; i < list.length; i++) {
      if (!(released.has(list[i - 1].lease) && list[i].fencing_token > list[i - 1].fencing_token)) t.fail(`${key}: fencing order`)
    }
  }
  t.ok(held <= 5 * 40)
  const tokens = [...grants.values()].flat().map((granted) => `${granted.host} ${granted.fencing_token}`)
  t.equal(new Set(tokens).size, tokens.length, 'no fencing token given twice on a host')
})
