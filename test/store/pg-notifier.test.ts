import t from 'tap'
import { jobPayload, parseJobPayload, VersionNotifier } from '../../src/store/pg-notifier.js'

t.test('payloads: <version>:<job>, -1 for a deletion; anything else is not ours', async (t) => {
  t.equal(jobPayload('train-1', 7), '7:train-1')
  t.same(parseJobPayload('7:train-1'), { job: 'train-1', version: 7 })
  t.same(parseJobPayload(jobPayload('a', -1)), { job: 'a', version: -1 })
  for (const foreign of ['', 'train-1', ':a', '7:', '-2:a', 'x:a']) t.equal(parseJobPayload(foreign), undefined, foreign)
})

t.test('each new version of a job wakes its subscribers once, whichever path brings it first', async (t) => {
  const notifier = new VersionNotifier()
  const seen: number[] = []
  const unsubscribe = notifier.subscribe('a', (version) => seen.push(version))
  notifier.notify('b', 1)
  t.same(notifier.watched(), ['a'], 'only jobs with subscribers are watched')
  notifier.notify('a', 3) // the first news of a job is passed on, whatever its version
  notifier.notify('a', 3) // the same change again: its NOTIFY after the local commit
  notifier.notify('a', 2) // an older one late: a re-check that read before the last commit
  notifier.notify('a', 4)
  notifier.notify('a', -1)
  notifier.notify('a', -1) // deleted: once
  notifier.notify('a', 5) // deleted, then created again
  t.same(seen, [3, 4, -1, 5])
  unsubscribe()
  t.same(notifier.watched(), [], 'no subscriber left: not watched, nothing kept')
  t.equal(notifier.count(), 0)
})

t.test('a job stays watched until its last subscriber leaves; a new subscriber starts afresh', async (t) => {
  const notifier = new VersionNotifier()
  const seen: string[] = []
  const first = notifier.subscribe('a', (version) => seen.push(`first ${version}`))
  const second = notifier.subscribe('a', (version) => seen.push(`second ${version}`))
  notifier.notify('a', 2)
  first()
  t.same(notifier.watched(), ['a'])
  notifier.notify('a', 2)
  second()
  const third = notifier.subscribe('a', (version) => seen.push(`third ${version}`))
  notifier.notify('a', 2)
  t.same(seen, ['first 2', 'second 2', 'third 2'])
  third()
})
