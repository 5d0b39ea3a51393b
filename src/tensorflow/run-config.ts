import { applyDefaults, checkArgumentNames, type ArgumentInput, type Arguments } from './arguments.js'
import { settingsFromTfConfig, type CoordinatorMode, type NodeSettings } from './distributed.js'
import { resolveModelDir } from './model-dir.js'
import type { PyValue } from '../python/value.js'
import { defaultSessionConfig } from './session-config.js'
import { checkStrategyCompatibility, usesStrategyPath } from './strategy.js'
import { strategyPath } from './strategy-path.js'
import { readTfConfig } from './tf-config.js'
import { validateProperties } from './validate.js'

// (the mode is one of the distributed settings, declared with them; RunConfig's callers import it from here)
export type { CoordinatorMode } from './distributed.js'

/**
 * A constructed `tf.estimator.RunConfig` as the port holds it: its stored arguments and its distributed
 * settings, as Python values. Its API form, the wire type RunConfig, is viewRunConfig's answer.
 */
export type TfRunConfig = Arguments & NodeSettings

export interface ConstructedRunConfig {
  runConfig: TfRunConfig
  /** TF_CONFIG as the node parsed it: `train_and_evaluate` reads it again. */
  tfConfig: PyValue
}

/** The arguments once the node-independent checks passed; TF_CONFIG's `task` plays no part yet. */
export interface CheckedArguments {
  args: Arguments
  tfConfig: PyValue
}

/** `RunConfig(**config)` on a node whose TF_CONFIG is `rawTfConfig`, checks in TensorFlow's order (SPEC §1). */
export function constructRunConfig (config: ArgumentInput, rawTfConfig: unknown): ConstructedRunConfig {
  const checked = checkArguments(config, rawTfConfig)
  return { tfConfig: checked.tfConfig, runConfig: distributeRunConfig(checked.args, checked.tfConfig) }
}

/**
 * The constructor up to the distributed settings: keywords, steps/secs, strategies, TF_CONFIG's
 * text, model_dir, the property checks. None of it reads `task` or `cluster`, so a plan runs it once.
 */
export function checkArguments (config: ArgumentInput, rawTfConfig: unknown): CheckedArguments {
  checkArgumentNames(config)
  const args = applyDefaults(config)
  checkStrategyCompatibility(args.train_distribute, args.eval_distribute)
  const tfConfig = readTfConfig(rawTfConfig)
  args.model_dir = resolveModelDir(tfConfig, args.model_dir)
  validateProperties(args)
  return { args, tfConfig }
}

/** The rest of the constructor: the strategy path, or TF_CONFIG's distributed settings. */
export function distributeRunConfig (checkedArgs: Arguments, tfConfig: PyValue): TfRunConfig {
  if (usesStrategyPath(checkedArgs.train_distribute, checkedArgs.eval_distribute, checkedArgs.experimental_distribute)) {
    // (it may move strategies out of experimental_distribute and set session_config: those are stored)
    const path = strategyPath(checkedArgs, tfConfig)
    return Object.assign(runConfigOf(checkedArgs, path.settings, path.settings.distribute_coordinator_mode), path.stored)
  }
  const settings = settingsFromTfConfig(tfConfig)
  const runConfig = runConfigOf(checkedArgs, settings, null)
  runConfig.session_config = defaultSessionConfig(checkedArgs.session_config, settings.cluster_spec.isEmpty, settings.task_type, settings.task_id)
  return runConfig
}

/** Arguments and settings as one RunConfig: one object literal, so every RunConfig has one shape. */
export function runConfigOf (
  args: Arguments, settings: Omit<NodeSettings, 'distribute_coordinator_mode'>, mode: CoordinatorMode
): TfRunConfig {
  return {
    model_dir: args.model_dir,
    tf_random_seed: args.tf_random_seed,
    save_summary_steps: args.save_summary_steps,
    save_checkpoints_steps: args.save_checkpoints_steps,
    save_checkpoints_secs: args.save_checkpoints_secs,
    session_config: args.session_config,
    keep_checkpoint_max: args.keep_checkpoint_max,
    keep_checkpoint_every_n_hours: args.keep_checkpoint_every_n_hours,
    log_step_count_steps: args.log_step_count_steps,
    train_distribute: args.train_distribute,
    device_fn: args.device_fn,
    protocol: args.protocol,
    eval_distribute: args.eval_distribute,
    experimental_distribute: args.experimental_distribute,
    experimental_max_worker_delay_secs: args.experimental_max_worker_delay_secs,
    session_creation_timeout_secs: args.session_creation_timeout_secs,
    checkpoint_save_graph_def: args.checkpoint_save_graph_def,
    cluster_spec: settings.cluster_spec,
    task_type: settings.task_type,
    task_id: settings.task_id,
    master: settings.master,
    evaluation_master: settings.evaluation_master,
    is_chief: settings.is_chief,
    num_ps_replicas: settings.num_ps_replicas,
    num_worker_replicas: settings.num_worker_replicas,
    global_id_in_cluster: settings.global_id_in_cluster,
    service: settings.service,
    distribute_coordinator_mode: mode
  }
}
