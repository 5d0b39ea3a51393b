import { ARGUMENT_NAMES, isArgumentName, reconcileCheckpointKeys, storedValue } from './arguments.js'
import { valueError } from '../errors.js'
import { pyItems, type PyDict, type PyValue } from '../python/value.js'
import type { TfRunConfig } from './run-config.js'
import { validateProperties } from './validate.js'

const ALLOWED = `[${ARGUMENT_NAMES.map((name) => `'${name}'`).join(', ')}]`

/**
 * `RunConfig.replace(**kwargs)` (SPEC §9): a copy with the keys applied in order, the steps/secs
 * interplay, and every property validated again. Nothing distributed is recomputed, and the
 * original is never modified.
 */
export function replaceRunConfig (config: TfRunConfig, kwargs: Record<string, unknown>): TfRunConfig {
  const copy: TfRunConfig = { ...config }
  for (const [key, value] of pyItems(kwargs as PyDict)) {
    if (!isArgumentName(key)) throw valueError(`Replacing ${key} is not supported. Allowed properties are ${ALLOWED}.`)
    copy[key] = storedValue(key, value as PyValue)
  }
  reconcileCheckpointKeys(copy, new Set(Object.keys(kwargs)))
  validateProperties(copy)
  return copy
}
