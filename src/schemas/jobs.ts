import { Type, type Static } from 'typebox'
import { RunConfigArgumentsSchema } from './arguments.js'
import { PlanNodeSchema } from './cluster-plan.js'
import { ref, type JsonObject } from './common.js'
import { HostSchema } from './host.js'
import { RunConfigSchema } from './resolution.js'

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

// TF_CONFIG's other keys hold any JSON value (the static type says so; the schema is the same)
export const JobTfConfigSchema = Type.Unsafe<JsonObject>(Type.Object({
  cluster: Type.Optional(Type.Never({ description: 'Not here: the members make the cluster' })),
  task: Type.Optional(Type.Never({ description: 'Not here: each member gets its own task' }))
}, {
  additionalProperties: true,
  description: 'Other TF_CONFIG keys every node gets (environment, session_master, model_dir, ...)',
  examples: [{ environment: 'cloud' }]
}))

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

export const RoundStateSchema = Type.Enum(['gathering', 'complete', 'expired'], { description: 'The current round: gathering members, complete, or past its deadline' })
export type RoundStateName = Static<typeof RoundStateSchema>

const Timestamp = (description: string) => Type.String({ format: 'date-time', description, examples: ['2026-12-02T10:00:00.000Z'] })

export const SlotSchema = Type.Object({
  role: Type.String({ description: 'Its TensorFlow job name' }),
  index: Type.Integer({ description: 'Its index in that job' })
}, { additionalProperties: false, description: 'A place in the cluster', examples: [{ role: 'worker', index: 3 }] })
export type Slot = Static<typeof SlotSchema>

/** A member and the slot it holds: the first properties of MemberSchema and JoinedSchema. */
const MEMBER_SLOT = {
  member: Type.String(),
  role: Type.String(),
  index: Type.Integer()
}

export const MemberSchema = Type.Object({
  ...MEMBER_SLOT,
  host: Type.String(),
  port: Type.Union([Type.Integer(), Type.Null()], {
    description: 'The port it joined with, or the one leased for it on its host when it gave none (null only for a row stored without a port)'
  }),
  joined_at: Timestamp('When it joined this round')
}, { additionalProperties: false, description: 'A member of the current round' })
export type Member = Static<typeof MemberSchema>

export const JobViewSchema = Type.Object({
  job: Type.String(),
  round: Type.Integer({ minimum: 1, description: 'Starts at 1; POST …/rounds starts the next' }),
  state: RoundStateSchema,
  cluster: JobClusterSchema,
  join_timeout_secs: Type.Integer(),
  deadline: Timestamp('When the round expires unless complete'),
  version: Type.Integer({ description: 'Increases on every change of the job' }),
  expected: Type.Integer({ description: 'Slots in the cluster (the evaluator included)' }),
  joined: Type.Integer({ description: 'Members in this round' }),
  members: Type.Array(MemberSchema, { description: 'In global id order, the evaluator last' }),
  missing: Type.Array(SlotSchema, { description: 'The free slots, in the same order' })
}, {
  $id: 'JobView',
  additionalProperties: false,
  description: 'A rendezvous job and its current round',
  examples: [{
    job: 'resnet50',
    round: 1,
    state: 'gathering',
    cluster: { chief: 1, worker: 2 },
    join_timeout_secs: 600,
    deadline: '2026-12-02T10:10:00.000Z',
    version: 3,
    expected: 3,
    joined: 2,
    members: [
      { member: 'chief-0', role: 'chief', index: 0, host: '10.0.0.5', port: 2222, joined_at: '2026-12-02T10:00:01.000Z' },
      { member: 'worker-a', role: 'worker', index: 0, host: '10.0.0.6', port: 2222, joined_at: '2026-12-02T10:00:02.000Z' }
    ],
    missing: [{ role: 'worker', index: 1 }]
  }]
})
export type JobView = Static<typeof JobViewSchema>

export const JobCreatedSchema = Type.Object({
  ...JobViewSchema.properties,
  token: Type.String({ description: 'The join token: send it as Authorization: Bearer <token> to join and to read the job' })
}, { additionalProperties: false, description: 'The job, and its join token' })
export type JobCreated = Static<typeof JobCreatedSchema>

export const JobSummarySchema = Type.Object({
  job: Type.String(),
  round: Type.Integer(),
  state: RoundStateSchema,
  expected: Type.Integer(),
  joined: Type.Integer()
}, { additionalProperties: false })
export const JobListSchema = Type.Object({ jobs: Type.Array(JobSummarySchema) }, { additionalProperties: false, description: 'Every job, by name' })
export type JobList = Static<typeof JobListSchema>

export const JoinRequestSchema = Type.Object({
  role: Type.String({ pattern: ROLE_PATTERN, description: 'A job name of the cluster', examples: ['worker'] }),
  index: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_JOB_TASKS - 1, description: 'Default: the lowest free index of the role (or this member\'s index of the previous round)' })),
  host: HostSchema,
  port: Type.Optional(Type.Integer({
    minimum: 1,
    maximum: 65535,
    description: 'The port this node serves on. Without it the server leases one of RUNCONFIG_PORT_RANGE on host (C.5) for ' +
      'the job\'s life — the same one for a retry and for this member in a later round on that host — and the config shows it'
  }))
}, { additionalProperties: false, examples: [{ role: 'worker', index: 3, host: '10.0.0.7', port: 2222 }, { role: 'worker', host: 'node-7.cluster.local' }] })
export type JoinRequest = Static<typeof JoinRequestSchema>

export const JoinedSchema = Type.Object({
  ...MEMBER_SLOT,
  round: Type.Integer(),
  state: RoundStateSchema,
  version: Type.Integer()
}, { additionalProperties: false, description: 'The slot this member holds', examples: [{ member: 'worker-a', role: 'worker', index: 0, round: 1, state: 'gathering', version: 3 }] })
export type Joined = Static<typeof JoinedSchema>

export const GatheringSchema = Type.Object({
  state: Type.Literal('gathering'),
  expected: Type.Integer(),
  joined: Type.Integer(),
  missing: Type.Array(SlotSchema),
  deadline: Timestamp('When the round expires unless complete')
}, { additionalProperties: false, description: 'Still waiting for these slots', examples: [{ state: 'gathering', expected: 3, joined: 2, missing: [{ role: 'worker', index: 1 }], deadline: '2026-12-02T10:10:00.000Z' }] })
export type Gathering = Static<typeof GatheringSchema>

export const WaitQuerySchema = Type.Object({
  // a query string is text (the app does not coerce types): 0 to 60 as digits
  wait: Type.Optional(Type.String({ pattern: '^(?:[0-9]|[1-5][0-9]|60)$', description: 'Seconds (0 to 60, default 0) to wait for the round to complete: a long poll', examples: ['30'] }))
}, { additionalProperties: false })

// A member's config: its node of the plan, with its TF_CONFIG as an object (C.3)
const { tf_config: _text, run_config: _view, ...nodeProperties } = PlanNodeSchema.properties

export const MemberConfigSchema = Type.Object({
  ...nodeProperties,
  tf_config: Type.Object({
    cluster: Type.Record(Type.String(), Type.Array(Type.String())),
    task: Type.Object({ type: Type.String(), index: Type.Integer() })
  }, { additionalProperties: true, description: 'The exact object to export as TF_CONFIG (as compact JSON text)' }),
  run_config: ref(RunConfigSchema, { description: 'What POST /v1/run-config answers for this tf_config and the job\'s config' }),
  round: Type.Integer(),
  version: Type.Integer()
}, {
  additionalProperties: false,
  description: 'This node as POST /v1/cluster-plan plans it, for the cluster the members made',
  examples: [{
    task_type: 'worker',
    task_id: 0,
    address: '10.0.0.6:2222',
    global_id_in_cluster: 1,
    is_chief: false,
    master: 'grpc://10.0.0.6:2222',
    evaluation_master: '',
    num_ps_replicas: 0,
    num_worker_replicas: 2,
    session_config: null,
    start_delay_secs: 0,
    tf_config: { cluster: { chief: ['10.0.0.5:2222'], worker: ['10.0.0.6:2222'] }, task: { type: 'worker', index: 0 } },
    round: 1,
    version: 3
  }]
})
export type MemberConfig = Static<typeof MemberConfigSchema>

export const ConflictSchema = Type.Object({
  statusCode: Type.Literal(409),
  error: Type.Literal('Conflict'),
  message: Type.String({ description: 'Which conflict: the slot\'s holder, no free slot, a different slot held, a complete round' }),
  holder: Type.Optional(Type.String({ description: 'The member in the way' }))
}, { additionalProperties: false, examples: [{ statusCode: 409, error: 'Conflict', message: 'Slot worker 3 belongs to member worker-c', holder: 'worker-c' }] })

export const GoneSchema = Type.Object({
  statusCode: Type.Literal(410),
  error: Type.Literal('Gone'),
  message: Type.String(),
  missing: Type.Optional(Type.Array(SlotSchema, { description: 'The slots nobody took before the deadline' }))
}, { additionalProperties: false, examples: [{ statusCode: 410, error: 'Gone', message: 'Round 1 of job resnet50 expired before every slot was taken', missing: [{ role: 'worker', index: 1 }] }] })

export const JobParamsSchema = Type.Object({ job: JobNameSchema })
export const MemberParamsSchema = Type.Object({ job: JobNameSchema, member: MemberKeySchema })
