import { pyRepr } from '../python/repr.js'
import { EMPTY_JOB_MESSAGE } from '../tensorflow/cluster-spec.js'
import {
  evaluatorIndexMessage, LOCAL_TASK_TYPE_MESSAGE, SUPPORTED_TASK_TYPES, unsupportedTaskTypeMessage
} from '../tensorflow/train-and-evaluate.js'
import { taskIndex, taskPointer, type LintJob } from './cluster-jobs.js'
import type { LintWarning } from './types.js'

// 'chief, evaluator, master, ps or worker'
const SUPPORTED_NAMES = `${SUPPORTED_TASK_TYPES.slice(0, -1).join(', ')} or ${SUPPORTED_TASK_TYPES.at(-1)}`

/** What is wrong with a job as a whole, and with the indices of its tasks. */
export function jobWarnings (job: LintJob): LintWarning[] {
  const warnings: LintWarning[] = []
  const name = pyRepr(job.name)
  if (job.name === 'evaluator') {
    warnings.push({
      code: 'EVALUATOR_IN_CLUSTER',
      message: `The cluster has an ${name} job: TensorFlow counts it as one more job in the global id of every ` +
        'job sorted after it, while the evaluator node itself sees an empty cluster',
      pointer: job.pointer,
      hint: 'Leave the evaluator out of the cluster: its node gets the training cluster and task {"type": "evaluator", ' +
        '"index": 0} (plan it with "evaluator": true)'
    })
    warnings.push(...evaluatorIndexWarnings(job))
  } else if (job.name === 'local') {
    warnings.push({
      code: 'LOCAL_TASK_TYPE',
      message: `train_and_evaluate raises ValueError on the nodes of this job: "${LOCAL_TASK_TYPE_MESSAGE}"`,
      pointer: job.pointer,
      hint: 'To train on one machine, leave cluster and task out of TF_CONFIG; otherwise rename the job'
    })
  } else if (!SUPPORTED_TASK_TYPES.includes(job.name)) {
    warnings.push({
      code: 'UNSUPPORTED_TASK_TYPE',
      message: `train_and_evaluate raises ValueError on the nodes of the ${name} job: "${unsupportedTaskTypeMessage(job.name)}"`,
      pointer: job.pointer,
      hint: `Rename the job to ${SUPPORTED_NAMES}, or run its nodes without train_and_evaluate`
    })
  }
  if (job.isJob && job.addresses.length === 0) {
    warnings.push({
      code: 'EMPTY_JOB',
      message: `The ${name} job has no tasks: ClusterSpec.job_tasks() raises ValueError "${EMPTY_JOB_MESSAGE}" for it, ` +
        'so every node whose global id counts the job fails: those of the jobs after it ' +
        '(chief or master first, other jobs sorted, ps last)',
      pointer: job.pointer,
      hint: 'Remove the job or list its tasks'
    })
  }
  if (job.isSparse && job.defined > 0 && BigInt(job.defined) < job.slots) {
    warnings.push({
      code: 'SPARSE_JOB_HOLES',
      message: `The ${name} job defines ${job.defined} of the indices 0 to ${job.slots - 1n}: the holes still count, ` +
        'so global ids are not consecutive and disagree with num_worker_replicas and num_ps_replicas',
      pointer: job.pointer,
      hint: 'Number the tasks from 0 without gaps (or use a list) if anything relies on consecutive global ids'
    })
  }
  return warnings
}

function evaluatorIndexWarnings (job: LintJob): LintWarning[] {
  const warnings: LintWarning[] = []
  for (let i = 0; i < job.addresses.length; i++) {
    const index = taskIndex(job, i)
    if (index === undefined || index <= 0n) continue
    warnings.push({
      code: 'EVALUATOR_INDEX',
      message: `train_and_evaluate raises ValueError on this evaluator: "${evaluatorIndexMessage(index)}"`,
      pointer: taskPointer(job, i),
      hint: 'Run a single evaluator, task 0'
    })
  }
  return warnings
}
