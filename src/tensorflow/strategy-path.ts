import type { Arguments } from './arguments.js'
import { clusterSpecOf } from './cluster-cache.js'
import { localDefaults, settingsFromTfConfig, type NodeSettings } from './distributed.js'
import { valueError } from '../errors.js'
import { pyTruthy } from '../python/ops.js'
import type { PyValue } from '../python/value.js'
import { defaultSessionConfig } from './session-config.js'
import { distributeConfigField } from './strategy.js'
import { pyGet } from './tf-config.js'

/** What the strategy path decides for a node: its settings, and the arguments RunConfig stores after it. */
export interface StrategyPath {
  settings: NodeSettings
  /** The strategies, moved out of experimental_distribute when set there, and session_config, maybe defaulted. */
  stored: Pick<Arguments, 'train_distribute' | 'eval_distribute' | 'session_config'>
}

/** `estimator_training.init_run_config` (SPEC §10); the arguments are read, never changed. */
export function strategyPath (args: Arguments, tfConfig: PyValue): StrategyPath {
  const experimental = args.experimental_distribute
  const stored = { train_distribute: args.train_distribute, eval_distribute: args.eval_distribute, session_config: args.session_config }
  for (const kind of ['train', 'eval'] as const) {
    const field = `${kind}_distribute` as const
    if (!pyTruthy(experimental)) break
    const fromExperimental = distributeConfigField(experimental, field)
    if (!pyTruthy(fromExperimental)) continue
    if (pyTruthy(stored[field])) {
      throw valueError(`Either \`${field}\` or\`experimental_distribute.${field}\` can be set.`)
    }
    stored[field] = fromExperimental
  }
  const cluster = clusterSpecOf(pyGet(tfConfig, 'cluster', {}))
  const local = localDefaults()
  const remoteCluster = pyTruthy(experimental) ? distributeConfigField(experimental, 'remote_cluster') : null
  if (pyTruthy(stored.train_distribute) && pyTruthy(remoteCluster)) {
    if (!cluster.isEmpty) {
      throw valueError('Cannot set both "cluster_spec" of TF_CONFIG and `experimental_distribute.remote_cluster`')
    }
    return { settings: { ...local, cluster_spec: remoteCluster, distribute_coordinator_mode: 'standalone_client' }, stored }
  }
  if (!pyTruthy(tfConfig) || cluster.hasJob('master') || !pyTruthy(stored.train_distribute)) {
    const settings = settingsFromTfConfig(tfConfig)
    stored.session_config = defaultSessionConfig(stored.session_config, settings.cluster_spec.isEmpty, settings.task_type, settings.task_id)
    return { settings: { ...settings, distribute_coordinator_mode: null }, stored }
  }
  // INDEPENDENT_WORKER: only the cluster comes from TF_CONFIG; the coordinator does the rest
  return { settings: { ...local, cluster_spec: cluster, distribute_coordinator_mode: 'independent_worker' }, stored }
}
