import t from 'tap'
import { resolve, resolveError, SEED_CLUSTER } from '../helpers.js'

const mirrored = { strategy: 'MirroredStrategy' }
const worker1 = { cluster: SEED_CLUSTER, task: { type: 'worker', index: 1 } }

t.test('experimental_distribute: Either-errors and strategies moved into place', async (t) => {
  t.equal(resolveError({ config: { train_distribute: mirrored, experimental_distribute: { train_distribute: mirrored } } }),
    'ValueError: Either `train_distribute` or`experimental_distribute.train_distribute` can be set.')
  t.equal(resolveError({ config: { eval_distribute: mirrored, experimental_distribute: { eval_distribute: mirrored } } }),
    'ValueError: Either `eval_distribute` or`experimental_distribute.eval_distribute` can be set.')
  t.equal(resolveError({ config: { experimental_distribute: 'x' } }), "AttributeError: 'str' object has no attribute 'train_distribute'")
  const moved = resolve({ config: { experimental_distribute: { eval_distribute: mirrored } } })
  t.same([moved.run_config.eval_distribute, moved.run_config.experimental_distribute],
    [mirrored, { train_distribute: null, eval_distribute: mirrored, remote_cluster: null }])
})

t.test('standalone client, independent worker, or the TF_CONFIG path', async (t) => {
  const remote = { train_distribute: mirrored, remote_cluster: { worker: ['r:1'] } }
  t.equal(resolveError({ tf_config: worker1, config: { experimental_distribute: remote } }),
    'ValueError: Cannot set both "cluster_spec" of TF_CONFIG and `experimental_distribute.remote_cluster`')
  const standalone = resolve({ tf_config: { task: { type: 'ps', index: 7 }, service: 5 }, config: { experimental_distribute: remote } })
  t.same([standalone.distribute_coordinator_mode, standalone.run_config.cluster_spec, standalone.run_config.task_type,
    standalone.train_and_evaluate], ['standalone_client', { worker: ['r:1'] }, 'worker', { path: 'distribute_coordinator' }])
  const independent = resolve({ tf_config: { ...worker1, service: 5 }, config: { train_distribute: mirrored } })
  t.same([independent.distribute_coordinator_mode, independent.run_config.service, independent.run_config.is_chief,
    independent.run_config.session_config, independent.start_delay_secs], ['independent_worker', null, true, null, 0])
  const master = resolve({ tf_config: { cluster: { master: ['m:1'], worker: ['w:1'] }, task: { type: 'worker', index: 0 } }, config: { train_distribute: mirrored } })
  t.same([master.distribute_coordinator_mode, master.run_config.master], [null, 'grpc://w:1'])
  const tpu = resolve({ tf_config: worker1, config: { train_distribute: { strategy: 'TPUStrategyV2' } } })
  t.same([tpu.distribute_coordinator_mode, tpu.run_config.master], [null, 'grpc://host4:2222'])
  const notStrategy = resolve({ tf_config: worker1, config: { train_distribute: 'x' } })
  t.equal(notStrategy.distribute_coordinator_mode, 'independent_worker')
})

t.test('what the distribute coordinator raises on an independent worker', async (t) => {
  const coordinator = (tfConfig: Record<string, unknown>) =>
    resolve({ tf_config: { cluster: { ...SEED_CLUSTER, aux: ['a:1'] }, ...tfConfig }, config: { train_distribute: mirrored } }).train_and_evaluate
  t.same(coordinator({ task: { type: 'worker', index: 1 } }), { path: 'distribute_coordinator' })
  t.same(coordinator({ task: { type: 'ps', index: 0 } }), { path: 'distribute_coordinator' })
  t.same(coordinator({ task: { type: 'evaluator', index: 9 } }), { path: 'distribute_coordinator' })
  t.same(coordinator({ task: { type: 'worker', index: 5 } }).error?.message, "No task with index 5 in job 'worker'")
  t.same(coordinator({ task: { type: 'aux', index: 0 } }).error?.message, "Unexpected task_type: 'aux'")
  t.same(coordinator({ task: { type: 'trainer', index: 0 } }).error?.message, "No such job in cluster: 'trainer'")
  t.same(coordinator({ task: { type: 'worker', index: 0 }, rpc_layer: 5 }).error?.message,
    "unsupported operand type(s) for +: 'int' and 'str'")
  t.same(coordinator({ task: { type: 'worker', index: 0 }, rpc_layer: ['x'] }).error?.message,
    'can only concatenate list (not "str") to list')
  t.same(coordinator({ task: { type: 'worker', index: 0 }, rpc_layer: '' }), { path: 'distribute_coordinator' })
})
