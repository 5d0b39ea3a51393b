import { DEFAULT_ESTIMATOR_SESSION_CONFIG } from '../proto/config-proto-json.js'
import { pyTruthy } from '../python/ops.js'
import type { ConfigProto } from '../proto/config-proto-schema.js'
import type { TfRunConfig } from './run-config.js'
import { configProtoOrNull } from './wire-values.js'

/** `tf.compat.v1.train.replica_device_setter`'s parameters, as Estimator passes them. */
export interface ReplicaDeviceSetter {
  ps_tasks: number
  ps_device: '/job:ps'
  worker_device: string
  merge_devices: true
}

/** What `Estimator(config=...)` derives from the config (SPEC §11). */
export interface EstimatorDerivation {
  session_config: ConfigProto
  device_fn: null | 'user' | ReplicaDeviceSetter
}

export function deriveEstimator (config: TfRunConfig): EstimatorDerivation {
  return {
    session_config: configProtoOrNull(config.session_config) ?? DEFAULT_ESTIMATOR_SESSION_CONFIG,
    device_fn: pyTruthy(config.device_fn) ? 'user' : replicaDeviceSetter(config)
  }
}

/** `_get_replica_device_setter`: only when there are ps tasks. */
function replicaDeviceSetter (config: TfRunConfig): ReplicaDeviceSetter | null {
  if (config.num_ps_replicas <= 0) return null
  const workerDevice = pyTruthy(config.task_type) ? `/job:${config.task_type as string}/task:${config.task_id}` : '/job:worker'
  return { ps_tasks: config.num_ps_replicas, ps_device: '/job:ps', worker_device: workerDevice, merge_devices: true }
}
