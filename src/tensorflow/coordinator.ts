import { clusterSpecOf } from './cluster-cache.js'
import { typeError, valueError } from '../errors.js'
import { pyInt } from '../python/int.js'
import { pyTruthy } from '../python/ops.js'
import { pyRepr, pyTypeName } from '../python/repr.js'
import type { PyValue } from '../python/value.js'
import type { RunConfig } from './run-config.js'
import { pyGet } from './tf-config.js'

/**
 * `distribute_coordinator.run_distribute_coordinator` as `train_and_evaluate` calls it (SPEC §10):
 * raises what the node would raise before training. A standalone client runs every task itself.
 */
export function runDistributeCoordinator (config: RunConfig, tfConfig: PyValue): void {
  if (config.distribute_coordinator_mode !== 'independent_worker') return
  // An independent worker reads its task from TF_CONFIG again; RunConfig kept only the cluster
  const rpcLayer = pyGet(tfConfig, 'rpc_layer', 'grpc')
  const taskEnv = pyGet(tfConfig, 'task', {})
  let type: PyValue = null
  let id: bigint | null = null
  if (pyTruthy(taskEnv)) {
    type = pyGet(taskEnv, 'type', null)
    id = pyInt(pyGet(taskEnv, 'index', null))
  }
  if (type === 'evaluator') return
  // Every other task first starts a std server at its own address, which must exist
  // (without a task both type and index are None, and the job lookup fails first)
  clusterSpecOf(pyGet(tfConfig, 'cluster', {})).taskAddress(type, id ?? 0n)
  if (pyTruthy(rpcLayer) && typeof rpcLayer !== 'string') throw concatenationError(rpcLayer)
  if (type === 'chief' || type === 'worker' || type === 'ps') return
  throw valueError(`Unexpected task_type: ${pyRepr(type)}`)
}

/** Python's TypeError for `rpc_layer + "://"` when rpc_layer is not a string. */
function concatenationError (left: PyValue): Error {
  const name = pyTypeName(left)
  return name === 'list'
    ? typeError('can only concatenate list (not "str") to list')
    : typeError(`unsupported operand type(s) for +: '${name}' and 'str'`)
}
