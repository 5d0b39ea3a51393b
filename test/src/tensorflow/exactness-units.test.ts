import t from 'tap'
import { RunConfigError } from '../../../src/errors.js'
import { stringifyJson, withTextKeyOrder } from '../../../src/index.js'
import { checkUtf8Encodable } from '../../../src/python/utf8.js'
import { exactInt } from '../../../src/python/json-out.js'
import { resolveReplacement, resolveRunConfig } from '../../../src/tensorflow/resolve.js'

function failure (run: () => unknown): { exception: string, message: string } | 'passed' {
  try {
    run()
    return 'passed'
  } catch (error) {
    if (!(error instanceof RunConfigError)) throw error
    return { exception: error.exception, message: error.message }
  }
}

t.test('rule 5: a lone surrogate cannot be UTF-8 encoded, as CPython says it', async (t) => {
  t.equal(failure(() => checkUtf8Encodable('plain:1 \u00e9 \uD83D\uDE00')), 'passed', 'pairs and non-ASCII encode')
  const cases: Array<[string, string]> = [
    ['\uD800', "character '\\ud800' in position 0"],
    ['ab\uDFFF', "character '\\udfff' in position 2"],
    ['\uD83D\uDE00\uD800x\uD801', "character '\\ud800' in position 1"],
    ['a\uDC00\uD800b', 'characters in position 1-2'],
    ['\uD800\uD800\uD83D\uDE00', 'characters in position 0-1']
  ]
  for (const [text, what] of cases) {
    t.strictSame(failure(() => checkUtf8Encodable(text)),
      { exception: 'UnicodeEncodeError', message: `'utf-8' codec can't encode ${what}: surrogates not allowed` }, JSON.stringify(text))
  }
})

t.test('rule 2: answers print ints past 2^53 as exact literals', async (t) => {
  t.equal(exactInt(5n), 5)
  t.equal(exactInt(2n ** 53n), 2n ** 53n)
  t.equal(stringifyJson({ a: [1, 2n ** 64n, -(10n ** 30n)], b: 'x' }), '{"a":[1,18446744073709551616,-1000000000000000000000000000000],"b":"x"}')
  t.equal(stringifyJson({ a: 2n ** 64n }, 2), '{\n  "a": 18446744073709551616\n}')
  t.equal(stringifyJson({ a: 1 }), '{"a":1}', 'without a bigint: JSON.stringify itself')
  const cyclic: Record<string, unknown> = { n: 1n }
  cyclic.self = cyclic
  t.throws(() => stringifyJson(cyclic), TypeError, 'a cycle still fails')
  const seed = withTextKeyOrder('{"config": {"tf_random_seed": 12345678901234567890}}', {}) as { config: { tf_random_seed: unknown } }
  t.equal(seed.config.tf_random_seed, 12345678901234567000, 'outside tf_config, integers stay numbers for the schema checks')
  const body = withTextKeyOrder('{"tf_config": {"task": {"index": 12345678901234567890}}}', {}) as { tf_config: { task: { index: unknown } } }
  t.equal(body.tf_config.task.index, 12345678901234567890n, 'a tf_config object keeps them exact')
})

t.test('rule 4: the coordinator re-reads TF_CONFIG, whatever run_config a replace starts from', async (t) => {
  const base = resolveRunConfig({ tf_config: { cluster: { worker: ['w:1'] }, task: { type: 'worker', index: 0 } }, config: { train_distribute: { strategy: 'MirroredStrategy' } } })
  t.equal(base.distribute_coordinator_mode, 'independent_worker')
  const replace = (tfConfig: unknown) => resolveReplacement({
    run_config: base.run_config, distribute_coordinator_mode: 'independent_worker', tf_config: tfConfig, replace: {}
  }).train_and_evaluate
  t.strictSame(replace(undefined), { path: 'distribute_coordinator' }, 'no cluster in TF_CONFIG: it trains locally')
  t.strictSame(replace('null'), {
    path: 'distribute_coordinator', error: { exception: 'AttributeError', message: "'NoneType' object has no attribute 'get'" }
  })
  t.strictSame(replace('{"cluster": "abc"}'), {
    path: 'distribute_coordinator',
    error: { exception: 'ValueError', message: "`cluster_spec' should be dict or a `tf.train.ClusterSpec` or a `tf.train.ClusterDef` object" }
  })
})
