import { setImmediate as tick } from 'node:timers/promises'
import t from 'tap'
import { memberOf } from '../../../src/coordination/slots.js'
import type { JobSnapshot, MemberRow, RoundState } from '../../../src/coordination/store.js'
import { Subscription, type WatchOutcome } from '../../../src/coordination/watcher.js'

const member = (key: string, index: number): MemberRow => ({ member: key, round: 1, role: 'worker', index, host: 'h', port: 2000 + index, joined_at: 0 })
const snapshot = (version: number, state: RoundState, members: MemberRow[] = []): JobSnapshot => ({
  job: { job: 'j', definition: { cluster: { worker: 3 }, join_timeout_secs: 600 }, token: 't', round: 1, state, deadline: 0, version, created_at: 0 },
  members
})

/** next() as a promise whose outcome can be looked at without waiting for it. */
function pending (subscription: Subscription, after: number, wanted?: (s: JobSnapshot | null) => boolean) {
  const result: { outcome?: WatchOutcome } = {}
  const done = subscription.next(after, 3_600_000, wanted).then((outcome) => { result.outcome = outcome })
  return { result, done }
}

t.test('a wait with a filter sleeps through the changes it does not want', async (t) => {
  const subscription = new Subscription(() => {})
  t.teardown(() => subscription.end())
  const complete = (s: JobSnapshot | null) => s === null || s.job.state !== 'gathering'
  const wait = pending(subscription, 1, complete)
  subscription.offer(snapshot(2, 'gathering'))
  subscription.offer(snapshot(3, 'gathering'))
  await tick()
  t.equal(wait.result.outcome, undefined, 'still asleep after two joins')
  const done = snapshot(4, 'complete')
  subscription.offer(done)
  await wait.done
  t.equal(wait.result.outcome, done, 'woken by the change it wants')
})

t.test('the latest sighting answers at once only when it is news and wanted', async (t) => {
  const subscription = new Subscription(() => {})
  t.teardown(() => subscription.end())
  const latest = snapshot(5, 'gathering')
  subscription.offer(latest)
  t.equal(await subscription.next(4, 3_600_000), latest, 'no filter: news, at once')
  const wait = pending(subscription, 4, (s) => s?.job.state === 'complete')
  await tick()
  t.equal(wait.result.outcome, undefined, 'news, but not wanted: it waits')
  subscription.end()
  await wait.done
  t.equal(wait.result.outcome, 'closed')
})

t.test('without a filter every newer version wakes the wait; an older one never does', async (t) => {
  const subscription = new Subscription(() => {})
  t.teardown(() => subscription.end())
  const wait = pending(subscription, 2)
  subscription.offer(snapshot(2, 'gathering'))
  await tick()
  t.equal(wait.result.outcome, undefined, 'not past the version seen')
  const next = snapshot(3, 'gathering')
  subscription.offer(next)
  await wait.done
  t.equal(wait.result.outcome, next)
})

t.test('memberOf finds a member by key in a snapshot, or nothing', async (t) => {
  const seen = snapshot(3, 'gathering', [member('a', 0), member('b', 1)])
  t.equal(memberOf(seen, 'b'), seen.members[1])
  t.equal(memberOf(seen, 'a'), seen.members[0], 'again, from the same index')
  t.equal(memberOf(seen, 'c'), undefined)
  t.equal(memberOf(snapshot(4, 'gathering'), 'a'), undefined, 'another snapshot, its own members')
})
