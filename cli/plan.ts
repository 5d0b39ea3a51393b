import { ClusterPlanError, kubernetesEnv, planCluster, renderPlan, stringifyJson, type ClusterPlan, type PlanRequest } from '../src/index.js'
import { writeFailedNodes } from './failures.js'
import { UsageError, type CliIo } from './io.js'

/** Options of `runconfig plan`. */
export interface PlanOptions {
  format: 'json' | 'ndjson' | 'dotenv' | 'shell' | 'kubernetes'
  /** `TYPE:INDEX`: keep only that node. */
  task?: string
}

// Formats that give each node its TF_CONFIG text
const ENVIRONMENT_FORMATS = ['dotenv', 'shell', 'kubernetes']

/** `runconfig plan FILE`: every node of a cluster, in the chosen format. */
export function planCommand (request: PlanRequest, options: PlanOptions, io: CliIo): number {
  const selected = options.task === undefined ? undefined : parseTask(options.task)
  const include = new Set(request.include ?? [])
  if (ENVIRONMENT_FORMATS.includes(options.format)) include.add('tf_config')
  let plan: ClusterPlan
  try {
    plan = planCluster({ ...request, include: [...include] })
  } catch (error) {
    if (!(error instanceof ClusterPlanError)) throw error
    writeFailedNodes(io, error, error.failedNodes)
    return 1
  }
  if (selected !== undefined) {
    const nodes = plan.nodes.filter((node) => node.task_type === selected.type && node.task_id === selected.index)
    if (nodes.length === 0) throw new UsageError(`--task ${options.task}: the plan has no such node`)
    plan = { ...plan, nodes }
  }
  io.stdout.write(renderCliPlan(plan, options.format))
  return 0
}

function parseTask (task: string): { type: string, index: number } {
  const colon = task.lastIndexOf(':')
  const index = task.slice(colon + 1)
  if (colon <= 0 || !/^(?:0|[1-9][0-9]*)$/.test(index)) throw new UsageError(`--task must be TYPE:INDEX, as in worker:1, not ${task}`)
  return { type: task.slice(0, colon), index: Number(index) }
}

/** The CLI's formats: JSON pretty-printed (Kubernetes env as a bare list); the others as the API's. */
function renderCliPlan (plan: ClusterPlan, format: PlanOptions['format']): string {
  switch (format) {
    case 'json': return stringifyJson(plan, 2) + '\n'
    case 'kubernetes': return stringifyJson(kubernetesEnv(plan), 2) + '\n'
    default: return renderPlan(plan, format)
  }
}
