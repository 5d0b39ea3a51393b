import { STATUS_CODES } from 'node:http'
import type { RunConfigError } from './errors.js'
import { ClusterPlanError } from './plan/cluster-plan.js'
import type { ErrorBody } from './schemas/errors.js'

export type { ErrorBody }

/** A status Node has no reason phrase for: nginx's, for a request its client gave up on. */
const MORE_REASONS: Record<number, string> = { 499: 'Client Closed Request' }

/**
 * Every refusal's body (SPEC A.1, the ErrorSchema): Fastify's own error shape, in its key order,
 * `code` only when there is one. plugins/errors.ts sendError answers with it; an export's refusals
 * (formats/plan-export.ts) are made with it, on the event loop and in the plan workers alike.
 */
export function errorBody (statusCode: number, message: string, code?: string): ErrorBody {
  const error = STATUS_CODES[statusCode] ?? MORE_REASONS[statusCode] ?? 'Error'
  return { statusCode, ...(code === undefined ? {} : { code }), error, message }
}

/**
 * What TensorFlow would raise, as the 422 body (SPEC A.1): the exception class and its exact text,
 * and for a cluster plan every failing node. The error handler and the plan workers both send it.
 */
export function pythonErrorBody (err: RunConfigError) {
  const failed = err instanceof ClusterPlanError ? { failed_nodes: err.failedNodes } : {}
  return { statusCode: 422, error: 'Unprocessable Entity', exception: err.exception, message: err.message, ...failed }
}
