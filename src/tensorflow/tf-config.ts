import { RunConfigError } from '../errors.js'
import { COORDINATOR_MAX_NESTING, MAX_NESTING, pyJsonLoads, recursionError, type NestingProbe } from '../python/json-loads.js'
import { pyTypeName } from '../python/repr.js'
import { isDict, pyItems, type PyValue } from '../python/value.js'

// The first container the coordinator's second json.loads of a TF_CONFIG would fail to open
const coordinatorOpenings = new WeakMap<object, string | null>()

/**
 * The TF_CONFIG a node sees: unset (`undefined`/`null`) reads as the text `{}`, a string is parsed
 * as `json.loads` would, an object is taken as already parsed (SPEC §1.3, A.3).
 */
export function readTfConfig (tfConfig: unknown): PyValue {
  if (tfConfig === undefined || tfConfig === null) return {}
  if (typeof tfConfig === 'string') {
    const probe: NestingProbe = { depth: COORDINATOR_MAX_NESTING }
    const value = pyJsonLoads(tfConfig, probe)
    if (typeof value === 'object' && value !== null) coordinatorOpenings.set(value, probe.opening ?? null)
    return value
  }
  const opening = firstOpeningBeyond(tfConfig as PyValue, MAX_NESTING)
  if (opening !== undefined) throw recursionError(opening)
  return tfConfig as PyValue
}

/**
 * The RecursionError of the distribute coordinator's own `json.loads(TF_CONFIG)`, whose deeper
 * stack leaves room for fewer levels than RunConfig's; undefined when the text parses there too.
 */
export function coordinatorNestingError (tfConfig: PyValue): RunConfigError | undefined {
  if (typeof tfConfig !== 'object' || tfConfig === null) return undefined
  let opening = coordinatorOpenings.get(tfConfig)
  if (opening === undefined) {
    opening = firstOpeningBeyond(tfConfig, COORDINATOR_MAX_NESTING) ?? null
    coordinatorOpenings.set(tfConfig, opening)
  }
  return opening === null ? undefined : recursionError(opening)
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
 * A TF_CONFIG given as an object reaches the node as JSON text: the opening bracket of the first
 * container, in text order, nested deeper than `limit` (undefined if none). Iterative.
 */
function firstOpeningBeyond (value: PyValue, limit: number): string | undefined {
  // depth-first in text order: children are pushed in reverse so the first one is visited first
  const stack: Array<[PyValue, number]> = [[value, 1]]
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [PyValue, number]
    if (typeof current !== 'object' || current === null || !(Array.isArray(current) || isDict(current))) continue
    if (depth > limit) return Array.isArray(current) ? '[' : '{'
    const items = Array.isArray(current) ? current : pyItems(current).map(([, item]) => item)
    for (let i = items.length - 1; i >= 0; i--) stack.push([items[i], depth + 1])
  }
  return undefined
}
