import { Worker, type ResourceLimits } from 'node:worker_threads'
import type { JobAnswer, PlanJob } from './plan-job.js'
import type { WorkerMessage, WorkerReply } from './plan.js'

export interface WorkerPoolOptions {
  /** The worker's module. */
  file: URL
  /** Most workers at once; they start on demand. */
  size: number
  /** Most work waiting for a worker, in the callers' cost units; run() rejects with QueueFullError beyond. */
  maxQueuedCost: number
  /** A worker idle this long stops, and gives its memory back (a large plan leaves hundreds of MB in its heap). */
  idleMs: number
  resourceLimits?: ResourceLimits
  /** How long a worker asked to stop may take before it is terminated (default 2 s). */
  stopGraceMs?: number
  /** A job running longer is stuck (a bug): its worker is terminated and replaced, the job fails. */
  jobTimeoutMs: number
}

export class QueueFullError extends Error {
  constructor (queued: number) {
    super(`the plan queue is full (${queued} waiting)`)
    this.name = 'QueueFullError'
  }
}

interface Pending {
  job: PlanJob
  cost: number
  resolve: (answer: JobAnswer) => void
  reject: (error: Error) => void
  timer?: NodeJS.Timeout
}

/** A few worker threads, one job each at a time, and a bounded queue. */
export class WorkerPool {
  readonly #options: WorkerPoolOptions
  /** Every worker started and not yet exited, and when it exits. */
  readonly #exits = new Map<Worker, Promise<unknown>>()
  readonly #idle = new Map<Worker, NodeJS.Timeout>()
  readonly #busy = new Map<Worker, Pending>()
  readonly #failures = new Map<Worker, Error>()
  readonly #queue: Pending[] = []
  #queuedCost = 0
  #closed = false

  constructor (options: WorkerPoolOptions) {
    this.#options = options
  }

  /** Workers started and not yet exited. */
  get size (): number {
    return this.#exits.size
  }

  /**
   * The job's answer. `cost` is its estimated work: the queue holds at most maxQueuedCost (one job
   * at least). Rejects with the signal's reason if it aborts while the job waits.
   */
  run (job: PlanJob, cost: number, signal?: AbortSignal): Promise<JobAnswer> {
    if (this.#closed) return Promise.reject(new Error('the worker pool is closed'))
    const worker = this.#takeIdle() ?? (this.#exits.size < this.#options.size ? this.#start() : undefined)
    if (worker === undefined && this.#queue.length > 0 && this.#queuedCost + cost > this.#options.maxQueuedCost) {
      return Promise.reject(new QueueFullError(this.#queue.length))
    }
    return new Promise((resolve, reject) => {
      const pending: Pending = { job, cost, resolve, reject }
      if (worker !== undefined) return this.#dispatch(worker, pending)
      this.#queue.push(pending)
      this.#queuedCost += cost
      // a client gone (or a handler timed out) before its turn: its job is not worth a worker
      signal?.addEventListener('abort', () => {
        if (this.#dequeue(pending) !== undefined) reject(new Error('the request was gone before its turn', { cause: signal.reason }))
      }, { once: true })
    })
  }

  /** Rejects the waiting jobs; lets the running ones finish; stops every worker. */
  async close (): Promise<void> {
    this.#closed = true
    this.#queuedCost = 0
    for (const pending of this.#queue.splice(0)) pending.reject(new Error('the worker pool is closed'))
    for (const worker of [...this.#idle.keys()]) this.#stop(worker)
    // the busy ones stop when their job is done (#next)
    await Promise.all(this.#exits.values())
  }

  #start (): Worker {
    const worker = new Worker(this.#options.file, { resourceLimits: this.#options.resourceLimits })
    this.#exits.set(worker, new Promise((resolve) => worker.once('exit', resolve)))
    worker.on('message', (reply: WorkerReply) => this.#settle(worker, reply))
    worker.on('error', (error) => this.#failures.set(worker, error))
    worker.on('exit', (code) => this.#exited(worker, code))
    return worker
  }

  #takeIdle (): Worker | undefined {
    const [worker] = this.#idle.keys()
    if (worker === undefined) return undefined
    clearTimeout(this.#idle.get(worker))
    this.#idle.delete(worker)
    return worker
  }

  /** Takes the first waiting job, or this one (false if it is not waiting any more). */
  #dequeue (pending?: Pending): Pending | undefined {
    const index = pending === undefined ? 0 : this.#queue.indexOf(pending)
    const [taken] = index === -1 ? [] : this.#queue.splice(index, 1)
    if (taken !== undefined) this.#queuedCost -= taken.cost
    return taken
  }

  #dispatch (worker: Worker, pending: Pending): void {
    this.#busy.set(worker, pending)
    worker.postMessage(pending.job satisfies WorkerMessage)
    const { jobTimeoutMs } = this.#options
    pending.timer = setTimeout(() => {
      this.#failures.set(worker, new Error(`the plan worker took more than ${jobTimeoutMs} ms`))
      worker.terminate()
    }, jobTimeoutMs)
  }

  #settle (worker: Worker, reply: WorkerReply): void {
    const pending = this.#busy.get(worker) as Pending
    this.#busy.delete(worker)
    clearTimeout(pending.timer)
    if ('answer' in reply) pending.resolve(reply.answer)
    else pending.reject(Object.assign(new Error(reply.failure.message), { stack: reply.failure.stack }))
    this.#next(worker)
  }

  /** A worker's job is done: the next one, or idle until idleMs, or stop when the pool closes. */
  #next (worker: Worker): void {
    const pending = this.#dequeue()
    if (pending !== undefined) return this.#dispatch(worker, pending)
    if (this.#closed) return this.#stop(worker)
    this.#idle.set(worker, setTimeout(() => {
      this.#idle.delete(worker)
      this.#stop(worker)
    }, this.#options.idleMs).unref())
  }

  /** Asks a worker to stop (it flushes its logs and coverage); terminates it if it has not within stopGraceMs. */
  #stop (worker: Worker): void {
    clearTimeout(this.#idle.get(worker))
    this.#idle.delete(worker)
    worker.postMessage({ op: 'stop' } satisfies WorkerMessage)
    const timer = setTimeout(() => worker.terminate(), this.#options.stopGraceMs ?? 2_000)
    this.#exits.get(worker)?.then(() => clearTimeout(timer))
  }

  /** A worker exited: asked to, or crashed (out of memory, a bug). Its job fails; the queue gets a new worker. */
  #exited (worker: Worker, code: number): void {
    this.#exits.delete(worker)
    clearTimeout(this.#idle.get(worker))
    this.#idle.delete(worker)
    const pending = this.#busy.get(worker)
    if (pending !== undefined) {
      this.#busy.delete(worker)
      clearTimeout(pending.timer)
      pending.reject(this.#failures.get(worker) ?? new Error(`the plan worker stopped (exit code ${code})`))
    }
    this.#failures.delete(worker)
    const waiting = this.#dequeue()
    if (waiting !== undefined) this.#dispatch(this.#start(), waiting)
  }
}
