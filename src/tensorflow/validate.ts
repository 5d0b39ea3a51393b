import type { Arguments, ArgumentName } from './arguments.js'
import { valueError } from '../errors.js'
import { pyCompare, pyTruthy } from '../python/ops.js'
import { isDict, isPyInt, type PyValue } from '../python/value.js'

type Check = [ArgumentName, (value: PyValue) => boolean, string]

/** `_validate_properties`, in TensorFlow's fixed order: the first failing check wins (SPEC §6). */
const CHECKS: Check[] = [
  ['model_dir', pyTruthy, 'model_dir should be non-empty'],
  ['save_summary_steps', (v) => pyCompare(v, '>=', 0), 'save_summary_steps should be >= 0'],
  ['save_checkpoints_steps', (v) => pyCompare(v, '>=', 0), 'save_checkpoints_steps should be >= 0'],
  ['save_checkpoints_secs', (v) => pyCompare(v, '>=', 0), 'save_checkpoints_secs should be >= 0'],
  ['session_config', isDict, 'session_config must be instance of ConfigProto'],
  ['keep_checkpoint_max', (v) => pyCompare(v, '>=', 0), 'keep_checkpoint_max should be >= 0'],
  ['keep_checkpoint_every_n_hours', (v) => pyCompare(v, '>', 0), 'keep_checkpoint_every_n_hours should be > 0'],
  ['log_step_count_steps', (v) => pyCompare(v, '>', 0), 'log_step_count_steps should be > 0'],
  ['tf_random_seed', isPyInt, 'tf_random_seed must be integer.'],
  ['experimental_max_worker_delay_secs', isPyInt, 'experimental_max_worker_delay_secs must be an integer if set.'],
  ['session_creation_timeout_secs', (v) => pyCompare(v, '>', 0), 'session_creation_timeout_secs should be > 0'],
  ['device_fn', isDeviceFn, 'device_fn must be callable with exactly one argument "op".'],
  ['protocol', (v) => v === 'grpc' || v === 'grpc+verbs', 'protocol should be grpc or grpc+verbs']
]

/** Validate every property that is not None; numeric checks are Python comparisons with 0. */
export function validateProperties (args: Arguments): void {
  for (const [name, check, message] of CHECKS) {
    const value = args[name]
    if (value !== null && !check(value)) throw valueError(message)
  }
}

/**
 * A device function is given by its signature: valid when its positional-or-keyword parameter
 * names, as a set, are exactly {"op"} (`*args`/`**kwargs` ignored, a keyword-only `op` not counted).
 */
function isDeviceFn (value: PyValue): boolean {
  if (!isDict(value) || !Array.isArray(value.args)) return false
  const names = new Set(value.args)
  return names.size === 1 && names.has('op')
}
