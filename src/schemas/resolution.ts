import { Type, type Static } from 'typebox'
import { ConfigProtoComponent, DeviceFnSchema, DistributeConfigSchema, StrategySchema } from './arguments.js'
import { exactInteger, nullable, RaisedSchema, pythonNumber, ref } from './common.js'
import { SEED_RESOLUTION, SEED_RUN_CONFIG } from './examples.js'

// What the service answers for one node (SPEC A.3)

const NUMBER_OR_NULL = nullable(pythonNumber())
const INTEGER_OR_NULL = nullable(exactInteger())

/** The 27 properties of a RunConfig, as echoed (values taken from TF_CONFIG can be any JSON value). */
export const RunConfigSchema = Type.Object({
  model_dir: Type.Unknown({ description: 'The argument, else TF_CONFIG model_dir (any JSON value: see NaN below), else null' }),
  tf_random_seed: INTEGER_OR_NULL,
  save_summary_steps: NUMBER_OR_NULL,
  save_checkpoints_steps: NUMBER_OR_NULL,
  save_checkpoints_secs: NUMBER_OR_NULL,
  session_config: nullable(ref(ConfigProtoComponent), {
    description: 'The argument, or the per-task default distributed nodes get, in canonical proto3 JSON'
  }),
  keep_checkpoint_max: NUMBER_OR_NULL,
  keep_checkpoint_every_n_hours: NUMBER_OR_NULL,
  log_step_count_steps: NUMBER_OR_NULL,
  train_distribute: nullable(ref(StrategySchema)),
  device_fn: nullable(ref(DeviceFnSchema)),
  protocol: nullable(Type.String()),
  eval_distribute: nullable(ref(StrategySchema)),
  experimental_distribute: nullable(ref(DistributeConfigSchema), { description: 'The stored argument (not a property in TensorFlow)' }),
  experimental_max_worker_delay_secs: INTEGER_OR_NULL,
  session_creation_timeout_secs: NUMBER_OR_NULL,
  checkpoint_save_graph_def: nullable(Type.Boolean()),
  cluster_spec: Type.Unknown({
    description: 'ClusterSpec.as_dict(): job → [addresses] (job_tasks(job), holes as null, when the highest index + 1 ' +
      'is the number of tasks), else {index: address} for sparse jobs; {} for local mode and evaluators; a standalone ' +
      "client's remote cluster as given (any JSON value)"
  }),
  task_type: Type.Unknown({ description: 'TF_CONFIG task.type as given (a job name), "worker" in local mode' }),
  task_id: exactInteger({
    description: 'int(TF_CONFIG task.index), exact at any size: a Python int, written as an exact JSON integer ' +
      'literal even past 2^53 (an evaluator\'s index has no upper bound; JSON.parse rounds such a literal to the ' +
      'nearest double, so read the text with a big-integer-aware parser to keep it)'
  }),
  master: Type.Unknown({ description: 'grpc://<address of this task>, "", or TF_CONFIG session_master (any JSON value)' }),
  evaluation_master: Type.Unknown({ description: 'TF_CONFIG eval_session_master for evaluators and local mode, else ""' }),
  is_chief: Type.Boolean(),
  num_ps_replicas: Type.Integer({ description: 'Tasks in the ps job' }),
  num_worker_replicas: Type.Integer({ description: 'Tasks in the worker job plus the chief (or master) job' }),
  global_id_in_cluster: nullable(Type.Integer(), { description: 'Chief/master first, other jobs sorted, ps last; null for evaluators' }),
  service: nullable(Type.Object({}, { additionalProperties: true }), { description: 'TF_CONFIG service' })
}, {
  $id: 'RunConfig',
  additionalProperties: false,
  description: 'The RunConfig TensorFlow builds: its 17 arguments as stored and its 10 distributed properties. ' +
    'Values taken from TF_CONFIG text keep Python\'s meaning: ints are exact JSON integer literals at any size, and ' +
    'the floats JSON cannot hold (NaN, Infinity, -Infinity) are the strings "NaN", "Infinity", "-Infinity", as in ' +
    'proto3 JSON (never null, which would read as absent)',
  examples: [SEED_RUN_CONFIG]
})
export type RunConfig = Static<typeof RunConfigSchema>

const ReplicaDeviceSetterSchema = Type.Object({
  ps_tasks: Type.Integer(),
  ps_device: Type.Literal('/job:ps'),
  worker_device: Type.String({ examples: ['/job:worker/task:1'] }),
  merge_devices: Type.Literal(true)
}, { additionalProperties: false, description: "tf.compat.v1.train.replica_device_setter's parameters" })

export const ExecutorPathSchema = Type.Enum([
  'run_chief', 'run_worker', 'run_master', 'run_ps', 'run_evaluator', 'run_local', 'distribute_coordinator'
])
/** The executor method train_and_evaluate dispatches to. */
export type ExecutorPath = Static<typeof ExecutorPathSchema>

/** How the distribute coordinator runs, when a strategy makes train_and_evaluate run it (null: it does not). */
export const CoordinatorModeSchema = Type.Enum(['standalone_client', 'independent_worker'])
export type CoordinatorMode = Static<typeof CoordinatorModeSchema> | null

export const ResolutionSchema = Type.Object({
  run_config: ref(RunConfigSchema),
  distribute_coordinator_mode: nullable(CoordinatorModeSchema, {
    description: 'Set when a distribution strategy makes train_and_evaluate run the distribute coordinator'
  }),
  start_delay_secs: nullable(Type.Integer(), {
    description: 'What train_and_evaluate sleeps before training: the staggered worker delay, 0 where it does not ' +
      'sleep, null where it fails before'
  }),
  train_and_evaluate: Type.Object({
    path: nullable(ExecutorPathSchema, { description: 'The executor method it dispatches to; null when it fails first' }),
    error: Type.Optional(Type.Object(RaisedSchema.properties, {
      additionalProperties: false, description: 'What it would raise on this node'
    }))
  }, { additionalProperties: false, description: 'What tf.estimator.train_and_evaluate does on this node' }),
  estimator: Type.Object({
    session_config: ref(ConfigProtoComponent, { description: "The Estimator's session config" }),
    device_fn: Type.Union([Type.Null(), Type.Literal('user'), ReplicaDeviceSetterSchema], {
      description: '"user" when device_fn was given, the replica device setter when there are ps tasks, else null'
    })
  }, { additionalProperties: false, description: 'What Estimator(config=...) derives' })
}, {
  $id: 'Resolution',
  additionalProperties: false,
  description: 'Everything TensorFlow decides for one node',
  examples: [SEED_RESOLUTION]
})
export type Resolution = Static<typeof ResolutionSchema>
