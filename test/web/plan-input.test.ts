import t from 'tap'
import { countTasks, MAX_DETAILED_TASKS, parsePlanInput } from '../../web/lib/plan-input.js'

const CLUSTER = { chief: ['host0:2222'], worker: ['host3:2222', 'host4:2222'] }

t.test('a plan body is sent as pasted, include spliced in front', async (t) => {
  const text = ' {"cluster": {"worker": {"1": "b:1", "0": "a:1"}, "chief": ["c:1"]}, "evaluator": true}\n'
  t.same(parsePlanInput(text), {
    ok: true,
    body: '{"include":["tf_config","run_config"],"cluster": {"worker": {"1": "b:1", "0": "a:1"}, "chief": ["c:1"]}, "evaluator": true}',
    cluster: { worker: { 0: 'a:1', 1: 'b:1' }, chief: ['c:1'] },
    evaluator: true,
    detailed: true,
    selected: null
  })
})

t.test('a body with its own include is re-serialised with both', async (t) => {
  const input = parsePlanInput(JSON.stringify({ include: ['tf_config'], cluster: CLUSTER }))
  t.match(input, { ok: true, body: JSON.stringify({ cluster: CLUSTER, include: ['tf_config', 'run_config'] }) })
})

t.test('above the include limit the body goes without include', async (t) => {
  const big = { worker: Array.from({ length: MAX_DETAILED_TASKS }, (_, i) => `w${i}:1`), chief: ['c:1'] }
  const text = JSON.stringify({ cluster: big })
  t.match(parsePlanInput(text), { ok: true, body: text, detailed: false })
  t.match(parsePlanInput(JSON.stringify({ cluster: big, include: ['tf_config'] })), { ok: true, body: text, detailed: false })
  t.match(parsePlanInput(JSON.stringify({ cluster: big, task: { type: 'worker', index: 3 } })), {
    ok: true, body: text, detailed: false, selected: 'worker:3'
  })
})

t.test('a TF_CONFIG becomes a plan of its cluster with its node selected', async (t) => {
  const tfConfig = { cluster: CLUSTER, task: { type: 'worker', index: 1 }, environment: 'cloud' }
  t.same(parsePlanInput(JSON.stringify(tfConfig)), {
    ok: true,
    body: JSON.stringify({ cluster: CLUSTER, tf_config: { environment: 'cloud' }, include: ['tf_config', 'run_config'] }),
    cluster: CLUSTER,
    evaluator: false,
    detailed: true,
    selected: 'worker:1'
  })
  t.match(parsePlanInput(JSON.stringify({ cluster: CLUSTER, task: { type: 'evaluator' } })), {
    body: JSON.stringify({ cluster: CLUSTER, evaluator: true, include: ['tf_config', 'run_config'] }),
    evaluator: true,
    selected: 'evaluator:0'
  })
  t.match(parsePlanInput(JSON.stringify({ cluster: CLUSTER, task: { index: 1 } })), { selected: null })
})

t.test('what is wrong with the text, in plain words', async (t) => {
  t.same(parsePlanInput(' \n'), { ok: false, message: 'Paste a cluster plan body ({"cluster": …}) or a TF_CONFIG first.' })
  t.match(parsePlanInput('{"cluster": '), { ok: false, message: /^This is not valid JSON: / })
  t.match(parsePlanInput('[1]'), { ok: false, message: /^Expected a JSON object/ })
  t.same(parsePlanInput('{"task": {"type": "worker"}}'), { ok: false, message: 'There is no "cluster" object here: nothing to plan.' })
})

t.test('countTasks counts lists and index objects, nothing else', async (t) => {
  t.equal(countTasks({ a: ['x', 'y'], b: { 3: 'z' }, c: 'nonsense' }), 3)
  t.same(parsePlanInput('{"cluster": {}}'), { ok: true, body: '{"include":["tf_config","run_config"],"cluster": {}}', cluster: {}, evaluator: false, detailed: true, selected: null })
})
