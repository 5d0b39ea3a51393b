// Lint warnings attached to what their RFC 6901 pointer names: a task, a job, or the request.
import type { LintWarning } from './types.js'

export interface WarningGroups {
  /** By node key `task_type:task_id` (a pointer /cluster/<job>/<index>). */
  byNode: Map<string, LintWarning[]>
  /** By job name (a pointer /cluster/<job>). */
  byJob: Map<string, LintWarning[]>
  /** The rest: the cluster, config, tf_config, evaluator. */
  general: LintWarning[]
}

/** A pointer's reference tokens, unescaped (~1 is /, ~0 is ~). */
export function pointerTokens (pointer: string): string[] {
  if (pointer === '') return []
  return pointer.slice(1).split('/').map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
}

export function groupWarnings (warnings: LintWarning[]): WarningGroups {
  const groups: WarningGroups = { byNode: new Map(), byJob: new Map(), general: [] }
  for (const warning of warnings) {
    const [root, job, task, ...deeper] = pointerTokens(warning.pointer)
    if (root !== 'cluster' || job === undefined || deeper.length > 0) groups.general.push(warning)
    else if (task === undefined) append(groups.byJob, job, warning)
    else append(groups.byNode, `${job}:${task}`, warning)
  }
  return groups
}

function append<T> (map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}
