import type { DeviceFn, DistributeConfig, Strategy } from '../schemas/arguments.js'
import type { JsonObject, NonFiniteFloatText } from '../schemas/common.js'
import type { ConfigProto } from '../proto/config-proto-schema.js'
import { exactInt, nonFiniteFloat } from '../python/json-out.js'
import { toJsonValue } from '../python/json-value.js'
import type { PyValue } from '../python/value.js'

// A RunConfig's Python values in their API form, typed as the wire types the contract states. The
// request schemas and the constructor's checks (validate.ts, strategy.ts, distributed.ts) make every
// value an API request can reach one of them, so nothing is checked again here, on every answer's
// path. The core itself follows Python further: called directly with what the schemas refuse (True
// for an int, a string for a strategy) it holds that value as TensorFlow would and shows it as it
// is: never an API answer.

/** A Python value in API form (plain JSON data): floats lose their `.0`, NaN is "NaN", big ints stay exact. */
export function plainValue (value: PyValue): unknown {
  if (typeof value === 'object' && value !== null) return toJsonValue(value)
  if (typeof value === 'bigint') return exactInt(value)
  return typeof value === 'number' && !Number.isFinite(value) ? nonFiniteFloat(value) : value
}

/** plainValue, as the wire type the checks before it guarantee (see above). */
function wire<T> (value: PyValue): T {
  return plainValue(value) as T
}

export const intOrNull = (value: PyValue) => wire<number | bigint | null>(value)
export const numberOrNull = (value: PyValue) => wire<number | bigint | NonFiniteFloatText | null>(value)
export const stringOrNull = (value: PyValue) => wire<string | null>(value)
export const booleanOrNull = (value: PyValue) => wire<boolean | null>(value)
/** A dict (TF_CONFIG's service), or None. */
export const objectOrNull = (value: PyValue) => wire<JsonObject | null>(value)
export const strategyOrNull = (value: PyValue) => wire<Strategy | null>(value)
export const deviceFnOrNull = (value: PyValue) => wire<DeviceFn | null>(value)
export const distributeConfigOrNull = (value: PyValue) => wire<DistributeConfig | null>(value)

/** A stored session_config: storedValue made it canonical proto3 JSON (plain data already, shown as is, not copied). */
export function configProtoOrNull (value: PyValue): ConfigProto | null {
  return value as ConfigProto | null
}
