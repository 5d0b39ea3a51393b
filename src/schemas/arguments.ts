import { Type, type Static } from 'typebox'
import { ConfigProtoSchema, type ConfigProto } from '../proto/config-proto-schema.js'
import { nullable, ref } from './common.js'
import { SEED_CLUSTER } from './examples.js'

// Python objects in RunConfig's arguments, in the API's JSON form (SPEC A.2)

export const ConfigProtoComponent = Type.Unsafe<ConfigProto>({ ...ConfigProtoSchema, $id: 'ConfigProto' })

export const StrategySchema = Type.Object({
  strategy: Type.String({ description: 'Class name of the tf.distribute strategy', examples: ['MirroredStrategy'] }),
  between_graph: Type.Optional(Type.Boolean({
    description: 'Whether it trains between-graph. Default: true for CollectiveAllReduceStrategy, ' +
      'MultiWorkerMirroredStrategy and ParameterServerStrategy (v1), false for the others'
  }))
}, {
  $id: 'Strategy',
  additionalProperties: false,
  description: 'A tf.distribute strategy instance, by class name: MirroredStrategy, CollectiveAllReduceStrategy, ' +
    'MultiWorkerMirroredStrategy, ParameterServerStrategy (v1), ParameterServerStrategyV2 (the TF2 class, which ' +
    'Estimator rejects), OneDeviceStrategy, TPUStrategy*, ...',
  examples: [{ strategy: 'MultiWorkerMirroredStrategy' }]
})
export type Strategy = Static<typeof StrategySchema>

export const DeviceFnSchema = Type.Object({
  args: Type.Array(Type.String(), { description: 'Names of the positional-or-keyword parameters' }),
  varargs: Type.Optional(Type.Boolean({ description: 'Whether it takes *args' })),
  varkw: Type.Optional(Type.Boolean({ description: 'Whether it takes **kwargs' })),
  kwonly: Type.Optional(Type.Array(Type.String(), { description: 'Names of the keyword-only parameters' })),
  name: Type.Optional(Type.String({ description: 'The function name (informative only)' }))
}, {
  $id: 'DeviceFn',
  additionalProperties: false,
  description: 'A device function, by its signature. TensorFlow requires the positional-or-keyword ' +
    'parameters to be exactly {"op"}; *args and **kwargs are ignored',
  examples: [{ args: ['op'], name: 'device_fn' }]
})
export type DeviceFn = Static<typeof DeviceFnSchema>

/** A cluster: job name → its addresses, dense (a list) or sparse (index text → address). */
export type Cluster = Record<string, string[] | Record<string, string>>

// The static type is stated (the schema is the same): an object of additionalProperties only is `{}` to TypeBox
export const ClusterSchema = Type.Unsafe<Cluster>(Type.Object({}, {
  $id: 'Cluster',
  additionalProperties: Type.Union([
    Type.Array(Type.String(), { description: 'Dense job: the address of task i at position i' }),
    Type.Object({}, {
      additionalProperties: Type.String(),
      description: 'Sparse job: task index (a decimal integer, read with Python int()) → address'
    })
  ]),
  description: 'A cluster: job name → the network addresses of its tasks',
  examples: [SEED_CLUSTER]
}))

export const DistributeConfigSchema = Type.Object({
  train_distribute: Type.Optional(nullable(ref(StrategySchema), { description: 'Strategy for training' })),
  eval_distribute: Type.Optional(nullable(ref(StrategySchema), { description: 'Strategy for evaluation' })),
  remote_cluster: Type.Optional(Type.Unknown({
    description: 'A remote cluster, usually a cluster object: with train_distribute and a truthy value, this node ' +
      'becomes a standalone client of it. TensorFlow only tests its truthiness and keeps it as given (a string, a ' +
      'number, a list too): any JSON value, echoed as cluster_spec'
  }))
}, {
  $id: 'DistributeConfig',
  additionalProperties: false,
  description: 'tf.contrib.distribute.DistributeConfig. Echoed with all three keys, an absent one as null',
  examples: [{ train_distribute: { strategy: 'MirroredStrategy' }, eval_distribute: null, remote_cluster: null }]
})
export type DistributeConfig = Static<typeof DistributeConfigSchema>

const NUMBER_NOTE = 'any JSON number: TensorFlow compares it with 0'

// RunConfig(...)'s keyword arguments in constructor order. No `default`s here: Ajv would insert
// them, and an omitted save_checkpoints_* argument differs from a passed one (SPEC §3).
export const ARGUMENT_PROPERTIES = {
  model_dir: Type.Optional(nullable(Type.String(), {
    description: 'Where checkpoints and summaries go; must agree with TF_CONFIG model_dir when both are set',
    examples: ['/tmp/model']
  })),
  tf_random_seed: Type.Optional(nullable(Type.Integer(), { description: 'Graph-level random seed' })),
  save_summary_steps: Type.Optional(nullable(Type.Number(), {
    description: `Save summaries every this many steps (default 100; ${NUMBER_NOTE})`
  })),
  save_checkpoints_steps: Type.Optional(nullable(Type.Number(), {
    description: 'Save checkpoints every this many steps. Absent means not passed: when both save_checkpoints_* ' +
      'are absent, secs defaults to 600; null passed alone disables checkpoints; both non-null is an error'
  })),
  save_checkpoints_secs: Type.Optional(nullable(Type.Number(), {
    description: 'Save checkpoints every this many seconds (600 when both save_checkpoints_* are absent)'
  })),
  session_config: Type.Optional(nullable(ref(ConfigProtoComponent), {
    description: 'A ConfigProto; null lets distributed nodes get their per-task default (device filters)'
  })),
  keep_checkpoint_max: Type.Optional(nullable(Type.Number(), { description: `Checkpoints kept (default 5; ${NUMBER_NOTE})` })),
  keep_checkpoint_every_n_hours: Type.Optional(nullable(Type.Number(), {
    description: `Keep one checkpoint every this many hours (default 10000; ${NUMBER_NOTE})`
  })),
  log_step_count_steps: Type.Optional(nullable(Type.Number(), {
    description: `Log global step/sec every this many steps (default 100; ${NUMBER_NOTE})`
  })),
  train_distribute: Type.Optional(nullable(ref(StrategySchema), { description: 'Distribution strategy for training' })),
  device_fn: Type.Optional(nullable(ref(DeviceFnSchema), { description: 'A device function, by signature' })),
  protocol: Type.Optional(nullable(Type.String(), { description: 'Server protocol: grpc or grpc+verbs', examples: ['grpc'] })),
  eval_distribute: Type.Optional(nullable(ref(StrategySchema), { description: 'Distribution strategy for evaluation' })),
  experimental_distribute: Type.Optional(nullable(ref(DistributeConfigSchema), { description: 'A DistributeConfig' })),
  experimental_max_worker_delay_secs: Type.Optional(nullable(Type.Integer(), {
    description: 'Cap of the staggered worker start delay (default 60; 0 or less: no delay)'
  })),
  session_creation_timeout_secs: Type.Optional(nullable(Type.Number(), {
    description: `Session creation timeout (default 7200; ${NUMBER_NOTE})`
  })),
  checkpoint_save_graph_def: Type.Optional(nullable(Type.Boolean(), {
    description: 'Whether checkpoints save the graph (default true)'
  }))
}

export const RunConfigArgumentsSchema = Type.Object(ARGUMENT_PROPERTIES, {
  $id: 'RunConfigArguments',
  additionalProperties: false,
  description: 'RunConfig(...) keyword arguments by their Python names: an absent key is not passed, null is ' +
    'None. Unknown names are a 400',
  examples: [{ model_dir: '/tmp/model', save_checkpoints_steps: 1000, train_distribute: { strategy: 'MultiWorkerMirroredStrategy' } }]
})
export type RunConfigArguments = Static<typeof RunConfigArgumentsSchema>

export const ReplaceArgumentsSchema = Type.Object(ARGUMENT_PROPERTIES, {
  $id: 'ReplaceArguments',
  additionalProperties: true,
  description: 'replace(...) keyword arguments, applied in order. Known names have the types of RunConfigArguments; ' +
    'any other name reaches TensorFlow, which raises ValueError (422) naming the 17 replaceable properties',
  examples: [{ save_checkpoints_steps: 500 }]
})
export type ReplaceArguments = Static<typeof ReplaceArgumentsSchema>
