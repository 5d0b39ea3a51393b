import type { ClusterPlan } from '../plan/cluster-plan.js'
import { stringifyJson } from '../python/json-out.js'

// Nodes per chunk of a stream: a chunk per node would cost more than the JSON
const BATCH = 256

/** The plan's nodes, one JSON object per line (NDJSON), each line ending in a newline. */
export function ndjsonLines (plan: ClusterPlan): string {
  return [...ndjsonChunks(plan)].join('')
}

/** ndjsonLines in chunks of BATCH nodes. */
export function * ndjsonChunks (plan: ClusterPlan): Generator<string> {
  for (let start = 0; start < plan.nodes.length; start += BATCH) {
    yield plan.nodes.slice(start, start + BATCH).map((node) => stringifyJson(node) + '\n').join('')
  }
}
