import { ENV_STRING_LIMIT, environmentStringBytes, utf8Length } from '../formats/env-size.js'
import { extraKeysText, nodeTfConfigText, type PlanRequest } from '../plan/cluster-plan.js'
import { toJsonText } from '../python/json-value.js'
import { taskIndex, type LintJob } from './cluster-jobs.js'
import { groupDigits } from './numbers.js'
import type { LintWarning } from './types.js'

const HINT = 'Pass TF_CONFIG in a file: runconfig plan FILE --format shell --tf-config-dir DIR (or runconfig join ' +
  '--tf-config-file PATH) gives each node RUNCONFIG_TF_CONFIG_FILE, and examples/tf_config_shim.py loads the file ' +
  'into os.environ["TF_CONFIG"] before TensorFlow reads it (docs/large-tf-config.md). Shorter host names shrink it too'

/**
 * The nodes whose TF_CONFIG is too large for an environment variable. Every node's text is the
 * same but for its task, so the sizes are counted, not built: linear in the cluster's size.
 */
export function tfConfigSizeWarnings (request: PlanRequest, jobs: LintJob[]): LintWarning[] {
  let base: number
  try {
    // the text of a node whose task is {"type":"","index":0}, less that task's 22 bytes
    const sample = { type: '', index: 0 }
    base = environmentStringBytes('TF_CONFIG', nodeTfConfigText(toJsonText(request.cluster), sample, extraKeysText(request.tf_config ?? {}))) -
      utf8Length(JSON.stringify(sample))
  } catch {
    // a cluster JSON cannot write has no TF_CONFIG text: TensorFlow's own error says what is wrong
    return []
  }
  let nodes = 0
  let over = 0
  let largest = 0
  const count = (type: string, index: number): void => {
    const bytes = base + utf8Length(JSON.stringify({ type, index }))
    nodes++
    if (bytes > ENV_STRING_LIMIT) over++
    if (bytes > largest) largest = bytes
  }
  for (const job of jobs) {
    for (let i = 0; i < job.addresses.length; i++) {
      const index = taskIndex(job, i)
      if (index !== undefined) count(job.name, Number(index))
    }
  }
  if (request.evaluator === true) count('evaluator', 0)
  return tooLarge(over, nodes, largest, '/cluster')
}

/** The warning for `over` of `nodes` nodes whose TF_CONFIG (the largest `largest` bytes) exceeds the limit; none if none does. */
export function tooLarge (over: number, nodes: number, largest: number, pointer: string): LintWarning[] {
  if (over === 0) return []
  const which = nodes === 1 ? 'The node' : `${groupDigits(over)} of ${groupDigits(nodes)} nodes`
  return [{
    code: 'TF_CONFIG_TOO_LARGE',
    message: `TF_CONFIG is ${nodes === 1 ? '' : 'up to '}${groupDigits(largest)} bytes as an environment string ` +
      '(TF_CONFIG=, the JSON text and a NUL), and Linux takes at most ' +
      `${groupDigits(ENV_STRING_LIMIT)} in one (MAX_ARG_STRLEN): ${which} would fail to start with E2BIG, ` +
      '"Argument list too long"',
    pointer,
    hint: HINT
  }]
}
