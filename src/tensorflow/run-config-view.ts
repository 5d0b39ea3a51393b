import { ARGUMENT_NAMES, storedValue, type Arguments } from './arguments.js'
import { clusterSpecOf } from './cluster-cache.js'
import { ClusterSpec } from './cluster-spec.js'
import { exactInt, nonFiniteFloat } from '../python/json-out.js'
import { toJsonValue } from '../python/json-value.js'
import { isDict, type PyValue } from '../python/value.js'
import type { CoordinatorMode, TfRunConfig } from './run-config.js'

/** The 27 RunConfig properties as the API shows them (SPEC A.3); values are plain JSON. */
export type RunConfigView = Record<string, unknown>

/** A RunConfig's properties in API form: `cluster_spec` is `as_dict()`, session_config canonical JSON. */
export function viewRunConfig (config: TfRunConfig): RunConfigView {
  // one literal (one shape, fast to write out), in the order of ARGUMENT_NAMES then the properties;
  // session_config is canonical JSON already, never from TF_CONFIG text
  return {
    model_dir: plain(config.model_dir),
    tf_random_seed: plain(config.tf_random_seed),
    save_summary_steps: plain(config.save_summary_steps),
    save_checkpoints_steps: plain(config.save_checkpoints_steps),
    save_checkpoints_secs: plain(config.save_checkpoints_secs),
    session_config: config.session_config,
    keep_checkpoint_max: plain(config.keep_checkpoint_max),
    keep_checkpoint_every_n_hours: plain(config.keep_checkpoint_every_n_hours),
    log_step_count_steps: plain(config.log_step_count_steps),
    train_distribute: plain(config.train_distribute),
    device_fn: plain(config.device_fn),
    protocol: plain(config.protocol),
    eval_distribute: plain(config.eval_distribute),
    experimental_distribute: plain(config.experimental_distribute),
    experimental_max_worker_delay_secs: plain(config.experimental_max_worker_delay_secs),
    session_creation_timeout_secs: plain(config.session_creation_timeout_secs),
    checkpoint_save_graph_def: plain(config.checkpoint_save_graph_def),
    cluster_spec: config.cluster_spec instanceof ClusterSpec ? config.cluster_spec.asDict() : plain(config.cluster_spec),
    task_type: plain(config.task_type),
    task_id: exactInt(config.task_id),
    master: plain(config.master),
    evaluation_master: plain(config.evaluation_master),
    is_chief: config.is_chief,
    num_ps_replicas: config.num_ps_replicas,
    num_worker_replicas: config.num_worker_replicas,
    global_id_in_cluster: config.global_id_in_cluster,
    service: plain(config.service)
  }
}

/**
 * Rebuilds a RunConfig from a view an earlier response returned, to `replace()` on it. The
 * coordinator mode is not among the 27 properties, so the caller passes it along.
 */
export function runConfigFromView (view: RunConfigView, mode: CoordinatorMode): TfRunConfig {
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

/** A Python value in API form (plain JSON data). */
export function plainValue (value: PyValue): unknown {
  return plain(value)
}

function plain (value: PyValue): unknown {
  if (typeof value === 'object' && value !== null) return toJsonValue(value)
  if (typeof value === 'bigint') return exactInt(value)
  return typeof value === 'number' && !Number.isFinite(value) ? nonFiniteFloat(value) : value
}
