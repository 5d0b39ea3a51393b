import type { RunConfigError } from './errors.js'
import { ClusterPlanError } from './plan/cluster-plan.js'

/**
 * What TensorFlow would raise, as the 422 body (SPEC A.1): the exception class and its exact text,
 * and for a cluster plan every failing node. The error handler and the plan workers both send it.
 */
export function pythonErrorBody (err: RunConfigError) {
  const failed = err instanceof ClusterPlanError ? { failed_nodes: err.failedNodes } : {}
  return { statusCode: 422, error: 'Unprocessable Entity', exception: err.exception, message: err.message, ...failed }
}
