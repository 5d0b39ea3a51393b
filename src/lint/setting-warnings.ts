import type { ClusterPlan, PlanRequest } from '../plan/cluster-plan.js'
import { pyTruthy } from '../python/ops.js'
import { DELAY_SECS_PER_WORKER, MAX_WORKER_DELAY_SECS, SERVER_START_MESSAGE, TRAINER_JOBS } from '../tensorflow/train-and-evaluate.js'
import type { LintJob } from './cluster-jobs.js'
import { groupDigits } from './numbers.js'
import type { LintWarning } from './types.js'

// Workers starting at the same second from which a burst is worth a warning
const MIN_BURST = 10
const SLEEPS = `train_and_evaluate sleeps min(experimental_max_worker_delay_secs, ${DELAY_SECS_PER_WORKER} * (task_id + 1)) ` +
  'seconds on each worker'

/** Cluster-wide warnings: a one-task cluster and a `session_master` no server can start with. */
export function settingWarnings (request: PlanRequest, jobs: LintJob[], clusterPointer = '/cluster'): LintWarning[] {
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
      pointer: clusterPointer,
      hint: 'Fine for one machine; for distributed training list every task of the cluster'
    })
  }
  if (!hasSessionMaster || pyTruthy(sessionMaster)) return warnings
  const google = tfConfig.environment === 'google'
  let stopped = 0
  // the nodes that start a std server there: the trainers' (unless in Google's environment) and ps'
  for (const job of jobs) {
    if (job.name === 'ps' || (!google && TRAINER_JOBS.includes(job.name))) stopped += job.addresses.length
  }
  // a single chief, master or worker needs no master
  if (stopped > 0 && !(single && TRAINER_JOBS.includes(jobs[0].name))) {
    warnings.push({
      code: 'EMPTY_SESSION_MASTER',
      message: `session_master is ${JSON.stringify(sessionMaster)}, which becomes every node's master: ` +
        `train_and_evaluate cannot start the server of ${stopped} node(s) and raises RuntimeError "${SERVER_START_MESSAGE}"`,
      pointer: '/tf_config/session_master',
      hint: 'Remove session_master (each node then uses grpc://<its address>) or set it to a grpc:// target'
    })
  }
  return warnings
}

/** The worker start delays, read from the plan: the last worker's when it exceeds a minute, and a burst at the cap. */
export function delayWarnings (plan: ClusterPlan): LintWarning[] {
  let last: ClusterPlan['nodes'][number] | undefined
  let longest = MAX_WORKER_DELAY_SECS
  for (const node of plan.nodes) {
    // Number(null) is 0: a node that fails before the delay does not wait
    const delay = Number(node.start_delay_secs)
    if (node.task_type === 'worker' && delay > longest) [last, longest] = [node, delay]
  }
  const warnings = burstWarnings(plan)
  if (last === undefined) return warnings
  return [longWorkerDelay(last.task_id, longest), ...warnings]
}

/** LONG_WORKER_DELAY for a worker that waits `delay` seconds. */
export function longWorkerDelay (taskId: number, delay: number): LintWarning {
  return {
    code: 'LONG_WORKER_DELAY',
    message: `Worker ${taskId} waits ${delay} s before training: ${SLEEPS}`,
    pointer: '/config/experimental_max_worker_delay_secs',
    hint: `Set experimental_max_worker_delay_secs to ${MAX_WORKER_DELAY_SECS} or less, or leave it unset (${MAX_WORKER_DELAY_SECS})`
  }
}

/**
 * The workers that all start at the longest delay, when there are MIN_BURST or more: the cap
 * `min(experimental_max_worker_delay_secs, 5 * (task_id + 1))` gives every worker from some
 * task id on the same delay (989 of 1,000 workers at 60 s by default).
 */
function burstWarnings (plan: ClusterPlan): LintWarning[] {
  let workers = 0
  let cap = 0
  let atCap = 0
  let first = 0
  for (const node of plan.nodes) {
    if (node.task_type !== 'worker') continue
    workers++
    const delay = Number(node.start_delay_secs)
    if (delay > cap) [cap, atCap, first] = [delay, 0, node.task_id]
    if (delay === cap) {
      atCap++
      first = Math.min(first, node.task_id)
    }
  }
  if (cap === 0 || atCap < MIN_BURST) return []
  const spread = DELAY_SECS_PER_WORKER * workers
  return [{
    code: 'WORKER_START_BURST',
    message: `${groupDigits(atCap)} of ${groupDigits(workers)} workers start training at exactly ${cap} s, all at once: ` +
      `${SLEEPS}, so every worker from worker ${first} on waits the cap and then connects to the chief and the ps tasks together`,
    pointer: '/config/experimental_max_worker_delay_secs',
    hint: `To spread them ${DELAY_SECS_PER_WORKER} s apart, set experimental_max_worker_delay_secs to ${groupDigits(spread)} ` +
      `(${DELAY_SECS_PER_WORKER} × ` +
      `${groupDigits(workers)} workers): the last then waits ${groupDigits(spread)} s. Or start the workers in waves ` +
      'from the launcher (each wave after the one before has connected), or keep the burst if the chief and the ps ' +
      `tasks can take ${groupDigits(atCap)} workers at once`
  }]
}
