import underPressure, { type FastifyUnderPressureOptions } from '@fastify/under-pressure'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { PRESSURE_LIMITS } from '../limits.js'
import { requestError } from './errors.js'

export type PressureOptions = Pick<FastifyUnderPressureOptions, 'maxEventLoopDelay' | 'maxHeapUsedBytes' | 'maxRssBytes' | 'retryAfter' | 'sampleInterval'> & {
  /** The monotonic clock of the start-up grace, ms (tests move it by hand). */
  now?: () => number
}

type PressureHandler = NonNullable<FastifyUnderPressureOptions['pressureHandler']>

declare module 'fastify' {
  interface FastifyContextConfig {
    /** under-pressure's handler for this route: the probes' lets the request through. */
    pressureHandler?: PressureHandler
  }
}

/** For the probes, which answer under pressure too (routes/health.ts says why). */
export const IGNORE_PRESSURE = { pressureHandler: () => undefined }

/** under-pressure's default sample interval, ms. */
const SAMPLE_INTERVAL = 1_000

/**
 * Overload: while the event loop lags or memory runs high, requests get a 503 with Retry-After
 * at once (in the usual error shape), rather than a growing latency tail or an out-of-memory kill.
 * The probes are exempt (IGNORE_PRESSURE): /healthz is liveness and /readyz is draining; load is
 * shed request by request.
 */
export default fp(async function overload (app, opts: PressureOptions) {
  const { retryAfter, sampleInterval = SAMPLE_INTERVAL, now = () => performance.now(), ...limits } = { ...PRESSURE_LIMITS, ...opts }
  let readyAt = Infinity
  app.addHook('onReady', async () => { readyAt = now() })

  async function shedLoad (request: FastifyRequest, reply: FastifyReply, type: string, value?: number) {
    // The first samples after start-up measure its schema compilation, which blocks the loop for a
    // second or two: that is not load
    if (type === underPressure.TYPE_EVENT_LOOP_DELAY && now() - readyAt < 2 * sampleInterval) return
    request.log.warn({ type, value }, 'overloaded: request refused')
    throw requestError(503, 'FST_UNDER_PRESSURE', `The server is overloaded; retry after ${retryAfter} s`, retryAfter)
  }

  await app.register(underPressure, { ...limits, retryAfter, sampleInterval, pressureHandler: shedLoad })
}, { name: 'overload' })
