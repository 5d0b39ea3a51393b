// What the plan view's text box holds: a POST /v1/cluster-plan body or one node's TF_CONFIG.
// Pure (no DOM): the page and the node tests share it.

/** The keys of a cluster plan body; any other key makes the text a TF_CONFIG. */
const PLAN_KEYS = new Set(['cluster', 'tf_config', 'config', 'evaluator', 'include'])
/** With include every node carries the whole cluster; the service allows it up to this many tasks. */
export const MAX_DETAILED_TASKS = 1000
const INCLUDE = '"include":["tf_config","run_config"]'

export type PlanInput =
  | { ok: true, body: string, cluster: Record<string, unknown>, evaluator: boolean, detailed: boolean, selected: string | null }
  | { ok: false, message: string }

type JsonObject = Record<string, unknown>

function isObject (value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** How many tasks a cluster lists (a job is a list of addresses, or an object of index → address). */
export function countTasks (cluster: JsonObject): number {
  let count = 0
  for (const tasks of Object.values(cluster)) {
    if (Array.isArray(tasks)) count += tasks.length
    else if (isObject(tasks)) count += Object.keys(tasks).length
  }
  return count
}

/**
 * The request to send for the pasted text, or what is wrong with it, in plain words.
 * A plan body is sent as pasted (key order is TensorFlow's order), with `include` spliced in front.
 */
export function parsePlanInput (text: string): PlanInput {
  const trimmed = text.replace(/^\uFEFF/, '').trim()
  if (trimmed === '') return { ok: false, message: 'Paste a cluster plan body ({"cluster": …}) or a TF_CONFIG first.' }
  let parsed: unknown
  try {
    parsed = JSON.parse(trimmed)
  } catch (err) {
    return { ok: false, message: `This is not valid JSON: ${(err as Error).message}.` }
  }
  if (!isObject(parsed)) {
    return { ok: false, message: 'Expected a JSON object: a cluster plan body ({"cluster": …}) or a TF_CONFIG ({"cluster": …, "task": …}).' }
  }
  if (!isObject(parsed.cluster)) {
    return { ok: false, message: 'There is no "cluster" object here: nothing to plan.' }
  }
  const isPlanBody = Object.keys(parsed).every((key) => PLAN_KEYS.has(key))
  return isPlanBody ? planBody(trimmed, parsed, parsed.cluster) : tfConfigBody(parsed, parsed.cluster)
}

function planBody (text: string, parsed: JsonObject, cluster: JsonObject): PlanInput {
  const detailed = countTasks(cluster) <= MAX_DETAILED_TASKS
  const evaluator = parsed.evaluator === true
  if (!('include' in parsed)) {
    // the object has a "cluster" key, so a comma always follows
    const body = detailed ? `{${INCLUDE},${text.slice(1)}` : text
    return { ok: true, body, cluster, evaluator, detailed, selected: null }
  }
  // re-serialised: JSON.stringify puts integer-like keys first, the one case where order changes
  const { include: _ignored, ...rest } = parsed
  const body = JSON.stringify(detailed ? { ...rest, include: ['tf_config', 'run_config'] } : rest)
  return { ok: true, body, cluster, evaluator, detailed, selected: null }
}

function tfConfigBody (parsed: JsonObject, cluster: JsonObject): PlanInput {
  const { cluster: _cluster, task, ...others } = parsed
  const detailed = countTasks(cluster) <= MAX_DETAILED_TASKS
  // TensorFlow reads a missing task index as 0
  const selected = isObject(task) && typeof task.type === 'string' ? `${task.type}:${String(task.index ?? 0)}` : null
  const evaluator = isObject(task) && task.type === 'evaluator'
  const request: JsonObject = { cluster }
  if (Object.keys(others).length > 0) request.tf_config = others
  if (evaluator) request.evaluator = true
  if (detailed) request.include = ['tf_config', 'run_config']
  return { ok: true, body: JSON.stringify(request), cluster, evaluator, detailed, selected }
}
