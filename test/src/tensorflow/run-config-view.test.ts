import t from 'tap'
import { resolveReplacement, withTextKeyOrder } from '../../../src/index.js'
import { toJsonValue } from '../../../src/python/json-value.js'
import { PyFloat } from '../../../src/python/value.js'
import { comparePyStrings } from '../../../src/python/strings.js'

t.test('a run_config view missing properties takes what RunConfig would hold', async (t) => {
  const answer = resolveReplacement({ run_config: {}, replace: {} })
  t.same(answer.run_config, {
    model_dir: null,
    tf_random_seed: null,
    save_summary_steps: null,
    save_checkpoints_steps: null,
    save_checkpoints_secs: null,
    session_config: null,
    keep_checkpoint_max: null,
    keep_checkpoint_every_n_hours: null,
    log_step_count_steps: null,
    train_distribute: null,
    device_fn: null,
    protocol: null,
    eval_distribute: null,
    experimental_distribute: null,
    experimental_max_worker_delay_secs: null,
    session_creation_timeout_secs: null,
    checkpoint_save_graph_def: null,
    cluster_spec: {},
    task_type: null,
    task_id: 0,
    master: '',
    evaluation_master: '',
    is_chief: false,
    num_ps_replicas: 0,
    num_worker_replicas: 0,
    global_id_in_cluster: null,
    service: null
  })
  t.same(answer.train_and_evaluate, { path: 'run_local' })
})

t.test('train_and_evaluate on views no RunConfig could produce', async (t) => {
  const cluster = { chief: ['c:1'], ps: ['p:1'] }
  const untyped = resolveReplacement({ run_config: { cluster_spec: cluster, task_type: null, num_ps_replicas: 1 }, replace: {} })
  t.same(untyped.train_and_evaluate.error?.message,
    '`estimator.config` must have task_type set. This usually means TF_CONFIG environment is not set correctly.')
  t.same(untyped.estimator.device_fn, { ps_tasks: 1, ps_device: '/job:ps', worker_device: '/job:worker', merge_devices: true })
  const numeric = resolveReplacement({ run_config: { cluster_spec: cluster, task_type: 5 }, replace: {} })
  t.same(numeric.train_and_evaluate.error, { exception: 'TypeError', message: 'can only concatenate str (not "int") to str' })
  const remote = resolveReplacement({ run_config: { cluster_spec: 'grpc://remote' }, distribute_coordinator_mode: 'standalone_client', replace: {} })
  t.same([remote.run_config.cluster_spec, remote.train_and_evaluate.path], ['grpc://remote', 'distribute_coordinator'])
})

t.test('Python values become plain JSON for responses (rule 2: ints exact at any size; NaN as text)', async (t) => {
  t.strictSame(toJsonValue({ a: [new PyFloat(1), 2n ** 70n, 'x', null, 3n], b: { c: new PyFloat(-0) } }),
    { a: [1, 2n ** 70n, 'x', null, 3], b: { c: -0 } })
  t.strictSame(toJsonValue([NaN, Infinity, -Infinity, 0.5]), ['NaN', 'Infinity', '-Infinity', 0.5])
  const fromText = resolveReplacement({ tf_config: '{"session_master": 1.0, "eval_session_master": 12345678901234567890}', replace: {} })
  t.strictSame([fromText.run_config.master, fromText.run_config.evaluation_master], [1, 12345678901234567890n])
})

t.test('request bodies keep the order of integer-like keys', async (t) => {
  const plain = { a: 1 }
  t.equal(withTextKeyOrder('{"a": 1}', plain), plain, 'no second parse without integer-like keys')
  const text = '{"w": {"-1": "a", "0": "b"}}'
  t.same(Object.getOwnPropertySymbols((withTextKeyOrder(text, JSON.parse(text)) as { w: object }).w).length, 1)
  const huge = `{"0": ${'9'.repeat(5000)}}`
  const parsed = JSON.parse(huge)
  t.equal(withTextKeyOrder(huge, parsed), parsed, "Python's digit limit does not apply to bodies")
})

t.test('strings sort by code point, as Python sorts them', async (t) => {
  t.same(['b', 'ab', 'a', '\u{1F600}', '\uFF5E', ''].sort(comparePyStrings), ['', 'a', 'ab', 'b', '\uFF5E', '\u{1F600}'])
  t.same([comparePyStrings('a', 'a'), Math.sign(comparePyStrings('ab', 'a')), Math.sign(comparePyStrings('a', 'ab'))], [0, 1, -1])
})
