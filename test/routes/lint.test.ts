import t from 'tap'
import { lintCluster, lintNode, type NodeRequest, type PlanRequest } from '../../src/index.js'
import {
  LINT_EXAMPLE_REQUESTS, LintReportSchema, MAX_PLAN_TASKS, NODE_LINT_EXAMPLE_REQUEST, NodeLintReportSchema, SEED_CLUSTER, SEED_TF_CONFIG,
  WARNING_DESCRIPTIONS
} from '../../src/schemas.js'
import { lintRoute, WARNINGS } from '../src/lint/warning-cases.js'
import { build } from '../helper.js'

// The report as the wire carries it
const lintOf = (request: PlanRequest) => JSON.parse(JSON.stringify(lintCluster(request)))

t.test('POST /v1/cluster-plan/lint', async (t) => {
  const app = await build(t)
  const lint = async (payload: object | string, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method: 'POST', url: '/v1/cluster-plan/lint', headers: { 'content-type': 'application/json', ...headers }, payload })
    return { status: res.statusCode, type: res.headers['content-type'], body: res.json() }
  }

  t.test('a clean cluster: ok, nothing to report', async (t) => {
    t.strictSame(await lint({ cluster: SEED_CLUSTER }), {
      status: 200,
      type: 'application/json; charset=utf-8',
      body: { ok: true, error: null, failed_nodes: [], warnings: [] }
    })
  })

  for (const [code, lintCase] of Object.entries(WARNINGS)) {
    t.test(`${code} reaches the answer, whole`, async (t) => {
      const [request, warning, node] = lintCase
      const res = await app.inject({ method: 'POST', url: lintRoute(lintCase), payload: request })
      t.equal(res.statusCode, 200)
      t.strictSame(res.json(), node === 'node' ? JSON.parse(JSON.stringify(lintNode(request as NodeRequest))) : lintOf(request as PlanRequest))
      t.strictSame(res.json().warnings.filter((found: { code: string }) => found.code === code), [warning])
    })
  }

  t.test('failing nodes are part of the report: 200, never 422', async (t) => {
    const message = 'If "cluster" is set in TF_CONFIG, it must have one "chief" node.'
    t.strictSame(await lint({ cluster: { worker: ['w:1', 'w:1'] } }), {
      status: 200,
      type: 'application/json; charset=utf-8',
      body: {
        ok: false,
        error: { exception: 'ValueError', message },
        failed_nodes: [
          { task_type: 'worker', task_id: 0, exception: 'ValueError', message },
          { task_type: 'worker', task_id: 1, exception: 'ValueError', message }
        ],
        warnings: [{
          code: 'DUPLICATE_ADDRESS',
          message: '"w:1" is also the address of /cluster/worker/0: both tasks\' servers would listen on it, and both ' +
            'tasks would be reached at the same master target',
          pointer: '/cluster/worker/1',
          hint: 'Give every task its own host:port'
        }]
      }
    })
  })

  t.test('a cluster TensorFlow cannot read, naming no task: not ok, no node listed', async (t) => {
    t.strictSame((await lint({ cluster: { worker: { a: 'w:1' } } })).body, {
      ok: false, error: { exception: 'ValueError', message: "invalid literal for int() with base 10: 'a'" }, failed_nodes: [], warnings: []
    })
  })

  t.test('the sparse keys keep the order of the text', async (t) => {
    // JavaScript would list "0" first; the request lists task 1 first, so task 0 is the duplicate
    const { body } = await lint('{"cluster": {"chief": ["c:1"], "worker": {"1": "h:1", "0": "h:1"}}}')
    t.strictSame(body.warnings.map((warning: { code: string, pointer: string }) => [warning.code, warning.pointer]),
      [['DUPLICATE_ADDRESS', '/cluster/worker/0']])
  })

  t.test('the documented examples are what it answers', async (t) => {
    const examples = (LintReportSchema as unknown as { examples: unknown[] }).examples
    t.strictSame(await Promise.all(LINT_EXAMPLE_REQUESTS.map(async (request) => (await lint(request)).body)), examples)
  })

  t.test('every code is described in the schema', async (t) => {
    t.strictSame(Object.keys(WARNING_DESCRIPTIONS), Object.keys(WARNINGS))
  })

  t.test('the request is the plan\'s: schema violations are 400s naming the field', async (t) => {
    t.strictSame(await lint({ cluster: SEED_CLUSTER, evaluator: 'yes' }), {
      status: 400,
      type: 'application/json; charset=utf-8',
      body: { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message: 'body/evaluator must be boolean' }
    })
    t.equal((await lint({})).status, 400)
  })

  t.test('a body that is not JSON is a 415', async (t) => {
    t.equal((await lint('cluster=x', { 'content-type': 'text/plain' })).status, 415)
  })

  t.test(`more than ${MAX_PLAN_TASKS} tasks is a 413 naming the limit; include does not lower it`, async (t) => {
    const worker = Array.from({ length: MAX_PLAN_TASKS - 1 }, (_, i) => `w${i}:1`)
    const atLimit = await lint({ cluster: { chief: ['c:1'], worker }, include: ['tf_config'] })
    t.strictSame([atLimit.status, atLimit.body.ok, atLimit.body.warnings.map((warning: { code: string }) => warning.code)],
      [200, true, ['TF_CONFIG_TOO_LARGE', 'WORKER_START_BURST']])
    t.strictSame(await lint({ cluster: { chief: ['c:1'], worker: [...worker, 'x:1'] } }), {
      status: 413,
      type: 'application/json; charset=utf-8',
      body: {
        statusCode: 413,
        code: 'CLUSTER_TOO_LARGE',
        error: 'Payload Too Large',
        message: `body/cluster has ${MAX_PLAN_TASKS + 1} tasks; a lint covers at most ${MAX_PLAN_TASKS}. Instead: run the CLI, which has no limit: runconfig lint FILE`
      }
    })
  })
})

t.test('POST /v1/run-config/lint', async (t) => {
  const app = await build(t)
  const lint = async (payload: object | string, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method: 'POST', url: '/v1/run-config/lint', headers: { 'content-type': 'application/json', ...headers }, payload })
    return { status: res.statusCode, type: res.headers['content-type'], body: res.json() }
  }

  t.test('a clean node: ok, nothing to report, in the object and the text forms', async (t) => {
    for (const tfConfig of [SEED_TF_CONFIG, JSON.stringify(SEED_TF_CONFIG)]) {
      t.strictSame(await lint({ tf_config: tfConfig }), { status: 200, type: 'application/json; charset=utf-8', body: { ok: true, error: null, warnings: [] } })
    }
  })

  t.test('TensorFlow raising on the node is part of the report: 200, never 422', async (t) => {
    t.strictSame((await lint({ tf_config: '{"cluster": ' })).body, {
      ok: false, error: { exception: 'JSONDecodeError', message: 'Expecting value: line 1 column 13 (char 12)' }, warnings: []
    })
    const evaluator = await lint({ tf_config: { cluster: SEED_CLUSTER, task: { type: 'evaluator', index: 1 } } })
    t.strictSame([evaluator.status, evaluator.body.ok, evaluator.body.error.exception], [200, false, 'ValueError'])
  })

  t.test('the node\'s cluster gets the cluster lint, pointed at under /tf_config/cluster', async (t) => {
    const { body } = await lint({ tf_config: JSON.stringify({ cluster: { chief: ['c:1'], worker: ['my host:1', 'c:1'] }, task: { type: 'worker', index: 0 } }) })
    t.strictSame(body.warnings.map((warning: { code: string, pointer: string }) => [warning.code, warning.pointer]),
      [['UNSAFE_ADDRESS_CHARACTERS', '/tf_config/cluster/worker/0'], ['DUPLICATE_ADDRESS', '/tf_config/cluster/worker/1']])
  })

  t.test('the documented example is what it answers', async (t) => {
    t.strictSame([(await lint(NODE_LINT_EXAMPLE_REQUEST)).body], (NodeLintReportSchema as unknown as { examples: unknown[] }).examples)
  })

  t.test('the request is POST /v1/run-config\'s: schema violations are 400s naming the field', async (t) => {
    t.strictSame([(await lint({ config: { tf_random_seed: 'x' } })).status], [400])
    t.equal((await lint({ tf_config: SEED_TF_CONFIG, foo: 1 })).status, 400)
    t.equal((await lint('x', { 'content-type': 'text/plain' })).status, 415)
  })
})
