// What a plan worker does with one request: the same answer the route gives on the event loop,
// computed and serialized off it. Pure: test/hardening/plan-workers.test.ts runs it in-process too.
import {
  lintCluster, NotRepresentableError, planCluster, planContentType, planRequestFor, renderPlan, RunConfigError, stringifyJson, withTextKeyOrder,
  type ClusterPlan, type PlanRequest
} from '../src/index.js'
import type { PlanFormat } from '../src/schemas/media-types.js'
import { notRepresentableBody, pythonErrorBody } from '../src/error-body.js'

export type { PlanFormat }

/** A request of POST /v1/cluster-plan or /v1/cluster-plan/lint, as its body's text (the key order matters). */
export type PlanJob = { op: 'plan', text: string, format: PlanFormat } | { op: 'lint', text: string }

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
  // the event loop has parsed and validated this text already
  const request = withTextKeyOrder(job.text, JSON.parse(job.text)) as PlanRequest
  if (job.op === 'lint') {
    const report = lintCluster(request)
    return answer(200, JSON_TYPE, stringifyJson(report), { ok: report.ok, failed: report.failed_nodes.length, warnings: report.warnings.length })
  }
  let plan: ClusterPlan
  try {
    plan = planCluster(planRequestFor(request, job.format))
  } catch (error) {
    if (!(error instanceof RunConfigError)) throw error
    return answer(422, JSON_TYPE, stringifyJson(pythonErrorBody(error)), {})
  }
  try {
    return answer(200, planContentType(job.format), renderPlan(plan, job.format), { nodes: plan.nodes.length })
  } catch (error) {
    // as plugins/errors.ts answers it on the event loop
    if (!(error instanceof NotRepresentableError)) throw error
    return answer(406, JSON_TYPE, stringifyJson(notRepresentableBody(error)), {})
  }
}

function answer (statusCode: number, contentType: string, text: string, log: Record<string, unknown>): JobAnswer {
  // its own ArrayBuffer, exactly sized, so that it can be transferred rather than copied
  return { statusCode, contentType, body: new TextEncoder().encode(text), log }
}
