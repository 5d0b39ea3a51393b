import type { FailedNode } from '../plan/cluster-plan.js'
import type { WarningCode } from '../schemas/warning-codes.js'

export { WARNING_CODES, type WarningCode } from '../schemas/warning-codes.js'

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
