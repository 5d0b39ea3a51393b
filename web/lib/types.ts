// The service's answers as the page reads them: the contract's own types (type-only imports:
// nothing of the server reaches the bundle).
import type { ClusterPlan, JobView, LintReport, PlanNode } from '../../src/schemas.js'

export type { ClusterPlan, JobView, LintReport, PlanNode }
export type LintWarning = LintReport['warnings'][number]
export type FailedNode = LintReport['failed_nodes'][number]

/** Fastify's error shape; a refused plan (422) adds TensorFlow's exception and the failing nodes. */
export interface ErrorBody {
  statusCode: number
  error: string
  message: string
  code?: string
  exception?: string
  failed_nodes?: FailedNode[]
}
