// What the plan view shows, from the service's answers: nodes grouped by job, each with its lint
// warnings and, when TensorFlow refuses the cluster, its refusal.
import { compareJobs, jobTasks } from './job-order.js'
import type { ClusterPlan, ErrorBody, FailedNode, LintReport, LintWarning, PlanNode } from './types.js'
import { groupWarnings } from './warnings.js'

export interface NodeModel {
  key: string
  taskType: string
  taskId: number
  address: string | null
  /** The planned node; null when the plan was refused as a whole. */
  planned: PlanNode | null
  refusal: FailedNode | null
  warnings: LintWarning[]
}
export interface JobGroup { job: string, nodes: NodeModel[], warnings: LintWarning[] }
export interface PlanModel {
  /** TensorFlow's refusal of the cluster (the plan's 422), or null. */
  refusal: { exception: string, message: string } | null
  groups: JobGroup[]
  general: LintWarning[]
  nodes: NodeModel[]
}

export interface PlanAnswers {
  plan: ClusterPlan | null
  refusal: ErrorBody | null
  lint: LintReport | null
  cluster: Record<string, unknown>
  evaluator: boolean
}

export function planModel ({ plan, refusal, lint, cluster, evaluator }: PlanAnswers): PlanModel {
  const warnings = groupWarnings(lint?.warnings ?? [])
  const failed = new Map((refusal?.failed_nodes ?? []).map((node) => [`${node.task_type}:${node.task_id}`, node]))
  const nodes: NodeModel[] = plan !== null
    ? plan.nodes.map((node) => nodeModel(node.task_type, node.task_id, node.address, node))
    : clusterNodes(cluster, evaluator).map(({ job, index, address }) => nodeModel(job, index, address, null))
  for (const node of nodes) {
    node.warnings = warnings.byNode.get(node.key) ?? []
    node.refusal = failed.get(node.key) ?? null
  }
  const groups = new Map<string, JobGroup>()
  for (const node of nodes) {
    let group = groups.get(node.taskType)
    if (group === undefined) {
      group = { job: node.taskType, nodes: [], warnings: warnings.byJob.get(node.taskType) ?? [] }
      groups.set(node.taskType, group)
    }
    group.nodes.push(node)
  }
  // a warning about an empty job names a job that has no node to hold it
  const general = [...warnings.general]
  for (const [job, list] of warnings.byJob) if (!groups.has(job)) general.push(...list)
  for (const [key, list] of warnings.byNode) if (!nodes.some((node) => node.key === key)) general.push(...list)
  const refused = refusal === null ? null : { exception: refusal.exception ?? refusal.error, message: refusal.message }
  return { refusal: refused, groups: [...groups.values()], general, nodes }
}

function nodeModel (taskType: string, taskId: number, address: string | null, planned: PlanNode | null): NodeModel {
  return { key: `${taskType}:${taskId}`, taskType, taskId, address, planned, refusal: null, warnings: [] }
}

/** The nodes as the cluster lists them, in global-id order: what can be shown of a refused plan. */
function clusterNodes (cluster: Record<string, unknown>, evaluator: boolean) {
  const nodes = Object.keys(cluster).sort(compareJobs)
    .flatMap((job) => jobTasks(cluster[job]).map(({ index, address }) => ({ job, index, address: address as string | null })))
  if (evaluator) nodes.push({ job: 'evaluator', index: 0, address: null })
  return nodes
}
