import fp from 'fastify-plugin'
import { PRESSURE_LIMITS, RENDEZVOUS_LIMITS } from '../limits.js'
import type { PortRange } from '../src/coordination/lease-rules.js'
import { Rendezvous } from '../src/coordination/rendezvous.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Jobs, members and their waits (COORDINATION.md C.2–C.3), on app.store. */
    rendezvous: Rendezvous
  }
}

export interface RendezvousPluginOptions {
  /** RUNCONFIG_ADMIN_TOKEN; unset: creating, listing, restarting and deleting jobs is open. */
  adminToken?: string
  /** RUNCONFIG_PORT_RANGE: the ports a member that joins without one is leased from (C.5). */
  portRange: PortRange
  maxWatches?: number
  sweepIntervalMs?: number
  heartbeatMs?: number
  gatheringRetryAfter?: number
  closingRetryAfter?: number
  /** Seconds a client refused for too many open waits should wait: the overload setting's, by default limits.ts PRESSURE_LIMITS's. */
  retryAfter?: number
}

/**
 * The rendezvous rules bound to the store; a periodic sweep expires rounds past their deadline
 * (C.2: even if nobody asks); on close, waits in flight are answered 503 before the server stops.
 */
export default fp<RendezvousPluginOptions>(async function rendezvous (app, opts) {
  const { maxWatches, sweepIntervalMs, heartbeatMs, gatheringRetryAfter, closingRetryAfter } = { ...RENDEZVOUS_LIMITS, ...opts }
  const { retryAfter = PRESSURE_LIMITS.retryAfter } = opts
  const retryAfterSecs = { busy: retryAfter, closing: closingRetryAfter, gathering: gatheringRetryAfter }
  const service = new Rendezvous({
    store: app.store, clock: app.clock, adminToken: opts.adminToken, portRange: opts.portRange, maxWatches, heartbeatMs, retryAfterSecs
  })
  app.decorate('rendezvous', service)
  const sweep = setInterval(function sweepExpired () {
    service.sweep().catch((err: unknown) => app.log.error({ err }, 'expiry sweep failed'))
  }, sweepIntervalMs)
  sweep.unref()
  app.addHook('preClose', async function endWaits () {
    clearInterval(sweep)
    service.close()
  })
}, { name: 'rendezvous', dependencies: ['store'] })
