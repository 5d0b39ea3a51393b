import fc from 'fast-check'
import t from 'tap'
import { RunConfigError } from '../../../src/errors.js'
import { ClusterSpec } from '../../../src/tensorflow/cluster-spec.js'
import { pyJsonLoads } from '../../../src/python/json-loads.js'

// Rule 3 of issue 14 (SPEC B §7): for sparse jobs with negative keys, the service's job_tasks and
// as_dict equal a direct model of Python's list semantics.

type Outcome = Array<string | null> | Record<string, string> | 'IndexError' | 'ValueError'

/** `job_tasks`: `[None] * (max+1)`, then `ret[k] = address` in insertion order, negative k from the end. */
function modelJobTasks (keys: number[]): Outcome {
  if (keys.length === 0) return 'ValueError'
  const length = Math.max(0, Math.max(...keys) + 1)
  const ret: Array<string | null> = new Array(length).fill(null)
  for (const key of keys) {
    const position = key < 0 ? key + length : key
    if (position < 0) return 'IndexError'
    ret[position] = `a${key}`
  }
  return ret
}

/** `as_dict()[job]`: `{}`; job_tasks when `max+1 == len`; else index → address, by index. */
function modelAsDict (keys: number[]): Outcome {
  if (keys.length === 0) return {}
  if (Math.max(...keys) + 1 === keys.length) return modelJobTasks(keys)
  return Object.fromEntries([...keys].sort((a, b) => a - b).map((key) => [String(key), `a${key}`]))
}

function outcome (run: () => Outcome): Outcome {
  try {
    return run()
  } catch (error) {
    if (!(error instanceof RunConfigError)) throw error
    return error.exception as 'IndexError' | 'ValueError'
  }
}

// keys in insertion order, as TF_CONFIG text gives them (the text keeps "3" before "1")
const keyLists = fc.uniqueArray(fc.integer({ min: -9, max: 9 }), { maxLength: 8 })

function spec (keys: number[]): ClusterSpec {
  const job = `{${keys.map((key) => `"${key}": "a${key}"`).join(', ')}}`
  return new ClusterSpec(pyJsonLoads(`{"other": ["o:1"], "w": ${job}}`))
}

t.test('rule 3: job_tasks follows Python list assignment, negative keys included', async (t) => {
  fc.assert(fc.property(keyLists, (keys) => {
    const actual = outcome(() => {
      const list = spec(keys).jobTasks('w')
      return Array.from({ length: list.length }, (_, i) => (list.at(i) ?? null) as string | null)
    })
    t.strictSame(actual, modelJobTasks(keys), JSON.stringify(keys))
  }), { numRuns: 500, seed: 14 })
})

t.test('rule 3: as_dict is job_tasks when max+1 == len, a sorted dict otherwise, its IndexError included', async (t) => {
  fc.assert(fc.property(keyLists, (keys) => {
    const actual = outcome(() => spec(keys).asDict().w as Outcome)
    const expected = modelAsDict(keys)
    t.strictSame(actual, expected, JSON.stringify(keys))
    // repr goes through as_dict: it fails exactly when as_dict does
    t.equal(outcome(() => { spec(keys).repr(); return [] }) === 'IndexError', expected === 'IndexError')
  }), { numRuns: 500, seed: 14 })
})
