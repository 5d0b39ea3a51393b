import type { DeviceFn, DistributeConfig, Strategy } from '../schemas/arguments.js'
import type { JsonObject, NonFiniteFloatText } from '../schemas/common.js'
import type { ConfigProto } from '../proto/config-proto-schema.js'
import { exactInt, nonFiniteFloat } from '../python/json-out.js'
import { toJsonValue } from '../python/json-value.js'
import { isDict, type PyValue } from '../python/value.js'

// A RunConfig's Python values in their API form, as the wire types the contract states. The request
// schemas and the constructor's checks (validate.ts, strategy.ts, distributed.ts) make every value
// an API request can reach one of them. The core itself follows Python further: called directly
// with what the schemas refuse (True for an int, a string for a strategy) it holds that value as
// TensorFlow would, and shows it as it is: never an API answer, so the wire type is not wrong there.

/** A Python value in API form (plain JSON data): floats lose their `.0`, NaN is "NaN", big ints stay exact. */
export function plainValue (value: PyValue): unknown {
  if (typeof value === 'object' && value !== null) return toJsonValue(value)
  if (typeof value === 'bigint') return exactInt(value)
  return typeof value === 'number' && !Number.isFinite(value) ? nonFiniteFloat(value) : value
}

export function intOrNull (value: PyValue): number | bigint | null {
  return wire(plainValue(value), (json): json is number | bigint | null =>
    json === null || typeof json === 'bigint' || (typeof json === 'number' && Number.isInteger(json)))
}

export function numberOrNull (value: PyValue): number | bigint | NonFiniteFloatText | null {
  return wire(plainValue(value), (json): json is number | bigint | NonFiniteFloatText | null =>
    json === null || typeof json === 'number' || typeof json === 'bigint' || isNonFiniteText(json))
}

export function stringOrNull (value: PyValue): string | null {
  return wire(plainValue(value), (json): json is string | null => json === null || typeof json === 'string')
}

export function booleanOrNull (value: PyValue): boolean | null {
  return wire(plainValue(value), (json): json is boolean | null => json === null || typeof json === 'boolean')
}

/** A stored session_config: storedValue made it canonical proto3 JSON (plain data already, shown as is). */
export function configProtoOrNull (value: PyValue): ConfigProto | null {
  return wire(value, (json): json is ConfigProto | null => json === null || isDict(json))
}

/** A dict (TF_CONFIG's service), or None. */
export function objectOrNull (value: PyValue): JsonObject | null {
  return wire(plainValue(value), (json): json is JsonObject | null => json === null || isObject(json))
}

export function strategyOrNull (value: PyValue): Strategy | null {
  return wire(plainValue(value), (json): json is Strategy | null => json === null || isStrategy(json))
}

export function deviceFnOrNull (value: PyValue): DeviceFn | null {
  return wire(plainValue(value), (json): json is DeviceFn | null => json === null || isDeviceFn(json))
}

export function distributeConfigOrNull (value: PyValue): DistributeConfig | null {
  return wire(plainValue(value), (json): json is DistributeConfig | null => json === null || isDistributeConfig(json))
}

function wire<T> (json: unknown, is: (json: unknown) => json is T): T {
  // outside the wire type only for a direct call with what the schemas refuse (see above)
  return is(json) ? json : json as T
}

function isNonFiniteText (json: unknown): json is NonFiniteFloatText {
  return json === 'NaN' || json === 'Infinity' || json === '-Infinity'
}

function isObject (json: unknown): json is JsonObject {
  return typeof json === 'object' && json !== null && !Array.isArray(json)
}

function isStrategy (json: unknown): json is Strategy {
  return isObject(json) && typeof json.strategy === 'string' && optionalBoolean(json.between_graph)
}

function isDeviceFn (json: unknown): json is DeviceFn {
  return isObject(json) && isStrings(json.args) && optionalBoolean(json.varargs) && optionalBoolean(json.varkw) &&
    (json.kwonly === undefined || isStrings(json.kwonly)) && optionalString(json.name)
}

function isDistributeConfig (json: unknown): json is DistributeConfig {
  const isStrategyOrAbsent = (value: unknown): boolean => value === undefined || value === null || isStrategy(value)
  return isObject(json) && isStrategyOrAbsent(json.train_distribute) && isStrategyOrAbsent(json.eval_distribute)
}

function isStrings (json: unknown): json is string[] {
  return Array.isArray(json) && json.every((item) => typeof item === 'string')
}

function optionalBoolean (json: unknown): json is boolean | undefined {
  return json === undefined || typeof json === 'boolean'
}

function optionalString (json: unknown): json is string | undefined {
  return json === undefined || typeof json === 'string'
}
