import { once, EventEmitter } from 'node:events'
import { Writable } from 'node:stream'
import { mock } from 'node:test'
import t from 'tap'
import { buildApp } from '../../app.js'
import { manualClock } from '../../src/coordination/clock.js'
import { createLease } from '../../src/coordination/leases.js'

t.test('the sweep runs every interval; a failure is logged, not thrown', async (t) => {
  mock.timers.enable({ apis: ['setInterval'] })
  t.teardown(() => mock.timers.reset())
  const logged = new EventEmitter()
  const stream = new Writable({
    write (chunk: Buffer, _encoding, done) {
      const line = JSON.parse(chunk.toString())
      logged.emit(line.msg, line)
      done()
    }
  })
  const clock = manualClock(Date.UTC(2026, 11, 2, 10))
  const app = await buildApp({ clock, leaseSweep: { intervalMs: 1000 }, logger: { level: 'debug', stream } })
  t.teardown(() => app.close())
  await app.ready()
  const range = { first: 100, last: 110 }
  await createLease(app.store.leases, range, clock.now(), 'node-1', 'k1', { holder: 'h', ttl_secs: 5 })

  mock.timers.tick(1000)
  t.equal(await app.sweepLeases(), 0, 'nothing expired yet (and the timer\'s sweep has run before this one: one connection)')

  clock.advance(5_000)
  const swept = once(logged, 'swept expired leases')
  mock.timers.tick(1000)
  t.match((await swept)[0], { swept: 1 })

  app.store.leases.hostsWithExpired = async () => { throw new Error('disk on fire') }
  const failed = once(logged, 'lease sweep failed')
  mock.timers.tick(1000)
  t.match((await failed)[0], { level: 50, err: { message: 'disk on fire' } })
})
