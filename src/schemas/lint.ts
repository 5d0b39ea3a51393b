import { Type, type Static } from 'typebox'
import { FailedNodeSchema } from './cluster-plan.js'
import { nullable, RaisedSchema } from './common.js'
import { SEED_CLUSTER } from './examples.js'
import { WARNING_CODES, type WarningCode } from './warning-codes.js'

/** The request NodeLintReportSchema's example answers (a test checks it): `clusters` for `cluster`. */
export const NODE_LINT_EXAMPLE_REQUEST = { tf_config: { clusters: { chief: ['host0:2222'] }, task: { type: 'worker', index: 0 } } }
const NODE_LINT_EXAMPLE = {
  ok: true,
  error: null,
  warnings: [{
    code: 'UNKNOWN_TF_CONFIG_KEY',
    message: 'TensorFlow reads cluster, task, session_master, eval_session_master, model_dir, environment, rpc_layer, ' +
      'service in TF_CONFIG and ignores "clusters" (did you mean "cluster"?): without "cluster" it sees no cluster, ' +
      'and this node trains alone, in local mode',
    pointer: '/tf_config/clusters',
    hint: 'Rename it to "cluster"'
  }]
}

// What POST /v1/cluster-plan/lint answers (docs/lint.md explains every code)

/** When each code is given: docs/lint.md's "when" column. A Record, so a new code needs its line here. */
export const WARNING_DESCRIPTIONS: Record<WarningCode, string> = {
  DUPLICATE_ADDRESS: 'Two tasks have the same host:port (host case ignored); pointer: the second task',
  LOOPBACK_ADDRESS: 'A loopback address (localhost, *.localhost, 127.*, ::1) in a cluster of more than one task',
  INVALID_HOST_PORT: 'A string address that is not host:port with a port from 1 to 65535 (IPv6 hosts in brackets)',
  UNSAFE_ADDRESS_CHARACTERS: 'An address with whitespace, control characters or shell metacharacters: launch scripts split it or run part of it',
  INVALID_HOST_NAME: 'A host that is neither an RFC 1123 host name nor an IPv4 or bracketed IPv6 address',
  EVALUATOR_IN_CLUSTER: 'The cluster has an evaluator job: it shifts the global ids of the jobs sorted after it',
  EVALUATOR_INDEX: 'An evaluator index above 0: train_and_evaluate raises ValueError on it',
  UNSUPPORTED_TASK_TYPE: 'A job other than chief, evaluator, master, ps, worker (and local): train_and_evaluate rejects its nodes',
  LOCAL_TASK_TYPE: 'A local job: train_and_evaluate raises its own ValueError for local',
  EMPTY_JOB: 'A job with no tasks: the nodes of the jobs after it fail with "max() arg is an empty sequence"',
  SPARSE_JOB_HOLES: 'A sparse job whose indices are not 0..n-1: the holes count in global ids',
  SINGLE_NODE_CLUSTER: 'One job with one task and no truthy session_master: master is "" and no server starts',
  EMPTY_SESSION_MASTER: 'A falsy session_master while some node starts a server: that server cannot start (RuntimeError)',
  TF_CONFIG_TOO_LARGE: 'A node\'s TF_CONFIG is larger than Linux takes in one environment variable (131,072 bytes with TF_CONFIG= and a NUL)',
  LONG_WORKER_DELAY: 'The last worker would wait more than 60 s before training',
  WORKER_START_BURST: '10 or more workers start training at the same second, the delay cap',
  UNKNOWN_STRATEGY: 'A distribution strategy class name TensorFlow has no class of (with the name it likely meant)',
  UNKNOWN_TF_CONFIG_KEY: 'One node\'s lint: a TF_CONFIG key TensorFlow ignores, such as clusters for cluster (then local mode)',
  UNKNOWN_TASK_KEY: 'One node\'s lint: a key of TF_CONFIG\'s task other than type and index, which TensorFlow ignores'
}

export const WarningCodeSchema = Type.Enum([...WARNING_CODES], {
  description: 'Stable code of the warning; tooling may match on it:\n' +
    WARNING_CODES.map((code) => `- \`${code}\`: ${WARNING_DESCRIPTIONS[code]}`).join('\n'),
  // one per value, in order: openapi-typescript and other generators show them on enum members
  'x-enum-descriptions': WARNING_CODES.map((code) => WARNING_DESCRIPTIONS[code])
})

export const LintWarningSchema = Type.Object({
  code: WarningCodeSchema,
  message: Type.String({ description: 'What TensorFlow does, and what goes wrong' }),
  pointer: Type.String({ description: 'RFC 6901 JSON pointer into the request', examples: ['/cluster/worker/1'] }),
  hint: Type.String({ description: 'What to change' })
}, { additionalProperties: false, description: 'Something that would go wrong at launch although RunConfig accepts it' })
export type LintWarning = Static<typeof LintWarningSchema>

/** What POST /v1/run-config/lint answers for one node. */
export const NodeLintReportSchema = Type.Object({
  ok: Type.Boolean({ description: 'False iff TensorFlow raises on the node: building its RunConfig, or in train_and_evaluate' }),
  error: nullable(RaisedSchema, { description: 'What TensorFlow raises; null when ok' }),
  warnings: Type.Array(LintWarningSchema, {
    description: 'TF_CONFIG keys TensorFlow ignores, then what the cluster lint finds in the node\'s cluster (pointers ' +
      'under /tf_config/cluster), then its strategies, its TF_CONFIG\'s size and its start delay'
  })
}, {
  $id: 'NodeLintReport',
  additionalProperties: false,
  description: 'Whether TensorFlow raises on one node, and what would go wrong at its launch',
  examples: [NODE_LINT_EXAMPLE]
})
export type NodeLintReport = Static<typeof NodeLintReportSchema>

const DUPLICATE_CLUSTER = { chief: ['host0:2222'], worker: ['host3:2222', 'host3:2222'] }
const NO_CHIEF = 'If "cluster" is set in TF_CONFIG, it must have one "chief" node.'

export const LintReportSchema = Type.Object({
  ok: Type.Boolean({ description: 'False iff TensorFlow fails on some node, or on the cluster itself' }),
  error: nullable(RaisedSchema, { description: 'The first failure; null when ok' }),
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
