import type { ArgumentInput } from '../tensorflow/arguments.js'
import { clusterSpecOf } from '../tensorflow/cluster-cache.js'
import { RunConfigError, type PythonException } from '../errors.js'
import { toJsonText } from '../python/json-value.js'
import { pyItems, type PyDict } from '../python/value.js'
import { checkArguments, distributeRunConfig, type CheckedArguments, type TfRunConfig } from '../tensorflow/run-config.js'
import { plainValue, viewRunConfig } from '../tensorflow/run-config-view.js'
import { configProtoOrNull, stringOrNull } from '../tensorflow/wire-values.js'
import { simulateTrainAndEvaluate } from '../tensorflow/train-and-evaluate.js'
import { planNodeTasks, type PlannedTask } from './plan-tasks.js'
import type { ClusterPlan, FailedNode as WireFailedNode, PlanNode } from '../schemas/cluster-plan.js'

export type { ClusterPlan, PlanNode }

/**
 * What nodes carry beyond their summary: their TF_CONFIG text, their whole RunConfig, and (for the
 * shell and dotenv formats, not in the API's JSON) the rest of their environment's values.
 */
export type PlanInclude = 'tf_config' | 'run_config' | 'environment'

/** The values of a node's RUNCONFIG_ variables that its summary lacks. */
export interface NodeEnvironment {
  model_dir: unknown
  train_and_evaluate_path: string | null
}

/** A whole cluster: the shared TF_CONFIG keys and arguments every node gets (SPEC A.6). */
export interface PlanRequest {
  cluster: PyDict
  tf_config?: PyDict
  config?: ArgumentInput
  evaluator?: boolean
  include?: PlanInclude[]
}

/**
 * A node as planned: the contract's PlanNode, and for the shell and dotenv formats (include
 * environment, never in the API's JSON) the rest of its environment's values.
 */
export type PlannedNode = PlanNode & { environment?: NodeEnvironment }

/** The wire's FailedNode, whose exception the core knows to be one of Python's classes it models. */
export interface FailedNode extends WireFailedNode {
  exception: PythonException
}

/** A plan as planned: the contract's ClusterPlan, whose nodes may carry their environment. */
export interface PlannedCluster extends ClusterPlan {
  nodes: PlannedNode[]
}

/** TensorFlow would fail on some nodes: the first failure, and every failing node. */
export class ClusterPlanError extends RunConfigError {
  readonly failedNodes: FailedNode[]

  /** `failedNodes` is empty when the cluster itself is invalid and names no task. */
  constructor (first: RunConfigError, failedNodes: FailedNode[]) {
    super(first.exception, first.message)
    this.failedNodes = failedNodes
  }
}

/** A node of a plan by its job and index, as in `worker:17`. */
export interface TaskName {
  type: string
  index: number
}

export interface PlanOptions {
  /**
   * Keep only this node: every node is still resolved (a failing one fails the plan), but only
   * this one is kept and given what include asks for. No node when the cluster has no such task.
   */
  only?: TaskName
}

/** Resolves every node of a cluster in global-id order, in time linear in the cluster's size. */
export function planCluster (request: PlanRequest, { only }: PlanOptions = {}): PlannedCluster {
  const include = new Set(request.include ?? [])
  const tasks = planNodeTasks(request.cluster, request.evaluator === true)
  const tfConfigText = include.has('tf_config') ? tfConfigTextOf(request) : undefined
  const kept = (task: PlannedTask) => only === undefined || (task.type === only.type && task.index === only.index)
  const nodes: PlannedNode[] = []
  const failed: FailedNode[] = []
  // Every node shares the arguments and TF_CONFIG's other keys: their checks run once
  let checked: CheckedArguments | { error: unknown }
  try {
    checked = checkArguments(request.config ?? {}, nodeTfConfig(request, tasks[0] ?? { type: 'chief', index: 0 }))
  } catch (error) {
    checked = { error }
  }
  for (const task of tasks) {
    const tfConfig = nodeTfConfig(request, task)
    try {
      if ('error' in checked) throw checked.error
      const runConfig = distributeRunConfig(checked.args, tfConfig)
      const outcome = simulateTrainAndEvaluate(runConfig, tfConfig)
      const node = summarize(task, runConfig, outcome.start_delay_secs)
      if (!kept(task)) continue
      if (tfConfigText !== undefined) node.tf_config = tfConfigText({ task_type: task.type, task_id: task.index })
      if (include.has('run_config')) node.run_config = viewRunConfig(runConfig)
      if (include.has('environment')) node.environment = { model_dir: plainValue(runConfig.model_dir), train_and_evaluate_path: outcome.path }
      nodes.push(node)
    } catch (error) {
      /* c8 ignore next: only a bug raises anything else, and it must surface */
      if (!(error instanceof RunConfigError)) throw error
      failed.push({ task_type: task.type, task_id: task.index, exception: error.exception, message: error.message })
    }
  }
  if (failed.length > 0) throw new ClusterPlanError(new RunConfigError(failed[0].exception, failed[0].message), failed)
  try {
    return { cluster_spec: clusterSpecOf(request.cluster).asDict(), nodes }
  } catch (error) {
    throw new ClusterPlanError(error as RunConfigError, [])
  }
}

function nodeTfConfig (request: PlanRequest, task: PlannedTask): PyDict {
  const tfConfig: PyDict = { cluster: request.cluster, task: { type: task.type, index: task.index } }
  for (const [key, value] of pyItems(request.tf_config ?? {})) {
    if (!(key in tfConfig)) Object.defineProperty(tfConfig, key, { value, enumerable: true })
  }
  return tfConfig
}

/** A node's TF_CONFIG text: the cluster's JSON text, its task, then the shared keys' text (extraKeysText). */
export function nodeTfConfigText (clusterText: string, task: Pick<PlannedTask, 'type' | 'index'>, extraText: string): string {
  return `{"cluster":${clusterText},"task":${JSON.stringify({ type: task.type, index: task.index })}${extraText}}`
}

/**
 * What include tf_config gives each node of the request's plan: its exact TF_CONFIG text, made
 * when asked for. The cluster's text is made once; the texts of a whole plan grow with the square
 * of the cluster, so a stream makes each node's as it goes rather than holding them all.
 */
export function tfConfigTextOf (request: PlanRequest): (node: Pick<PlanNode, 'task_type' | 'task_id'>) => string {
  const clusterText = toJsonText(request.cluster)
  const extraText = extraKeysText(request.tf_config ?? {})
  return (node) => nodeTfConfigText(clusterText, { type: node.task_type, index: node.task_id }, extraText)
}

/** The shared TF_CONFIG keys (all but cluster and task) as JSON text, each after a comma. */
export function extraKeysText (extra: PyDict): string {
  const entries = pyItems(extra).filter(([key]) => key !== 'cluster' && key !== 'task')
  return entries.map(([key, value]) => `,${JSON.stringify(key)}:${toJsonText(value)}`).join('')
}

function summarize (task: PlannedTask, config: TfRunConfig, startDelaySecs: number | null): PlannedNode {
  // only the three properties a node shows, not the whole 27-property view
  const view = {
    master: plainValue(config.master),
    evaluation_master: plainValue(config.evaluation_master),
    session_config: configProtoOrNull(config.session_config)
  }
  return {
    task_type: task.type,
    task_id: task.index,
    address: stringOrNull(task.address),
    global_id_in_cluster: config.global_id_in_cluster,
    is_chief: config.is_chief,
    master: view.master,
    evaluation_master: view.evaluation_master,
    num_ps_replicas: config.num_ps_replicas,
    num_worker_replicas: config.num_worker_replicas,
    session_config: view.session_config,
    start_delay_secs: startDelaySecs
  } satisfies PlanNode
}
