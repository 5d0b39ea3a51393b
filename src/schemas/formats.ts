import { Type, type Static } from 'typebox'
import {
  SEED_NODE_DOTENV, SEED_NODE_KUBERNETES, SEED_NODE_SHELL, SEED_PLAN_DOTENV, SEED_PLAN_KUBERNETES, SEED_PLAN_NDJSON, SEED_PLAN_SHELL
} from './format-examples.js'
import { FORMAT_MEDIA_TYPES, NODE_EXPORT_FORMATS, PLAN_EXPORT_FORMATS } from './media-types.js'
import { RunConfigQuerySchema } from './run-config.js'

// The output formats: JSON from the JSON operations, the renderings from their …/exports twins (?format= chooses)

export * from './media-types.js'

const NODE_VARIABLES = 'TF_CONFIG as the request gave it (its text, or the object as JSON text in its key order), then ' +
  'RUNCONFIG_TASK_TYPE, _TASK_ID, _MASTER, _EVALUATION_MASTER, _IS_CHIEF, _NUM_PS_REPLICAS, _NUM_WORKER_REPLICAS, ' +
  '_GLOBAL_ID_IN_CLUSTER, _MODEL_DIR, _START_DELAY_SECS, _TRAIN_AND_EVALUATE_PATH: strings as they are, other values ' +
  'as JSON; a None (and an unset TF_CONFIG) is left unset: `unset NAME` in shell, no line in dotenv, no entry in kubernetes'

const NODE_EXPORTS = {
  shell: `shell (${FORMAT_MEDIA_TYPES.shell}): export lines for bash's eval or source`,
  dotenv: `dotenv (${FORMAT_MEDIA_TYPES.dotenv}): NAME='value' lines`,
  kubernetes: `kubernetes (${FORMAT_MEDIA_TYPES.kubernetes}): the same variables as the env entries of the node's pod spec`
}

/**
 * `?format=` of the JSON operations: json only. The renderings are operations of their own (…/exports),
 * so that each JSON operation answers one media type and a generated client types its answer.
 */
const JsonFormatSchema = Type.Literal('json', {
  description: 'json, the default and the only format here: the renderings (shell, dotenv, kubernetes, ndjson) are ' +
    'the …/exports operations, with the same body; another value is a 400 naming that path'
})

export const JsonFormatQuerySchema = Type.Object({ format: Type.Optional(JsonFormatSchema) }, { additionalProperties: false })
export type JsonFormatQuery = Static<typeof JsonFormatQuerySchema>

/** GET /v1/run-config's query: the TF_CONFIG text. */
export const RunConfigGetQuerySchema = Type.Object({
  ...RunConfigQuerySchema.properties,
  format: Type.Optional(JsonFormatSchema)
}, { additionalProperties: false })
export type RunConfigGetQuery = Static<typeof RunConfigGetQuerySchema>

const NodeExportFormatSchema = Type.Enum([...NODE_EXPORT_FORMATS], {
  description: `The rendering: ${Object.values(NODE_EXPORTS).join('; ')}. Each holds ${NODE_VARIABLES}. Errors stay JSON.`,
  examples: ['shell']
})

export const NodeExportQuerySchema = Type.Object({ format: NodeExportFormatSchema }, { additionalProperties: false })
export type NodeExportQuery = Static<typeof NodeExportQuerySchema>

/** GET /v1/run-config/exports's query: the TF_CONFIG text and the rendering. */
export const RunConfigExportGetQuerySchema = Type.Object({
  ...RunConfigQuerySchema.properties,
  format: NodeExportFormatSchema
}, { additionalProperties: false })
export type RunConfigExportGetQuery = Static<typeof RunConfigExportGetQuerySchema>

export const PlanExportQuerySchema = Type.Object({
  format: Type.Enum([...PLAN_EXPORT_FORMATS], {
    description: `The rendering: shell (${FORMAT_MEDIA_TYPES.shell}): a function, runconfig_node TYPE INDEX, that ` +
      'exports a node\'s variables (with ?task=, that node\'s export lines, as the one-node shell format); dotenv ' +
      `(${FORMAT_MEDIA_TYPES.dotenv}): a block of variables per node (with ?task=, that node's lines); kubernetes ` +
      `(${FORMAT_MEDIA_TYPES.kubernetes}): each node's pod env entries; ndjson (${FORMAT_MEDIA_TYPES.ndjson}): one ` +
      'PlanNode per line (include as the body asks). ' +
      'shell, dotenv and kubernetes imply include tf_config; errors stay JSON.',
    examples: ['shell']
  }),
  task: Type.Optional(Type.String({
    description: 'Only this node, as TYPE:INDEX (evaluator:0 for the evaluator): what one node fetches for itself. ' +
      'Every node is still resolved (a failing one is a 422); a task the cluster does not have is a 400. Without it ' +
      'the whole plan, whose shell, dotenv and kubernetes renderings grow with the square of the cluster',
    examples: ['worker:17']
  }))
}, { additionalProperties: false })
export type PlanExportQuery = Static<typeof PlanExportQuerySchema>

export const NodeShellSchema = Type.String({
  description: `export NAME='value' lines, single-quoted for bash and POSIX sh (eval or source them): ${NODE_VARIABLES}`,
  examples: [SEED_NODE_SHELL]
})

export const NodeDotenvSchema = Type.String({
  description: 'NAME=\'value\' lines that node --env-file, python-dotenv and sh (set -a; . FILE) all read exactly ' +
    '(NAME="value" for a value with a single quote; TF_CONFIG\'s JSON with \\u escapes where neither holds it; a ' +
    `value none of them can hold is a 406): ${NODE_VARIABLES}`,
  examples: [SEED_NODE_DOTENV]
})

export const PlanShellSchema = Type.String({
  description: 'A script that sets no variable when sourced: it defines the shell function runconfig_node, and ' +
    '`runconfig_node TYPE INDEX` exports that node\'s variables (those of the one-node shell format)',
  examples: [SEED_PLAN_SHELL]
})

export const PlanDotenvSchema = Type.String({
  description: 'A header comment, then per node a "# TYPE INDEX" comment line and its variables (those of the ' +
    'one-node dotenv format), nodes apart by a blank line: load one node\'s block, not the whole file',
  examples: [SEED_PLAN_DOTENV]
})

export const PlanNdjsonSchema = Type.String({
  description: 'One PlanNode (components/schemas/PlanNode) per line: a JSON object, then a newline',
  examples: [SEED_PLAN_NDJSON]
})

export const KubernetesNodeEnvSchema = Type.Object({
  env: Type.Array(Type.Object({
    name: Type.String(),
    value: Type.String()
  }, { additionalProperties: false }), { description: `The entries of the pod spec's env: ${NODE_VARIABLES}` })
}, {
  $id: 'KubernetesNodeEnv',
  additionalProperties: false,
  description: 'One node\'s environment for the pod that runs it',
  examples: [SEED_NODE_KUBERNETES]
})
export type KubernetesNodeEnv = Static<typeof KubernetesNodeEnvSchema>

export const KubernetesEnvSchema = Type.Object({
  nodes: Type.Array(Type.Object({
    task_type: Type.String(),
    task_id: Type.Integer(),
    env: Type.Array(Type.Object({
      name: Type.String(),
      value: Type.String()
    }, { additionalProperties: false }), { description: "The entries of the pod spec's env: the node's TF_CONFIG" })
  }, { additionalProperties: false }), { description: 'Every node, in the order of the plan' })
}, {
  $id: 'KubernetesEnv',
  additionalProperties: false,
  description: 'Each node\'s environment for the pod that runs it',
  examples: [SEED_PLAN_KUBERNETES]
})
export type KubernetesEnv = Static<typeof KubernetesEnvSchema>
