import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  ClusterPlanError, ENV_STRING_LIMIT, environmentStringBytes, kubernetesEnv, NotRepresentableError, planCluster, planRequestFor, renderPlan,
  stringifyJson,
  type ClusterPlan, type PlanNode, type PlanRequest
} from '../src/index.js'
import { writeFailedNodes } from './failures.js'
import { UsageError, type CliIo } from './io.js'

/** Options of `runconfig plan`. */
export interface PlanOptions {
  format: 'json' | 'ndjson' | 'dotenv' | 'shell' | 'kubernetes'
  /** `TYPE:INDEX`: keep only that node. */
  task?: string
  /** Write each node's TF_CONFIG to a file in this folder; the nodes' variables then name it. */
  tfConfigDir?: string
}

// Formats that give each node its TF_CONFIG text
const ENVIRONMENT_FORMATS = ['dotenv', 'shell', 'kubernetes']

/** `runconfig plan FILE`: every node of a cluster, in the chosen format. */
export function planCommand (request: PlanRequest, options: PlanOptions, io: CliIo): number {
  const selected = options.task === undefined ? undefined : parseTask(options.task)
  if (options.tfConfigDir !== undefined && options.format !== 'shell' && options.format !== 'dotenv') {
    throw new UsageError('--tf-config-dir goes with --format shell or dotenv, whose nodes then name their file')
  }
  const include = new Set(request.include ?? [])
  for (const more of planRequestFor(request, options.format).include ?? []) include.add(more)
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
  if (options.tfConfigDir !== undefined) {
    const files = writeTfConfigFiles(plan, options.tfConfigDir)
    io.stdout.write(representable(() => renderPlan(plan, options.format, { selected: selected !== undefined, tfConfigFile: (node) => files.get(node) as string })))
    return 0
  }
  if (ENVIRONMENT_FORMATS.includes(options.format)) warnTooLarge(plan, io)
  io.stdout.write(representable(() => renderCliPlan(plan, options.format, selected !== undefined)))
  return 0
}

/** The text, or a usage error when the format cannot hold some node's value (NUL, a dotenv value no quoting keeps exact). */
function representable (render: () => string): string {
  try {
    return render()
  } catch (error) {
    if (!(error instanceof NotRepresentableError)) throw error
    throw new UsageError(`${error.message}: use --format json`)
  }
}

function parseTask (task: string): { type: string, index: number } {
  const colon = task.lastIndexOf(':')
  const index = task.slice(colon + 1)
  if (colon <= 0 || !/^(?:0|[1-9][0-9]*)$/.test(index)) throw new UsageError(`--task must be TYPE:INDEX, as in worker:1, not ${task}`)
  return { type: task.slice(0, colon), index: Number(index) }
}

/** The CLI's formats: JSON pretty-printed (Kubernetes env as a bare list); the others as the API's. */
function renderCliPlan (plan: ClusterPlan, format: PlanOptions['format'], selected: boolean): string {
  switch (format) {
    case 'json': return stringifyJson(plan, 2) + '\n'
    case 'kubernetes': return stringifyJson(kubernetesEnv(plan), 2) + '\n'
    default: return renderPlan(plan, format, { selected })
  }
}

/**
 * Writes each node's TF_CONFIG text, exactly, to DIR/<type>-<index>.json (the job name's
 * characters other than letters, digits, `_`, `.` and `-` as %XX); gives each node's absolute path.
 */
function writeTfConfigFiles (plan: ClusterPlan, dir: string): Map<PlanNode, string> {
  try {
    mkdirSync(dir, { recursive: true })
  } catch (error) {
    throw new UsageError(`--tf-config-dir ${dir}: ${(error as Error).message}`)
  }
  const files = new Map<PlanNode, string>()
  for (const node of plan.nodes) {
    const path = resolve(dir, `${fileLabel(node.task_type)}-${node.task_id}.json`)
    writeFileSync(path, node.tf_config as string)
    files.set(node, path)
  }
  return files
}

function fileLabel (name: string): string {
  return [...new TextEncoder().encode(name)].map((byte) => {
    const char = String.fromCharCode(byte)
    return /[A-Za-z0-9_.-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }).join('')
}

/** A warning on stderr when some node's TF_CONFIG is too large for an environment variable. */
function warnTooLarge (plan: ClusterPlan, io: CliIo): void {
  let count = 0
  let largest = 0
  for (const node of plan.nodes) {
    const bytes = environmentStringBytes('TF_CONFIG', node.tf_config as string)
    if (bytes > ENV_STRING_LIMIT) count++
    largest = Math.max(largest, bytes)
  }
  if (count === 0) return
  io.stderr.write(`runconfig: warning: the TF_CONFIG of ${count} of ${plan.nodes.length} node(s) is too large for an environment ` +
    `variable: ${largest.toLocaleString('en-US')} bytes as TF_CONFIG=... (with its NUL), Linux takes at most ` +
    `${ENV_STRING_LIMIT.toLocaleString('en-US')}; starting such a node fails with "Argument list too long". ` +
    'Write the TF_CONFIGs to files instead (--tf-config-dir DIR) and load them with examples/tf_config_shim.py ' +
    '(docs/large-tf-config.md)\n')
}
