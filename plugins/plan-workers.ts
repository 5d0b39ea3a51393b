import type { ServerResponse } from 'node:http'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { PLAN_WORKERS, PRESSURE_LIMITS } from '../limits.js'
import type { JobAnswer, PlanExportFormat, PlanFormat, PlanJob } from '../workers/plan-job.js'
import type { TaskName } from '../src/index.js'
import { requestError } from './errors.js'
import { JobDroppedError, PlanPool, QueueFullError } from '../workers/pool.js'

export interface PlanWorkersOptions {
  /** Worker threads (0: every plan on the event loop). */
  size?: number
  /** Most estimated work (planCost) waiting for a worker. */
  maxQueuedCost?: number
  /** Requests of an estimated cost (planCost) up to this stay on the event loop. */
  inProcessMaxCost?: number
  idleMs?: number
  jobTimeoutMs?: number
  maxOldGenerationSizeMb?: number
  /** Seconds a client refused for a full queue should wait (Retry-After): the overload setting's, by default limits.ts PRESSURE_LIMITS's. */
  retryAfter?: number
  /** The worker's module; default workers/plan (tests pass a stand-in). */
  file?: URL
}

/** What a route asks a worker to do with its request's body. */
export type WorkerJob = { op: 'plan', format: PlanFormat } | { op: 'export', format: PlanExportFormat, task?: TaskName } | { op: 'lint' }

/** The routes' side: whether a request goes to a worker, and its answer from there. */
export interface PlanWorkers {
  offloads: (cost: number) => boolean
  /** The worker's answer to the request (503 when the queue is full); `cost` as for offloads. */
  run: (request: FastifyRequest, reply: FastifyReply, job: WorkerJob, cost: number) => Promise<JobAnswer>
  /** The request's answer from a worker, sent. */
  answer: (request: FastifyRequest, reply: FastifyReply, job: WorkerJob, cost: number) => Promise<FastifyReply>
}

declare module 'fastify' {
  interface FastifyInstance {
    planWorkers: PlanWorkers
  }
}

/** A worker's answer, sent as it is: its bytes are the event loop's, status and Content-Type included. */
export function sendJobAnswer (reply: FastifyReply, answer: JobAnswer): FastifyReply {
  const { body } = answer
  return reply.code(answer.statusCode).type(answer.contentType).send(Buffer.from(body.buffer, body.byteOffset, body.byteLength))
}

/** The worker's module, next to this one's: TypeScript source under tsx and tap, JavaScript in dist/. */
export function workerFile (moduleUrl: string): URL {
  return new URL(`../workers/plan.${moduleUrl.endsWith('.ts') ? 'ts' : 'js'}`, moduleUrl)
}

/**
 * Aborts when the client goes away before its answer is written: the response closes unfinished.
 * (Not request.signal: it follows the request stream's 'close', which also comes on shutdown and
 * after the body is read, and would drop the plans of clients still waiting for them.)
 */
function clientGone (response: ServerResponse): AbortSignal {
  const gone = new AbortController()
  response.once('close', () => { if (!response.writableFinished) gone.abort(new Error('the client went away')) })
  return gone.signal
}

/**
 * Large cluster plans and lints run on worker threads: a 100,000-task plan is 1.5 s of CPU and
 * 50 MB of JSON, which on the event loop would stall every other request (/healthz included).
 * The worker gets the body's text (structured cloning would lose the key order the core keeps
 * aside) and sends back the serialized answer, transferred. Small requests stay here: a worker's
 * round trip costs more than they do.
 */
export default fp(async function planWorkers (app, opts: PlanWorkersOptions) {
  const { size, maxQueuedCost, inProcessMaxCost, idleMs, jobTimeoutMs, maxOldGenerationSizeMb } = { ...PLAN_WORKERS, ...opts }
  const { retryAfter = PRESSURE_LIMITS.retryAfter, file = workerFile(import.meta.url) } = opts
  const pool = new PlanPool({
    file,
    size,
    maxQueuedCost,
    idleMs,
    jobTimeoutMs,
    // a runaway worker dies alone (its request gets a 500) rather than taking the process down
    resourceLimits: { maxOldGenerationSizeMb }
  })

  async function run (request: FastifyRequest, reply: FastifyReply, job: WorkerJob, cost: number): Promise<JobAnswer> {
    try {
      return await pool.run({ ...job, text: request.jsonText } as PlanJob, cost, clientGone(reply.raw))
    } catch (error) {
      if (error instanceof QueueFullError) throw requestError(503, 'PLAN_QUEUE_FULL', `${error.message}; retry later`, retryAfter)
      // nobody waits for this answer, and nothing failed but the client's patience: a warning, not an error
      if (error instanceof JobDroppedError) {
        request.log.warn({ err: error }, 'the client went away before its plan ran')
        throw requestError(499, 'CLIENT_GONE', 'The client went away before its plan ran')
      }
      throw error
    }
  }

  app.decorate('planWorkers', {
    offloads: (cost: number) => size > 0 && cost > inProcessMaxCost,
    run,
    async answer (request, reply, job, cost) {
      const answer = await run(request, reply, job, cost)
      request.log.info({ ...answer.log, worker: true }, job.op === 'lint' ? 'linted cluster' : 'planned cluster')
      return sendJobAnswer(reply, answer)
    }
  } satisfies PlanWorkers)

  // Fastify runs the plugins' onClose hooks before its own server close, while requests may still
  // be in flight: their plans (running or waiting) finish first, then the workers stop
  app.addHook('onClose', async () => {
    await pool.drain()
    await pool.close()
  })
}, { name: 'plan-workers' })
