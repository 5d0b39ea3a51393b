import type { ClusterPlan, PlanRequest } from '../plan/cluster-plan.js'
import { stringifyJson } from '../python/json-out.js'
import { FORMAT_MEDIA_TYPES, type PlanFormat } from '../schemas/media-types.js'
import { kubernetesEnv } from './kubernetes.js'
import { ndjsonChunks } from './ndjson.js'
import { planDotenv, planShell } from './plan-blocks.js'

// A cluster plan in each of its formats, for the route, the plan workers and the CLI

/** Whether the format is made of each node's TF_CONFIG text: the plan then includes it (and that task limit applies). */
export function needsTfConfig (format: PlanFormat): boolean {
  return format === 'shell' || format === 'dotenv' || format === 'kubernetes'
}

/** The request to plan for a format: the TF_CONFIG text formats add include tf_config. */
export function planRequestFor (request: PlanRequest, format: PlanFormat): PlanRequest {
  return needsTfConfig(format) ? { ...request, include: ['tf_config'] } : request
}

/** The Content-Type of a plan's answer: UTF-8 text, but NDJSON (streamed) names no charset. */
export function planContentType (format: PlanFormat): string {
  return format === 'ndjson' ? FORMAT_MEDIA_TYPES.ndjson : `${FORMAT_MEDIA_TYPES[format]}; charset=utf-8`
}

/** The plan's answer in a format, in chunks: NDJSON a batch of nodes per chunk (a stream's), the others whole. */
export function * planChunks (plan: ClusterPlan, format: PlanFormat): Generator<string> {
  switch (format) {
    case 'json': yield stringifyJson(plan); break
    case 'ndjson': yield * ndjsonChunks(plan); break
    case 'kubernetes': yield stringifyJson({ nodes: kubernetesEnv(plan) }); break
    case 'shell': yield planShell(plan); break
    case 'dotenv': yield planDotenv(plan); break
  }
}

/** The plan's answer in a format (a plan made with planRequestFor). */
export function renderPlan (plan: ClusterPlan, format: PlanFormat): string {
  return [...planChunks(plan, format)].join('')
}
