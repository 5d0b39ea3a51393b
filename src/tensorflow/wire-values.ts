import type { DeviceFn, DistributeConfig, Strategy } from '../schemas/arguments.js'
import type { JsonObject, NonFiniteFloatText } from '../schemas/common.js'
import type { ConfigProto } from '../proto/config-proto-schema.js'
import { exactInt, nonFiniteFloat } from '../python/json-out.js'
import { toJsonValue } from '../python/json-value.js'
import { isDict, type PyValue } from '../python/value.js'

// A RunConfig's Python values in their API form, narrowed to the wire types the contract states.
// The constructor's checks (validate.ts, strategy.ts, distributed.ts) and the request schemas make
// each value one of them; one that is not is a bug in the port, and fails loudly rather than
// answering what the contract does not allow.

/** A Python value in API form (plain JSON data): floats lose their `.0`, NaN is "NaN", big ints stay exact. */
export function plainValue (value: PyValue): unknown {
  if (typeof value === 'object' && value !== null) return toJsonValue(value)
  if (typeof value === 'bigint') return exactInt(value)
  return typeof value === 'number' && !Number.isFinite(value) ? nonFiniteFloat(value) : value
}

export function intOrNull (name: string, value: PyValue): number | bigint | null {
  return wire(name, plainValue(value), (json): json is number | bigint | null =>
    json === null || typeof json === 'bigint' || (typeof json === 'number' && Number.isInteger(json)))
}

export function numberOrNull (name: string, value: PyValue): number | bigint | NonFiniteFloatText | null {
  return wire(name, plainValue(value), (json): json is number | bigint | NonFiniteFloatText | null =>
    json === null || typeof json === 'number' || typeof json === 'bigint' || isNonFiniteText(json))
}

export function stringOrNull (name: string, value: PyValue): string | null {
  return wire(name, plainValue(value), (json): json is string | null => json === null || typeof json === 'string')
}

export function booleanOrNull (name: string, value: PyValue): boolean | null {
  return wire(name, plainValue(value), (json): json is boolean | null => json === null || typeof json === 'boolean')
}

/** A stored session_config: storedValue made it canonical proto3 JSON (plain data already, shown as is). */
export function configProtoOrNull (value: PyValue): ConfigProto | null {
  if (value === null || isDict(value)) return value
  throw new TypeError('RunConfig session_config does not have its API type (a bug in the port)')
}

/** A dict (TF_CONFIG's service), or None. */
export function objectOrNull (name: string, value: PyValue): JsonObject | null {
  return wire(name, plainValue(value), (json): json is JsonObject | null => json === null || isObject(json))
}

export function strategyOrNull (name: string, value: PyValue): Strategy | null {
  return wire(name, plainValue(value), (json): json is Strategy | null => json === null || isStrategy(json))
}

export function deviceFnOrNull (name: string, value: PyValue): DeviceFn | null {
  return wire(name, plainValue(value), (json): json is DeviceFn | null => json === null || isDeviceFn(json))
}

export function distributeConfigOrNull (name: string, value: PyValue): DistributeConfig | null {
  return wire(name, plainValue(value), (json): json is DistributeConfig | null => json === null || isDistributeConfig(json))
}

function wire<T> (name: string, json: unknown, is: (json: unknown) => json is T): T {
  if (!is(json)) throw new TypeError(`RunConfig ${name} does not have its API type (a bug in the port)`)
  return json
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
