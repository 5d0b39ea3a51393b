import { Type, type Static } from 'typebox'
import { ReplaceArgumentsSchema, RunConfigArgumentsSchema } from './arguments.js'
import { nullable, ref } from './common.js'
import { SEED_RUN_CONFIG, SEED_TF_CONFIG } from './examples.js'
import { CoordinatorModeSchema, RunConfigSchema } from './resolution.js'

// What the run-config routes take (SPEC A.3 to A.5)

const TF_CONFIG_KEYS = {
  cluster: Type.Optional(Type.Unknown({ description: 'job name → [addresses] (dense) or {index: address} (sparse)' })),
  task: Type.Optional(Type.Unknown({ description: '{"type": job name, "index": task index} of this node' })),
  service: Type.Optional(Type.Unknown({ description: 'An object or null; returned as the service property' })),
  session_master: Type.Optional(Type.Unknown({ description: 'When present, its value becomes master (except for evaluators)' })),
  eval_session_master: Type.Optional(Type.Unknown({ description: 'evaluation_master of evaluators and of local mode' })),
  model_dir: Type.Optional(Type.Unknown({ description: 'Used when the model_dir argument is not set; must agree with it' })),
  environment: Type.Optional(Type.Unknown({ description: '"google" skips starting the in-process server' })),
  rpc_layer: Type.Optional(Type.Unknown({ description: 'Protocol of the distribute coordinator (default "grpc")' }))
}

export const TfConfigSchema = Type.Union([
  Type.Object(TF_CONFIG_KEYS, {
    additionalProperties: true,
    description: 'TF_CONFIG, parsed. TensorFlow reads the keys listed, ignores the others and checks their values itself'
  }),
  Type.String({ description: "TF_CONFIG's raw text, parsed as Python's json.loads does ('' is a JSONDecodeError)" }),
  Type.Null()
], {
  description: "What the node's TF_CONFIG environment variable holds: an object, or the raw text. Absent or null: " +
    'unset; to model the text null, send the string "null"',
  examples: [SEED_TF_CONFIG]
})

export const RunConfigRequestSchema = Type.Object({
  tf_config: Type.Optional(TfConfigSchema),
  config: Type.Optional(ref(RunConfigArgumentsSchema))
}, {
  additionalProperties: false,
  examples: [{ tf_config: SEED_TF_CONFIG }, { tf_config: JSON.stringify(SEED_TF_CONFIG), config: { model_dir: '/tmp/model' } }]
})
export type RunConfigRequest = Static<typeof RunConfigRequestSchema>

export const RunConfigQuerySchema = Type.Object({
  tf_config: Type.Optional(Type.String({
    description: "TF_CONFIG's text (URL-encoded); absent: unset",
    examples: [JSON.stringify(SEED_TF_CONFIG)]
  }))
}, { additionalProperties: false })

const ReplacementsSchema = Type.Union([
  ref(ReplaceArgumentsSchema),
  Type.Array(ref(ReplaceArgumentsSchema), { description: 'Several replace() calls, applied in turn' })
], { description: 'Keyword arguments of one replace() call, or of several applied in turn' })

export const ReplaceRequestSchema = Type.Union([
  Type.Object({
    tf_config: Type.Optional(TfConfigSchema),
    config: Type.Optional(ref(RunConfigArgumentsSchema)),
    replace: ReplacementsSchema
  }, { additionalProperties: false, title: 'Resolve, then replace' }),
  Type.Object({
    run_config: ref(RunConfigSchema, { description: 'A run_config from an earlier response' }),
    distribute_coordinator_mode: Type.Optional(nullable(CoordinatorModeSchema, {
      description: 'The distribute_coordinator_mode of that response (it is not a RunConfig property)'
    })),
    tf_config: Type.Optional(TfConfigSchema),
    replace: ReplacementsSchema
  }, { additionalProperties: false, title: 'Replace on an earlier run_config' })
], {
  examples: [
    { tf_config: SEED_TF_CONFIG, replace: { save_checkpoints_steps: 500 } },
    { run_config: SEED_RUN_CONFIG, replace: [{ model_dir: '/tmp/a' }, { tf_random_seed: 7 }] }
  ]
})
export type ReplaceRequest = Static<typeof ReplaceRequestSchema>
