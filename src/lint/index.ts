import { ClusterPlanError, planCluster, type ClusterPlan, type PlanRequest } from '../plan/cluster-plan.js'
import { addressChecker } from './address-warnings.js'
import { clusterJobs } from './cluster-jobs.js'
import { jobWarnings } from './job-warnings.js'
import { delayWarnings, settingWarnings } from './setting-warnings.js'
import { tfConfigSizeWarnings } from './size-warnings.js'
import { strategyWarnings } from './strategy-warnings.js'
import type { LintReport, LintWarning } from './types.js'

export { WARNING_CODES, type LintReport, type LintWarning, type NodeLintReport, type WarningCode } from './types.js'
export { lintNode } from './node.js'

/** Which nodes of a cluster fail, and what would go wrong at launch on the others, in linear time. */
export function lintCluster (request: PlanRequest): LintReport {
  let plan: ClusterPlan | undefined
  let failure: ClusterPlanError | undefined
  try {
    // lint reads only the nodes' summaries: per-node TF_CONFIG texts would cost the square of the size
    plan = planCluster({ ...request, include: [] })
  } catch (error) {
    if (!(error instanceof ClusterPlanError)) throw error
    failure = error
  }
  const jobs = clusterJobs(request.cluster)
  const checkAddress = addressChecker(jobs.reduce((count, job) => count + job.addresses.length, 0))
  const warnings: LintWarning[] = []
  for (const job of jobs) {
    // no push(...list): a list of 100,000 warnings would overflow the call stack
    for (const warning of jobWarnings(job)) warnings.push(warning)
    for (let i = 0; i < job.addresses.length; i++) checkAddress(job, i, warnings)
  }
  for (const warning of settingWarnings(request, jobs)) warnings.push(warning)
  for (const warning of tfConfigSizeWarnings(request, jobs)) warnings.push(warning)
  for (const warning of strategyWarnings(request.config)) warnings.push(warning)
  if (plan !== undefined) for (const warning of delayWarnings(plan)) warnings.push(warning)
  const error = failure === undefined ? null : { exception: failure.exception, message: failure.message }
  return { ok: failure === undefined, error, failed_nodes: failure?.failedNodes ?? [], warnings }
}
