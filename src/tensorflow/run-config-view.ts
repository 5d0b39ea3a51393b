import { ARGUMENT_NAMES, storedValue, type Arguments } from './arguments.js'
import { clusterSpecOf } from './cluster-cache.js'
import { ClusterSpec } from './cluster-spec.js'
import { exactInt } from '../python/json-out.js'
import { isDict, type PyValue } from '../python/value.js'
import type { RunConfig } from '../schemas/resolution.js'
import type { CoordinatorMode, TfRunConfig } from './run-config.js'
import {
  booleanOrNull, configProtoOrNull, deviceFnOrNull, distributeConfigOrNull, intOrNull, numberOrNull, objectOrNull, plainValue, strategyOrNull,
  stringOrNull
} from './wire-values.js'

export { plainValue }

/** A RunConfig's 27 properties as the API shows them (SPEC A.3): the contract's RunConfig. */
export function viewRunConfig (config: TfRunConfig): RunConfig {
  // one literal (one shape, fast to write out), in the order of ARGUMENT_NAMES then the properties;
  // session_config is canonical JSON already, never from TF_CONFIG text
  return {
    model_dir: plainValue(config.model_dir),
    tf_random_seed: intOrNull(config.tf_random_seed),
    save_summary_steps: numberOrNull(config.save_summary_steps),
    save_checkpoints_steps: numberOrNull(config.save_checkpoints_steps),
    save_checkpoints_secs: numberOrNull(config.save_checkpoints_secs),
    session_config: configProtoOrNull(config.session_config),
    keep_checkpoint_max: numberOrNull(config.keep_checkpoint_max),
    keep_checkpoint_every_n_hours: numberOrNull(config.keep_checkpoint_every_n_hours),
    log_step_count_steps: numberOrNull(config.log_step_count_steps),
    train_distribute: strategyOrNull(config.train_distribute),
    device_fn: deviceFnOrNull(config.device_fn),
    protocol: stringOrNull(config.protocol),
    eval_distribute: strategyOrNull(config.eval_distribute),
    experimental_distribute: distributeConfigOrNull(config.experimental_distribute),
    experimental_max_worker_delay_secs: intOrNull(config.experimental_max_worker_delay_secs),
    session_creation_timeout_secs: numberOrNull(config.session_creation_timeout_secs),
    checkpoint_save_graph_def: booleanOrNull(config.checkpoint_save_graph_def),
    cluster_spec: config.cluster_spec instanceof ClusterSpec ? config.cluster_spec.asDict() : plainValue(config.cluster_spec),
    task_type: plainValue(config.task_type),
    task_id: exactInt(config.task_id),
    master: plainValue(config.master),
    evaluation_master: plainValue(config.evaluation_master),
    is_chief: config.is_chief,
    num_ps_replicas: config.num_ps_replicas,
    num_worker_replicas: config.num_worker_replicas,
    global_id_in_cluster: config.global_id_in_cluster,
    service: objectOrNull(config.service)
  } satisfies RunConfig
}

/**
 * Rebuilds a RunConfig from a view an earlier response returned, to `replace()` on it (a property
 * missing takes its value in a fresh RunConfig). The coordinator mode is not among the 27
 * properties, so the caller passes it along.
 */
export function runConfigFromView (view: Partial<RunConfig>, mode: CoordinatorMode): TfRunConfig {
  const args = {} as Arguments
  for (const name of ARGUMENT_NAMES) args[name] = storedValue(name, (view[name] ?? null) as PyValue)
  const cluster = (view.cluster_spec ?? {}) as PyValue
  return {
    ...args,
    // A standalone client's cluster is its remote cluster, as given; any other is a ClusterSpec
    cluster_spec: mode === 'standalone_client' || !isDict(cluster) ? cluster : clusterSpecOf(cluster),
    task_type: (view.task_type ?? null) as PyValue,
    task_id: BigInt((view.task_id ?? 0) as number),
    master: (view.master ?? '') as PyValue,
    evaluation_master: (view.evaluation_master ?? '') as PyValue,
    is_chief: view.is_chief === true,
    num_ps_replicas: (view.num_ps_replicas ?? 0) as number,
    num_worker_replicas: (view.num_worker_replicas ?? 0) as number,
    global_id_in_cluster: (view.global_id_in_cluster ?? null) as number | null,
    service: (view.service ?? null) as PyValue,
    distribute_coordinator_mode: mode
  }
}
