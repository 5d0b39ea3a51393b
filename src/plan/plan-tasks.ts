import { pyInt } from '../python/int.js'
import { isDict, pyItems, type PyDict, type PyValue } from '../python/value.js'
import { globalIdOrder } from '../tensorflow/distributed.js'

/** One task of a planned cluster: its job, its index and its address as given. */
export interface PlannedTask {
  type: string
  index: number
  address: PyValue
}

/**
 * The cluster's tasks in global-id order (chief or legacy master first, other jobs sorted, ps
 * last; indices ascending; sparse jobs: the defined indices), then the evaluator when asked for.
 * Read straight from the request, so the nodes can be named even when the cluster is invalid;
 * keys that are not integers name no task (every node then reports the cluster's error).
 */
export function planNodeTasks (cluster: PyDict, evaluator: boolean): PlannedTask[] {
  const chief = Object.hasOwn(cluster, 'master') ? 'master' : 'chief'
  const tasks: PlannedTask[] = []
  for (const job of globalIdOrder(Object.keys(cluster), chief)) tasks.push(...jobTasks(job, cluster[job]))
  if (evaluator) tasks.push({ type: 'evaluator', index: 0, address: null })
  return tasks
}

function jobTasks (type: string, value: PyValue): PlannedTask[] {
  if (Array.isArray(value)) return value.map((address, index) => ({ type, index, address }))
  if (!isDict(value)) return []
  const byIndex = new Map<number, PyValue>()
  for (const [key, address] of pyItems(value)) {
    const index = integerKey(key)
    if (index !== undefined) byIndex.set(index, address)
  }
  return [...byIndex.keys()].sort((a, b) => a - b).map((index) => ({ type, index, address: byIndex.get(index) as PyValue }))
}

function integerKey (key: string): number | undefined {
  try {
    return Number(pyInt(key))
  } catch {
    return undefined
  }
}
