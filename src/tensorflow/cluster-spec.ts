import { RunConfigError, typeError, valueError } from '../errors.js'
import { pyInt } from '../python/int.js'
import { pyTruthy } from '../python/ops.js'
import { pyRepr, pyReprIntKeyedDict } from '../python/repr.js'
import { comparePyStrings } from '../python/strings.js'
import { checkUtf8Encodable } from '../python/utf8.js'
import { isDict, pyItems, type PyValue } from '../python/value.js'

/**
 * A job's tasks: a dense job as its list (index i at position i: already sorted, no holes), a
 * sparse one as index → address in insertion order (Python dict semantics). Lists stay lists, so
 * that a large dense cluster costs no BigInt per task.
 */
type JobTasks = PyValue[] | Map<bigint, PyValue>

const INT32_MIN = -(2n ** 31n)
const INT32_MAX = 2n ** 31n - 1n
const CLUSTER_TYPE_MESSAGE = '`cluster` must be a dictionary mapping one or more job names to lists of network ' +
  'addresses, or a `ClusterDef` protocol buffer'
/** What `job_tasks(job)` raises for a job without tasks: `max()` of its empty index list. */
export const EMPTY_JOB_MESSAGE = 'max() arg is an empty sequence'

/** `job_tasks(job)`: its length (holes count) and the address at an index (undefined for a hole). */
export interface JobTaskList {
  readonly length: number
  at (index: number): PyValue | undefined
}

/** `as_dict()` entry of one job: `{}`, a dense list, or a sparse index → address map. */
export type JobAsDict = PyValue[] | Record<string, PyValue>

/**
 * tf.train.ClusterSpec as TensorFlow builds it from a dict (SPEC §7). Derived views are computed
 * once and cached, so resolving every node of a large cluster stays linear.
 */
export class ClusterSpec {
  readonly jobs: string[]
  private readonly tasks: Map<string, JobTasks>
  private readonly jobTasksCache = new Map<string, JobTaskList>()
  private asDictCache: Record<string, JobAsDict> | undefined
  private reprCache: string | undefined

  constructor (cluster: PyValue) {
    if (!isDict(cluster)) throw typeError(CLUSTER_TYPE_MESSAGE)
    this.tasks = new Map()
    // First pass, in insertion order: job values must be lists or dicts; dict keys go through int()
    for (const [job, value] of pyItems(cluster)) {
      this.tasks.set(job, readJobTasks(job, value))
    }
    this.jobs = [...this.tasks.keys()]
    checkClusterDef(this.tasks)
  }

  /** Python truthiness: false only without jobs (`{"worker": []}` is truthy). */
  get isEmpty (): boolean {
    return this.tasks.size === 0
  }

  hasJob (job: PyValue): boolean {
    return typeof job === 'string' && this.tasks.has(job)
  }

  /**
   * `len(as_dict().get(job, []))`, as TensorFlow counts ps and worker tasks: the defined tasks (0 for
   * a missing job), once the whole `as_dict()` is built (a bad negative key anywhere raises).
   */
  countTasks (job: string): number {
    this.asDict()
    const tasks = this.tasks.get(job)
    return tasks === undefined ? 0 : Array.isArray(tasks) ? tasks.length : tasks.size
  }

  /**
   * `job_tasks(job)`: a list of `max(index) + 1` entries with holes, built with Python's
   * list-assignment rules (negative indices count from the end). Only its length and entries are
   * used, so it is kept as a map rather than materialised (a sparse index near 2^31 stays cheap).
   */
  jobTasks (job: string): JobTaskList {
    const cached = this.jobTasksCache.get(job)
    if (cached !== undefined) return cached
    const tasks = this.tasks.get(job)
    if (tasks === undefined) throw valueError(`No such job in cluster: ${pyRepr(job)}`)
    if (Array.isArray(tasks)) {
      if (tasks.length === 0) throw valueError(EMPTY_JOB_MESSAGE)
      const dense = { length: tasks.length, at: (index: number) => tasks[index] }
      this.jobTasksCache.set(job, dense)
      return dense
    }
    if (tasks.size === 0) throw valueError(EMPTY_JOB_MESSAGE)
    let max = -(2n ** 64n)
    for (const index of tasks.keys()) if (index > max) max = index
    const length = max + 1n > 0n ? max + 1n : 0n
    const entries = new Map<number, PyValue>()
    for (const [index, address] of tasks) {
      const position = index < 0n ? length + index : index
      if (position < 0n) throw new RunConfigError('IndexError', 'list assignment index out of range')
      entries.set(Number(position), address)
    }
    const list = { length: Number(length), at: (index: number) => entries.get(index) }
    this.jobTasksCache.set(job, list)
    return list
  }

  /** `task_address(job, index)` as the distribute coordinator calls it. */
  taskAddress (job: PyValue, index: bigint): PyValue {
    if (Array.isArray(job) || isDict(job)) throw typeError(`unhashable type: '${Array.isArray(job) ? 'list' : 'dict'}'`)
    const tasks = typeof job === 'string' ? this.tasks.get(job) : undefined
    if (tasks === undefined) throw valueError(`No such job in cluster: ${pyRepr(job)}`)
    if (Array.isArray(tasks)) {
      if (index < 0n || index >= BigInt(tasks.length)) throw valueError(`No task with index ${index} in job ${pyRepr(job)}`)
      return tasks[Number(index)]
    }
    if (!tasks.has(index)) throw valueError(`No task with index ${index} in job ${pyRepr(job)}`)
    return tasks.get(index) as PyValue
  }

  /**
   * `as_dict()`: jobs in insertion order; `{}`, `job_tasks(job)` (a list, holes as None) when
   * `max(index) + 1` equals the number of tasks, else index → address. Building a list can raise
   * job_tasks' IndexError (a key below `-(max+1)`): so can everything that prints the cluster.
   */
  asDict (): Record<string, JobAsDict> {
    if (this.asDictCache !== undefined) return this.asDictCache
    const result: Record<string, JobAsDict> = {}
    for (const job of this.jobs) {
      const value = this.jobView(job)
      const entry = Array.isArray(value) ? (value.length > 0 ? value : {}) : Object.fromEntries(value.entries.map(([index, address]) => [index.toString(), address]))
      Object.defineProperty(result, job, { value: entry, enumerable: true, writable: true, configurable: true })
    }
    this.asDictCache = result
    return result
  }

  /** Python `repr(cluster_spec)`, as TensorFlow prints it inside error messages (through `as_dict()`). */
  repr (): string {
    if (this.reprCache !== undefined) return this.reprCache
    const items = [...this.jobs].sort(comparePyStrings).map((job) => {
      const value = this.jobView(job)
      return `${pyRepr(job)}: ${Array.isArray(value) ? (value.length > 0 ? pyRepr(value) : '{}') : pyReprIntKeyedDict(value.entries)}`
    })
    this.reprCache = `ClusterSpec({${items.join(', ')}})`
    return this.reprCache
  }

  /** One job of `as_dict()`: a list (`[]` standing for `{}`), or sparse entries sorted by index. */
  private jobView (job: string): PyValue[] | { entries: Array<[bigint, PyValue]> } {
    const tasks = this.tasks.get(job) as JobTasks
    if (Array.isArray(tasks)) return tasks
    const indices = sortedIndices(tasks)
    if (indices.length === 0) return []
    if (indices[indices.length - 1] + 1n !== BigInt(indices.length)) {
      return { entries: indices.map((index) => [index, tasks.get(index) as PyValue]) }
    }
    // max + 1 == len: the job_tasks list, built by Python's list assignment (negative keys included)
    const list = this.jobTasks(job)
    return Array.from({ length: list.length }, (_, index) => list.at(index) ?? null)
  }
}

/** Python truthiness of a RunConfig's `cluster_spec` (a ClusterSpec, or a standalone client's remote cluster). */
export function isEmptyCluster (cluster: ClusterSpec | PyValue): boolean {
  return cluster instanceof ClusterSpec ? cluster.isEmpty : !pyTruthy(cluster)
}

function readJobTasks (job: string, value: PyValue): JobTasks {
  if (Array.isArray(value)) return value
  const tasks = new Map<bigint, PyValue>()
  if (isDict(value)) {
    // Keys that collide after int() keep the first position and the last value, as a Python dict does
    for (const [key, address] of pyItems(value)) tasks.set(pyInt(key), address)
  } else {
    throw typeError(`The tasks for job ${pyRepr(job)} must be a list or a dictionary from integers to strings.`)
  }
  return tasks
}

/**
 * `_make_cluster_def`: jobs sorted by name; each name UTF-8 encoded, then its tasks by index, each
 * address type-checked and encoded before the int32 store of its index.
 */
function checkClusterDef (jobs: Map<string, JobTasks>): void {
  for (const job of [...jobs.keys()].sort(comparePyStrings)) {
    checkUtf8Encodable(job)
    const tasks = jobs.get(job) as JobTasks
    if (Array.isArray(tasks)) {
      // indices 0..n-1 are within int32 for any list a body can hold
      for (const address of tasks) checkAddress(address)
      continue
    }
    for (const index of sortedIndices(tasks)) {
      checkAddress(tasks.get(index) as PyValue)
      if (index < INT32_MIN || index > INT32_MAX) throw valueError(`Value out of range: ${index}`)
    }
  }
}

/** `compat.as_bytes(address)`: a string (TypeError otherwise, with its repr), encodable as UTF-8. */
function checkAddress (address: PyValue): void {
  if (typeof address !== 'string') throw typeError(`Task address ${pyRepr(address)} must be bytes or unicode`)
  checkUtf8Encodable(address)
}

function sortedIndices (tasks: Map<bigint, PyValue>): bigint[] {
  return [...tasks.keys()].sort((a, b) => (a < b ? -1 : 1)) // keys are distinct
}
