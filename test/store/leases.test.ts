import t from 'tap'
import type { LeaseStore } from '../../src/coordination/lease-store.js'
import { LeaseError, QUARANTINE_MS } from '../../src/coordination/lease-rules.js'
import { leaseMemberPort, releaseJobLeases, releaseMemberLease, sweepLeases } from '../../src/coordination/lease-upkeep.js'
import { createLease, releaseLease, renewLease, reportConflict } from '../../src/coordination/leases.js'
import type { LeaseRequest } from '../../src/schemas/leases.js'
import { LEASE_FACTORIES } from './lease-factories.js'

const RANGE = { first: 100, last: 104 }
const T0 = Date.UTC(2026, 11, 2, 10)
const request = (changes: Partial<LeaseRequest> = {}): LeaseRequest => ({ holder: 'job-a/worker-0', ttl_secs: 60, ...changes })

/** The status a refusal carries, to assert on. */
async function refusal (promise: Promise<unknown>): Promise<[number, string]> {
  try {
    await promise
  } catch (error) {
    if (error instanceof LeaseError) return [error.statusCode, error.message]
    throw error
  }
  throw new Error('not refused')
}

for (const factory of LEASE_FACTORIES) {
  t.test(factory.name, async (t) => {
    let store: LeaseStore
    let keys = 0
    const lease = async (host = 'node-1', changes: Partial<LeaseRequest> = {}, now = T0, key = `key-${++keys}`) =>
      await createLease(store, RANGE, now, host, key, request(changes))
    t.beforeEach(async (t) => { store = await factory.open(t) })

    t.test('grants the lowest free port with the host\'s next fencing token', async (t) => {
      const first = await lease()
      t.same(first, {
        created: true,
        lease: { lease: first.lease.lease, host: 'node-1', port: 100, holder: 'job-a/worker-0', fencing_token: 1, expires_at: '2026-12-02T10:01:00.000Z' }
      })
      t.match(first.lease.lease, /^[A-Za-z0-9_-]{43}$/)
      t.match(await lease(), { lease: { port: 101, fencing_token: 2 } })
      t.match(await lease('node-2'), { lease: { port: 100, fencing_token: 1 } }, 'each host has its own ports and counter')
      t.match(await lease('node-1', { ttl_secs: undefined }), { lease: { port: 102, expires_at: '2026-12-02T10:05:00.000Z' } }, 'ttl_secs defaults to 300')
    })

    t.test('hosts compare in canonical form', async (t) => {
      t.match(await lease('Node-1.Example.COM'), { lease: { host: 'node-1.example.com', port: 100 } })
      t.match(await lease('node-1.example.com'), { lease: { port: 101 } })
      t.match(await lease('[0:0::1]'), { lease: { host: '[::1]', port: 100 } })
      t.match(await lease('[::1]'), { lease: { host: '[::1]', port: 101 } })
    })

    t.test('the same Idempotency-Key on the same host: the same lease; another body: 422', async (t) => {
      const first = await lease('node-1', {}, T0, 'k')
      const again = await lease('node-1', {}, T0 + 1000, 'k')
      t.same(again, { created: false, lease: first.lease })
      t.same(await lease('node-1', { ttl_secs: 60 }, T0, 'k'), again, 'ttl_secs as given or defaulted compares equal')
      t.same(await refusal(lease('node-1', { holder: 'other' }, T0, 'k')),
        [422, 'This Idempotency-Key was used on this host for another request'])
      t.same(await refusal(lease('node-1', { port: 100 }, T0, 'k')), [422, 'This Idempotency-Key was used on this host for another request'])
      t.match(await lease('node-2', {}, T0, 'k'), { created: true, lease: { host: 'node-2' } }, 'keys are per host')
    })

    t.test('racing retries of one key get one lease', async (t) => {
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => lease('node-1', {}, T0, 'race')))
      t.equal(outcomes.filter((outcome) => outcome.created).length, 1)
      t.equal(new Set(outcomes.map((outcome) => outcome.lease.lease)).size, 1)
      t.match(await lease(), { lease: { port: 101 } }, 'one port taken')
    })

    t.test('an asked port: granted once, then 409; outside the range too', async (t) => {
      t.match(await lease('node-1', { port: 102 }), { lease: { port: 102, fencing_token: 1 } })
      t.same(await refusal(lease('node-1', { port: 102 })), [409, 'Port 102 is held on node-1'])
      t.match(await lease('node-1', { port: 2222 }), { lease: { port: 2222 } })
      t.same(await refusal(lease('node-1', { port: 2222 })), [409, 'Port 2222 is held on node-1'])
      const ports = []
      for (let i = 0; i < 4; i++) ports.push((await lease()).lease.port)
      t.same(ports, [100, 101, 103, 104], 'the range around the asked port')
      t.same(await refusal(lease('node-1', { port: 100 })), [409, 'Port 100 is held on node-1'])
      t.same(await refusal(lease()), [409, 'Every port of 100-104 is held on node-1'])
    })

    t.test('a released port is free again, with a higher fencing token', async (t) => {
      const held = []
      for (let i = 0; i < 5; i++) held.push((await lease()).lease)
      await releaseLease(store, T0, held[2].lease)
      await releaseLease(store, T0, held[3].lease)
      await releaseLease(store, T0, held[1].lease)
      t.same(await refusal(releaseLease(store, T0, held[1].lease)), [404, 'No such lease (it expired, was released, or never existed)'])
      t.match(await lease(), { lease: { port: 101, fencing_token: 6 } })
      t.match(await lease('node-1', { port: 103 }), { lease: { port: 103, fencing_token: 7 } })
      t.match(await lease(), { lease: { port: 102, fencing_token: 8 } })
      t.same(await refusal(lease()), [409, 'Every port of 100-104 is held on node-1'])
      await releaseLease(store, T0, held[4].lease)
      await releaseLease(store, T0, held[0].lease)
      t.match(await lease(), { lease: { port: 100, fencing_token: 9 } })
      const outside = await lease('node-1', { port: 2222 })
      await releaseLease(store, T0, outside.lease.lease)
      t.match(await lease('node-1', { port: 2222 }), { lease: { port: 2222, fencing_token: 11 } })
    })

    t.test('an expired lease frees its port at once; renewing keeps it', async (t) => {
      const a = await lease('node-1', {}, T0, 'a')
      const b = await lease('node-1', {}, T0)
      t.match(await renewLease(store, T0 + 59_000, b.lease.lease, 60), { port: 101, fencing_token: 2, expires_at: '2026-12-02T10:01:59.000Z' })
      t.match(await lease('node-1', {}, T0 + 60_000), { lease: { port: 100, fencing_token: 3 } }, 'a expired at 10:01:00')
      t.same(await refusal(renewLease(store, T0 + 60_000, a.lease.lease, 60)), [404, 'No such lease (it expired, was released, or never existed)'])
      t.same(await refusal(releaseLease(store, T0 + 60_000, a.lease.lease)), [404, 'No such lease (it expired, was released, or never existed)'])
      t.match(await lease('node-1', {}, T0 + 60_000, 'a'), { created: true, lease: { port: 102 } }, 'the key of an expired lease starts a new one')
      t.match(await lease('node-1', {}, T0 + 118_999), { lease: { port: 103 } }, 'b renewed until 10:01:59')
      t.match(await lease('node-1', {}, T0 + 118_999), { lease: { port: 104 } })
      t.match(await lease('node-1', {}, T0 + 119_000), { lease: { port: 101, fencing_token: 7 } })
    })

    t.test('the sweep deletes expired rows', async (t) => {
      await lease('node-1', { ttl_secs: 10 })
      await lease('node-2', { ttl_secs: 10 })
      await lease('node-2', { ttl_secs: 20 })
      t.equal(await sweepLeases(store, T0 + 9_999), 0)
      t.same(await store.hostsWithExpired(T0 + 10_000), ['node-1', 'node-2'].sort())
      t.equal(await sweepLeases(store, T0 + 10_000), 2)
      t.same(await store.hostsWithExpired(T0 + 10_000), [])
      t.match(await lease('node-2', {}, T0 + 10_000), { lease: { port: 100, fencing_token: 3 } })
    })

    t.test('a conflict quarantines the port for 10 minutes and replaces the lease', async (t) => {
      const reported = await lease('node-1', { ttl_secs: 30 }, T0, 'k')
      const replaced = await reportConflict(store, RANGE, T0 + 5000, reported.lease.lease)
      t.same(replaced, {
        created: true,
        lease: {
          lease: replaced.lease.lease, host: 'node-1', port: 101, holder: 'job-a/worker-0', fencing_token: 2, expires_at: '2026-12-02T10:00:35.000Z'
        }
      })
      t.not(replaced.lease.lease, reported.lease.lease)
      t.same(await reportConflict(store, RANGE, T0 + 6000, reported.lease.lease), { created: false, lease: replaced.lease }, 'a retry: the same replacement')
      t.same(await lease('node-1', { ttl_secs: 30 }, T0 + 6000, 'k'), { created: false, lease: replaced.lease }, 'the key follows the replacement')
      t.same(await refusal(renewLease(store, T0, reported.lease.lease, 60)), [404, 'No such lease (it expired, was released, or never existed)'])
      t.same(await refusal(lease('node-1', { port: 100 }, T0 + 6000)), [409, 'Port 100 is held on node-1'], 'quarantined')
      const ports = []
      for (let i = 0; i < 3; i++) ports.push((await lease('node-1', { ttl_secs: 3600 }, T0 + 6000)).lease.port)
      t.same(ports, [102, 103, 104])
      t.same(await refusal(reportConflict(store, RANGE, T0 + 6000, replaced.lease.lease)), [409, 'No other port of 100-104 is free on node-1'])
      t.match(await renewLease(store, T0 + 6000, replaced.lease.lease, 3600), { port: 101 }, 'a refused report changes nothing')
      t.same(await refusal(lease('node-1', {}, T0 + 5000 + QUARANTINE_MS - 1)), [409, 'Every port of 100-104 is held on node-1'])
      t.match(await lease('node-1', {}, T0 + 5000 + QUARANTINE_MS), { lease: { port: 100 } }, 'the quarantine is over')
      await releaseLease(store, T0 + 5000 + QUARANTINE_MS, replaced.lease.lease)
      t.same(await refusal(reportConflict(store, RANGE, T0, reported.lease.lease)), [404, 'No such lease (it expired, was released, or never existed)'],
        'the replacement is gone')
      t.same(await refusal(reportConflict(store, RANGE, T0, 'x'.repeat(43))), [404, 'No such lease (it expired, was released, or never existed)'])
    })

    t.test('a conflict report on a lease that expired, or whose replacement was reported: 404', async (t) => {
      const expired = await lease('node-1', { ttl_secs: 10 })
      t.same(await refusal(reportConflict(store, RANGE, T0 + 10_000, expired.lease.lease)), [404, 'No such lease (it expired, was released, or never existed)'])
      const first = await lease()
      const second = await reportConflict(store, RANGE, T0 + 10_000, first.lease.lease)
      const third = await reportConflict(store, RANGE, T0 + 10_000, second.lease.lease)
      t.match(third, { created: true, lease: { port: 102, fencing_token: 4 } })
      t.same(await refusal(reportConflict(store, RANGE, T0 + 10_000, first.lease.lease)), [404, 'No such lease (it expired, was released, or never existed)'])
    })

    t.test('a conflict on an asked port replaces it from the range', async (t) => {
      const asked = await lease('node-1', { port: 2222 })
      t.match(await reportConflict(store, RANGE, T0, asked.lease.lease), { lease: { port: 100, fencing_token: 2 } })
      t.same(await refusal(lease('node-1', { port: 2222 })), [409, 'Port 2222 is held on node-1'])
    })

    t.test('a new range rebuilds the free ports around those held', async (t) => {
      await lease('node-1', { port: 103 })
      await lease('node-1', { port: 106 })
      const wider = { first: 100, last: 107 }
      const ports = []
      for (let i = 0; i < 6; i++) ports.push((await createLease(store, wider, T0, 'node-1', `w${i}`, request())).lease.port)
      t.same(ports, [100, 101, 102, 104, 105, 107])
      t.match(await createLease(store, { first: 106, last: 108 }, T0, 'node-1', 'n', request()), { lease: { port: 108, fencing_token: 9 } })
    })

    t.test('members without a port: one lease per member and host, for the job\'s life', async (t) => {
      t.equal(await leaseMemberPort(store, RANGE, T0, 'job-a', 'w0', 'Node-1'), 100)
      t.equal(await leaseMemberPort(store, RANGE, T0, 'job-a', 'w0', 'node-1'), 100, 'a retry keeps the port')
      t.equal(await leaseMemberPort(store, RANGE, T0, 'job-a', 'w1', 'node-1'), 101)
      t.equal(await leaseMemberPort(store, RANGE, T0, 'job-b', 'w0', 'node-1'), 102)
      t.equal(await leaseMemberPort(store, RANGE, T0, 'job-a', 'w0', 'node-2'), 100)
      t.match(await lease('node-1', {}, T0 + 365 * 86_400_000), { lease: { port: 103 } }, 'no expiry')
      t.equal(await releaseMemberLease(store, T0, 'job-a', 'w1', 'node-1'), true)
      t.equal(await releaseMemberLease(store, T0, 'job-a', 'w1', 'node-1'), false)
      t.equal(await releaseJobLeases(store, T0, 'job-a'), 2)
      t.equal(await releaseJobLeases(store, T0, 'job-a'), 0)
      t.same([await leaseMemberPort(store, RANGE, T0, 'job-c', 'w0', 'node-1'), await leaseMemberPort(store, RANGE, T0, 'job-c', 'w1', 'node-1')], [100, 101])
      await leaseMemberPort(store, RANGE, T0, 'job-c', 'w2', 'node-1')
      t.same(await refusal(leaseMemberPort(store, RANGE, T0, 'job-c', 'w3', 'node-1')), [409, 'Every port of 100-104 is held on node-1'])
    })
  })
}
