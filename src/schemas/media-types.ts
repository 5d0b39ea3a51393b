// The output formats and their media types: a leaf, so that the plan workers and the CLI read them
// without loading the contract

/** The media type each format answers with (an Accept that prefers a rendering on a JSON operation is a 406 naming it). */
export const FORMAT_MEDIA_TYPES = {
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  shell: 'text/x-shellscript',
  dotenv: 'application/x-dotenv',
  kubernetes: 'application/vnd.runconfig.kubernetes-env+json'
} as const
export type Format = keyof typeof FORMAT_MEDIA_TYPES

/** The formats of a plan, first the default. */
export const PLAN_FORMATS = ['json', 'ndjson', 'shell', 'dotenv', 'kubernetes'] as const satisfies readonly Format[]
export type PlanFormat = typeof PLAN_FORMATS[number]

/** The renderings of one node: POST and GET /v1/run-config/exports, POST /v1/run-config/replace/exports. */
export const NODE_EXPORT_FORMATS = ['shell', 'dotenv', 'kubernetes'] as const satisfies readonly Format[]
export type NodeExportFormat = typeof NODE_EXPORT_FORMATS[number]
/** The renderings of a plan: POST /v1/cluster-plan/exports. */
export const PLAN_EXPORT_FORMATS = ['shell', 'dotenv', 'kubernetes', 'ndjson'] as const satisfies readonly PlanFormat[]
export type PlanExportFormat = typeof PLAN_EXPORT_FORMATS[number]
