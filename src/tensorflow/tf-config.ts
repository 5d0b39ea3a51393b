import { RunConfigError } from '../errors.js'
import { MAX_NESTING, pyJsonLoads, recursionError } from '../python/json-loads.js'
import { pyTypeName } from '../python/repr.js'
import { isDict, type PyValue } from '../python/value.js'

/**
 * The TF_CONFIG a node sees: unset (`undefined`/`null`) reads as the text `{}`, a string is parsed
 * as `json.loads` would, an object is taken as already parsed (SPEC §1.3, A.3).
 */
export function readTfConfig (tfConfig: unknown): PyValue {
  if (tfConfig === undefined || tfConfig === null) return {}
  if (typeof tfConfig === 'string') return pyJsonLoads(tfConfig)
  checkNesting(tfConfig)
  return tfConfig as PyValue
}

/** Python `container.get(key, fallback)`; a non-dict container raises Python's AttributeError. */
export function pyGet<T extends PyValue | undefined> (container: PyValue, key: string, fallback: T): PyValue | T {
  if (!isDict(container)) {
    throw new RunConfigError('AttributeError', `'${pyTypeName(container)}' object has no attribute 'get'`)
  }
  return Object.hasOwn(container, key) ? container[key] : fallback
}

/** Python `key in container` for the TF_CONFIG dict. */
export function hasKey (container: PyValue, key: string): boolean {
  return isDict(container) && Object.hasOwn(container, key)
}

/**
 * A TF_CONFIG given as an object reaches the node as JSON text, which Python could not parse past
 * its recursion limit: the same RecursionError as for the text (checked without recursing).
 */
function checkNesting (value: unknown): void {
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number]
    if (typeof current !== 'object' || current === null) continue
    if (depth >= MAX_NESTING) throw recursionError(Array.isArray(current) ? '[' : '{')
    for (const item of Object.values(current)) stack.push([item, depth + 1])
  }
}
