import { typeError, valueError } from '../errors.js'
import { ARGUMENT_DEFAULTS } from './argument-defaults.js'
import { canonicalizeConfigProto } from '../proto/config-proto-json.js'
import { isDict, type PyValue } from '../python/value.js'

/** RunConfig's keyword arguments, in the constructor's order (also `replace()`'s allowed list). */
export const ARGUMENT_NAMES = [
  'model_dir', 'tf_random_seed', 'save_summary_steps', 'save_checkpoints_steps', 'save_checkpoints_secs',
  'session_config', 'keep_checkpoint_max', 'keep_checkpoint_every_n_hours', 'log_step_count_steps',
  'train_distribute', 'device_fn', 'protocol', 'eval_distribute', 'experimental_distribute',
  'experimental_max_worker_delay_secs', 'session_creation_timeout_secs', 'checkpoint_save_graph_def'
] as const

export type ArgumentName = typeof ARGUMENT_NAMES[number]
export type Arguments = Record<ArgumentName, PyValue>
/** Arguments as a caller passes them: an absent key is not passed, `null` is None. */
export type ArgumentInput = Record<string, unknown>

const BOTH_SET_MESSAGE = '`save_checkpoints_steps` and `save_checkpoints_secs` cannot be both set.'

/**
 * A copy to fill in, once a request. (A node's RunConfig does not start from one: runConfigOf
 * writes every argument into its one literal.)
 */
function copyArguments (args: Arguments): Arguments {
  return { ...args }
}

export function isArgumentName (name: string): name is ArgumentName {
  return (ARGUMENT_NAMES as readonly string[]).includes(name)
}

/** Python's own TypeError for a keyword RunConfig does not take; raised before anything else. */
export function checkArgumentNames (input: ArgumentInput): void {
  for (const name of Object.keys(input)) {
    if (!isArgumentName(name)) throw typeError(`RunConfig.__init__() got an unexpected keyword argument '${name}'`)
  }
}

const DEFAULT_ARGUMENTS: Arguments = copyArguments(ARGUMENT_DEFAULTS)

/** Argument values with defaults applied, and the omitted-vs-None checkpoint rule (SPEC §3). */
export function applyDefaults (input: ArgumentInput): Arguments {
  const has = (name: ArgumentName): boolean => Object.hasOwn(input, name) && input[name] !== undefined
  const args = copyArguments(DEFAULT_ARGUMENTS)
  // (the names were checked: only the ones given are visited, usually none or a few)
  for (const name of Object.keys(input) as ArgumentName[]) if (has(name)) args[name] = storedValue(name, input[name] as PyValue)
  if (!has('save_checkpoints_steps') && !has('save_checkpoints_secs')) {
    args.save_checkpoints_secs = 600
  } else if (has('save_checkpoints_steps') && has('save_checkpoints_secs') &&
    args.save_checkpoints_steps !== null && args.save_checkpoints_secs !== null) {
    throw valueError(BOTH_SET_MESSAGE)
  }
  return args
}

/** `_validate_save_ckpt_with_replaced_keys`: the steps/secs interplay of `replace()` (SPEC §9). */
export function reconcileCheckpointKeys (args: Arguments, replaced: ReadonlySet<string>): void {
  const steps = replaced.has('save_checkpoints_steps')
  const secs = replaced.has('save_checkpoints_secs')
  if (steps && secs) {
    if (args.save_checkpoints_steps !== null && args.save_checkpoints_secs !== null) throw valueError(BOTH_SET_MESSAGE)
  } else if (steps && args.save_checkpoints_steps !== null) {
    args.save_checkpoints_secs = null
  } else if (secs && args.save_checkpoints_secs !== null) {
    args.save_checkpoints_steps = null
  }
}

/**
 * How an argument is held: a ConfigProto in canonical proto3 JSON (anything else stays as given
 * and fails validation), a DistributeConfig with its three fields.
 */
export function storedValue (name: ArgumentName, value: PyValue): PyValue {
  if (name === 'session_config' && isDict(value)) return canonicalizeConfigProto(value) as PyValue
  if (name === 'experimental_distribute' && isDict(value)) {
    return {
      train_distribute: value.train_distribute ?? null,
      eval_distribute: value.eval_distribute ?? null,
      remote_cluster: value.remote_cluster ?? null
    }
  }
  return value
}
