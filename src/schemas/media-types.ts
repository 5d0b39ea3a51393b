// The output formats and their media types: a leaf, so that the plan workers and the CLI read them
// without loading the contract

/** The media type each format answers with; Accept selects a format by it. */
export const FORMAT_MEDIA_TYPES = {
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  shell: 'text/x-shellscript',
  dotenv: 'application/x-dotenv',
  kubernetes: 'application/vnd.runconfig.kubernetes-env+json'
} as const
export type Format = keyof typeof FORMAT_MEDIA_TYPES

/** The formats of one node, first the default. */
export const NODE_FORMATS = ['json', 'shell', 'dotenv'] as const satisfies readonly Format[]
/** The formats of a plan, first the default. */
export const PLAN_FORMATS = ['json', 'ndjson', 'shell', 'dotenv', 'kubernetes'] as const satisfies readonly Format[]
export type PlanFormat = typeof PLAN_FORMATS[number]
