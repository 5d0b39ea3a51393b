import type { ResourceLimits } from 'node:worker_threads'
import { Piscina } from 'piscina'
import type { JobAnswer, PlanJob } from './plan-job.js'

export interface PlanPoolOptions {
  /** The worker's module (piscina runs its default export). */
  file: URL
  /** Most workers at once; they start on demand. */
  size: number
  /** Most work waiting for a worker, in the callers' cost units; run() rejects with QueueFullError beyond. */
  maxQueuedCost: number
  /** A worker idle this long stops, and gives its memory back (a large plan leaves hundreds of MB in its heap). */
  idleMs: number
  resourceLimits?: ResourceLimits
  /** The workers' Node options (default: the process's, loaders included). */
  execArgv?: string[]
  /** A job running longer is stuck (a bug): its worker is terminated and replaced, the job fails. */
  jobTimeoutMs: number
}

export class QueueFullError extends Error {
  constructor (queued: number) {
    super(`the plan queue is full (${queued} waiting)`)
    this.name = 'QueueFullError'
  }
}

/** A waiting job whose request was gone (its client went away) before its turn: it never ran. */
export class JobDroppedError extends Error {
  constructor (options: ErrorOptions) {
    super('the request was gone before its turn', options)
    this.name = 'JobDroppedError'
  }
}

/** A job given to piscina and not yet settled. */
interface Job {
  cost: number
  /** Aborts the job: its client went away while it waited, or it ran past jobTimeoutMs. */
  abort: AbortController
  started: boolean
  timer?: NodeJS.Timeout
}

/**
 * piscina's worker threads (started on demand, stopped when idle, replaced when they die or are
 * terminated), with what piscina does not know on top: admission by estimated cost (its queue
 * bound counts jobs, and a plan's cost ranges over five orders of magnitude), and which jobs wait.
 * piscina runs jobs in turn, one per worker: the first `size` unsettled jobs run, the others wait.
 */
export class PlanPool {
  readonly #options: PlanPoolOptions
  readonly #piscina: Piscina<PlanJob | undefined, JobAnswer>
  readonly #jobs: Job[] = []
  /** The jobs handed to piscina and not yet settled, running or waiting: drain() waits for them. */
  readonly #unsettled = new Set<Promise<JobAnswer>>()

  constructor (options: PlanPoolOptions) {
    this.#options = options
    this.#piscina = new Piscina({
      filename: options.file.href,
      minThreads: 0,
      // size 0 gets no job (plugins/plan-workers.ts then plans on the event loop); piscina wants one
      maxThreads: Math.max(options.size, 1),
      idleTimeout: options.idleMs,
      resourceLimits: options.resourceLimits,
      execArgv: options.execArgv
    })
  }

  /** Workers started and not yet stopped. */
  get size (): number {
    return this.#piscina.threads.length
  }

  /**
   * The job's answer. `cost` is its estimated work: the waiting jobs hold at most maxQueuedCost
   * (one job at least). Rejects with JobDroppedError if the signal aborts while the job waits.
   */
  async run (planJob: PlanJob, cost: number, signal?: AbortSignal): Promise<JobAnswer> {
    const waiting = this.#jobs.slice(this.#options.size)
    if (waiting.length > 0 && waiting.reduce((sum, job) => sum + job.cost, cost) > this.#options.maxQueuedCost) {
      throw new QueueFullError(waiting.length)
    }
    const job: Job = { cost, abort: new AbortController(), started: false }
    this.#jobs.push(job)
    this.#startRunning()
    // a client gone (or a handler timed out) before its turn: its job is not worth a worker
    const gone = signal ?? new AbortController().signal
    const drop = () => {
      if (!job.started) job.abort.abort(new JobDroppedError({ cause: gone.reason }))
    }
    gone.addEventListener('abort', drop, { once: true })
    const running = this.#piscina.run(planJob, { signal: job.abort.signal })
    this.#unsettled.add(running)
    try {
      return await running
    } catch (error) {
      throw job.abort.signal.aborted ? job.abort.signal.reason : error
    } finally {
      this.#unsettled.delete(running)
      gone.removeEventListener('abort', drop)
      clearTimeout(job.timer)
      this.#jobs.splice(this.#jobs.indexOf(job), 1)
      this.#startRunning()
      this.#replaceLostWorkers()
    }
  }

  /** Resolves once every job handed to the pool so far, running or waiting, has settled. */
  async drain (): Promise<void> {
    while (this.#unsettled.size > 0) await Promise.allSettled([...this.#unsettled])
  }

  /** Rejects the waiting jobs; lets the running ones finish; stops every worker. */
  async close (): Promise<void> {
    for (const job of this.#jobs) if (!job.started) job.abort.abort(new DOMException('the plan pool is closing', 'AbortError'))
    await this.drain()
    // not piscina's close(): it races the pool's flush with a 30 s timer that it leaves running,
    // which holds the process that long after everything has stopped
    await this.#piscina.destroy()
  }

  /**
   * piscina replaces a worker that died or was terminated only up to minThreads (0 here, so that
   * idle workers stop): the jobs waiting for one would wait for the next run(). A no-op job
   * (workers/plan.ts `wake`) makes piscina start the workers they need.
   */
  #replaceLostWorkers (): void {
    const workers = this.#piscina.threads.length
    if (this.#jobs.length > workers && workers < this.#options.size) {
      // unsettled like any job: close() waits for it, so that no answer reaches a destroyed pool
      const wake = this.#piscina.run(undefined, { name: 'wake' })
      this.#unsettled.add(wake)
      wake.catch(() => {}).finally(() => this.#unsettled.delete(wake))
    }
  }

  /** The jobs that now have a worker: their time runs (it includes a new worker's start-up). */
  #startRunning (): void {
    for (const job of this.#jobs.slice(0, this.#options.size)) {
      if (job.started) continue
      job.started = true
      const { jobTimeoutMs } = this.#options
      job.timer = setTimeout(() => job.abort.abort(new Error(`the plan worker took more than ${jobTimeoutMs} ms`)), jobTimeoutMs)
    }
  }
}
