import { planCluster, tfConfigTextOf, type PlannedCluster, type PlannedNode, type PlanRequest, type TaskName } from '../plan/cluster-plan.js'
import { planNodeTasks } from '../plan/plan-tasks.js'
import { stringifyJson } from '../python/json-out.js'
import { errorBody, type ErrorBody } from '../error-body.js'
import type { PlanExportFormat } from '../schemas/media-types.js'
import { dotenv } from './dotenv.js'
import { kubernetesEnv } from './kubernetes.js'
import { ndjsonChunks } from './ndjson.js'
import {
  PLAN_SHELL_TAIL, planDotenvHead, planDotenvNode, planNodeVariables, planShellHead, planShellNode, selectedNodeText
} from './plan-blocks.js'
import { needsTfConfig, planRequestFor } from './render-plan.js'
import { shellLines } from './shell.js'
import { NotRepresentableError } from './variables.js'

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
 * them chunk by chunk (shell and dotenv keep include environment, a few values per node). Throws
 * ClusterPlanError when a node fails, UnknownTaskError.
 */
export function planExport (request: PlanRequest, format: PlanExportFormat, only?: TaskName): PlannedCluster {
  const planned = planRequestFor(request, format)
  if (only === undefined) {
    if (!needsTfConfig(format)) return planCluster(request)
    return planCluster({ ...planned, include: (planned.include ?? []).filter((name) => name !== 'tf_config') })
  }
  const plan = planCluster(planned, { only })
  if (plan.nodes.length === 0) throw new UnknownTaskError(unknownTaskMessage(request, only))
  return plan
}

/** How to chunk an export, beyond its format. */
export interface ExportOptions {
  /** The plan is the node of `?task=`: shell and dotenv give its variables directly (renderPlan's selected). */
  selected?: boolean
}

/**
 * An export's answer in chunks of about `chunkBytes`. Shell, dotenv and kubernetes render a batch
 * of nodes per chunk with the format's own renderer, making those nodes' TF_CONFIG texts (unless
 * the plan has them) for that chunk alone: a whole plan's texts grow with the square of the
 * cluster, a chunk's do not. Joined, the chunks are renderPlan's answer for the whole plan. A
 * value the format cannot hold throws NotRepresentableError from the first chunk, before any byte.
 */
export function * exportChunks (
  plan: PlannedCluster, format: PlanExportFormat, request: PlanRequest, chunkBytes: number, { selected = false }: ExportOptions = {}
): Generator<string> {
  if (format === 'ndjson') {
    yield * ndjsonChunks(plan)
    return
  }
  const textOf = tfConfigTextOf(request)
  const withText = (node: PlannedNode): PlannedNode => node.tf_config === undefined ? { ...node, tf_config: textOf(node) } : node
  if (selected && format !== 'kubernetes' && plan.nodes.length === 1) {
    yield selectedNodeText(withText(plan.nodes[0]), format)
    return
  }
  checkNodes(plan, format, withText)
  // a node's share of the answer: its text, and some 100 bytes of comment, quoting and names
  // (shell and dotenv: some 400 more, the RUNCONFIG_ lines)
  const extraBytes = format === 'kubernetes' ? 100 : 500
  const nodeBytes = plan.nodes.length === 0 ? 1 : (withText(plan.nodes[0]).tf_config as string).length + extraBytes
  const batch = Math.max(1, Math.floor(chunkBytes / nodeBytes))
  const parts = partsOf(format, plan.nodes.length)
  let head = parts.head
  for (let start = 0; start < plan.nodes.length; start += batch) {
    const nodes = plan.nodes.slice(start, start + batch).map(withText)
    yield head + (start === 0 ? '' : parts.between) + nodes.map(parts.node).join(parts.between)
    head = ''
  }
  yield head + parts.tail
}

// What the format's renderer writes before, around and after the nodes
function partsOf (format: 'shell' | 'dotenv' | 'kubernetes', nodeCount: number) {
  switch (format) {
    case 'shell': return { head: planShellHead(nodeCount), node: (node: PlannedNode) => planShellNode(node), between: '', tail: PLAN_SHELL_TAIL }
    case 'dotenv': return { head: planDotenvHead(nodeCount), node: (node: PlannedNode) => planDotenvNode(node), between: '', tail: '' }
    case 'kubernetes': return { head: '{"nodes":[', node: (node: PlannedNode) => kubernetesNodeText(node), between: ',', tail: ']}' }
  }
}

function kubernetesNodeText (node: PlannedNode): string {
  return kubernetesEnv({ cluster_spec: {}, nodes: [node] }).map((env) => stringifyJson(env)).join(',')
}

/**
 * Throws NotRepresentableError if the format cannot hold some node's values, in time linear in
 * the plan: each node's variables but TF_CONFIG, and the first node's TF_CONFIG. The nodes'
 * TF_CONFIG texts differ only in their task, whose job name the cluster's text holds already.
 */
function checkNodes (plan: PlannedCluster, format: 'shell' | 'dotenv' | 'kubernetes', withText: (node: PlannedNode) => PlannedNode): void {
  if (format === 'kubernetes') return // JSON text: the TF_CONFIG text's escapes hold any value
  const render = format === 'shell' ? shellLines : dotenv
  plan.nodes.forEach((node, position) => {
    const vars = planNodeVariables(position === 0 ? withText(node) : { ...node, tf_config: '' })
    render(vars)
  })
}

/** An export's refusals other than TensorFlow's, as the error body the route and the plan workers answer with. */
export function exportRefusal (error: unknown): ErrorBody | undefined {
  if (error instanceof UnknownTaskError) return errorBody(400, `querystring/task: ${error.message}`, 'UNKNOWN_TASK')
  // the format's check of a value (formats/variables.ts): the node exists, but not in that format
  if (error instanceof NotRepresentableError) {
    return errorBody(406, `${error.message}: ask POST /v1/cluster-plan (JSON) for it`, 'NOT_REPRESENTABLE')
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
