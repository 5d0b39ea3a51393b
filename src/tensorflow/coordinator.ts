import { clusterSpecOf } from './cluster-cache.js'
import type { ClusterSpec } from './cluster-spec.js'
import { globalIdOrder } from './distributed.js'
import { typeError, valueError } from '../errors.js'
import { pyInt } from '../python/int.js'
import { pyTruthy } from '../python/ops.js'
import { pyRepr, pyTypeName } from '../python/repr.js'
import { isDict, type PyValue } from '../python/value.js'
import type { TfRunConfig } from './run-config.js'
import { isBetweenGraph } from './strategy.js'
import { coordinatorNestingError, pyGet } from './tf-config.js'

const NORMALIZE_MESSAGE = "`cluster_spec' should be dict or a `tf.train.ClusterSpec` or a `tf.train.ClusterDef` object"

/**
 * `distribute_coordinator.run_distribute_coordinator` as `train_and_evaluate` calls it on an
 * independent worker (SPEC §10): raises what the node would raise before training. A standalone
 * client runs every task itself, and nothing of it is modelled.
 */
export function runDistributeCoordinator (config: TfRunConfig, tfConfig: PyValue): void {
  if (config.distribute_coordinator_mode !== 'independent_worker') return
  // It reads TF_CONFIG again (from deeper in the stack: less room for nesting); RunConfig kept only the cluster
  const nesting = coordinatorNestingError(tfConfig)
  if (nesting !== undefined) throw nesting
  const clusterValue = pyGet(tfConfig, 'cluster', {})
  const taskEnv = pyGet(tfConfig, 'task', {})
  let type: PyValue = null
  let id: bigint | null = null
  if (pyTruthy(taskEnv)) {
    type = pyGet(taskEnv, 'type', null)
    id = pyInt(pyGet(taskEnv, 'index', null))
  }
  // no cluster in TF_CONFIG (a replace on an earlier run_config): it trains locally, and nothing fails
  if (!pyTruthy(clusterValue)) return
  if (!isDict(clusterValue)) throw valueError(NORMALIZE_MESSAGE)
  const cluster = clusterSpecOf(clusterValue)
  const rpcLayer = pyGet(tfConfig, 'rpc_layer', 'grpc')
  const environment = pyGet(tfConfig, 'environment', null)
  // it logs cluster_spec.as_dict() first: a bad negative key raises there, before anything starts
  cluster.asDict()
  if (type !== 'evaluator') startStdServer(cluster, type, id, rpcLayer, environment)
  if (type === 'chief' || type === 'worker') return runTrainer(config, cluster, type, id as bigint)
  if (type === 'evaluator' || type === 'ps') return
  throw valueError(`Unexpected task_type: ${pyRepr(type)}`)
}

/** `_run_std_server`: the node's own address, the protocol prefix, then the cluster without the evaluator. */
function startStdServer (cluster: ClusterSpec, type: PyValue, id: bigint | null, rpcLayer: PyValue, environment: PyValue): void {
  // without a task both type and index are None, and the job lookup fails first
  cluster.taskAddress(type, id ?? 0n)
  if (pyTruthy(rpcLayer) && typeof rpcLayer !== 'string') throw concatenationError(rpcLayer)
  // with environment "google" a remote session replaces the server: the cluster is not rebuilt
  if (environment === 'google') return
  // _split_cluster_for_evaluator: ClusterSpec(as_dict() minus the evaluator); a hole of a list is None
  const asDict = cluster.asDict()
  for (const job of Object.keys(asDict)) {
    const tasks = asDict[job]
    if (job !== 'evaluator' && Array.isArray(tasks) && tasks.includes(null)) {
      throw typeError('Task address None must be bytes or unicode')
    }
  }
}

/**
 * A chief or worker: between-graph, it runs the worker function with its own type and index;
 * in-graph, only the context's chief runs it, with type and index None.
 */
function runTrainer (config: TfRunConfig, cluster: ClusterSpec, type: 'chief' | 'worker', id: bigint): void {
  if (isBetweenGraph(config.train_distribute)) {
    masterTarget(cluster, type, id)
    globalIdWalk(cluster, type)
    return
  }
  masterTarget(cluster, type, id)
  const isChief = type === 'chief' || (!cluster.hasJob('chief') && type === 'worker' && id === 0n)
  if (isChief) masterTarget(cluster, null, null)
}

/**
 * `_WorkerContext._get_master_target`: `prefix + job_tasks(type)[task_id or 0]`, the chief's or
 * worker 0's for a None type. The prefix is a string by then (the server start checked rpc_layer).
 */
function masterTarget (cluster: ClusterSpec, type: 'chief' | 'worker' | null, id: bigint | null): void {
  const job = type ?? (cluster.hasJob('chief') ? 'chief' : 'worker')
  const list = cluster.jobTasks(job)
  // the server start found this index among the job's keys, so job_tasks() has a slot for it
  // (a negative one counts from the end, as in Python)
  const index = Number(id ?? 0n)
  if (list.at(index < 0 ? list.length + index : index) === undefined) {
    throw typeError('can only concatenate str (not "NoneType") to str')
  }
}

/** `estimator_training._get_global_id`: `job_tasks` of every job walked before the node's own. */
function globalIdWalk (cluster: ClusterSpec, type: string): void {
  const order = globalIdOrder(cluster.jobs, 'chief')
  // the node's own job is among them: the server start found its address
  for (const job of order.slice(0, order.indexOf(type))) cluster.jobTasks(job)
}

/** Python's TypeError for `rpc_layer + "://"` when rpc_layer is not a string. */
function concatenationError (left: PyValue): Error {
  const name = pyTypeName(left)
  return name === 'list'
    ? typeError('can only concatenate list (not "str") to list')
    : typeError(`unsupported operand type(s) for +: '${name}' and 'str'`)
}
