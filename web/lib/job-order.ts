// TensorFlow's global-id order of jobs (SPEC §7): chief or master first, the other jobs sorted,
// ps last; the evaluator, outside the cluster, after them all.

function rank (job: string): number {
  if (job === 'chief' || job === 'master') return 0
  if (job === 'ps') return 2
  if (job === 'evaluator') return 3
  return 1
}

/** Compare job names in global-id order. */
export function compareJobs (a: string, b: string): number {
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)
}

/** The task indices and addresses of one job as a cluster lists it (a list, or index → address). */
export function jobTasks (tasks: unknown): Array<{ index: number, address: string }> {
  if (Array.isArray(tasks)) return tasks.map((address, index) => ({ index, address: String(address) }))
  if (typeof tasks !== 'object' || tasks === null) return []
  return Object.entries(tasks)
    .map(([index, address]) => ({ index: Number(index), address: String(address) }))
    .sort((a, b) => a.index - b.index)
}
