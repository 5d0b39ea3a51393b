import { Type, type Static } from 'typebox'
import { planCluster } from '../plan/cluster-plan.js'
import { dotenv, kubernetesEnv, nodeVariables, planDotenv, planRequestFor, planShell, shellLines, tfConfigText } from '../formats/index.js'
import type { Resolution } from '../tensorflow/resolve.js'
import { SEED_CLUSTER, SEED_RESOLUTION, SEED_TF_CONFIG } from './examples.js'
import { FORMAT_MEDIA_TYPES, NODE_FORMATS, PLAN_FORMATS } from './media-types.js'
import { RunConfigQuerySchema } from './run-config.js'

// The output formats: chosen with ?format= or Accept (the query wins); JSON stays the default

export * from './media-types.js'

const NODE_VARIABLES = 'TF_CONFIG as the request gave it (its text, or the object as JSON text in its key order), then ' +
  'RUNCONFIG_TASK_TYPE, _TASK_ID, _MASTER, _EVALUATION_MASTER, _IS_CHIEF, _NUM_PS_REPLICAS, _NUM_WORKER_REPLICAS, ' +
  '_GLOBAL_ID_IN_CLUSTER, _MODEL_DIR, _START_DELAY_SECS, _TRAIN_AND_EVALUATE_PATH: strings as they are, other values ' +
  'as JSON; a None (and an unset TF_CONFIG) is left unset: `unset NAME` in shell, no line in dotenv'

const NodeFormatSchema = Type.Enum([...NODE_FORMATS], {
  description: `Output format; wins over Accept. json (default, ${FORMAT_MEDIA_TYPES.json}); shell ` +
    `(${FORMAT_MEDIA_TYPES.shell}): export lines for bash's eval or source; dotenv (${FORMAT_MEDIA_TYPES.dotenv}): ` +
    `NAME='value' lines. Both: ${NODE_VARIABLES}. Errors stay JSON.`
})

export const NodeFormatQuerySchema = Type.Object({ format: Type.Optional(NodeFormatSchema) }, { additionalProperties: false })
export type NodeFormatQuery = Static<typeof NodeFormatQuerySchema>

/** GET /v1/run-config's query: the TF_CONFIG text and the format. */
export const RunConfigGetQuerySchema = Type.Object({
  ...RunConfigQuerySchema.properties,
  format: Type.Optional(NodeFormatSchema)
}, { additionalProperties: false })
export type RunConfigGetQuery = Static<typeof RunConfigGetQuerySchema>

export const PlanFormatQuerySchema = Type.Object({
  format: Type.Optional(Type.Enum([...PLAN_FORMATS], {
    description: `Output format; wins over Accept. json (default, ${FORMAT_MEDIA_TYPES.json}); ndjson ` +
      `(${FORMAT_MEDIA_TYPES.ndjson}): one node per line, streamed; shell (${FORMAT_MEDIA_TYPES.shell}) and dotenv ` +
      `(${FORMAT_MEDIA_TYPES.dotenv}): every node's variables (shell: a function, runconfig_node TYPE INDEX, that exports them; dotenv: a block per node); kubernetes ` +
      `(${FORMAT_MEDIA_TYPES.kubernetes}): each node's pod env entries. shell, dotenv and kubernetes imply include ` +
      'tf_config (and its task limit). Errors stay JSON.'
  }))
}, { additionalProperties: false })
export type PlanFormatQuery = Static<typeof PlanFormatQuerySchema>

const SEED_NODE_VARIABLES = nodeVariables(SEED_RESOLUTION as unknown as Resolution, tfConfigText(SEED_TF_CONFIG))
// The seed plan as the text formats have it: each node with its TF_CONFIG text and environment
const SEED_TEXT_PLAN = planCluster(planRequestFor({ cluster: SEED_CLUSTER }, 'shell'))

export const NodeShellSchema = Type.String({
  description: `export NAME='value' lines, single-quoted for bash and POSIX sh (eval or source them): ${NODE_VARIABLES}`,
  examples: [shellLines(SEED_NODE_VARIABLES)]
})

export const NodeDotenvSchema = Type.String({
  description: 'NAME=\'value\' lines that node --env-file, python-dotenv and sh (set -a; . FILE) all read exactly ' +
    '(NAME="value" for a value with a single quote; TF_CONFIG\'s JSON with \\u escapes where neither holds it; a ' +
    `value none of them can hold is a 406): ${NODE_VARIABLES}`,
  examples: [dotenv(SEED_NODE_VARIABLES)]
})

export const PlanShellSchema = Type.String({
  description: 'A script that sets no variable when sourced: it defines the shell function runconfig_node, and ' +
    '`runconfig_node TYPE INDEX` exports that node\'s variables (those of the one-node shell format)',
  examples: [planShell(SEED_TEXT_PLAN)]
})

export const PlanDotenvSchema = Type.String({
  description: 'A header comment, then per node a "# TYPE INDEX" comment line and its variables (those of the ' +
    'one-node dotenv format), nodes apart by a blank line: load one node\'s block, not the whole file',
  examples: [planDotenv(SEED_TEXT_PLAN)]
})

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
  examples: [{ nodes: kubernetesEnv(SEED_TEXT_PLAN).slice(0, 2) }]
})
export type KubernetesEnv = Static<typeof KubernetesEnvSchema>
