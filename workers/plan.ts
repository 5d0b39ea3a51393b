// A plan worker thread's task (piscina runs it; plugins/plan-workers.ts starts the pool): one job,
// answered with its bytes transferred, not copied. Anything but TensorFlow's own errors is a
// failure the route logs.
import { move, transferableSymbol, valueSymbol } from 'piscina'
import { runJob, type JobAnswer, type PlanJob } from './plan-job.js'

/** The job's answer (a JobAnswer), its body moved to the calling thread. */
export default function planTask (job: PlanJob): ReturnType<typeof move> {
  const answer: JobAnswer = runJob(job)
  return move({ [transferableSymbol]: answer.body.buffer, [valueSymbol]: answer })
}

/** Nothing: workers/pool.ts sends it to make piscina start a worker for jobs that wait. */
export function wake (): void {}
