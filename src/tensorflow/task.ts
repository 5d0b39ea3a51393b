import type { ClusterSpec } from './cluster-spec.js'
import { valueError } from '../errors.js'
import { pyInt } from '../python/int.js'
import { pyTruthy } from '../python/ops.js'
import { pyStr } from '../python/repr.js'
import type { PyValue } from '../python/value.js'
import { pyGet } from './tf-config.js'

export interface Task {
  type: string
  id: bigint
}

const NOTE = '\n\nNote that these values may be coming from the TF_CONFIG environment variable.'

/** `_validate_task_type_and_task_id` (SPEC §8.3), `chief` being `chief` or legacy `master`. */
export function validateTask (cluster: ClusterSpec, taskEnv: PyValue, chief: 'chief' | 'master'): Task {
  if (!cluster.hasJob(chief)) throw valueError(`If "cluster" is set in TF_CONFIG, it must have one "${chief}" node.`)
  if (cluster.jobTasks(chief).length > 1) {
    throw valueError(`The "cluster" in TF_CONFIG must have only one "${chief}" node.`)
  }
  const type = pyGet(taskEnv, 'type', null)
  const index = pyGet(taskEnv, 'index', null)
  if (!pyTruthy(type)) throw valueError('If "cluster" is set in TF_CONFIG, task type must be set.')
  if (index === null) throw valueError('If "cluster" is set in TF_CONFIG, task index must be set.')
  const id = pyInt(index)
  if (id < 0n) throw valueError('Task index must be non-negative number.')
  // The evaluator is not part of the training cluster: any index, no job needed
  if (type === 'evaluator') return { type, id }
  if (!cluster.hasJob(type)) {
    throw valueError(`${pyStr(type)} is not a valid task_type in the cluster_spec:\n${cluster.repr()}${NOTE}`)
  }
  const jobName = type as string
  if (id >= BigInt(cluster.jobTasks(jobName).length)) {
    throw valueError(`${id} is not a valid task_id for task_type ${jobName} in the cluster_spec:\n${cluster.repr()}${NOTE}`)
  }
  return { type: jobName, id }
}
