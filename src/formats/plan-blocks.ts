import type { PlannedCluster, PlannedNode } from '../plan/cluster-plan.js'
import { dotenv } from './dotenv.js'
import { environmentVariables, withTfConfigFile } from './node-variables.js'
import { shellLines, shellQuote } from './shell.js'
import type { EnvironmentVariables } from './variables.js'

// What would end a comment line or not survive UTF-8: controls, line and paragraph separators, lone surrogates
const UNSAFE_IN_COMMENT = /[\p{Cc}\p{Zl}\p{Zp}\p{Cs}]/u
// Nodes per chunk of a text plan (a stream sends one chunk at a time)
const BATCH = 64

/** How a plan's nodes are written in the shell and dotenv formats. */
export interface PlanTextOptions {
  /**
   * Where each node's TF_CONFIG is, when it is written to a file rather than to the environment
   * (too large for it): the node then has RUNCONFIG_TF_CONFIG_FILE instead of TF_CONFIG.
   */
  tfConfigFile?: (node: PlannedNode) => string
}

/**
 * A node's environment, as `runconfig resolve` gives it for the node's TF_CONFIG: the plan must be
 * made with planRequestFor(request, 'shell' or 'dotenv') (include tf_config and environment).
 */
export function planNodeVariables (node: PlannedNode, options: PlanTextOptions = {}): EnvironmentVariables {
  if (node.tf_config === undefined || node.environment === undefined) {
    throw new TypeError('The shell and dotenv formats need a plan made with include: ["tf_config", "environment"]')
  }
  const vars = environmentVariables({ ...node, ...node.environment }, node.tf_config)
  return options.tfConfigFile === undefined ? vars : withTfConfigFile(vars, options.tfConfigFile(node))
}

/**
 * A plan in the shell format, in chunks. Sourcing or eval'ing it sets no variable: it defines the
 * function `runconfig_node`, and `runconfig_node TYPE INDEX` exports that node's variables (and
 * unsets its None ones). A whole plan sourced by mistake thus cannot leave some node's TF_CONFIG
 * in place. POSIX sh: no `local`, no bash-only syntax.
 */
export function * planShellChunks (plan: PlannedCluster, options: PlanTextOptions = {}): Generator<string> {
  yield planShellHead(plan.nodes.length)
  for (let start = 0; start < plan.nodes.length; start += BATCH) {
    yield plan.nodes.slice(start, start + BATCH).map((node) => planShellNode(node, options)).join('')
  }
  yield PLAN_SHELL_TAIL
}

/** The shell format's text before the nodes: the comment and the function's start. */
export function planShellHead (nodeCount: number): string {
  return `# A cluster plan of ${nodeCount} node(s). Sourcing this file sets no variable: it defines the\n` +
    '# shell function runconfig_node. `runconfig_node TYPE INDEX` then exports that node\'s variables\n' +
    '# and unsets the ones that are None, e.g. runconfig_node worker 0.\n' +
    'runconfig_node () {\n' +
    '  if [ "$#" -ne 2 ]; then\n' +
    '    echo "usage: runconfig_node TYPE INDEX, e.g. runconfig_node worker 0" >&2\n' +
    '    return 2\n' +
    '  fi\n' +
    // an INDEX without spaces makes "$1 $2" name one node, whatever spaces the job name has
    '  case "$2" in\n' +
    '    \'\' | *[!0-9-]*) echo "runconfig_node: INDEX must be a number, not $2" >&2; return 2 ;;\n' +
    '  esac\n' +
    '  case "$1 $2" in\n'
}

/** One node's branch of the shell format's function: its export and unset lines. */
export function planShellNode (node: PlannedNode, options: PlanTextOptions = {}): string {
  // indented statement by statement: a value's own lines must stay as they are
  const vars = Object.entries(planNodeVariables(node, options))
  const lines = vars.map(([name, value]) => '      ' + shellLines({ [name]: value })).join('')
  return `    ${shellQuote(`${node.task_type} ${node.task_id}`)})\n${lines}      ;;\n`
}

/** The shell format's text after the nodes: the function's end. */
export const PLAN_SHELL_TAIL = '    *)\n' +
  '      echo "runconfig_node: this plan has no node $1 $2" >&2\n' +
  '      return 1\n' +
  '      ;;\n' +
  '  esac\n' +
  '}\n'

/**
 * A plan in the dotenv format, in chunks: a header comment, then per node a `# TYPE INDEX` comment
 * line and its NAME='value' lines, nodes apart by a blank line. A dotenv file is one environment:
 * load one node's block (or select the node), not the whole file, where the last node would win.
 */
export function * planDotenvChunks (plan: PlannedCluster, options: PlanTextOptions = {}): Generator<string> {
  yield planDotenvHead(plan.nodes.length)
  for (let start = 0; start < plan.nodes.length; start += BATCH) {
    yield plan.nodes.slice(start, start + BATCH).map((node) => planDotenvNode(node, options)).join('')
  }
}

/** The dotenv format's header comment. */
export function planDotenvHead (nodeCount: number): string {
  return `# A cluster plan of ${nodeCount} node(s), a block each under its "# TYPE INDEX" line. Load one\n` +
    '# block, not the whole file: loaded whole, the last node\'s values would win. One node\'s\n' +
    '# file alone: runconfig plan FILE --format dotenv --task TYPE:INDEX.\n'
}

/** One node's block of the dotenv format: a blank line, its `# TYPE INDEX` line, its lines. */
export function planDotenvNode (node: PlannedNode, options: PlanTextOptions = {}): string {
  return `\n${nodeComment(node)}${dotenv(planNodeVariables(node, options))}`
}

/** The shell format of a plan (planShellChunks joined). */
export function planShell (plan: PlannedCluster, options: PlanTextOptions = {}): string {
  return [...planShellChunks(plan, options)].join('')
}

/** The dotenv format of a plan (planDotenvChunks joined). */
export function planDotenv (plan: PlannedCluster, options: PlanTextOptions = {}): string {
  return [...planDotenvChunks(plan, options)].join('')
}

/**
 * The one node a caller named (`--task TYPE:INDEX`): its `# TYPE INDEX` comment line, then its
 * variables as the one-node formats write them (export and unset lines, or dotenv lines).
 */
export function selectedNodeText (node: PlannedNode, format: 'shell' | 'dotenv', options: PlanTextOptions = {}): string {
  const vars = planNodeVariables(node, options)
  return nodeComment(node) + (format === 'shell' ? shellLines(vars) : dotenv(vars))
}

function nodeComment (node: PlannedNode): string {
  return `# ${commentLabel(node.task_type)} ${node.task_id}\n`
}

/**
 * A job name as it may stand in a comment line (valid in sh and in dotenv files): as it is, or
 * JSON-quoted with \u escapes when it holds a character that would end the line, so that a job
 * named "x\nrm -rf ~" stays a comment when the output is eval'd.
 */
export function commentLabel (name: string): string {
  if (!UNSAFE_IN_COMMENT.test(name)) return name
  const escape = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  return JSON.stringify(name).replace(new RegExp(UNSAFE_IN_COMMENT, 'gu'), escape)
}
