import { toJsonValue } from './json-value.js'
import { pyJsonLoads } from './json-loads.js'

// A quoted key that JavaScript would move ahead of the others ("0", "17", ...)
const INDEX_KEY = /"(?:0|[1-9][0-9]*)"\s*:/

/**
 * A request body, already parsed as standard JSON, with the key order its text gives (see
 * KEY_ORDER): only bodies with integer-like keys are read a second time, as TensorFlow's answers
 * may depend on where such keys stand among the others.
 */
export function withTextKeyOrder (text: string, parsed: unknown): unknown {
  if (!INDEX_KEY.test(text)) return parsed
  try {
    return toJsonValue(pyJsonLoads(text))
  } catch {
    // Python's own limits (such as 4300-digit ints) do not apply to a request body
    return parsed
  }
}
