import type { ClusterPlan, PlanRequest } from '../plan/cluster-plan.js'
import { pyTruthy } from '../python/ops.js'
import type { LintJob } from './cluster-jobs.js'
import type { LintWarning } from './types.js'

// Jobs whose nodes start a std server in train_and_evaluate (SPEC §12); ps even in Google's environment
const TRAINER_JOBS = ['chief', 'master', 'worker']
const MAX_QUIET_DELAY_SECS = 60

/** Cluster-wide warnings: a one-task cluster and a `session_master` no server can start with. */
export function settingWarnings (request: PlanRequest, jobs: LintJob[]): LintWarning[] {
  const warnings: LintWarning[] = []
  const tfConfig = request.tf_config ?? {}
  const hasSessionMaster = Object.hasOwn(tfConfig, 'session_master')
  const sessionMaster = tfConfig.session_master
  const single = jobs.length === 1 && jobs[0].slots === 1n
  if (single && !(hasSessionMaster && pyTruthy(sessionMaster))) {
    warnings.push({
      code: 'SINGLE_NODE_CLUSTER',
      message: 'The cluster has a single task: its master is "" and train_and_evaluate starts no server ' +
        'for it, so it trains alone',
      pointer: '/cluster',
      hint: 'Fine for one machine; for distributed training list every task of the cluster'
    })
  }
  if (!hasSessionMaster || pyTruthy(sessionMaster)) return warnings
  const google = tfConfig.environment === 'google'
  let stopped = 0
  for (const job of jobs) {
    if (job.name === 'ps' || (!google && TRAINER_JOBS.includes(job.name))) stopped += job.addresses.length
  }
  // a single chief, master or worker needs no master (SPEC §12)
  if (stopped > 0 && !(single && TRAINER_JOBS.includes(jobs[0].name))) {
    warnings.push({
      code: 'EMPTY_SESSION_MASTER',
      message: `session_master is ${JSON.stringify(sessionMaster)}, which becomes every node's master: ` +
        `train_and_evaluate cannot start the server of ${stopped} node(s) and raises RuntimeError "Could not start ` +
        'server; be sure to specify master in RunConfig or set the TF_CONFIG environment variable."',
      pointer: '/tf_config/session_master',
      hint: 'Remove session_master (each node then uses grpc://<its address>) or set it to a grpc:// target'
    })
  }
  return warnings
}

/** The last worker's start delay, read from the plan, when it exceeds a minute. */
export function delayWarnings (plan: ClusterPlan): LintWarning[] {
  let last: ClusterPlan['nodes'][number] | undefined
  let longest = MAX_QUIET_DELAY_SECS
  for (const node of plan.nodes) {
    // Number(null) is 0: a node that fails before the delay does not wait
    const delay = Number(node.start_delay_secs)
    if (node.task_type === 'worker' && delay > longest) [last, longest] = [node, delay]
  }
  if (last === undefined) return []
  return [{
    code: 'LONG_WORKER_DELAY',
    message: `Worker ${last.task_id} waits ${longest} s before training: train_and_evaluate sleeps ` +
      'min(experimental_max_worker_delay_secs, 5 * (task_id + 1)) seconds on each worker',
    pointer: '/config/experimental_max_worker_delay_secs',
    hint: `Set experimental_max_worker_delay_secs to ${MAX_QUIET_DELAY_SECS} or less, or leave it unset (${MAX_QUIET_DELAY_SECS})`
  }]
}
