import t from 'tap'
import { Notifier } from '../../../src/coordination/notifier.js'
import { manualClock, systemClock } from '../../../src/coordination/clock.js'

t.test('notifies the listeners of one job, until they unsubscribe', async (t) => {
  const notifier = new Notifier()
  const seen: string[] = []
  const offA = notifier.subscribe('a', (v) => seen.push('a1:' + v))
  const offA2 = notifier.subscribe('a', (v) => seen.push('a2:' + v))
  notifier.subscribe('b', (v) => seen.push('b:' + v))
  notifier.notify('a', 3)
  notifier.notify('c', 4)
  t.same(seen, ['a1:3', 'a2:3'])
  t.equal(notifier.count('a'), 2)
  t.equal(notifier.count(), 3)
  offA()
  offA()
  t.equal(notifier.count('a'), 1)
  offA2()
  t.equal(notifier.count('a'), 0)
  t.equal(notifier.count(), 1)
  notifier.notify('a', 5)
  t.same(seen, ['a1:3', 'a2:3'], 'nobody left')
})

t.test('a listener may unsubscribe itself while being notified', async (t) => {
  const notifier = new Notifier()
  const seen: number[] = []
  const off = notifier.subscribe('a', (v) => { seen.push(v); off() })
  notifier.subscribe('a', (v) => seen.push(v * 10))
  notifier.notify('a', 1)
  notifier.notify('a', 2)
  t.same(seen, [1, 10, 20])
})

t.test('an old unsubscribe does not drop a new subscription set', async (t) => {
  const notifier = new Notifier()
  const off = notifier.subscribe('a', () => {})
  off()
  notifier.subscribe('a', () => {})
  off()
  t.equal(notifier.count('a'), 1)
})

t.test('clocks', async (t) => {
  const clock = manualClock(1000)
  clock.advance(500)
  t.equal(clock.now(), 1500)
  clock.set(10)
  t.equal(clock.now(), 10)
  t.equal(manualClock().now(), Date.UTC(2026, 11, 2, 10))
  t.ok(Math.abs(systemClock.now() - Date.now()) < 1000)
})
