import t from 'tap'
import { lintCluster, type PlanRequest } from '../../src/index.js'
import { LINT_EXAMPLE_REQUESTS, LintReportSchema, MAX_PLAN_TASKS, SEED_CLUSTER, WARNING_DESCRIPTIONS } from '../../src/schemas.js'
import { WARNINGS } from '../src/lint/warning-cases.js'
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

  for (const [code, [request, warning]] of Object.entries(WARNINGS)) {
    t.test(`${code} reaches the answer, whole`, async (t) => {
      const { status, body } = await lint(request)
      t.equal(status, 200)
      t.strictSame(body, lintOf(request))
      t.strictSame(body.warnings.filter((found: { code: string }) => found.code === code), [warning])
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
            'tasks would be reached at the same master target (SPEC §8.5, §12)',
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
    t.strictSame([atLimit.status, atLimit.body.ok, atLimit.body.warnings], [200, true, []])
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
