import { RunConfigError } from '../errors.js'
import { environmentStringBytes, ENV_STRING_LIMIT } from '../formats/env-size.js'
import { tfConfigText } from '../formats/node-variables.js'
import { isDict, type PyDict, type PyValue } from '../python/value.js'
import type { Raised } from '../schemas/common.js'
import { resolveRunConfig, type NodeRequest, type Resolution } from '../tensorflow/resolve.js'
import { readTfConfig } from '../tensorflow/tf-config.js'
import { MAX_WORKER_DELAY_SECS } from '../tensorflow/train-and-evaluate.js'
import { nearestName } from '../text/nearest-name.js'
import { addressChecker } from './address-warnings.js'
import { clusterJobs } from './cluster-jobs.js'
import { jobWarnings } from './job-warnings.js'
import { pointerToken } from './pointer.js'
import { longWorkerDelay, settingWarnings } from './setting-warnings.js'
import { tooLarge } from './size-warnings.js'
import { strategyWarnings } from './strategy-warnings.js'
import type { LintWarning, NodeLintReport } from './types.js'

// The TF_CONFIG keys TensorFlow reads (RunConfig, the distribute coordinator, the cluster resolver)
const TF_CONFIG_KEYS = ['cluster', 'task', 'session_master', 'eval_session_master', 'model_dir', 'environment', 'rpc_layer', 'service']
const TASK_KEYS = ['type', 'index']
// Names people write for them that are too far from them for a typo
const TF_CONFIG_ALIASES: Record<string, string> = {
  cluster_spec: 'cluster', clusterspec: 'cluster', master: 'session_master', eval_master: 'eval_session_master', evaluation_master: 'eval_session_master'
}
const TASK_ALIASES: Record<string, string> = {
  id: 'index', task_id: 'index', task_index: 'index', idx: 'index', name: 'type', job: 'type', job_name: 'type', task_type: 'type', role: 'type'
}

/**
 * One node's lint, from what POST /v1/run-config takes: whether TensorFlow raises on the node, and
 * what would go wrong at launch although it does not — TF_CONFIG keys it ignores (a `clusters`
 * key leaves the node in local mode), its cluster's addresses and jobs, its size, its strategies.
 * Pointers go into the request; a TF_CONFIG given as text is pointed into as its parsed JSON.
 */
export function lintNode (request: NodeRequest): NodeLintReport {
  let tfConfig: PyValue
  try {
    tfConfig = readTfConfig(request.tf_config)
  } catch (error) {
    if (!(error instanceof RunConfigError)) throw error
    return { ok: false, error: { exception: error.exception, message: error.message }, warnings: [] }
  }
  let resolution: Resolution | undefined
  let failure: Raised | null = null
  try {
    resolution = resolveRunConfig(request)
    failure = resolution.train_and_evaluate.error ?? null
  } catch (error) {
    if (!(error instanceof RunConfigError)) throw error
    failure = { exception: error.exception, message: error.message }
  }
  const warnings = isDict(tfConfig) ? tfConfigWarnings(tfConfig) : []
  for (const warning of strategyWarnings(request.config)) warnings.push(warning)
  const text = tfConfigText(request.tf_config)
  if (text !== undefined) {
    const bytes = environmentStringBytes('TF_CONFIG', text)
    for (const warning of tooLarge(bytes > ENV_STRING_LIMIT ? 1 : 0, 1, bytes, '/tf_config')) warnings.push(warning)
  }
  const delay = resolution?.start_delay_secs ?? 0
  if (resolution?.run_config.task_type === 'worker' && delay > MAX_WORKER_DELAY_SECS) {
    warnings.push(longWorkerDelay(Number(resolution.run_config.task_id), delay))
  }
  return { ok: failure === null, error: failure, warnings }
}

/** Keys TensorFlow ignores, then what the cluster lint finds in the node's cluster. */
function tfConfigWarnings (tfConfig: PyDict): LintWarning[] {
  const warnings = unknownKeys(tfConfig, '/tf_config', TF_CONFIG_KEYS, TF_CONFIG_ALIASES, (key, meant) => {
    const reads = `TensorFlow reads ${TF_CONFIG_KEYS.join(', ')} in TF_CONFIG and ignores ${JSON.stringify(key)}`
    if (meant === undefined) return reads
    const missing = meant === 'cluster' && !Object.hasOwn(tfConfig, 'cluster')
      ? ': without "cluster" it sees no cluster, and this node trains alone, in local mode'
      : ''
    return `${reads} (did you mean ${JSON.stringify(meant)}?)${missing}`
  })
  const task = tfConfig.task
  if (isDict(task)) {
    for (const warning of unknownKeys(task, '/tf_config/task', TASK_KEYS, TASK_ALIASES, (key, meant) =>
      `TensorFlow reads only "type" and "index" in TF_CONFIG's task and ignores ${JSON.stringify(key)}` +
      (meant === undefined ? '' : ` (did you mean ${JSON.stringify(meant)}?)`) +
      (meant !== undefined && !Object.hasOwn(task, meant) ? `: TensorFlow reads no ${meant} for this node` : '')
    )) warnings.push(warning)
  }
  const cluster = tfConfig.cluster
  if (!isDict(cluster)) return warnings
  const jobs = clusterJobs(cluster, '/tf_config/cluster')
  const checkAddress = addressChecker(jobs.reduce((count, job) => count + job.addresses.length, 0))
  for (const job of jobs) {
    for (const warning of jobWarnings(job)) warnings.push(warning)
    for (let i = 0; i < job.addresses.length; i++) checkAddress(job, i, warnings)
  }
  for (const warning of settingWarnings({ cluster, tf_config: tfConfig }, jobs, '/tf_config/cluster')) warnings.push(warning)
  return warnings
}

function unknownKeys (
  dict: PyDict, pointer: string, known: string[], aliases: Record<string, string>, message: (key: string, meant: string | undefined) => string
): LintWarning[] {
  return Object.keys(dict).filter((key) => !known.includes(key)).map((key) => {
    const meant = Object.hasOwn(aliases, key.toLowerCase()) ? aliases[key.toLowerCase()] : nearestName(key, known)
    return {
      code: pointer === '/tf_config' ? 'UNKNOWN_TF_CONFIG_KEY' : 'UNKNOWN_TASK_KEY',
      message: message(key, meant),
      pointer: `${pointer}/${pointerToken(key)}`,
      hint: meant === undefined
        ? 'Remove it, unless a tool of your own reads it'
        : Object.hasOwn(dict, meant) ? `Remove it: ${JSON.stringify(meant)} is there already` : `Rename it to ${JSON.stringify(meant)}`
    }
  })
}
