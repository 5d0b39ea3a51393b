import fp from 'fastify-plugin'
import { sweepLeases } from '../src/coordination/lease-upkeep.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Deletes the lease rows expired by now; the periodic sweep calls it. */
    sweepLeases: () => Promise<number>
  }
}

export interface LeaseSweepOptions {
  /** How often; default a minute. Expiry does not wait for it (reads free expired ports): it keeps the table small. */
  intervalMs?: number
}

export default fp<LeaseSweepOptions>(async function leaseSweep (app, { intervalMs = 60_000 }) {
  app.decorate('sweepLeases', async () => await sweepLeases(app.store.leases, app.clock.now()))
  let timer: NodeJS.Timeout | undefined
  app.addHook('onReady', async function startLeaseSweep () {
    timer = setInterval(() => {
      app.sweepLeases().then((swept) => {
        if (swept > 0) app.log.debug({ swept }, 'swept expired leases')
      }, (err: unknown) => app.log.error({ err }, 'lease sweep failed'))
    }, intervalMs).unref()
  })
  app.addHook('onClose', async function stopLeaseSweep () {
    clearInterval(timer)
  })
}, { name: 'lease-sweep', dependencies: ['store'] })
