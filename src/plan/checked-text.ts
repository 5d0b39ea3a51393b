import { withTextKeyOrder } from '../python/json-body.js'
import type { ClusterPlanRequest } from '../schemas/cluster-plan.js'
import type { PlannedCluster } from './cluster-plan.js'

// Texts a plan worker and the event loop pass each other. Both were checked where they were made,
// so they are read back with their types, not checked again: a second check of a 100,000-node
// request or plan would cost what the worker thread is there to save.

/**
 * A plan request's body text, which the event loop parsed and validated against
 * ClusterPlanRequestSchema before it gave it to a worker: read with its text's key order and exact
 * integers, as the route read it.
 */
export function readCheckedPlanRequest (text: string): ClusterPlanRequest {
  return withTextKeyOrder(text, JSON.parse(text)) as ClusterPlanRequest
}

/**
 * A plan a worker planned and wrote with stringifyJson (planCluster's answer, without its TF_CONFIG
 * texts), read back on the event loop to stream its texts as the client reads.
 */
export function readPlannedCluster (text: string): PlannedCluster {
  return withTextKeyOrder(text, JSON.parse(text)) as PlannedCluster
}
