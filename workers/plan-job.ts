// What a plan worker does with one request: the same answer the route gives on the event loop,
// computed and serialized off it. Pure: test/hardening/plan-workers.test.ts runs it in-process too.
import {
  exportChunks, exportRefusal, lintCluster, needsTfConfig, planCluster, planContentType, planExport, planRequestFor, readCheckedPlanRequest, renderPlan,
  RunConfigError, stringifyJson, type ClusterPlan, type PlanRequest, type TaskName
} from '../src/index.js'
import type { PlanExportFormat, PlanFormat } from '../src/schemas/media-types.js'
import { pythonErrorBody } from '../src/error-body.js'

export type { PlanExportFormat, PlanFormat }

/**
 * A request of POST /v1/cluster-plan, /v1/cluster-plan/exports or /v1/cluster-plan/lint, as its
 * body's text (the key order matters). An export of a whole plan in shell, dotenv or kubernetes
 * is answered with the plan (JSON, without the TF_CONFIG texts): the event loop streams those
 * texts as the client reads, rather than a worker holding them all (they grow with the square).
 */
export type PlanJob =
  | { op: 'plan', text: string, format: PlanFormat }
  | { op: 'export', text: string, format: PlanExportFormat, task?: TaskName }
  | { op: 'lint', text: string }

/** The whole answer, serialized: the event loop only sends the bytes. */
export interface JobAnswer {
  statusCode: number
  contentType: string
  body: Uint8Array
  /** What the route logs about it. */
  log: Record<string, unknown>
}

const JSON_TYPE = planContentType('json')

export function runJob (job: PlanJob): JobAnswer {
  const request = readCheckedPlanRequest(job.text)
  if (job.op === 'lint') {
    const report = lintCluster(request)
    return answer(200, JSON_TYPE, stringifyJson(report), { ok: report.ok, failed: report.failed_nodes.length, warnings: report.warnings.length })
  }
  if (job.op === 'export') return runExport(request, job.format, job.task)
  let plan: ClusterPlan
  try {
    plan = planCluster(planRequestFor(request, job.format))
  } catch (error) {
    if (!(error instanceof RunConfigError)) throw error
    return answer(422, JSON_TYPE, stringifyJson(pythonErrorBody(error)), {})
  }
  return answer(200, planContentType(job.format), renderPlan(plan, job.format), { nodes: plan.nodes.length })
}

function runExport (request: PlanRequest, format: PlanExportFormat, task: TaskName | undefined): JobAnswer {
  try {
    const plan = planExport(request, format, task)
    const log = { nodes: plan.nodes.length }
    if (task === undefined && needsTfConfig(format)) return answer(200, JSON_TYPE, stringifyJson(plan), log)
    return answer(200, planContentType(format), [...exportChunks(plan, format, request, Infinity, { selected: task !== undefined })].join(''), log)
  } catch (error) {
    if (error instanceof RunConfigError) return answer(422, JSON_TYPE, stringifyJson(pythonErrorBody(error)), {})
    const refusal = exportRefusal(error)
    if (refusal === undefined) throw error
    return answer(refusal.statusCode, JSON_TYPE, stringifyJson(refusal), {})
  }
}

function answer (statusCode: number, contentType: string, text: string, log: Record<string, unknown>): JobAnswer {
  // its own ArrayBuffer, exactly sized, so that it can be transferred rather than copied
  return { statusCode, contentType, body: new TextEncoder().encode(text), log }
}
