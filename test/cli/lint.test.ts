import t from 'tap'
import { lintCluster, lintNode } from '../../src/lint/index.js'
import { cli, SEED_CLUSTER, tempFile, usage } from './helper.js'

const pretty = (value: unknown): string => JSON.stringify(value, null, 2) + '\n'

t.test('lint FILE: the report; warnings alone exit 0', async (t) => {
  const request = { cluster: { chief: ['c:1'], worker: ['c:1'] } }
  t.strictSame(await cli(['lint', tempFile(t, request)]), { code: 0, stdout: pretty(lintCluster(request)), stderr: '' })
  t.strictSame(await cli(['lint', '-'], { stdin: JSON.stringify({ cluster: SEED_CLUSTER }) }),
    { code: 0, stdout: pretty({ ok: true, error: null, failed_nodes: [], warnings: [] }), stderr: '' })
})

t.test('--format ndjson: one warning per line', async (t) => {
  const request = { cluster: { chief: ['localhost:1'], worker: ['localhost:1'] } }
  t.strictSame(await cli(['lint', tempFile(t, request), '-f', 'ndjson']),
    { code: 0, stdout: lintCluster(request).warnings.map((warning) => JSON.stringify(warning) + '\n').join(''), stderr: '' })
})

t.test('a node failing: the report, then exit 1 with every failing node', async (t) => {
  const request = { cluster: { chief: ['c:1'], worker: [], ps: ['p:1'] } }
  t.strictSame(await cli(['lint', tempFile(t, request)]), {
    code: 1,
    stdout: pretty(lintCluster(request)),
    stderr: 'ValueError: max() arg is an empty sequence\n  ps 0: ValueError: max() arg is an empty sequence\n'
  })
})

t.test('lint has no env, shell or kubernetes format', async (t) => {
  for (const format of ['env', 'shell', 'kubernetes']) {
    t.strictSame(await cli(['lint', '-', '--format', format]),
      { code: 2, stdout: '', stderr: usage(`lint has no format ${format}: json, ndjson`) }, format)
  }
})

t.test('lint --node FILE: one node\'s TF_CONFIG text, with --config; exit 1 when TensorFlow raises on it', async (t) => {
  const tfConfig = '{"clusters": {"chief": ["c:1"]}, "task": {"type": "worker", "index": 0}}'
  const clean = await cli(['lint', '--node', tempFile(t, tfConfig, 'tf_config.json'), '--config', '{"train_distribute": {"strategy": "Mirored"}}'])
  t.strictSame([clean.code, clean.stderr], [0, ''])
  t.strictSame(clean.stdout, pretty(lintNode({ tf_config: tfConfig, config: { train_distribute: { strategy: 'Mirored' } } })))
  t.strictSame(JSON.parse(clean.stdout).warnings.map((warning: { code: string }) => warning.code), ['UNKNOWN_TF_CONFIG_KEY', 'UNKNOWN_STRATEGY'])
  t.strictSame(await cli(['lint', '--node', '-', '-f', 'ndjson'], { stdin: '{"cluster": {"worker": ["w:1", "w:2"]}, "task": {"type": "worker", "index": 0}}' }), {
    code: 1, stdout: '', stderr: 'ValueError: If "cluster" is set in TF_CONFIG, it must have one "chief" node.\n'
  })
  t.strictSame(await cli(['lint', '-', '--config', '{}']),
    { code: 2, stdout: '', stderr: usage('lint takes --config with --node only: a cluster\'s FILE holds its config') })
})
