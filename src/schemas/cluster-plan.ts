import { Type, type Static } from 'typebox'
import { ClusterSchema, ConfigProtoComponent, RunConfigArgumentsSchema } from './arguments.js'
import { nullable, ref, type JsonObject } from './common.js'
import { SEED_CLUSTER, SEED_PLAN } from './examples.js'
import { RunConfigSchema } from './resolution.js'

/** Most tasks a plan covers: the answer grows linearly (about 400 bytes a node). */
export const MAX_PLAN_TASKS = 100_000
/** With `include` every node carries the whole cluster, so the answer grows with the square. */
export const MAX_PLAN_TASKS_WITH_INCLUDE = 1_000
/**
 * The most a whole plan's shell, dotenv or kubernetes rendering may hold, estimated before planning
 * as tasks × body bytes: each node's TF_CONFIG holds the whole cluster, so it grows with the square.
 * Streamed, it costs memory for a chunk only, but time for all of it; one node (?task=) has only the task limit.
 */
export const MAX_EXPORT_BYTES = 256 * 1024 * 1024

export const PlanIncludeSchema = Type.Enum(['tf_config', 'run_config'])

export const ClusterPlanRequestSchema = Type.Object({
  cluster: ref(ClusterSchema, {
    description: `The cluster every node shares: at most ${MAX_PLAN_TASKS} tasks (${MAX_PLAN_TASKS_WITH_INCLUDE} with include), else 413`
  }),
  // TF_CONFIG's other keys hold any JSON value (the static type says so; the schema is the same)
  tf_config: Type.Optional(Type.Unsafe<JsonObject>(Type.Object({
    cluster: Type.Optional(Type.Never({ description: 'Not here: the cluster is the request cluster' })),
    task: Type.Optional(Type.Never({ description: 'Not here: each node gets its own task' }))
  }, {
    additionalProperties: true,
    description: 'Other TF_CONFIG keys every node gets (service, session_master, eval_session_master, model_dir, environment, ...)',
    examples: [{ environment: 'cloud' }]
  }))),
  config: Type.Optional(ref(RunConfigArgumentsSchema)),
  evaluator: Type.Optional(Type.Boolean({ description: 'Also plan the evaluator (task 0, outside the cluster), last' })),
  include: Type.Optional(Type.Array(PlanIncludeSchema, {
    uniqueItems: true,
    description: 'Also give each node its exact TF_CONFIG text (tf_config) and its whole RunConfig (run_config)'
  }))
}, {
  additionalProperties: false,
  examples: [{ cluster: SEED_CLUSTER }, { cluster: SEED_CLUSTER, evaluator: true, include: ['tf_config'] }]
})
export type ClusterPlanRequest = Static<typeof ClusterPlanRequestSchema>

export const PlanNodeSchema = Type.Object({
  task_type: Type.String({ description: 'Its job' }),
  task_id: Type.Integer({ description: 'Its index in the job' }),
  address: nullable(Type.String(), { description: 'Its address in the cluster; null for the evaluator' }),
  global_id_in_cluster: nullable(Type.Integer()),
  is_chief: Type.Boolean(),
  master: Type.Unknown({ description: 'grpc://<address>, "", or TF_CONFIG session_master (any JSON value)' }),
  evaluation_master: Type.Unknown({ description: 'TF_CONFIG eval_session_master for the evaluator, else ""' }),
  num_ps_replicas: Type.Integer(),
  num_worker_replicas: Type.Integer(),
  session_config: nullable(ref(ConfigProtoComponent), { description: 'The RunConfig session_config (canonical proto3 JSON)' }),
  start_delay_secs: nullable(Type.Integer(), { description: 'The worker start delay of train_and_evaluate' }),
  tf_config: Type.Optional(Type.String({ description: "With include tf_config: this node's exact TF_CONFIG text" })),
  run_config: Type.Optional(ref(RunConfigSchema, { description: "With include run_config: this node's whole RunConfig" }))
}, {
  $id: 'PlanNode',
  additionalProperties: false,
  description: 'One node of the plan: what POST /v1/run-config answers for its TF_CONFIG',
  examples: [SEED_PLAN.nodes[2]]
})
export type PlanNode = Static<typeof PlanNodeSchema>

export const ClusterPlanSchema = Type.Object({
  cluster_spec: Type.Object({}, {
    additionalProperties: Type.Union([Type.Array(Type.String()), Type.Object({}, { additionalProperties: Type.String() })]),
    description: 'ClusterSpec.as_dict() of the cluster'
  }),
  nodes: Type.Array(ref(PlanNodeSchema), {
    description: 'Every task in global-id order (sparse jobs: the defined indices), then the evaluator'
  })
}, { $id: 'ClusterPlan', additionalProperties: false, description: 'Every node of a cluster', examples: [SEED_PLAN] })
export type ClusterPlan = Static<typeof ClusterPlanSchema>

export const FailedNodeSchema = Type.Object({
  task_type: Type.String(),
  task_id: Type.Integer(),
  exception: Type.String(),
  message: Type.String()
}, { additionalProperties: false, description: 'A node on which TensorFlow fails, and why' })
export type FailedNode = Static<typeof FailedNodeSchema>
