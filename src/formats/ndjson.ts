import type { ClusterPlan } from '../plan/cluster-plan.js'
import { stringifyJson } from '../python/json-out.js'

/** The plan's nodes, one JSON object per line (NDJSON), each line ending in a newline. */
export function ndjsonLines (plan: ClusterPlan): string {
  return plan.nodes.map((node) => stringifyJson(node) + '\n').join('')
}
