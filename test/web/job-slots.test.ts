import t from 'tap'
import { planFragment, readFragment } from '../../web/lib/fragment.js'
import { formatRemaining, jobSlots, type JobView } from '../../web/lib/slots.js'

t.test('slots: members and missing ones in global-id order', async (t) => {
  const view = {
    members: [
      { member: 'pod-w1', role: 'worker', index: 1, host: '10.0.0.7', port: 2222, joined_at: '' },
      { member: 'pod-w2', role: 'worker', index: 2, host: 'w2', port: null, joined_at: '' }
    ],
    missing: [{ role: 'evaluator', index: 0 }, { role: 'ps', index: 0 }, { role: 'worker', index: 0 }, { role: 'chief', index: 0 }]
  } as unknown as JobView
  t.same(jobSlots(view), [
    { role: 'chief', index: 0, state: 'missing' },
    { role: 'worker', index: 0, state: 'missing' },
    { role: 'worker', index: 1, state: 'joined', member: 'pod-w1', address: '10.0.0.7:2222' },
    { role: 'worker', index: 2, state: 'joined', member: 'pod-w2', address: 'w2, port pending' },
    { role: 'ps', index: 0, state: 'missing' },
    { role: 'evaluator', index: 0, state: 'missing' }
  ])
})

t.test('time left as m:ss or h:mm:ss, never negative', async (t) => {
  t.same([-5000, 0, 1, 59_001, 600_000, 3_723_000].map(formatRemaining), ['0:00', '0:00', '0:01', '1:00', '10:00', '1:02:03'])
})

t.test('the fragment: #plan= and #token=, URL-decoded, + kept', async (t) => {
  const text = '{"a": 1e+5}'
  t.equal(readFragment(planFragment(text), 'plan'), text)
  t.equal(readFragment('#x=1&token=abc%2Fd', 'token'), 'abc/d')
  t.equal(readFragment('#plan=1+2', 'plan'), '1+2')
  t.equal(readFragment('', 'plan'), null)
  t.equal(readFragment('#plan=%E0%A4%A', 'plan'), null)
})
