/* eslint-disable no-template-curly-in-string -- shell and dotenv text: ${VAR} there is theirs, not a template */
import { execFileSync } from 'node:child_process'
import t from 'tap'
import { planCluster, planDotenv, planRequestFor, type PlanRequest } from '../../src/index.js'
import { cli, SEED_CLUSTER, tempFile, usage } from './helper.js'

const pretty = (value: unknown): string => JSON.stringify(value, null, 2) + '\n'
// an address with a quote: the env format then takes its double-quoted form
const CLUSTER = { chief: ['c:1'], worker: ["it's:2", 'w1:2'] }
const tfConfig = (type: string, index: number): string =>
  `{"cluster":{"chief":["c:1"],"worker":["it's:2","w1:2"]},"task":{"type":"${type}","index":${index}}}`

t.test('plan FILE: the plan as JSON, include as the file asks', async (t) => {
  const request: PlanRequest = { cluster: SEED_CLUSTER, evaluator: true, include: ['run_config'] }
  t.strictSame(await cli(['plan', tempFile(t, request)]), { code: 0, stdout: pretty(planCluster(request)), stderr: '' })
})

t.test('plan - reads stdin', async (t) => {
  t.strictSame(await cli(['plan', '-'], { stdin: JSON.stringify({ cluster: SEED_CLUSTER }) }),
    { code: 0, stdout: pretty(planCluster({ cluster: SEED_CLUSTER })), stderr: '' })
})

t.test('--format ndjson: one node per line', async (t) => {
  const { code, stdout } = await cli(['plan', '-', '--format', 'ndjson'], { stdin: JSON.stringify({ cluster: SEED_CLUSTER }) })
  t.equal(code, 0)
  t.strictSame(stdout.trimEnd().split('\n').map((line) => JSON.parse(line)),
    JSON.parse(JSON.stringify(planCluster({ cluster: SEED_CLUSTER }).nodes)))
})

t.test('--format env: a header, then each node\'s variables under a comment naming it', async (t) => {
  const { code, stdout, stderr } = await cli(['plan', tempFile(t, { cluster: CLUSTER }), '--format', 'env'])
  t.strictSame([code, stderr], [0, ''])
  const plan = planCluster(planRequestFor({ cluster: CLUSTER }, 'dotenv'))
  t.equal(stdout, planDotenv(plan))
  // the address's quote: TF_CONFIG's JSON takes \u0027, the master double quotes
  t.match(stdout, `# worker 0\nTF_CONFIG='${tfConfig('worker', 0).replace("'", '\\u0027')}'\nRUNCONFIG_TASK_TYPE='worker'\n`)
  t.match(stdout, 'RUNCONFIG_MASTER="grpc://it\'s:2"\n')
})

t.test('--format shell: a function to call with the node\'s name', async (t) => {
  const { code, stdout } = await cli(['plan', tempFile(t, { cluster: CLUSTER }), '--format', 'shell'])
  t.equal(code, 0)
  const run = (script: string) => execFileSync('/bin/bash', ['--norc', '--noprofile', '-c', script, 'bash', stdout],
    { env: {}, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  t.equal(run('eval "$1"; printf %s "${TF_CONFIG-unset}"'), 'unset')
  t.equal(run('eval "$1"; runconfig_node worker 1; printf %s "$TF_CONFIG"'), tfConfig('worker', 1))
})

t.test('--format shell --task: one node, ready for eval', async (t) => {
  const run = await cli(['plan', tempFile(t, { cluster: CLUSTER }), '--format', 'shell', '--task', 'worker:0'])
  t.strictSame([run.code, run.stderr], [0, ''])
  t.match(run.stdout, `# worker 0\nexport TF_CONFIG='${tfConfig('worker', 0).replace("'", "'\\''")}'\nexport RUNCONFIG_TASK_TYPE='worker'\n`)
  const evaluated = execFileSync('/bin/bash', ['--norc', '--noprofile', '-c', 'eval "$1"; printf %s "$TF_CONFIG"', 'bash', run.stdout],
    { env: {}, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  t.equal(evaluated, tfConfig('worker', 0))
})

t.test('a value the format cannot hold: usage error, pointing at json', async (t) => {
  t.strictSame(await cli(['plan', tempFile(t, { cluster: { chief: ['c:1'], worker: ['it\'s "x":1'] } }), '--format', 'dotenv']), {
    code: 2,
    stdout: '',
    stderr: usage('The value of RUNCONFIG_MASTER has a \' together with ", \\, $ or `, which no dotenv quoting holds for Node\'s ' +
      'parser, python-dotenv and sh alike: use --format json')
  })
})

t.test('--format kubernetes: each node\'s pod env entries', async (t) => {
  t.strictSame(await cli(['plan', tempFile(t, { cluster: CLUSTER }), '--format', 'kubernetes', '--task', 'chief:0']), {
    code: 0,
    stdout: pretty([{ task_type: 'chief', task_id: 0, env: [{ name: 'TF_CONFIG', value: tfConfig('chief', 0) }] }]),
    stderr: ''
  })
})

t.test('--task names a node of the plan, as TYPE:INDEX', async (t) => {
  const file = tempFile(t, { cluster: CLUSTER, evaluator: true })
  t.strictSame(JSON.parse((await cli(['plan', file, '--task', 'evaluator:0'])).stdout).nodes.map((node: { task_type: string }) => node.task_type), ['evaluator'])
  t.strictSame(await cli(['plan', file, '--task', 'worker:2']), { code: 2, stdout: '', stderr: usage('--task worker:2: the plan has no such node') })
  for (const task of ['worker', 'worker:', ':1', 'worker:01', 'worker:-1', 'worker:x']) {
    t.strictSame(await cli(['plan', file, '--task', task]),
      { code: 2, stdout: '', stderr: usage(`--task must be TYPE:INDEX, as in worker:1, not ${task}`) }, task)
  }
})

t.test('TensorFlow failing on some nodes: exit 1, the first failure, then every failing node', async (t) => {
  const file = tempFile(t, { cluster: { chief: ['c:1'], worker: [], ps: ['p:1', 'p:2'] } })
  t.strictSame(await cli(['plan', file]), {
    code: 1,
    stdout: '',
    stderr: 'ValueError: max() arg is an empty sequence\n' +
      '  ps 0: ValueError: max() arg is an empty sequence\n  ps 1: ValueError: max() arg is an empty sequence\n'
  })
})

t.test('a cluster TensorFlow cannot read that names no node: exit 1', async (t) => {
  t.strictSame(await cli(['plan', '-'], { stdin: '{"cluster": {"worker": {"a": "w:1"}}}' }),
    { code: 1, stdout: '', stderr: "ValueError: invalid literal for int() with base 10: 'a'\n" })
})

t.test('FILE unreadable, not JSON, or not a plan request: usage error', async (t) => {
  const missing = tempFile(t, '{}').replace('request.json', 'missing.json')
  t.strictSame(await cli(['plan', missing]),
    { code: 2, stdout: '', stderr: usage(`cannot read ${missing}: ENOENT: no such file or directory, open '${missing}'`) })
  const notJson = await cli(['plan', '-'], { stdin: '{"cluster": ' })
  t.strictSame([notJson.code, notJson.stdout], [2, ''])
  t.match(notJson.stderr, /^runconfig: stdin is not valid JSON: /)
  t.strictSame(await cli(['plan', '-'], { stdin: '{"cluster": {"worker": [5]}}' }),
    { code: 2, stdout: '', stderr: usage('stdin: /cluster/worker/0 must be string') })
  const file = tempFile(t, { cluster: {}, tf_config: { task: {} } })
  t.strictSame(await cli(['plan', file]), { code: 2, stdout: '', stderr: usage(`${file}: /tf_config/task must not be valid`) })
})
