import { runDistributeCoordinator } from './coordinator.js'
import { RunConfigError, valueError } from '../errors.js'
import { pyTruthy } from '../python/ops.js'
import { pyTypeName } from '../python/repr.js'
import type { PyValue } from '../python/value.js'
import type { Raised } from '../schemas/common.js'
import type { ExecutorPath } from '../schemas/resolution.js'
import type { TfRunConfig } from './run-config.js'
import { ClusterSpec, isEmptyCluster } from './cluster-spec.js'
import { pyGet } from './tf-config.js'

/** What `train_and_evaluate` does on the node: where it dispatches, what it raises, how long it sleeps. */
export interface TrainAndEvaluateOutcome {
  path: ExecutorPath | null
  error?: Raised
  /** The staggered worker delay; 0 where it does not sleep, null where it fails before that point. */
  start_delay_secs: number | null
}

/** The task types `_TrainingExecutor.run` has a `run_<task_type>` method for. */
export const SUPPORTED_TASK_TYPES: readonly string[] = ['chief', 'evaluator', 'master', 'ps', 'worker']
/** The jobs whose nodes train: alone in a one-task cluster, one starts its server without a master. */
export const TRAINER_JOBS: readonly string[] = ['chief', 'master', 'worker']
/** A worker's start delay cap when experimental_max_worker_delay_secs is None. */
export const MAX_WORKER_DELAY_SECS = 60
/** The stagger: worker `task_id` sleeps `min(cap, DELAY_SECS_PER_WORKER * (task_id + 1))` seconds. */
export const DELAY_SECS_PER_WORKER = 5

export const LOCAL_TASK_TYPE_MESSAGE = '`task.type` in TF_CONFIG cannot be `local`. Leaving `cluster` and `task` properties in ' +
  'TF_CONFIG absent triggers train and evaluate `Estimator` locally (non-distributed).'
export const SERVER_START_MESSAGE = 'Could not start server; be sure to specify master in RunConfig or set the TF_CONFIG ' +
  'environment variable.'

export function unsupportedTaskTypeMessage (type: string): string {
  return `Task type ${type} is not supported. Supported task types are [${SUPPORTED_TASK_TYPES.map((name) => `'${name}'`).join(', ')}]`
}

export function evaluatorIndexMessage (id: bigint): string {
  return `For distributed training, there can only be one \`evaluator\` task (with task id 0).  Given task id ${id}`
}

/** Follows `training.train_and_evaluate` on this node (SPEC §12), without running anything. */
export function simulateTrainAndEvaluate (config: TfRunConfig, tfConfig: PyValue): TrainAndEvaluateOutcome {
  let path: ExecutorPath | null = null
  try {
    if (shouldRunDistributeCoordinator(config)) {
      path = 'distribute_coordinator'
      runDistributeCoordinator(config, tfConfig)
      return { path, start_delay_secs: 0 }
    }
    if (config.task_type === 'evaluator' && config.task_id > 0n) {
      throw valueError(evaluatorIndexMessage(config.task_id))
    }
    path = executorPath(config)
    return { path, start_delay_secs: runExecutor(path, config, tfConfig) }
  } catch (error) {
    /* c8 ignore next: only a bug raises anything else, and it must surface */
    if (!(error instanceof RunConfigError)) throw error
    return { path, error: { exception: error.exception, message: error.message }, start_delay_secs: null }
  }
}

/** `should_run_distribute_coordinator`: a coordinator mode and a truthy cluster. */
function shouldRunDistributeCoordinator (config: TfRunConfig): boolean {
  return config.distribute_coordinator_mode !== null && !isEmptyCluster(config.cluster_spec)
}

/** `_TrainingExecutor.run`: local, or `run_<task_type>` for the supported types. */
function executorPath (config: TfRunConfig): ExecutorPath {
  const type = config.task_type
  if (isEmptyCluster(config.cluster_spec) && type !== 'evaluator') return 'run_local'
  if (!pyTruthy(type)) {
    throw valueError('`estimator.config` must have task_type set. This usually means TF_CONFIG environment is not set correctly.')
  }
  if (type === 'local') {
    throw valueError(LOCAL_TASK_TYPE_MESSAGE)
  }
  if (typeof type !== 'string') {
    throw new RunConfigError('TypeError', `can only concatenate str (not "${pyTypeName(type)}") to str`)
  }
  if (!SUPPORTED_TASK_TYPES.includes(type)) throw valueError(unsupportedTaskTypeMessage(type))
  return `run_${type}` as ExecutorPath
}

/** Runs the executor method up to the training loop and returns the worker's start delay. */
function runExecutor (path: ExecutorPath, config: TfRunConfig, tfConfig: PyValue): number {
  if (path === 'run_local' || path === 'run_evaluator') return 0
  if (path === 'run_ps' || pyGet(tfConfig, 'environment', null) !== 'google') startStdServer(config)
  if (config.task_type !== 'worker') return 0
  const max = config.experimental_max_worker_delay_secs === null
    ? MAX_WORKER_DELAY_SECS
    : Number(config.experimental_max_worker_delay_secs)
  const delay = Math.min(max, (Number(config.task_id) + 1) * DELAY_SECS_PER_WORKER)
  return delay > 0 ? delay : 0
}

/** `_start_std_server`'s checks: what stops a node's server from starting. */
function startStdServer (config: TfRunConfig): void {
  // (its first check, for an empty cluster or task type, cannot fail here: the executor checked both)
  if (pyTruthy(config.master)) return
  const cluster = config.cluster_spec
  // only a replace() on a doctored run_config gets here with a cluster that is not a ClusterSpec
  if (!(cluster instanceof ClusterSpec)) throw new RunConfigError('AttributeError', `'${pyTypeName(cluster as PyValue)}' object has no attribute 'jobs'`)
  const jobs = cluster.jobs
  if (jobs.length === 1 && cluster.jobTasks(jobs[0]).length === 1 && TRAINER_JOBS.includes(config.task_type as string)) return
  throw new RunConfigError('RuntimeError', SERVER_START_MESSAGE)
}
