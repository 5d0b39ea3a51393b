import type { Cluster } from '../schemas/arguments.js'

/** How many tasks a cluster lists (sparse jobs: the defined indices). */
export function countTasks (cluster: Cluster): number {
  let tasks = 0
  for (const job of Object.values(cluster)) tasks += Array.isArray(job) ? job.length : Object.keys(job).length
  return tasks
}

/**
 * A request's work, in about 10 µs units (measured; README "Limits"): one per task, and with each
 * node's TF_CONFIG text or RunConfig (include, or the shell, dotenv and kubernetes formats) one
 * more per kB of body (that text) per task: those answers grow with the square of the cluster.
 */
export function planCost (tasks: number, withTexts: boolean, bodyBytes: number): number {
  return withTexts ? tasks * (1 + bodyBytes / 1000) : tasks
}
