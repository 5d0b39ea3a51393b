import { planCluster, tfConfigTextOf, type ClusterPlan, type PlanNode, type PlanRequest, type TaskName } from '../plan/cluster-plan.js'
import { planNodeTasks } from '../plan/plan-tasks.js'
import { stringifyJson } from '../python/json-out.js'
import type { PlanExportFormat } from '../schemas/media-types.js'
import { kubernetesEnv } from './kubernetes.js'
import { ndjsonChunks } from './ndjson.js'
import { planDotenv, planShell } from './plan-blocks.js'
import { needsTfConfig, planRequestFor } from './render-plan.js'

// POST /v1/cluster-plan/exports, for the route and the plan workers: one node or the whole plan,
// in chunks that each make only their own nodes' TF_CONFIG texts

/** `TYPE:INDEX`, as in `worker:17` (a job name may hold colons: the index follows the last); undefined if malformed. */
export function parseTaskName (text: string): TaskName | undefined {
  const colon = text.lastIndexOf(':')
  const index = text.slice(colon + 1)
  if (colon <= 0 || !/^(?:0|[1-9][0-9]{0,8})$/.test(index)) return undefined
  return { type: text.slice(0, colon), index: Number(index) }
}

/** The cluster has no such task. */
export class UnknownTaskError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'UnknownTaskError'
  }
}

/**
 * The plan an export renders. With `only`, that node alone, with what its format needs. Without,
 * every node; for shell, dotenv and kubernetes without their TF_CONFIG texts: exportChunks makes
 * them chunk by chunk. Throws ClusterPlanError when a node fails, UnknownTaskError.
 */
export function planExport (request: PlanRequest, format: PlanExportFormat, only?: TaskName): ClusterPlan {
  if (only === undefined) return planCluster(needsTfConfig(format) ? { ...request, include: [] } : request)
  const plan = planCluster(planRequestFor(request, format), { only })
  if (plan.nodes.length === 0) throw new UnknownTaskError(unknownTaskMessage(request, only))
  return plan
}

/**
 * An export's answer in chunks of about `chunkBytes`. Shell, dotenv and kubernetes render a batch
 * of nodes per chunk with the format's own renderer, making those nodes' TF_CONFIG texts (unless
 * the plan has them) for that chunk alone: a whole plan's texts grow with the square of the
 * cluster, a chunk's do not. Joined, the chunks are the renderer's answer for the whole plan.
 */
export function * exportChunks (plan: ClusterPlan, format: PlanExportFormat, request: PlanRequest, chunkBytes: number): Generator<string> {
  if (format === 'ndjson') {
    yield * ndjsonChunks(plan)
    return
  }
  const textOf = tfConfigTextOf(request)
  const withText = (node: PlanNode): PlanNode => node.tf_config === undefined ? { ...node, tf_config: textOf(node) } : node
  // a node's share of the answer: its text, and some 100 bytes of comment, quoting and names
  const nodeBytes = plan.nodes.length === 0 ? 1 : (withText(plan.nodes[0]).tf_config as string).length + 100
  const batch = Math.max(1, Math.floor(chunkBytes / nodeBytes))
  if (format === 'kubernetes') yield '{"nodes":['
  for (let start = 0; start < plan.nodes.length; start += batch) {
    const part = { ...plan, nodes: plan.nodes.slice(start, start + batch).map(withText) }
    // what the renderers put between two nodes: a blank line between blocks, a comma between entries
    const between = start === 0 ? '' : format === 'kubernetes' ? ',' : '\n'
    yield between + renderPart(part, format)
  }
  if (format === 'kubernetes') yield ']}'
}

function renderPart (part: ClusterPlan, format: 'shell' | 'dotenv' | 'kubernetes'): string {
  switch (format) {
    case 'shell': return planShell(part)
    case 'dotenv': return planDotenv(part)
    case 'kubernetes': return kubernetesEnv(part).map((node) => stringifyJson(node)).join(',')
  }
}

/** An export's refusals other than TensorFlow's, as the error body the route and the plan workers answer with. */
export function exportRefusal (error: unknown): { statusCode: number, code: string, error: string, message: string } | undefined {
  if (error instanceof UnknownTaskError) {
    return { statusCode: 400, code: 'UNKNOWN_TASK', error: 'Bad Request', message: `querystring/task: ${error.message}` }
  }
  // the format's check of a value (formats/variables.ts): the node exists, but not in that format
  if (error instanceof RangeError) {
    return { statusCode: 406, code: 'NOT_REPRESENTABLE', error: 'Not Acceptable', message: `${error.message}: ask POST /v1/cluster-plan (JSON) for it` }
  }
  return undefined
}

// Which tasks the job has (or which jobs the cluster has), so that the client can pick one
function unknownTaskMessage (request: PlanRequest, only: TaskName): string {
  const name = `${JSON.stringify(only.type).slice(1, -1)}:${only.index}`
  if (only.type === 'evaluator' && request.evaluator !== true) {
    return `the plan has no task ${name}: the evaluator is planned with "evaluator": true in the body`
  }
  const tasks = planNodeTasks(request.cluster, request.evaluator === true)
  const indices = tasks.filter((task) => task.type === only.type).map((task) => task.index)
  if (indices.length === 0) {
    const jobs = [...new Set(tasks.map((task) => task.type))].map((job) => JSON.stringify(job)).join(', ')
    return `the plan has no job ${JSON.stringify(only.type)}; its jobs: ${jobs}`
  }
  const contiguous = indices.every((index, position) => index === position)
  const listed = contiguous && indices.length > 1 ? `0 to ${indices.length - 1}` : indices.slice(0, 10).join(', ') + (indices.length > 10 ? ', …' : '')
  return `the plan has no task ${name}; its ${JSON.stringify(only.type)} tasks: ${listed}`
}
