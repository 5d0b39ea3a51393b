import type { FailedNode } from '../plan/cluster-plan.js'

/** The stable codes of lint warnings, in the order docs/lint.md explains them. */
export const WARNING_CODES = [
  'DUPLICATE_ADDRESS',
  'LOOPBACK_ADDRESS',
  'INVALID_HOST_PORT',
  'UNSAFE_ADDRESS_CHARACTERS',
  'INVALID_HOST_NAME',
  'EVALUATOR_IN_CLUSTER',
  'EVALUATOR_INDEX',
  'UNSUPPORTED_TASK_TYPE',
  'LOCAL_TASK_TYPE',
  'EMPTY_JOB',
  'SPARSE_JOB_HOLES',
  'SINGLE_NODE_CLUSTER',
  'EMPTY_SESSION_MASTER',
  'TF_CONFIG_TOO_LARGE',
  'LONG_WORKER_DELAY',
  'WORKER_START_BURST',
  'UNKNOWN_STRATEGY',
  'UNKNOWN_TF_CONFIG_KEY',
  'UNKNOWN_TASK_KEY'
] as const

export type WarningCode = typeof WARNING_CODES[number]

/** Something that would go wrong at launch although RunConfig accepts it. */
export interface LintWarning {
  code: WarningCode
  /** What TensorFlow does there, in words a user can check without other documents. */
  message: string
  /** RFC 6901 JSON pointer into the request, e.g. `/cluster/worker/1`. */
  pointer: string
  /** What to change. */
  hint: string
}

/**
 * A cluster's lint: `ok` is false iff TensorFlow fails on some node (listed in `failed_nodes`,
 * `error` being the first failure), or on the cluster itself when it names no task.
 */
export interface LintReport {
  ok: boolean
  error: { exception: string, message: string } | null
  failed_nodes: FailedNode[]
  warnings: LintWarning[]
}

/** One node's lint: `ok` is false iff TensorFlow raises on the node (building its RunConfig, or in train_and_evaluate). */
export interface NodeLintReport {
  ok: boolean
  error: { exception: string, message: string } | null
  warnings: LintWarning[]
}
