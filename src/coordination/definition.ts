import { ClusterPlanError, planCluster, type PlanRequest } from '../plan/cluster-plan.js'
import { RunConfigError } from '../errors.js'
import { DEFAULT_JOIN_TIMEOUT_SECS, MAX_JOB_TASKS, type JobDefinition, type JobRequest } from '../schemas/jobs.js'
import { CoordinationError } from './errors.js'
import { countSlots } from './slots.js'

const SINGLE_TASK_ROLES = ['chief', 'master', 'evaluator']

/**
 * A job's definition with its defaults applied, once it keeps C.2's rules and TensorFlow accepts
 * its `config` on every node (checked on placeholder addresses, as POST /v1/cluster-plan/lint would).
 */
export function defineJob (request: JobRequest): JobDefinition {
  const definition: JobDefinition = { ...request, join_timeout_secs: request.join_timeout_secs ?? DEFAULT_JOIN_TIMEOUT_SECS }
  for (const [role, count] of Object.entries(request.cluster)) {
    if (count < 1) throw new CoordinationError(422, `cluster.${role} must have at least 1 task, not ${count}`)
    if (count > 1 && SINGLE_TASK_ROLES.includes(role)) throw new CoordinationError(422, `cluster.${role} may have at most 1 task, not ${count}`)
  }
  const total = countSlots(request.cluster)
  if (total > MAX_JOB_TASKS) throw new CoordinationError(422, `The cluster has ${total} tasks; at most ${MAX_JOB_TASKS} are allowed`)
  try {
    planCluster({ ...planShape(definition, placeholderCluster(definition)), include: [] })
  } catch (error) {
    // the first failing node's exception, as the lint route reports it
    if (error instanceof ClusterPlanError) throw new RunConfigError(error.exception, error.message)
    /* c8 ignore next: only a bug raises anything else */
    throw error
  }
  return definition
}

/** Whether two definitions are the same, key order aside (C.2: a retried creation). */
export function sameDefinition (a: JobDefinition, b: JobDefinition): boolean {
  return canonicalText(a) === canonicalText(b)
}

/** What POST /v1/cluster-plan would be asked for this job with these addresses (the evaluator outside). */
export function planShape (definition: JobDefinition, addresses: Record<string, string[]>): PlanRequest {
  return {
    cluster: addresses,
    tf_config: definition.tf_config,
    config: definition.config,
    evaluator: Object.hasOwn(definition.cluster, 'evaluator')
  }
}

function placeholderCluster (definition: JobDefinition): Record<string, string[]> {
  const cluster: Record<string, string[]> = {}
  for (const [role, count] of Object.entries(definition.cluster)) {
    if (role !== 'evaluator') cluster[role] = Array.from({ length: count }, (_, i) => `${role}-${i}.placeholder:2222`)
  }
  return cluster
}

function canonicalText (value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner
    const entries = Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return Object.fromEntries(entries)
  })
}
