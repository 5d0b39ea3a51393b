import { distributedSessionConfig } from '../proto/config-proto-json.js'
import type { PyValue } from '../python/value.js'

/**
 * `_maybe_overwrite_session_config_for_distributed_training` (SPEC §8.7). A ConfigProto is always
 * truthy, so only a missing session_config is replaced, and only for TensorFlow's own job types.
 */
export function defaultSessionConfig (sessionConfig: PyValue, clusterIsEmpty: boolean, type: PyValue, id: bigint): PyValue {
  if (sessionConfig !== null || clusterIsEmpty) return sessionConfig
  switch (type) {
    case 'master': return distributedSessionConfig(['/job:ps', '/job:master']) as PyValue
    case 'chief': return distributedSessionConfig(['/job:ps', '/job:chief']) as PyValue
    case 'worker': return distributedSessionConfig(['/job:ps', `/job:worker/task:${id}`]) as PyValue
    case 'ps': return distributedSessionConfig(['/job:ps', '/job:worker', '/job:chief', '/job:master']) as PyValue
    default: return null
  }
}
