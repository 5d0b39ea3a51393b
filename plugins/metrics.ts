import * as client from '@prometheus-io/client'
import fp from 'fastify-plugin'
import fastifyMetricsModule from 'fastify-metrics'
import { IGNORE_PRESSURE } from './overload.js'

export interface MetricsOptions {
  /** The process and Node.js runtime metrics (CPU, memory, event loop, GC); tests turn them off. */
  defaultMetrics?: boolean
}

/** What routes record about plans: how many tasks each cluster had, by operation. */
export interface PlanSizes {
  observe: (labels: { operation: PlanOperation }, tasks: number) => void
}
export type PlanOperation = 'plan' | 'lint' | 'exports'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * This app's registry. Gauges of state (jobs by state, waiting members, leases) belong here:
     * `new client.Gauge({ name, help, labelNames, registers: [app.metricsRegistry], collect () { … } })`,
     * with `collect` reading the store when Prometheus scrapes (see addStateGauge).
     */
    metricsRegistry: client.Registry
    planSizes: PlanSizes
  }
}

// a CommonJS module: its default export is module.exports.default
const fastifyMetrics = fastifyMetricsModule.default

// Powers of ten: a launcher's cluster is a handful of nodes or thousands, the limit is 100,000
const PLAN_SIZE_BUCKETS = [1, 10, 100, 1_000, 10_000, 100_000]

/**
 * GET /metrics in Prometheus' text format: request counts and latencies by route pattern, method
 * and status (fastify-metrics), plan sizes, and the runtime's own metrics. One registry per app,
 * not prom-client's global one: a process (the tests) may build several apps.
 */
export default fp<MetricsOptions>(async function metrics (app, { defaultMetrics = true }) {
  const registry = new client.Registry()
  app.decorate('metricsRegistry', registry)
  app.decorate('planSizes', new client.Histogram({
    name: 'runconfig_plan_tasks',
    help: 'Tasks in each cluster planned, linted or exported',
    labelNames: ['operation'],
    buckets: PLAN_SIZE_BUCKETS,
    registers: [registry]
  }))
  await app.register(fastifyMetrics, {
    promClient: client,
    endpoint: {
      method: 'GET',
      url: '/metrics',
      // scraped every few seconds: log only what goes wrong; answer while overloaded (that is when it matters)
      logLevel: 'warn',
      config: { ...IGNORE_PRESSURE, disableMetrics: true },
      schema: { hide: true },
      /* c8 ignore next: fastify-metrics puts its own handler here */
      handler: async () => undefined
    },
    defaultMetrics: { enabled: defaultMetrics, register: registry },
    routeMetrics: {
      enabled: { histogram: true, summary: false },
      // fastify-metrics creates the summary even when it is off: it must not reach the global registry either
      overrides: { histogram: { registers: [registry] }, summary: { registers: [registry] } }
    }
  })
})

/**
 * A gauge whose values are read from the application's state at scrape time: the hook for the
 * coordination plugins (`addStateGauge(app, 'runconfig_jobs', 'Jobs by state', ['state'],
 * async () => [[{ state: 'open' }, 3]])`).
 */
export function addStateGauge (
  app: { metricsRegistry: client.Registry }, name: string, help: string, labelNames: string[],
  read: () => Promise<Array<[Record<string, string>, number]>>
): void {
  // eslint-disable-next-line no-new -- the registry keeps it; collect() runs on each scrape
  new client.Gauge({
    name,
    help,
    labelNames,
    registers: [app.metricsRegistry],
    async collect () {
      this.reset()
      for (const [labels, value] of await read()) this.set(labels, value)
    }
  })
}
