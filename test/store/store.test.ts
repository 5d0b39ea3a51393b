import t from 'tap'
import { createLease } from '../../src/coordination/leases.js'
import { leaseMemberPortIn, releaseJobLeasesIn } from '../../src/coordination/lease-upkeep.js'
import type { JobRow, MemberRow, Store } from '../../src/coordination/store.js'
import { STORE_FACTORIES } from './factories.js'

const jobRow = (job: string, changes: Partial<JobRow> = {}): JobRow => ({
  job,
  definition: { cluster: { chief: 1, worker: 2 }, join_timeout_secs: 600 },
  token: 'token-' + job,
  round: 1,
  state: 'gathering',
  deadline: 1_000_600_000,
  version: 1,
  created_at: 1_000_000_000,
  ...changes
})

const member = (name: string, role: string, index: number, round = 1): MemberRow => ({
  member: name, round, role, index, host: 'node-' + name, port: 2222, joined_at: 1_000_000_001
})

for (const factory of STORE_FACTORIES) {
  t.test(factory.name, async (t) => {
    t.test('creates a job once, reads it back, lists it', async (t) => {
      const store = await factory.open(t)
      t.equal(await store.transact('a', (tx) => tx.create(jobRow('a'))), true)
      t.equal(await store.transact('a', (tx) => tx.create(jobRow('a', { token: 'other' }))), false, 'exists: nothing written')
      t.same(await store.read('a'), { job: jobRow('a'), members: [] })
      t.equal(await store.read('b'), undefined)
      t.equal(await store.transact('b', (tx) => tx.read()), undefined)
      await store.transact('b', (tx) => tx.create(jobRow('b')))
      await store.transact('b', (tx) => tx.addMember(member('m', 'worker', 0)))
      t.same(await store.list(), [{ job: jobRow('a'), joined: 0 }, { job: jobRow('b'), joined: 1 }])
    })

    t.test('members: by round, in role and index order; unique slots and keys', async (t) => {
      const store = await factory.open(t)
      await store.transact('a', async (tx) => {
        await tx.create(jobRow('a'))
        await tx.addMember(member('w1', 'worker', 1))
        await tx.addMember(member('c', 'chief', 0))
        await tx.addMember(member('w0', 'worker', 0))
      })
      t.same((await store.read('a'))?.members.map((m) => m.member), ['c', 'w0', 'w1'])
      await t.rejects(store.transact('a', (tx) => tx.addMember(member('x', 'worker', 1))), 'a taken slot')
      await t.rejects(store.transact('a', (tx) => tx.addMember(member('w0', 'worker', 5))), 'a key already in the round')
      await store.transact('a', (tx) => tx.removeMember(1, 'w1'))
      t.same((await store.transact('a', (tx) => tx.members(1))).map((m) => m.member), ['c', 'w0'])
      await store.transact('a', (tx) => tx.addMember({ ...member('p', 'ps', 0), port: null }))
      t.equal((await store.read('a'))?.members.find((m) => m.member === 'p')?.port, null, 'a member waiting for a leased port')
    })

    t.test('a transaction that throws leaves nothing behind and publishes nothing', async (t) => {
      const store = await factory.open(t)
      await store.transact('a', (tx) => tx.create(jobRow('a')))
      const seen: number[] = []
      store.notifier.subscribe('a', (version) => seen.push(version))
      await t.rejects(store.transact('a', async (tx) => {
        await tx.update({ version: 2 })
        await tx.addMember(member('m', 'worker', 0))
        tx.publish(2)
        throw new Error('refused')
      }), /refused/)
      t.same(await store.read('a'), { job: jobRow('a'), members: [] })
      t.same(seen, [])
      await store.transact('a', async (tx) => {
        await tx.update({ version: 3, state: 'complete' })
        tx.publish(3)
      })
      t.same(seen, [3], 'published after commit')
    })

    t.test('rounds: update, prune earlier rounds, delete everything', async (t) => {
      const store = await factory.open(t)
      await store.transact('a', async (tx) => {
        await tx.create(jobRow('a'))
        await tx.addMember(member('m', 'worker', 0, 1))
        await tx.update({ round: 2, version: 2, deadline: 5 })
        await tx.addMember(member('m', 'worker', 1, 2))
      })
      t.same((await store.read('a'))?.members, [member('m', 'worker', 1, 2)])
      t.same(await store.transact('a', (tx) => tx.members(1)), [member('m', 'worker', 0, 1)])
      await store.transact('a', (tx) => tx.pruneRounds(2))
      t.same(await store.transact('a', (tx) => tx.members(1)), [])
      t.same(await store.transact('a', (tx) => tx.read()), jobRow('a', { round: 2, version: 2, deadline: 5 }))
      await store.transact('a', (tx) => tx.delete())
      t.equal(await store.read('a'), undefined)
      t.same(await store.transact('a', (tx) => tx.members(2)), [])
    })

    t.test('overdue: gathering jobs at or past their deadline', async (t) => {
      const store = await factory.open(t)
      await store.transact('a', (tx) => tx.create(jobRow('a', { deadline: 100 })))
      await store.transact('b', (tx) => tx.create(jobRow('b', { deadline: 200 })))
      await store.transact('c', (tx) => tx.create(jobRow('c', { deadline: 50, state: 'complete' })))
      t.same(await store.overdue(99), [])
      t.same(await store.overdue(100), ['a'])
      t.same(await store.overdue(1_000), ['a', 'b'])
    })

    t.test('transactions on one job never interleave', async (t) => {
      const store = await factory.open(t)
      await store.transact('a', (tx) => tx.create(jobRow('a', { version: 0 })))
      // read-then-write 200 times concurrently: a lost update would leave version below 200
      await Promise.all(Array.from({ length: 200 }, () => store.transact('a', async (tx) => {
        const row = await tx.read()
        await tx.update({ version: (row?.version ?? 0) + 1 })
      })))
      t.equal((await store.read('a'))?.job.version, 200)
    })

    t.test('a job\'s transaction leases on a host: committed with it, rolled back with it', async (t) => {
      const store = await factory.open(t)
      const range = { first: 100, last: 199 }
      const held = (host: string) => store.leases.withHost(host, (tx) => tx.heldPorts(host, 1, 65535))
      await store.transact('a', async (tx) => {
        await tx.create(jobRow('a'))
        t.equal(await leaseMemberPortIn(await tx.hostLeases('h2'), range, 0, 'a', 'm', 'h2'), 100)
        t.equal(await leaseMemberPortIn(await tx.hostLeases('h1'), range, 0, 'a', 'm', 'h1'), 100)
      })
      await t.rejects(store.transact('a', async (tx) => {
        await leaseMemberPortIn(await tx.hostLeases('h1'), range, 0, 'a', 'n', 'h1')
        throw new Error('refused')
      }), /refused/)
      t.same(await held('h1'), [100], 'the refused transaction leased nothing')
      t.same(await store.transact('a', (tx) => tx.leaseHosts()), ['h1', 'h2'])
      t.same(await store.transact('b', (tx) => tx.leaseHosts()), [])
      await store.transact('a', async (tx) => {
        for (const host of await tx.leaseHosts()) await releaseJobLeasesIn(await tx.hostLeases(host), 0, 'a', host)
      })
      t.same([await held('h1'), await held('h2')], [[], []])
    })

    t.test('a job\'s transaction and withHost exclude each other on a host', async (t) => {
      const store = await factory.open(t)
      const range = { first: 100, last: 199 }
      // 20 joins (each in its job's transaction) and 20 leases (withHost) at once: without the host's
      // lock in both, two would take one free interval, and a unique key would refuse one
      const ports = await Promise.all(Array.from({ length: 20 }, async (_, i) => [
        await joinLease(store, range, `job-${i % 4}`, `m${i}`),
        (await createLease(store.leases, range, 0, 'h', `key-${i}`, { holder: 'x' })).lease.port
      ])).then((pairs) => pairs.flat().sort((a, b) => a - b))
      t.same(ports, Array.from({ length: 40 }, (_, i) => 100 + i))
    })
  })
}

async function joinLease (store: Store, range: { first: number, last: number }, job: string, member: string): Promise<number> {
  return await store.transact(job, async (tx) => await leaseMemberPortIn(await tx.hostLeases('h'), range, 0, job, member, 'h'))
}
