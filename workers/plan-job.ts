// What a plan worker does with one request: the same answer the route gives on the event loop,
// computed and serialized off it. Pure: test/hardening/plan-workers.test.ts runs it in-process too.
import {
  kubernetesEnv, lintCluster, ndjsonLines, planCluster, planDotenv, planShell, RunConfigError, stringifyJson, withTextKeyOrder,
  type ClusterPlan, type PlanRequest
} from '../src/index.js'
import type { FORMAT_MEDIA_TYPES, PLAN_FORMATS } from '../src/schemas/formats.js'
import { pythonErrorBody } from '../src/error-body.js'

export type PlanFormat = typeof PLAN_FORMATS[number]

// FORMAT_MEDIA_TYPES, checked against it: loading the schemas would double a worker's start-up
const MEDIA_TYPES = {
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  shell: 'text/x-shellscript',
  dotenv: 'application/x-dotenv',
  kubernetes: 'application/vnd.runconfig.kubernetes-env+json'
} as const satisfies typeof FORMAT_MEDIA_TYPES

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

const JSON_TYPE = `${MEDIA_TYPES.json}; charset=utf-8`
// The formats made of each node's TF_CONFIG text (the route plans them with include tf_config)
const TF_CONFIG_FORMATS: string[] = ['shell', 'dotenv', 'kubernetes']

export function runJob (job: PlanJob): JobAnswer {
  // the event loop has parsed and validated this text already
  const request = withTextKeyOrder(job.text, JSON.parse(job.text)) as PlanRequest
  if (job.op === 'lint') {
    const report = lintCluster(request)
    return answer(200, JSON_TYPE, stringifyJson(report), { ok: report.ok, failed: report.failed_nodes.length, warnings: report.warnings.length })
  }
  let plan: ClusterPlan
  try {
    plan = planCluster(TF_CONFIG_FORMATS.includes(job.format) ? { ...request, include: ['tf_config'] } : request)
  } catch (error) {
    if (!(error instanceof RunConfigError)) throw error
    return answer(422, JSON_TYPE, stringifyJson(pythonErrorBody(error)), {})
  }
  const log = { nodes: plan.nodes.length }
  switch (job.format) {
    case 'json': return answer(200, JSON_TYPE, stringifyJson(plan), log)
    case 'ndjson': return answer(200, MEDIA_TYPES.ndjson, ndjsonLines(plan), log)
    case 'kubernetes': return answer(200, `${MEDIA_TYPES.kubernetes}; charset=utf-8`, stringifyJson({ nodes: kubernetesEnv(plan) }), log)
    case 'shell': return answer(200, `${MEDIA_TYPES.shell}; charset=utf-8`, planShell(plan), log)
    case 'dotenv': return answer(200, `${MEDIA_TYPES.dotenv}; charset=utf-8`, planDotenv(plan), log)
  }
}

function answer (statusCode: number, contentType: string, text: string, log: Record<string, unknown>): JobAnswer {
  // its own ArrayBuffer, exactly sized, so that it can be transferred rather than copied
  return { statusCode, contentType, body: new TextEncoder().encode(text), log }
}
