import type { RunConfigError } from './errors.js'
import type { NotRepresentableError } from './formats/variables.js'
import { ClusterPlanError } from './plan/cluster-plan.js'

/**
 * What TensorFlow would raise, as the 422 body (SPEC A.1): the exception class and its exact text,
 * and for a cluster plan every failing node. The error handler and the plan workers both send it.
 */
export function pythonErrorBody (err: RunConfigError) {
  const failed = err instanceof ClusterPlanError ? { failed_nodes: err.failedNodes } : {}
  return { statusCode: 422, error: 'Unprocessable Entity', exception: err.exception, message: err.message, ...failed }
}

/**
 * A value the text format asked for cannot hold (NUL, a dotenv value no quoting keeps exact), as
 * the 406 body: the node exists, not in that format. The error handler and the plan workers send it.
 */
export function notRepresentableBody (err: NotRepresentableError) {
  return { statusCode: 406, code: 'NOT_REPRESENTABLE', error: 'Not Acceptable', message: `${err.message}: ask for format json` }
}
