import type { Arguments } from './arguments.js'
import { clusterSpecOf } from './cluster-cache.js'
import { localDefaults, settingsFromTfConfig } from './distributed.js'
import { valueError } from '../errors.js'
import { pyTruthy } from '../python/ops.js'
import type { PyValue } from '../python/value.js'
import type { NodeSettings } from './run-config.js'
import { defaultSessionConfig } from './session-config.js'
import { distributeConfigField } from './strategy.js'
import { pyGet } from './tf-config.js'

/** `estimator_training.init_run_config` (SPEC §10); may move strategies from experimental_distribute. */
export function strategyPathSettings (args: Arguments, tfConfig: PyValue): NodeSettings {
  const experimental = args.experimental_distribute
  for (const kind of ['train', 'eval'] as const) {
    const field = `${kind}_distribute` as const
    if (!pyTruthy(experimental)) break
    const fromExperimental = distributeConfigField(experimental, field)
    if (!pyTruthy(fromExperimental)) continue
    if (pyTruthy(args[field])) {
      throw valueError(`Either \`${field}\` or\`experimental_distribute.${field}\` can be set.`)
    }
    args[field] = fromExperimental
  }
  const cluster = clusterSpecOf(pyGet(tfConfig, 'cluster', {}))
  const local = localDefaults()
  const remoteCluster = pyTruthy(experimental) ? distributeConfigField(experimental, 'remote_cluster') : null
  if (pyTruthy(args.train_distribute) && pyTruthy(remoteCluster)) {
    if (!cluster.isEmpty) {
      throw valueError('Cannot set both "cluster_spec" of TF_CONFIG and `experimental_distribute.remote_cluster`')
    }
    return { ...local, cluster_spec: remoteCluster, distribute_coordinator_mode: 'standalone_client' }
  }
  if (!pyTruthy(tfConfig) || cluster.hasJob('master') || !pyTruthy(args.train_distribute)) {
    const settings = settingsFromTfConfig(tfConfig)
    args.session_config = defaultSessionConfig(args.session_config, settings.cluster_spec.isEmpty, settings.task_type, settings.task_id)
    return { ...settings, distribute_coordinator_mode: null }
  }
  // INDEPENDENT_WORKER: only the cluster comes from TF_CONFIG; the coordinator does the rest
  return { ...local, cluster_spec: cluster, distribute_coordinator_mode: 'independent_worker' }
}
