import { clusterSpecOf } from './cluster-cache.js'
import { ClusterSpec } from './cluster-spec.js'
import { typeError, valueError } from '../errors.js'
import { pyInt } from '../python/int.js'
import { pyEquals } from '../python/ops.js'
import { pyTypeName } from '../python/repr.js'
import { comparePyStrings } from '../python/strings.js'
import { isDict, type PyValue } from '../python/value.js'
import { validateTask } from './task.js'
import type { CoordinatorMode } from '../schemas/resolution.js'
import { hasKey, pyGet } from './tf-config.js'

/** The properties RunConfig derives from TF_CONFIG (SPEC §8). */
export interface DistributedSettings {
  service: PyValue
  cluster_spec: ClusterSpec
  task_type: PyValue
  task_id: bigint
  master: PyValue
  evaluation_master: PyValue
  is_chief: boolean
  num_ps_replicas: number
  num_worker_replicas: number
  global_id_in_cluster: number | null
}

// (the wire's type: the contract states the modes)
export type { CoordinatorMode }

/** What a node's RunConfig holds besides its arguments; the cluster is a remote one in standalone mode. */
export interface NodeSettings extends Omit<DistributedSettings, 'cluster_spec'> {
  cluster_spec: ClusterSpec | PyValue
  distribute_coordinator_mode: CoordinatorMode
}

const EMPTY_CLUSTER = new ClusterSpec({})

/** `_init_distributed_setting_from_environment_var`: service, cluster, then the mode's rules. */
export function settingsFromTfConfig (tfConfig: PyValue): DistributedSettings {
  const service = pyGet(tfConfig, 'service', null)
  if (service !== null && !isDict(service)) {
    throw typeError(`If "service" is set in TF_CONFIG, it must be a dict. Given <class '${pyTypeName(service)}'>`)
  }
  const cluster = clusterSpecOf(pyGet(tfConfig, 'cluster', {}))
  if (cluster.hasJob('master')) return masterMode(cluster, tfConfig, service)
  if (!cluster.isEmpty) return distributedMode(cluster, tfConfig, service)
  return localMode(tfConfig, service)
}

/** The settings of a node with no TF_CONFIG at all: what the strategy path starts from. */
export function localDefaults (): DistributedSettings {
  return localMode({}, null)
}

function localMode (tfConfig: PyValue, service: PyValue): DistributedSettings {
  const task = pyGet(tfConfig, 'task', {})
  const type = pyGet(task, 'type', 'worker')
  const id = pyInt(pyGet(task, 'index', 0))
  if (!pyEquals(type, 'worker')) throw valueError('If "cluster" is not set in TF_CONFIG, task type must be WORKER.')
  if (id !== 0n) throw valueError('If "cluster" is not set in TF_CONFIG, task index must be 0.')
  return {
    service,
    cluster_spec: EMPTY_CLUSTER,
    task_type: type,
    task_id: id,
    master: pyGet(tfConfig, 'session_master', ''),
    evaluation_master: pyGet(tfConfig, 'eval_session_master', ''),
    is_chief: true,
    num_ps_replicas: 0,
    num_worker_replicas: 1,
    global_id_in_cluster: 0
  }
}

function distributedMode (cluster: ClusterSpec, tfConfig: PyValue, service: PyValue): DistributedSettings {
  const { type, id } = validateTask(cluster, pyGet(tfConfig, 'task', {}), 'chief')
  if (type === 'evaluator') {
    // The evaluator is not part of the training cluster: its cluster is reset to empty
    return {
      service,
      cluster_spec: EMPTY_CLUSTER,
      task_type: type,
      task_id: id,
      master: '',
      evaluation_master: pyGet(tfConfig, 'eval_session_master', ''),
      is_chief: false,
      num_ps_replicas: 0,
      num_worker_replicas: 0,
      global_id_in_cluster: null
    }
  }
  return trainingNode(cluster, tfConfig, service, type, id, 'chief')
}

function masterMode (cluster: ClusterSpec, tfConfig: PyValue, service: PyValue): DistributedSettings {
  if (cluster.hasJob('chief')) throw valueError('If `master` node exists in `cluster`, job `chief` is not supported.')
  const { type, id } = validateTask(cluster, pyGet(tfConfig, 'task', {}), 'master')
  if (type === 'evaluator') {
    throw valueError('If `master` node exists in `cluster`, task_type `evaluator` is not supported.')
  }
  return trainingNode(cluster, tfConfig, service, type, id, 'master')
}

function trainingNode (
  cluster: ClusterSpec, tfConfig: PyValue, service: PyValue, type: string, id: bigint, chief: 'chief' | 'master'
): DistributedSettings {
  // TensorFlow's order decides which error wins: the legacy master mode walks the global id first
  const globalId = chief === 'master' ? globalIdInCluster(cluster, type, id, chief) : undefined
  const master = sessionMaster(cluster, tfConfig, type, id)
  const numPs = cluster.countTasks('ps')
  const numWorkers = cluster.countTasks('worker') + cluster.countTasks(chief)
  return {
    service,
    cluster_spec: cluster,
    task_type: type,
    task_id: id,
    master,
    evaluation_master: '',
    is_chief: type === chief,
    num_ps_replicas: numPs,
    num_worker_replicas: numWorkers,
    global_id_in_cluster: globalId ?? globalIdInCluster(cluster, type, id, chief)
  }
}

/** `_get_session_master` (SPEC §8.5). */
function sessionMaster (cluster: ClusterSpec, tfConfig: PyValue, type: string, id: bigint): PyValue {
  if (hasKey(tfConfig, 'session_master')) return pyGet(tfConfig, 'session_master', null)
  const jobs = cluster.jobs
  if (jobs.length === 1 && cluster.jobTasks(jobs[0]).length === 1) return ''
  const address = cluster.jobTasks(type).at(Number(id))
  if (address === undefined) throw typeError('can only concatenate str (not "NoneType") to str')
  return `grpc://${address as string}`
}

interface GlobalIdWalk {
  position: Map<string, number>
  offsets: number[]
  /** Position of the first job whose `job_tasks` raises (an empty job): nodes after it fail. */
  failsAt: number
  failure?: unknown
}

// Per cluster and chief job, the walk is computed once: a plan resolves every node of one cluster
const walks = new WeakMap<ClusterSpec, Map<string, GlobalIdWalk>>()

/**
 * The order of jobs global ids are counted in: `chief` (the chief job, `chief` or legacy `master`)
 * first, the other jobs sorted, ps last. Jobs not among `jobs` are left out.
 */
export function globalIdOrder (jobs: readonly string[], chief: string): string[] {
  const order = [...jobs].sort(comparePyStrings).filter((job) => job !== chief && job !== 'ps')
  if (jobs.includes(chief)) order.unshift(chief)
  if (jobs.includes('ps')) order.push('ps')
  return order
}

/** `_get_global_id_in_cluster`: the jobs in globalIdOrder, each counting its tasks, holes included (SPEC §8.6). */
function globalIdInCluster (cluster: ClusterSpec, type: string, id: bigint, chief: string): number {
  const walk = globalIdWalk(cluster, chief)
  const position = walk.position.get(type) as number
  if (position > walk.failsAt) throw walk.failure
  return walk.offsets[position] + Number(id)
}

function globalIdWalk (cluster: ClusterSpec, chief: string): GlobalIdWalk {
  let byChief = walks.get(cluster)
  if (byChief === undefined) walks.set(cluster, byChief = new Map())
  const cached = byChief.get(chief)
  if (cached !== undefined) return cached
  // (the node's task was validated: the chief job is in the cluster)
  const order = globalIdOrder(cluster.jobs, chief)
  const walk: GlobalIdWalk = { position: new Map(), offsets: [], failsAt: Infinity }
  let next = 0
  for (const [position, job] of order.entries()) {
    walk.position.set(job, position)
    walk.offsets.push(next)
    if (walk.failsAt !== Infinity) continue
    try {
      next += cluster.jobTasks(job).length
    } catch (error) {
      walk.failsAt = position
      walk.failure = error
    }
  }
  byChief.set(chief, walk)
  return walk
}
