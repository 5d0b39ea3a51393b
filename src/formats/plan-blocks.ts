import type { ClusterPlan } from '../plan/cluster-plan.js'
import { dotenv } from './dotenv.js'
import { shellExports } from './shell.js'

// What would end a comment line or not survive UTF-8: controls, line and paragraph separators, lone surrogates
const UNSAFE_IN_COMMENT = /[\p{Cc}\p{Zl}\p{Zp}\p{Cs}]/u

/** Each node's `export TF_CONFIG='…'` line under a `# TYPE INDEX` comment, nodes apart by a blank line. */
export function planShell (plan: ClusterPlan): string {
  return nodeBlocks(plan, (text) => shellExports(text))
}

/** Each node's `TF_CONFIG='…'` dotenv line under a `# TYPE INDEX` comment, nodes apart by a blank line. */
export function planDotenv (plan: ClusterPlan): string {
  return nodeBlocks(plan, (text) => dotenv({ TF_CONFIG: text }))
}

// The plan must be made with include: ['tf_config']
function nodeBlocks (plan: ClusterPlan, render: (tfConfig: string) => string): string {
  return plan.nodes.map((node) => `# ${commentLabel(node.task_type)} ${node.task_id}\n${render(node.tf_config as string)}`).join('\n')
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
