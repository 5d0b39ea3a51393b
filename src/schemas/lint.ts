import { Type, type Static } from 'typebox'
import { WARNING_CODES, type WarningCode } from '../lint/index.js'
import { FailedNodeSchema } from './cluster-plan.js'
import { nullable, PythonExceptionSchema } from './common.js'
import { SEED_CLUSTER } from './examples.js'

// What POST /v1/cluster-plan/lint answers (docs/lint.md explains every code)

/** When each code is given: docs/lint.md's "when" column. A Record, so a new code needs its line here. */
export const WARNING_DESCRIPTIONS: Record<WarningCode, string> = {
  DUPLICATE_ADDRESS: 'Two tasks have the same host:port (host case ignored); pointer: the second task',
  LOOPBACK_ADDRESS: 'A loopback address (localhost, *.localhost, 127.*, ::1) in a cluster of more than one task',
  INVALID_HOST_PORT: 'A string address that is not host:port with a port from 1 to 65535 (IPv6 hosts in brackets)',
  EVALUATOR_IN_CLUSTER: 'The cluster has an evaluator job: it shifts the global ids of the jobs sorted after it',
  EVALUATOR_INDEX: 'An evaluator index above 0: train_and_evaluate raises ValueError on it',
  UNSUPPORTED_TASK_TYPE: 'A job other than chief, evaluator, master, ps, worker (and local): train_and_evaluate rejects its nodes',
  LOCAL_TASK_TYPE: 'A local job: train_and_evaluate raises its own ValueError for local',
  EMPTY_JOB: 'A job with no tasks: the nodes of the jobs after it fail with "max() arg is an empty sequence"',
  SPARSE_JOB_HOLES: 'A sparse job whose indices are not 0..n-1: the holes count in global ids',
  SINGLE_NODE_CLUSTER: 'One job with one task and no truthy session_master: master is "" and no server starts',
  EMPTY_SESSION_MASTER: 'A falsy session_master while some node starts a server: that server cannot start (RuntimeError)',
  LONG_WORKER_DELAY: 'The last worker would wait more than 60 s before training'
}

export const WarningCodeSchema = Type.Enum([...WARNING_CODES], {
  description: 'Stable code of the warning; tooling may match on it:\n' +
    WARNING_CODES.map((code) => `- \`${code}\`: ${WARNING_DESCRIPTIONS[code]}`).join('\n'),
  // one per value, in order: openapi-typescript and other generators show them on enum members
  'x-enum-descriptions': WARNING_CODES.map((code) => WARNING_DESCRIPTIONS[code])
})

export const LintWarningSchema = Type.Object({
  code: WarningCodeSchema,
  message: Type.String({ description: 'What would go wrong at launch, and what TensorFlow does' }),
  pointer: Type.String({ description: 'RFC 6901 JSON pointer into the request', examples: ['/cluster/worker/1'] }),
  hint: Type.String({ description: 'What to change' })
}, { additionalProperties: false, description: 'Something that would go wrong at launch although RunConfig accepts it' })

const DUPLICATE_CLUSTER = { chief: ['host0:2222'], worker: ['host3:2222', 'host3:2222'] }
const NO_CHIEF = 'If "cluster" is set in TF_CONFIG, it must have one "chief" node.'

export const LintReportSchema = Type.Object({
  ok: Type.Boolean({ description: 'False iff TensorFlow fails on some node, or on the cluster itself' }),
  error: nullable(Type.Object({
    exception: PythonExceptionSchema,
    message: Type.String({ description: 'str(exception), verbatim' })
  }, { additionalProperties: false }), { description: 'The first failure; null when ok' }),
  failed_nodes: Type.Array(FailedNodeSchema, {
    description: 'Every node TensorFlow fails on, as the plan lists them; empty when the cluster itself is invalid and names no task'
  }),
  warnings: Type.Array(LintWarningSchema, {
    description: 'In the request\'s order: per job (job warnings, then its tasks\' address warnings), then the cluster-wide ones'
  })
}, {
  $id: 'LintReport',
  additionalProperties: false,
  description: 'Which nodes of a cluster fail, and what would go wrong at launch on the others',
  examples: [
    { ok: true, error: null, failed_nodes: [], warnings: [] },
    {
      ok: true,
      error: null,
      failed_nodes: [],
      warnings: [{
        code: 'DUPLICATE_ADDRESS',
        message: '"host3:2222" is also the address of /cluster/worker/0: both tasks\' servers would listen on it, and ' +
          'both tasks would be reached at the same master target',
        pointer: '/cluster/worker/1',
        hint: 'Give every task its own host:port'
      }]
    },
    {
      ok: false,
      error: { exception: 'ValueError', message: NO_CHIEF },
      failed_nodes: [
        { task_type: 'worker', task_id: 0, exception: 'ValueError', message: NO_CHIEF },
        { task_type: 'ps', task_id: 0, exception: 'ValueError', message: NO_CHIEF }
      ],
      warnings: []
    }
  ]
})
export type LintReport = Static<typeof LintReportSchema>

/** The requests whose lint LintReportSchema's examples show, in the same order (a test checks them). */
export const LINT_EXAMPLE_REQUESTS = [
  { cluster: SEED_CLUSTER },
  { cluster: DUPLICATE_CLUSTER },
  { cluster: { worker: ['host3:2222'], ps: ['host1:2222'] } }
]
