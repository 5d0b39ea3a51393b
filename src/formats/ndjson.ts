import type { ClusterPlan } from '../plan/cluster-plan.js'

/** The plan's nodes, one JSON object per line (NDJSON), each line ending in a newline. */
export function ndjsonLines (plan: ClusterPlan): string {
  return plan.nodes.map((node) => JSON.stringify(node) + '\n').join('')
}
