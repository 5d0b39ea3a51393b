import { Type, type Static } from 'typebox'
import { RunConfigArgumentsSchema } from './arguments.js'
import { ref } from './common.js'

// Names that reach shells, YAML, URLs and Kubernetes objects: strict patterns, so that nothing a
// consumer could misread (spaces, quotes, `$`, `#`, `: `, leading dashes, newlines) ever gets in.

/** A rendezvous job: a DNS-1123 label, as a Kubernetes object name (COORDINATION.md C.2). */
export const JOB_NAME_PATTERN = '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$'
/** A member key: a pod name, `host:port`, ... (C.3). */
export const MEMBER_KEY_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$'
/** A TensorFlow job name in a rendezvous cluster: the names TensorFlow's server accepts. */
export const ROLE_PATTERN = '^[A-Za-z][A-Za-z0-9_]{0,63}$'
/** Most tasks a rendezvous job may have, all roles together (C.2). */
export const MAX_JOB_TASKS = 100_000
export const DEFAULT_JOIN_TIMEOUT_SECS = 600

export const JobNameSchema = Type.String({ pattern: JOB_NAME_PATTERN, description: 'The job name (a DNS-1123 label)', examples: ['resnet50'] })
export const MemberKeySchema = Type.String({
  pattern: MEMBER_KEY_PATTERN,
  description: 'A stable key the node chooses (pod name, host:port, ...)',
  examples: ['worker-3']
})

export const JobClusterSchema = Type.Record(Type.String({ pattern: ROLE_PATTERN }), Type.Integer(), {
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 64,
  description: `TensorFlow job name → number of tasks (at least 1; chief, master and evaluator at most 1; ${MAX_JOB_TASKS} in all)`,
  examples: [{ chief: 1, ps: 2, worker: 8, evaluator: 1 }]
})
export type JobCluster = Static<typeof JobClusterSchema>

export const JobTfConfigSchema = Type.Object({
  cluster: Type.Optional(Type.Never({ description: 'Not here: the members make the cluster' })),
  task: Type.Optional(Type.Never({ description: 'Not here: each member gets its own task' }))
}, {
  additionalProperties: true,
  description: 'Other TF_CONFIG keys every node gets (environment, session_master, model_dir, ...)',
  examples: [{ environment: 'cloud' }]
})

export const JobRequestSchema = Type.Object({
  cluster: JobClusterSchema,
  config: Type.Optional(ref(RunConfigArgumentsSchema, { description: 'RunConfig arguments every node gets' })),
  tf_config: Type.Optional(JobTfConfigSchema),
  join_timeout_secs: Type.Optional(Type.Integer({
    minimum: 1,
    maximum: 86_400,
    default: DEFAULT_JOIN_TIMEOUT_SECS,
    description: 'Seconds each round may gather, counted from its start'
  }))
}, {
  additionalProperties: false,
  examples: [{ cluster: { chief: 1, ps: 2, worker: 8, evaluator: 1 }, config: { save_checkpoints_steps: 1000 }, join_timeout_secs: 600 }]
})
export type JobRequest = Static<typeof JobRequestSchema>
/** A job's definition as stored: the request with its defaults applied. */
export type JobDefinition = JobRequest & { join_timeout_secs: number }
