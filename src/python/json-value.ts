import { exactInt, nonFiniteFloat, stringifyJson } from './json-out.js'
import { copyKeyOrder, isDict, pyItems, PyFloat, type PyDict, type PyValue } from './value.js'

/** How `toJsonValue` writes what JSON numbers cannot hold. */
export interface JsonValueOptions {
  /** ints beyond 2^53 as bigints (else rounded to a number) */
  readonly exactInts: boolean
  /** NaN and ±Infinity as strings (else left as numbers, for a request body's schema checks) */
  readonly nonFiniteAsText: boolean
}

const ANSWER: JsonValueOptions = { exactInts: true, nonFiniteAsText: true }

/**
 * A Python value as plain JSON data for a response: floats lose their `.0` (JSON numbers carry no
 * type), NaN and ±Infinity become "NaN", "Infinity", "-Infinity" (nonFiniteFloat), ints beyond
 * 2^53 stay bigints, for stringifyJson to print exactly. Iterative: TF_CONFIG may nest deeply.
 */
export function toJsonValue (value: PyValue, options: JsonValueOptions = ANSWER): unknown {
  const root: { value?: unknown } = {}
  const stack: Array<[PyValue, Record<string, unknown> | unknown[], string | number]> = [[value, root as Record<string, unknown>, 'value']]
  while (stack.length > 0) {
    const [current, parent, key] = stack.pop() as [PyValue, Record<string, unknown>, string]
    if (Array.isArray(current)) {
      const copy: unknown[] = new Array(current.length)
      parent[key] = copy
      current.forEach((item, index) => stack.push([item, copy, index]))
    } else if (current instanceof PyFloat) {
      parent[key] = current.value
    } else if (typeof current === 'bigint') {
      parent[key] = options.exactInts ? exactInt(current) : Number(current)
    } else if (typeof current === 'number' && !Number.isFinite(current) && options.nonFiniteAsText) {
      parent[key] = nonFiniteFloat(current)
    } else if (typeof current === 'object' && current !== null) {
      const copy: Record<string, unknown> = {}
      copyKeyOrder(current, copy as PyDict)
      parent[key] = copy
      for (const [name, item] of Object.entries(current)) {
        Object.defineProperty(copy, name, { value: undefined, enumerable: true, writable: true, configurable: true })
        stack.push([item, copy, name])
      }
    } else {
      parent[key] = current
    }
  }
  return root.value
}

/**
 * JSON text for a value whose dicts may carry a recorded key order (see KEY_ORDER), keeping that
 * order: the TF_CONFIG text a node gets must mean what the request meant. Request bodies are
 * depth-limited, so recursion is safe here.
 */
export function toJsonText (value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`
  if (isDict(value)) return `{${pyItems(value).map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`).join(',')}}`
  return stringifyJson(value)
}
