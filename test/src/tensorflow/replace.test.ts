import t from 'tap'
import { resolveReplacement, resolveRunConfig } from '../../../src/index.js'
import { raised, SEED_CLUSTER } from '../helpers.js'

const seed = { cluster: SEED_CLUSTER, task: { type: 'worker', index: 1 } }

t.test('the first disallowed key wins, before any value is validated', async (t) => {
  t.equal(raised(() => resolveReplacement({ replace: { save_summary_steps: -1, master: 'x', task_type: 'ps' } })),
    "ValueError: Replacing master is not supported. Allowed properties are ['model_dir', 'tf_random_seed', " +
    "'save_summary_steps', 'save_checkpoints_steps', 'save_checkpoints_secs', 'session_config', 'keep_checkpoint_max', " +
    "'keep_checkpoint_every_n_hours', 'log_step_count_steps', 'train_distribute', 'device_fn', 'protocol', " +
    "'eval_distribute', 'experimental_distribute', 'experimental_max_worker_delay_secs', " +
    "'session_creation_timeout_secs', 'checkpoint_save_graph_def'].")
})

t.test('steps and secs flip each other; None alone changes only itself', async (t) => {
  const run = (replace: unknown) => {
    const { run_config: rc } = resolveReplacement({ replace } as never)
    return [rc.save_checkpoints_steps, rc.save_checkpoints_secs]
  }
  t.same(run({ save_checkpoints_steps: 100 }), [100, null])
  t.same(run({ save_checkpoints_steps: null }), [null, 600])
  t.same(run({ save_checkpoints_secs: null }), [null, null])
  t.same(run([{ save_checkpoints_steps: 100 }, { save_checkpoints_secs: 200 }]), [null, 200])
  t.same(run({ save_checkpoints_steps: 0 }), [0, null])
  t.equal(raised(() => run({ save_checkpoints_steps: 1, save_checkpoints_secs: 2 })),
    'ValueError: `save_checkpoints_steps` and `save_checkpoints_secs` cannot be both set.')
  t.equal(raised(() => run({ save_checkpoints_steps: '5' })),
    "TypeError: '>=' not supported between instances of 'str' and 'int'")
})

t.test('everything is validated again, and nothing distributed is recomputed', async (t) => {
  const worker = resolveReplacement({ tf_config: seed, replace: { session_config: null } })
  t.equal(worker.run_config.session_config, null, 'device filters are not restored')
  t.equal(worker.run_config.master, 'grpc://host4:2222')
  t.equal(raised(() => resolveReplacement({ config: { tf_random_seed: 1.5 }, replace: {} })), 'ValueError: tf_random_seed must be integer.')
  t.equal(raised(() => resolveReplacement({ replace: { model_dir: '' } })), 'ValueError: model_dir should be non-empty')
  const strategy = resolveReplacement({ tf_config: seed, replace: { train_distribute: { strategy: 'MirroredStrategy' } } })
  t.equal(strategy.distribute_coordinator_mode, null, 'no strategy path on replace')
})

t.test('replace on an earlier answer equals replace on the node, and leaves the original alone', async (t) => {
  const original = resolveRunConfig({ tf_config: seed })
  const before = JSON.stringify(original)
  const chained = resolveReplacement({ run_config: original.run_config, replace: [{ model_dir: '/m' }, { keep_checkpoint_max: 1 }] })
  const direct = resolveReplacement({ tf_config: seed, replace: [{ model_dir: '/m' }, { keep_checkpoint_max: 1 }] })
  t.strictSame(JSON.parse(JSON.stringify(chained)), JSON.parse(JSON.stringify(direct)))
  t.equal(JSON.stringify(original), before)
})

t.test('an earlier answer from a coordinator keeps its mode when passed along', async (t) => {
  const config = { train_distribute: { strategy: 'MirroredStrategy' } }
  const original = resolveRunConfig({ tf_config: seed, config })
  t.equal(original.distribute_coordinator_mode, 'independent_worker')
  const replaced = resolveReplacement({
    run_config: original.run_config, distribute_coordinator_mode: 'independent_worker', tf_config: seed, replace: {}
  })
  t.same(replaced.train_and_evaluate, original.train_and_evaluate)
  const remote = resolveRunConfig({
    config: { ...config, experimental_distribute: { remote_cluster: { worker: ['r:1'] } } }
  })
  const standalone = resolveReplacement({
    run_config: remote.run_config, distribute_coordinator_mode: 'standalone_client', replace: {}
  })
  t.same(standalone.run_config.cluster_spec, { worker: ['r:1'] })
  t.same(standalone.train_and_evaluate, { path: 'distribute_coordinator' })
})
