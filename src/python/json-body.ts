import { toJsonValue, type JsonValueOptions } from './json-value.js'
import { pyJsonLoads } from './json-loads.js'
import { isDict } from './value.js'

// A quoted key that JavaScript would move ahead of the others ("0", "17", ...)
const INDEX_KEY = /"(?:0|[1-9][0-9]*)"\s*:/
// Sixteen digits in a row: maybe an integer JSON.parse rounds (a false alarm costs a second read)
const LONG_DIGITS = /[0-9]{16}/

const ROUNDED: JsonValueOptions = { exactInts: false, nonFiniteAsText: false }
const EXACT: JsonValueOptions = { exactInts: true, nonFiniteAsText: false }

/**
 * A request body, already parsed as standard JSON, read a second time when its text has
 * integer-like keys or long integers: with the key order its text gives (see KEY_ORDER), as
 * TensorFlow's answers may depend on where such keys stand among the others; and with the
 * integers of its `tf_config` exact at any size (bigints past 2^53, SPEC §14), as Python reads
 * them. Elsewhere integers stay numbers, as the schema checks them.
 */
export function withTextKeyOrder (text: string, parsed: unknown): unknown {
  if (!INDEX_KEY.test(text) && !LONG_DIGITS.test(text)) return parsed
  try {
    const value = pyJsonLoads(text)
    const body = toJsonValue(value, ROUNDED)
    if (isDict(value) && Object.hasOwn(value, 'tf_config')) (body as Record<string, unknown>).tf_config = toJsonValue(value.tf_config, EXACT)
    return body
  } catch {
    // Python's own limits (such as 4300-digit ints, or nesting) do not apply to a request body
    return parsed
  }
}
