import t from 'tap'
import {
  exportChunks, exportRefusal, NotRepresentableError, parseTaskName, planCluster, planExport, planRequestFor, planShell, renderPlan,
  tfConfigTextOf, UnknownTaskError, type PlanRequest
} from '../../../src/index.js'

const workers = (n: number) => Array.from({ length: n }, (_, i) => `w${i}:1`)
const REQUEST: PlanRequest = { cluster: { chief: ['c:1'], worker: workers(40), ps: ["it's:2"] }, tf_config: { environment: 'cloud' }, evaluator: true }

t.test('parseTaskName: TYPE:INDEX, the index after the last colon', async (t) => {
  t.strictSame(parseTaskName('worker:17'), { type: 'worker', index: 17 })
  t.strictSame(parseTaskName('a:b:0'), { type: 'a:b', index: 0 })
  for (const text of ['worker', 'worker:', ':1', 'worker:01', 'worker:-1', 'worker:1.5', 'worker:1234567890', 'worker: 1']) {
    t.equal(parseTaskName(text), undefined, text)
  }
})

t.test('exportChunks joined is the format\'s renderer on the whole plan, whatever the chunk size', async (t) => {
  for (const format of ['shell', 'dotenv', 'kubernetes', 'ndjson'] as const) {
    const whole = renderPlan(planCluster(planRequestFor(REQUEST, format)), format)
    for (const chunkBytes of [1, 500, 5_000, Infinity]) {
      const chunks = [...exportChunks(planExport(REQUEST, format), format, REQUEST, chunkBytes)]
      t.equal(chunks.join(''), whole, `${format}, chunks of ${chunkBytes} bytes`)
      if (format !== 'ndjson' && chunkBytes === 500) t.ok(chunks.length > 10, `${format}: ${chunks.length} chunks`)
    }
  }
  const empty = { cluster_spec: {}, nodes: [] }
  t.equal([...exportChunks(empty, 'kubernetes', REQUEST, 100)].join(''), '{"nodes":[]}')
  t.equal([...exportChunks(empty, 'shell', REQUEST, 100)].join(''), planShell(empty))
})

t.test('a whole plan for the TF_CONFIG formats is planned without its texts: the chunks make them', async (t) => {
  t.equal(planExport(REQUEST, 'shell').nodes[1].tf_config, undefined)
  t.ok(planExport(REQUEST, 'dotenv').nodes[1].environment, 'shell and dotenv keep each node\'s environment')
  t.equal(planExport({ ...REQUEST, include: ['run_config'] }, 'kubernetes').nodes[1].run_config, undefined)
  t.ok(planExport({ ...REQUEST, include: ['run_config'] }, 'ndjson').nodes[1].run_config, 'ndjson keeps the body\'s include')
})

t.test('one node: the plan\'s own node, with the texts its format needs', async (t) => {
  const all = planCluster({ ...REQUEST, include: ['tf_config', 'run_config', 'environment'] }).nodes
  const { run_config: _, ...worker17 } = all[18]
  t.strictSame(planExport(REQUEST, 'shell', { type: 'worker', index: 17 }).nodes, [worker17])
  const { tf_config: __, environment: ___, ...evaluator } = all[all.length - 1]
  t.strictSame(planExport({ ...REQUEST, include: ['run_config'] }, 'ndjson', { type: 'evaluator', index: 0 }).nodes, [evaluator])
  t.equal(tfConfigTextOf(REQUEST)({ task_type: 'worker', task_id: 17 }), all[18].tf_config)
})

t.test('a task the plan does not have: what it has instead', async (t) => {
  const refused = (request: PlanRequest, type: string, index: number) => {
    try {
      planExport(request, 'shell', { type, index })
    } catch (error) {
      if (error instanceof UnknownTaskError) return error.message
      throw error
    }
    return 'planned'
  }
  t.equal(refused(REQUEST, 'worker', 40), 'the plan has no task worker:40; its "worker" tasks: 0 to 39')
  t.equal(refused(REQUEST, 'workers', 0), 'the plan has no job "workers"; its jobs: "chief", "worker", "ps", "evaluator"')
  t.equal(refused({ cluster: { chief: ['c:1'], worker: { 3: 'a:1', 7: 'b:1' } } }, 'worker', 0), 'the plan has no task worker:0; its "worker" tasks: 3, 7')
  t.equal(refused({ cluster: { chief: ['c:1'] } }, 'evaluator', 0), 'the plan has no task evaluator:0: the evaluator is planned with "evaluator": true in the body')
  t.equal(refused({ cluster: { chief: ['c:1'], 'x\ny': ['a:1'] } }, 'x\ny', 1), 'the plan has no task x\\ny:1; its "x\\ny" tasks: 0')
  const failing = t.throws(() => planExport({ cluster: { worker: ['w:1'], ps: ['p:1'] } }, 'shell', { type: 'ps', index: 0 }))
  t.match(failing, { failedNodes: [{ task_type: 'worker', task_id: 0 }, { task_type: 'ps', task_id: 0 }] }, 'every failing node still fails the plan')
})

t.test('exportRefusal: the error bodies of an unknown task and of a value no environment holds; nothing else', async (t) => {
  t.strictSame(exportRefusal(new UnknownTaskError('no')), { statusCode: 400, code: 'UNKNOWN_TASK', error: 'Bad Request', message: 'querystring/task: no' })
  t.strictSame(exportRefusal(new NotRepresentableError('NUL')),
    { statusCode: 406, code: 'NOT_REPRESENTABLE', error: 'Not Acceptable', message: 'NUL: ask POST /v1/cluster-plan (JSON) for it' })
  t.equal(exportRefusal(new TypeError('bug')), undefined)
  t.equal(exportRefusal(new RangeError('a bad variable name: a bug')), undefined)
})

t.test('?task= shell and dotenv: the node\'s variables directly (renderPlan\'s selected), not a function or a block', async (t) => {
  for (const format of ['shell', 'dotenv'] as const) {
    const plan = planExport(REQUEST, format, { type: 'worker', index: 3 })
    const expected = renderPlan(plan, format, { selected: true })
    t.equal([...exportChunks(plan, format, REQUEST, 1, { selected: true })].join(''), expected, format)
    t.match(expected, /^# worker 3\n/)
  }
})

t.test('a value the format cannot hold throws from the first chunk, before any byte, wherever its node is', async (t) => {
  // the last node's job name holds a NUL: only its RUNCONFIG_TASK_TYPE has it raw
  const request: PlanRequest = { cluster: { chief: ['c:1'], worker: workers(200), 'z\u0000': ['z:1'] } }
  for (const format of ['shell', 'dotenv'] as const) {
    const chunks = exportChunks(planExport(request, format), format, request, 1_000)
    t.throws(() => chunks.next(), NotRepresentableError, format)
  }
})
