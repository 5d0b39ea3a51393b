import { pyInt } from '../python/int.js'
import { isDict, pyItems, type PyDict, type PyValue } from '../python/value.js'
import { pointerToken } from './pointer.js'

/**
 * One job as the request writes it. Task i is `addresses[i]`; its key is its position in a list,
 * `keys[i]` in a dict. Nothing is allocated per task of a list: a cluster may have 100,000.
 */
export interface LintJob {
  name: string
  /** RFC 6901 pointer to the job in the request. */
  pointer: string
  /** Whether the job is a list or a dict: any other value is TensorFlow's TypeError. */
  isJob: boolean
  isSparse: boolean
  addresses: PyValue[]
  /** A dict's keys, in the request's order. */
  keys: string[]
  /** Python `int()` of a dict's keys; undefined where TensorFlow cannot read one (its error covers that). */
  indices: Array<bigint | undefined>
  /** `len(job_tasks(job))`: holes of a sparse job count (SPEC §7). */
  slots: bigint
  /** How many distinct indices the job defines (keys that collide after int() are one). */
  defined: number
}

/** The cluster's jobs in the request's order, pointed at under `base`; one pass over the tasks. */
export function clusterJobs (cluster: PyDict, base = '/cluster'): LintJob[] {
  return pyItems(cluster).map(([name, value]) => readJob(name, value, base))
}

/** RFC 6901 pointer to task i of the job. */
export function taskPointer (job: LintJob, i: number): string {
  return `${job.pointer}/${job.isSparse ? pointerToken(job.keys[i]) : i}`
}

/** The task index TensorFlow reads for task i of the job. */
export function taskIndex (job: LintJob, i: number): bigint | undefined {
  return job.isSparse ? job.indices[i] : BigInt(i)
}

function readJob (name: string, value: PyValue, base: string): LintJob {
  const job: LintJob = {
    name, pointer: `${base}/${pointerToken(name)}`, isJob: false, isSparse: false, addresses: [], keys: [], indices: [], slots: 0n, defined: 0
  }
  if (Array.isArray(value)) return { ...job, isJob: true, addresses: value, slots: BigInt(value.length), defined: value.length }
  if (!isDict(value)) return job
  const seen = new Set<bigint>()
  for (const [key, address] of pyItems(value)) {
    const index = readIndex(key)
    job.keys.push(key)
    job.addresses.push(address)
    job.indices.push(index)
    // negative keys index from the end of job_tasks' list: they add no slot
    if (index === undefined || index < 0n) continue
    seen.add(index)
    if (index >= job.slots) job.slots = index + 1n
  }
  return { ...job, isJob: true, isSparse: true, defined: seen.size }
}

function readIndex (key: string): bigint | undefined {
  // the usual key, read faster than Python's whole int() grammar
  if (/^(?:0|[1-9][0-9]{0,14})$/.test(key)) return BigInt(key)
  try {
    return pyInt(key)
  } catch {
    // pyInt raises only TensorFlow's own errors, which the plan reports
    return undefined
  }
}
