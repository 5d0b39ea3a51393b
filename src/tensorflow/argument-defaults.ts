// A leaf data table (no imports): the TensorFlow port applies it, and the contract's examples show it

/**
 * What `RunConfig()` stores for each keyword argument not passed, in constructor order. The two
 * save_checkpoints_* are null here: when neither is passed, secs becomes 600 (applyDefaults, SPEC §3).
 */
export const ARGUMENT_DEFAULTS = {
  model_dir: null,
  tf_random_seed: null,
  save_summary_steps: 100,
  save_checkpoints_steps: null,
  save_checkpoints_secs: null,
  session_config: null,
  keep_checkpoint_max: 5,
  keep_checkpoint_every_n_hours: 10000,
  log_step_count_steps: 100,
  train_distribute: null,
  device_fn: null,
  protocol: null,
  eval_distribute: null,
  experimental_distribute: null,
  experimental_max_worker_delay_secs: null,
  session_creation_timeout_secs: 7200,
  checkpoint_save_graph_def: true
} as const
