import { stringifyJson } from '../python/json-out.js'
import { toJsonText } from '../python/json-value.js'
import type { Resolution } from '../tensorflow/resolve.js'
import type { EnvironmentVariables } from './variables.js'

/**
 * The TF_CONFIG text a node was given: a string as it is, an object as JSON text in its key order
 * (what the node's environment would hold); undefined when unset (absent or null).
 */
export function tfConfigText (tfConfig: unknown): string | undefined {
  if (tfConfig === undefined || tfConfig === null) return undefined
  return typeof tfConfig === 'string' ? tfConfig : toJsonText(tfConfig)
}

/** What a node's RUNCONFIG_<NAME> variables carry, in their order: from a resolution, or from a plan's node. */
export interface NodeValues {
  task_type: unknown
  task_id: unknown
  master: unknown
  evaluation_master: unknown
  is_chief: unknown
  num_ps_replicas: unknown
  num_worker_replicas: unknown
  global_id_in_cluster: unknown
  model_dir: unknown
  start_delay_secs: unknown
  train_and_evaluate_path: unknown
}

// The RUNCONFIG_ variables' order, whatever the order of the object given
const VALUE_NAMES: Array<keyof NodeValues> = [
  'task_type', 'task_id', 'master', 'evaluation_master', 'is_chief', 'num_ps_replicas', 'num_worker_replicas',
  'global_id_in_cluster', 'model_dir', 'start_delay_secs', 'train_and_evaluate_path'
]

/** The values of one resolved node. */
export function resolutionValues (resolution: Resolution): NodeValues {
  const { run_config: runConfig } = resolution
  return {
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
}

/**
 * A node's environment: TF_CONFIG as given (null when unset), then RUNCONFIG_<NAME>: strings as
 * they are, None as null (left unset), other values as JSON (`true`, `10`).
 */
export function environmentVariables (values: NodeValues, tfConfig: string | undefined): EnvironmentVariables {
  const vars: EnvironmentVariables = { TF_CONFIG: tfConfig ?? null }
  for (const name of VALUE_NAMES) {
    const value = values[name]
    vars[`RUNCONFIG_${name.toUpperCase()}`] = value === null || value === undefined ? null : typeof value === 'string' ? value : stringifyJson(value)
  }
  return vars
}

/** One resolved node's environment (environmentVariables of its values). */
export function nodeVariables (resolution: Resolution, tfConfig: string | undefined): EnvironmentVariables {
  return environmentVariables(resolutionValues(resolution), tfConfig)
}

/**
 * The environment of a node whose TF_CONFIG is in a file (too large for the environment): no
 * TF_CONFIG, and RUNCONFIG_TF_CONFIG_FILE naming the file, which examples/tf_config_shim.py loads
 * into os.environ before TensorFlow reads it.
 */
export function withTfConfigFile (vars: EnvironmentVariables, path: string): EnvironmentVariables {
  return { ...vars, TF_CONFIG: null, RUNCONFIG_TF_CONFIG_FILE: path }
}
