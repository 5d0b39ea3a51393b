import type { PlannedCluster, PlanRequest } from '../plan/cluster-plan.js'
import { stringifyJson } from '../python/json-out.js'
import { FORMAT_MEDIA_TYPES, type PlanFormat } from '../schemas/media-types.js'
import { kubernetesEnv } from './kubernetes.js'
import { ndjsonChunks } from './ndjson.js'
import { planDotenvChunks, planShellChunks, selectedNodeText, type PlanTextOptions } from './plan-blocks.js'

// A cluster plan in each of its formats, for the route, the plan workers and the CLI

/** How to render a plan, beyond its format. */
export interface RenderOptions extends PlanTextOptions {
  /**
   * The plan is the one node the caller named (`--task`, `?task=`): shell and dotenv then give
   * that node's variables directly, as the one-node formats do, rather than a block per node.
   */
  selected?: boolean
}

/** Whether the format is made of each node's TF_CONFIG text: the plan then includes it (and that task limit applies). */
export function needsTfConfig (format: PlanFormat): boolean {
  return format === 'shell' || format === 'dotenv' || format === 'kubernetes'
}

/**
 * The request to plan for a format: the TF_CONFIG text formats add include tf_config; shell and
 * dotenv also environment (each node's RUNCONFIG_ values beyond the summary).
 */
export function planRequestFor (request: PlanRequest, format: PlanFormat): PlanRequest {
  if (!needsTfConfig(format)) return request
  return { ...request, include: format === 'kubernetes' ? ['tf_config'] : ['tf_config', 'environment'] }
}

/** The Content-Type of a plan's answer: UTF-8 text, but NDJSON (streamed) names no charset. */
export function planContentType (format: PlanFormat): string {
  return format === 'ndjson' ? FORMAT_MEDIA_TYPES.ndjson : `${FORMAT_MEDIA_TYPES[format]}; charset=utf-8`
}

/** The plan's answer in a format, in chunks: NDJSON, shell and dotenv a batch of nodes per chunk (a stream's), the others whole. */
export function * planChunks (plan: PlannedCluster, format: PlanFormat, options: RenderOptions = {}): Generator<string> {
  if ((format === 'shell' || format === 'dotenv') && options.selected === true && plan.nodes.length === 1) {
    yield selectedNodeText(plan.nodes[0], format, options)
    return
  }
  switch (format) {
    case 'json': yield stringifyJson(plan); break
    case 'ndjson': yield * ndjsonChunks(plan); break
    case 'kubernetes': yield stringifyJson({ nodes: kubernetesEnv(plan) }); break
    case 'shell': yield * planShellChunks(plan, options); break
    case 'dotenv': yield * planDotenvChunks(plan, options); break
  }
}

/** The plan's answer in a format (a plan made with planRequestFor). */
export function renderPlan (plan: PlannedCluster, format: PlanFormat, options: RenderOptions = {}): string {
  return [...planChunks(plan, format, options)].join('')
}
