import { stringifyJson } from '../python/json-out.js'
import { toJsonText } from '../python/json-value.js'
import type { Resolution } from '../tensorflow/resolve.js'

/**
 * The TF_CONFIG text a node was given: a string as it is, an object as JSON text in its key order
 * (what the node's environment would hold); undefined when unset (absent or null).
 */
export function tfConfigText (tfConfig: unknown): string | undefined {
  if (tfConfig === undefined || tfConfig === null) return undefined
  return typeof tfConfig === 'string' ? tfConfig : toJsonText(tfConfig)
}

/** One node's environment: TF_CONFIG as given (when set), then RUNCONFIG_<PROPERTY>: strings as they are, other values as JSON. */
export function nodeVariables (resolution: Resolution, tfConfig: string | undefined): Record<string, string> {
  const { run_config: runConfig } = resolution
  const values: Record<string, unknown> = {
    task_type: runConfig.task_type,
    task_id: runConfig.task_id,
    master: runConfig.master,
    evaluation_master: runConfig.evaluation_master,
    is_chief: runConfig.is_chief,
    num_ps_replicas: runConfig.num_ps_replicas,
    num_worker_replicas: runConfig.num_worker_replicas,
    global_id_in_cluster: runConfig.global_id_in_cluster,
    model_dir: runConfig.model_dir,
    start_delay_secs: resolution.start_delay_secs,
    train_and_evaluate_path: resolution.train_and_evaluate.path
  }
  const vars: Record<string, string> = tfConfig === undefined ? {} : { TF_CONFIG: tfConfig }
  for (const [name, value] of Object.entries(values)) {
    vars[`RUNCONFIG_${name.toUpperCase()}`] = typeof value === 'string' ? value : stringifyJson(value)
  }
  return vars
}
