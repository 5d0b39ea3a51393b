import { valueError } from '../errors.js'
import { pyEquals, pyTruthy } from '../python/ops.js'
import { pyStr } from '../python/repr.js'
import type { PyValue } from '../python/value.js'
import { pyGet } from './tf-config.js'

/**
 * `_get_model_dir` (SPEC §5): the argument's `""` is checked before TF_CONFIG is touched, so it
 * wins over a TF_CONFIG that is not an object; then TF_CONFIG's value must agree with the argument.
 */
export function resolveModelDir (tfConfig: PyValue, modelDir: PyValue): PyValue {
  if (pyEquals(modelDir, '')) throw valueError('model_dir should be non-empty.')
  const fromTfConfig = pyGet(tfConfig, 'model_dir', null)
  if (pyEquals(fromTfConfig, '')) throw valueError('model_dir in TF_CONFIG should be non-empty.')
  if (pyTruthy(fromTfConfig) && pyTruthy(modelDir) && !pyEquals(fromTfConfig, modelDir)) {
    throw valueError('`model_dir` provided in RunConfig construct, if set, must have the same value as the ' +
      `model_dir in TF_CONFIG. model_dir: ${pyStr(modelDir)}\nTF_CONFIG["model_dir"]: ${pyStr(fromTfConfig)}.\n`)
  }
  return pyTruthy(modelDir) ? modelDir : fromTfConfig
}
