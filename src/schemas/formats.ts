import { Type, type Static } from 'typebox'
import type { ClusterPlan } from '../plan/cluster-plan.js'
import { dotenv, kubernetesEnv, nodeVariables, planDotenv, planShell, shellLines, tfConfigText } from '../formats/index.js'
import type { Resolution } from '../tensorflow/resolve.js'
import { SEED_CLUSTER, SEED_PLAN, SEED_RESOLUTION, SEED_TF_CONFIG } from './examples.js'
import { FORMAT_MEDIA_TYPES, NODE_FORMATS, PLAN_FORMATS } from './media-types.js'
import { RunConfigQuerySchema } from './run-config.js'

// The output formats: chosen with ?format= or Accept (the query wins); JSON stays the default

export * from './media-types.js'

const NODE_VARIABLES = 'TF_CONFIG as the request gave it (its text, or the object as JSON text in its key order; left out ' +
  'when unset), then RUNCONFIG_TASK_TYPE, _TASK_ID, _MASTER, _EVALUATION_MASTER, _IS_CHIEF, _NUM_PS_REPLICAS, ' +
  '_NUM_WORKER_REPLICAS, _GLOBAL_ID_IN_CLUSTER, _MODEL_DIR, _START_DELAY_SECS, _TRAIN_AND_EVALUATE_PATH (strings as ' +
  'they are, other values as JSON)'

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
      `(${FORMAT_MEDIA_TYPES.dotenv}): each node's TF_CONFIG line under a "# TYPE INDEX" comment line; kubernetes ` +
      `(${FORMAT_MEDIA_TYPES.kubernetes}): each node's pod env entries. shell, dotenv and kubernetes imply include ` +
      'tf_config (and its task limit). Errors stay JSON.'
  }))
}, { additionalProperties: false })
export type PlanFormatQuery = Static<typeof PlanFormatQuerySchema>

const SEED_NODE_VARIABLES = nodeVariables(SEED_RESOLUTION as unknown as Resolution, tfConfigText(SEED_TF_CONFIG))
// The seed plan as the text formats give it: each node with its TF_CONFIG text
const SEED_PLAN_WITH_TF_CONFIG = {
  ...SEED_PLAN,
  nodes: SEED_PLAN.nodes.map((node) => ({
    ...node,
    tf_config: JSON.stringify({ cluster: SEED_CLUSTER, task: { type: node.task_type, index: node.task_id } })
  }))
} as ClusterPlan

export const NodeShellSchema = Type.String({
  description: `export NAME='value' lines, single-quoted for bash and POSIX sh (eval or source them): ${NODE_VARIABLES}`,
  examples: [shellLines(SEED_NODE_VARIABLES)]
})

export const NodeDotenvSchema = Type.String({
  description: `NAME='value' lines (double quotes with backslash escapes when a value holds a single quote): ${NODE_VARIABLES}`,
  examples: [dotenv(SEED_NODE_VARIABLES)]
})

export const PlanShellSchema = Type.String({
  description: 'Per node, a "# TYPE INDEX" comment line, then export TF_CONFIG=\'…\'; a blank line between nodes',
  examples: [planShell(SEED_PLAN_WITH_TF_CONFIG)]
})

export const PlanDotenvSchema = Type.String({
  description: 'Per node, a "# TYPE INDEX" comment line, then TF_CONFIG=\'…\'; a blank line between nodes',
  examples: [planDotenv(SEED_PLAN_WITH_TF_CONFIG)]
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
  examples: [{ nodes: kubernetesEnv(SEED_PLAN_WITH_TF_CONFIG).slice(0, 2) }]
})
export type KubernetesEnv = Static<typeof KubernetesEnvSchema>
