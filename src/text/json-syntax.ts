import { RunConfigError } from '../errors.js'
import { pyJsonLoads } from '../python/json-loads.js'

/**
 * Why `text` is not JSON, located: Python's json.loads message (`Expecting ',' delimiter: line 3
 * column 5 (char 20)`; JSON.parse says no line or column, and its words change with Node's
 * version), or the values Python reads but JSON does not. Undefined when it is JSON.
 */
export function jsonSyntaxError (text: string): string | undefined {
  try {
    pyJsonLoads(text)
  } catch (error) {
    /* c8 ignore next: pyJsonLoads raises nothing else */
    if (!(error instanceof RunConfigError)) throw error
    return error.message
  }
  try {
    JSON.parse(text)
  } catch {
    return 'NaN, Infinity and -Infinity are not JSON values'
  }
  return undefined
}
