import t from 'tap'
import { resolve, resolveError, SEED_CLUSTER } from '../helpers.js'

const task = (type: unknown, index?: unknown) => index === undefined ? { type } : { type, index }

t.test('constructor error order: unknown keyword, steps/secs, PS v2, TF_CONFIG, model_dir, properties', async (t) => {
  t.equal(resolveError({ config: { foo: 1, save_checkpoints_steps: 1, save_checkpoints_secs: 1 } }),
    "TypeError: RunConfig.__init__() got an unexpected keyword argument 'foo'")
  t.equal(resolveError({ tf_config: '{', config: { save_checkpoints_steps: 1, save_checkpoints_secs: 1 } }),
    'ValueError: `save_checkpoints_steps` and `save_checkpoints_secs` cannot be both set.')
  t.equal(resolveError({ tf_config: '{', config: { eval_distribute: { strategy: 'ParameterServerStrategyV2' } } }),
    'ValueError: Please use `tf.compat.v1.distribute.experimental.ParameterServerStrategy` for parameter server strategy with estimator.')
  t.match(resolveError({ tf_config: '{', config: { model_dir: '' } }), /^JSONDecodeError: /)
  t.equal(resolveError({ tf_config: '[]', config: { model_dir: '' } }), 'ValueError: model_dir should be non-empty.')
  t.equal(resolveError({ tf_config: '[]' }), "AttributeError: 'list' object has no attribute 'get'")
  t.equal(resolveError({ tf_config: { model_dir: '' } }), 'ValueError: model_dir in TF_CONFIG should be non-empty.')
  t.equal(resolveError({ tf_config: { model_dir: '/a' }, config: { model_dir: '/b', save_summary_steps: -1 } }),
    'ValueError: `model_dir` provided in RunConfig construct, if set, must have the same value as the model_dir in TF_CONFIG. model_dir: /b\nTF_CONFIG["model_dir"]: /a.\n')
  t.equal(resolveError({ tf_config: { model_dir: 0 } }), 'ValueError: model_dir should be non-empty')
  t.equal(resolveError({ config: { save_summary_steps: -1, keep_checkpoint_max: -1 } }), 'ValueError: save_summary_steps should be >= 0')
  t.equal(resolve({ tf_config: { model_dir: '/a' } }).run_config.model_dir, '/a')
})

t.test('every property check, in order', async (t) => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ save_checkpoints_steps: -1 }, 'ValueError: save_checkpoints_steps should be >= 0'],
    [{ save_checkpoints_secs: -1 }, 'ValueError: save_checkpoints_secs should be >= 0'],
    [{ session_config: 'x' }, 'ValueError: session_config must be instance of ConfigProto'],
    [{ keep_checkpoint_max: -1 }, 'ValueError: keep_checkpoint_max should be >= 0'],
    [{ keep_checkpoint_every_n_hours: 0 }, 'ValueError: keep_checkpoint_every_n_hours should be > 0'],
    [{ log_step_count_steps: false }, 'ValueError: log_step_count_steps should be > 0'],
    [{ tf_random_seed: 1.5 }, 'ValueError: tf_random_seed must be integer.'],
    [{ experimental_max_worker_delay_secs: '5' }, 'ValueError: experimental_max_worker_delay_secs must be an integer if set.'],
    [{ session_creation_timeout_secs: 0 }, 'ValueError: session_creation_timeout_secs should be > 0'],
    [{ device_fn: { args: ['op', 'x'] } }, 'ValueError: device_fn must be callable with exactly one argument "op".'],
    [{ device_fn: 'op' }, 'ValueError: device_fn must be callable with exactly one argument "op".'],
    [{ protocol: 'GRPC' }, 'ValueError: protocol should be grpc or grpc+verbs'],
    [{ keep_checkpoint_every_n_hours: [] }, "TypeError: '>' not supported between instances of 'list' and 'int'"]
  ]
  for (const [config, message] of cases) t.equal(resolveError({ config }), message, JSON.stringify(config))
  t.equal(resolve({ config: { device_fn: { args: ['op', 'op'], varkw: true }, protocol: 'grpc+verbs' } }).estimator.device_fn, 'user')
})

t.test('local mode', async (t) => {
  t.equal(resolveError({ tf_config: { task: task('ps') } }), 'ValueError: If "cluster" is not set in TF_CONFIG, task type must be WORKER.')
  t.equal(resolveError({ tf_config: { task: task('worker', 1) } }), 'ValueError: If "cluster" is not set in TF_CONFIG, task index must be 0.')
  t.equal(resolveError({ tf_config: { task: task('ps', null) } }),
    "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'")
  t.equal(resolveError({ tf_config: { task: null } }), "AttributeError: 'NoneType' object has no attribute 'get'")
  const local = resolve({ tf_config: { task: task('worker', ' 0 '), session_master: 'grpc://x:1', eval_session_master: 'e' } })
  t.same([local.run_config.master, local.run_config.evaluation_master, local.train_and_evaluate.path], ['grpc://x:1', 'e', 'run_local'])
  t.equal(resolveError({ tf_config: { service: 0 } }), 'TypeError: If "service" is set in TF_CONFIG, it must be a dict. Given <class \'int\'>')
})

t.test('task validation in distributed mode', async (t) => {
  const errors: Array<[unknown, string]> = [
    [{ cluster: { worker: ['w:1'] }, task: task('worker', 0) }, 'ValueError: If "cluster" is set in TF_CONFIG, it must have one "chief" node.'],
    [{ cluster: { chief: { 1: 'c:1' } }, task: task('chief', 0) }, 'ValueError: The "cluster" in TF_CONFIG must have only one "chief" node.'],
    [{ cluster: { chief: [] }, task: task('chief', 0) }, 'ValueError: max() arg is an empty sequence'],
    [{ cluster: SEED_CLUSTER, task: task('', 0) }, 'ValueError: If "cluster" is set in TF_CONFIG, task type must be set.'],
    [{ cluster: SEED_CLUSTER, task: task('ps') }, 'ValueError: If "cluster" is set in TF_CONFIG, task index must be set.'],
    [{ cluster: SEED_CLUSTER, task: task('ps', -1) }, 'ValueError: Task index must be non-negative number.'],
    [{ cluster: SEED_CLUSTER, task: 'ps' }, "AttributeError: 'str' object has no attribute 'get'"],
    [{ cluster: SEED_CLUSTER, task: task(['ps'], 0) }, "ValueError: ['ps'] is not a valid task_type in the cluster_spec:\n" +
      "ClusterSpec({'chief': ['host0:2222'], 'ps': ['host1:2222', 'host2:2222'], 'worker': ['host3:2222', 'host4:2222', 'host5:2222']})" +
      '\n\nNote that these values may be coming from the TF_CONFIG environment variable.'],
    [{ cluster: SEED_CLUSTER, task: task('ps', 2.9) }, 'ValueError: 2 is not a valid task_id for task_type ps in the cluster_spec:\n' +
      "ClusterSpec({'chief': ['host0:2222'], 'ps': ['host1:2222', 'host2:2222'], 'worker': ['host3:2222', 'host4:2222', 'host5:2222']})" +
      '\n\nNote that these values may be coming from the TF_CONFIG environment variable.'],
    [{ cluster: { chief: ['c:1'], worker: { 2: 'w:1' } }, task: task('worker', 1) }, 'TypeError: can only concatenate str (not "NoneType") to str'],
    [{ cluster: { chief: ['c:1'], a: [], worker: ['w:1'] }, task: task('worker', 0) }, 'ValueError: max() arg is an empty sequence']
  ]
  for (const [tfConfig, message] of errors) t.equal(resolveError({ tf_config: tfConfig }), message)
})

t.test('derived properties of every kind of node', async (t) => {
  const cluster = { chief: ['c:1'], worker: { 1: 'w1:1', 4: 'w4:1' }, ps: { 0: 'p0:1', 2: 'p2:1' }, aux: ['a:1'] }
  const ps2 = resolve({ tf_config: { cluster, task: task('ps', 2) } }).run_config
  t.same([ps2.global_id_in_cluster, ps2.num_worker_replicas, ps2.num_ps_replicas, ps2.master], [9, 3, 2, 'grpc://p2:1'])
  const aux = resolve({ tf_config: { cluster, task: task('aux', 0) } })
  t.same([aux.run_config.session_config, aux.run_config.global_id_in_cluster, aux.train_and_evaluate.error?.message],
    [null, 1, "Task type aux is not supported. Supported task types are ['chief', 'evaluator', 'master', 'ps', 'worker']"])
  const evaluator = resolve({ tf_config: { cluster, task: task('evaluator', 3), session_master: 'x', eval_session_master: 'e' } })
  t.same([evaluator.run_config.cluster_spec, evaluator.run_config.master, evaluator.run_config.evaluation_master,
    evaluator.run_config.global_id_in_cluster, evaluator.start_delay_secs], [{}, '', 'e', null, null])
  t.match(evaluator.train_and_evaluate.error?.message, /Given task id 3$/)
  const single = resolve({ tf_config: { cluster: { chief: ['c:1'] }, task: task('chief', 0) } })
  t.same([single.run_config.master, single.train_and_evaluate], ['', { path: 'run_chief' }])
})

t.test('legacy master mode', async (t) => {
  const cluster = { master: ['m:1'], worker: ['w0:1', 'w1:1'], ps: ['p:1'] }
  t.equal(resolveError({ tf_config: { cluster: { ...cluster, chief: ['c:1'] }, task: task('master', 0) } }),
    'ValueError: If `master` node exists in `cluster`, job `chief` is not supported.')
  t.equal(resolveError({ tf_config: { cluster, task: task('evaluator', 0) } }),
    'ValueError: If `master` node exists in `cluster`, task_type `evaluator` is not supported.')
  const master = resolve({ tf_config: { cluster, task: task('master', 0) } })
  t.same([master.run_config.is_chief, master.run_config.num_worker_replicas, master.train_and_evaluate.path,
    (master.run_config.session_config as { deviceFilters: string[] }).deviceFilters], [true, 3, 'run_master', ['/job:ps', '/job:master']])
  const worker = resolve({ tf_config: { cluster, task: task('worker', 1) } })
  t.same([worker.run_config.global_id_in_cluster, worker.start_delay_secs], [2, 10])
})

t.test('train_and_evaluate: servers, the google environment, and the worker delay', async (t) => {
  const base = { cluster: SEED_CLUSTER, session_master: '' }
  const noMaster = 'Could not start server; be sure to specify master in RunConfig or set the TF_CONFIG environment variable.'
  t.same(resolve({ tf_config: { ...base, task: task('worker', 0) } }).train_and_evaluate,
    { path: 'run_worker', error: { exception: 'RuntimeError', message: noMaster } })
  t.same(resolve({ tf_config: { ...base, task: task('ps', 0), environment: 'google' } }).train_and_evaluate.error?.message, noMaster)
  const google = resolve({ tf_config: { ...base, task: task('worker', 2), environment: 'google' } })
  t.same([google.train_and_evaluate, google.start_delay_secs], [{ path: 'run_worker' }, 15])
  const delays = [[null, 11, 60], [3, 0, 3], [100, 12, 65], [0, 3, 0], [-5, 3, 0], [true, 4, 1]]
  for (const [max, index, delay] of delays) {
    const cluster = { chief: ['c:1'], worker: Array.from({ length: 13 }, (_, i) => `w${i}:1`) }
    const node = resolve({ tf_config: { cluster, task: task('worker', index) }, config: { experimental_max_worker_delay_secs: max } })
    t.equal(node.start_delay_secs, delay, `max ${max}, worker ${index}`)
  }
  t.same(resolve({ tf_config: { cluster: { chief: ['c:1'], local: ['l:1'] }, task: task('local', 0) } }).train_and_evaluate.error?.message,
    '`task.type` in TF_CONFIG cannot be `local`. Leaving `cluster` and `task` properties in TF_CONFIG absent triggers train and evaluate `Estimator` locally (non-distributed).')
})
