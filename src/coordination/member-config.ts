import { ClusterPlanError, planCluster, type PlanNode } from '../plan/cluster-plan.js'
import { RunConfigError } from '../errors.js'
import type { JobDefinition, MemberConfig } from '../schemas/jobs.js'
import { planShape } from './definition.js'
import type { JobSnapshot, MemberRow } from './store.js'

type Planned = { nodes: Map<string, PlanNode>, tfCluster: Record<string, string[]> } | { error: ClusterPlanError }

const CACHED_PLANS = 16

/**
 * A complete round's configs, computed by the planner of POST /v1/cluster-plan — once per job
 * version, however many members ask (1,000 woken waiters cost one plan, linear in the cluster).
 */
export class MemberConfigs {
  readonly #plans = new Map<string, Planned>()

  /** This member's config; throws RunConfigError when TensorFlow refuses its node with the real addresses. */
  configFor (snapshot: JobSnapshot, member: MemberRow): MemberConfig {
    const planned = this.#planned(snapshot)
    if ('error' in planned) throw nodeError(planned.error, member)
    const node = planned.nodes.get(slotKey(member.role, member.index)) as PlanNode
    const { run_config: runConfig, ...summary } = node
    const tfConfig = { cluster: planned.tfCluster, task: { type: member.role, index: member.index }, ...snapshot.job.definition.tf_config }
    return { ...summary, tf_config: tfConfig, run_config: runConfig, round: snapshot.job.round, version: snapshot.job.version } as MemberConfig
  }

  #planned (snapshot: JobSnapshot): Planned {
    const key = `${snapshot.job.job}\n${snapshot.job.version}`
    let planned = this.#plans.get(key)
    if (planned === undefined) {
      planned = plan(snapshot.job.definition, snapshot.members)
      // oldest out first: completed rounds are read in a burst, then rarely
      if (this.#plans.size >= CACHED_PLANS) this.#plans.delete(this.#plans.keys().next().value as string)
      this.#plans.set(key, planned)
    }
    return planned
  }
}

function plan (definition: JobDefinition, members: MemberRow[]): Planned {
  // the cluster in the definition's role order, each role's addresses by index (the evaluator outside)
  const tfCluster: Record<string, string[]> = {}
  for (const [role, count] of Object.entries(definition.cluster)) if (role !== 'evaluator') tfCluster[role] = new Array<string>(count)
  for (const m of members) if (m.role !== 'evaluator') tfCluster[m.role][m.index] = `${m.host}:${String(m.port)}`
  try {
    const { nodes } = planCluster({ ...planShape(definition, tfCluster), include: ['run_config'] })
    return { nodes: new Map(nodes.map((node) => [slotKey(node.task_type, node.task_id), node])), tfCluster }
  } catch (error) {
    /* c8 ignore next: only a bug raises anything else */
    if (!(error instanceof ClusterPlanError)) throw error
    return { error }
  }
}

/** This node's own failure; else (another node fails, or the cluster itself) the plan's first. */
function nodeError (error: ClusterPlanError, member: MemberRow): RunConfigError {
  const own = error.failedNodes.find((node) => node.task_type === member.role && node.task_id === member.index)
  return own === undefined ? new RunConfigError(error.exception, error.message) : new RunConfigError(own.exception, own.message)
}

function slotKey (role: string, index: number): string {
  return `${role}\n${index}`
}
