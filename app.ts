import swagger from '@fastify/swagger'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Server } from 'node:http'
import Fastify, { type FastifyHttpOptions } from 'fastify'
import { BODY_LIMIT, SERVER_TIMEOUTS } from './limits.js'
import errors from './plugins/errors.js'
import jsonBody from './plugins/json-body.js'
import metrics, { type MetricsOptions } from './plugins/metrics.js'
import overload, { type PressureOptions } from './plugins/overload.js'
import planWorkers, { type PlanWorkersOptions } from './plugins/plan-workers.js'
import leaseSweep, { type LeaseSweepOptions } from './plugins/lease-sweep.js'
import shutdown from './plugins/shutdown.js'
import { clientErrorHandler } from './plugins/too-large.js'
import rendezvous, { type RendezvousPluginOptions } from './plugins/rendezvous.js'
import store from './plugins/store.js'
import { VALIDATORS } from './plugins/validators.generated.js'
import { precompiledValidators } from './plugins/validators.js'
import clusterPlan from './routes/cluster-plan.js'
import clusterPlanExports from './routes/cluster-plan-exports.js'
import docs from './routes/docs.js'
import health from './routes/health.js'
import jobEvents from './routes/job-events.js'
import jobs from './routes/jobs.js'
import leases from './routes/leases.js'
import { serializeRequest } from './routes/lib/redact.js'
import lint from './routes/lint.js'
import members from './routes/members.js'
import runConfig from './routes/run-config.js'
import runConfigExports from './routes/run-config-exports.js'
import web, { type WebOptions } from './routes/web.js'
import type { Clock } from './src/coordination/clock.js'
import { DEFAULT_PORT_RANGE, parsePortRange, type PortRange } from './src/coordination/lease-rules.js'
import { stringifyJson } from './src/index.js'
import { CONTRACT_SCHEMAS } from './src/schemas.js'
import { MEMORY_DATABASE_URL, type PostgresSettings } from './src/store/index.js'

/** The API contract's version: bump it on purpose when the contract changes (not the package's). */
export const API_INFO = {
  title: 'runconfig-service',
  version: '1.0.0',
  description: 'What tf.estimator.RunConfig, replace() and train_and_evaluate decide for each node of a ' +
    'TensorFlow cluster, with TensorFlow\'s exact semantics and error messages, without TensorFlow. For cluster ' +
    'launchers (plan every node\'s TF_CONFIG and settings before starting anything), for debugging a TF_CONFIG ' +
    'with curl, and for generated clients.'
}

export type AppOptions = FastifyHttpOptions<Server> & {
  /** Overload limits; default limits.ts PRESSURE_LIMITS (tests lower them). */
  pressure?: PressureOptions
  /** The plan worker threads; default limits.ts PLAN_WORKERS. */
  planWorkers?: PlanWorkersOptions
  /** C.1's DATABASE_URL; default an in-memory SQLite database (server.ts passes the configured one). */
  databaseUrl?: string
  /** Where the rules read the time; default the system clock (tests pass a manual one). */
  clock?: Clock
  /** GET /metrics; tests turn the runtime's default metrics off. */
  metrics?: MetricsOptions
  /** The admin token (RUNCONFIG_ADMIN_TOKEN) and the limits of waits: default limits.ts RENDEZVOUS_LIMITS. */
  rendezvous?: Omit<RendezvousPluginOptions, 'portRange'>
  /** The web view's built files; default dist/public. */
  web?: WebOptions
  /** How a PostgreSQL store uses its database; default limits.ts POSTGRES_LIMITS. */
  postgres?: PostgresSettings
  /** RUNCONFIG_ADMIN_TOKEN: when set, creating leases (and managing jobs) needs it. */
  adminToken?: string
  /** RUNCONFIG_PORT_RANGE: the ports leases are picked from; default 20000-29999. */
  portRange?: PortRange
  /** The periodic sweep of expired leases. */
  leaseSweep?: LeaseSweepOptions
}

export async function buildApp ({
  pressure = {}, planWorkers: workers = {}, databaseUrl = MEMORY_DATABASE_URL, clock, rendezvous: rendezvousOptions = {},
  metrics: metricsOptions = {}, web: webOptions = {}, postgres, adminToken, portRange = parsePortRange(DEFAULT_PORT_RANGE),
  leaseSweep: sweep = {}, ...opts
}: AppOptions = {}) {
  const { headersTimeout, connectionsCheckingInterval, ...timeouts } = SERVER_TIMEOUTS
  const app = Fastify({
    // limits.ts says why each value; the cluster plan routes set a larger bodyLimit of their own
    bodyLimit: BODY_LIMIT,
    ...timeouts,
    // a body with a __proto__ or constructor.prototype key is a 400, never a prototype
    // a member key is up to 128 characters: a longer one must reach its schema (a 400 naming it), not a 404
    // (routerOptions: the top-level maxParamLength is deprecated, FSTDEP022)
    routerOptions: { maxParamLength: 256 },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // on close(): idle keep-alive connections end at once, busy ones after their answer (plugins/shutdown.ts)
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // a 431 says what to do instead (POST the TF_CONFIG); the other client errors as Fastify answers them
    clientErrorHandler,
    // the route validators npm run validators generated: Ajv compiled them at each start otherwise
    schemaController: { compilersFactory: { buildValidator: precompiledValidators(VALIDATORS) } },
    ...opts,
    // lease ids (capabilities) in request paths are never logged
    logger: typeof opts.logger === 'object' ? { ...opts.logger, serializers: { req: serializeRequest, ...opts.logger.serializers } } : opts.logger,
    http: { headersTimeout, connectionsCheckingInterval, ...opts.http },
    // Fastify's defaults drop unknown keys and coerce types; a misspelt RunConfig argument must be
    // an error and "1" is not an integer (TF_CONFIG keeps extra keys: its schema allows them).
    // inlineRefs: false compiles ConfigProto (75 kB of schema) once, not into every route: half the start-up
    // verbose: a schema error carries its data, so that a 400 can list every unknown key (plugins/errors.ts)
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, inlineRefs: false, verbose: true } }
  }).withTypeProvider<TypeBoxTypeProvider>()
  // The core answers plain JSON already in API form: JSON.stringify writes it exactly (stringifyJson:
  // ints past 2^53 as exact literals), whatever a
  // TF_CONFIG value holds. The response schemas remain the contract (types, openapi.yaml);
  // fast-json-stringify would drop or coerce what they do not foresee, and it compiles a
  // ConfigProto validator on each route's first answer (2 to 3 s each).
  app.setSerializerCompiler(() => (data) => stringifyJson(data))

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: API_INFO,
      tags: [
        { name: 'run-config', description: 'One node' },
        { name: 'cluster-plan', description: 'Every node of a cluster' },
        { name: 'rendezvous', description: 'Nodes join a job as they start, and get their TF_CONFIG once all are in' },
        { name: 'leases', description: 'Ports held on hosts, so that no two jobs pick the same one' },
        { name: 'operations', description: 'Probes' }
      ]
    },
    // components are named after the schemas' $id, not def-0, def-1, ...
    refResolver: { buildLocalReference: (json) => String(json.$id) }
  })
  for (const schema of CONTRACT_SCHEMAS) app.addSchema(schema)
  await app.register(errors)
  await app.register(metrics, metricsOptions)
  await app.register(jsonBody)
  await app.register(shutdown)
  await app.register(overload, pressure)
  // one Retry-After for every 503 of load (a full plan queue, too many open waits): the overload setting's
  await app.register(planWorkers, { retryAfter: pressure.retryAfter, ...workers })
  await app.register(store, { databaseUrl, clock, postgres })
  // portRange: a member that joins without a port is leased one, as POST /v1/hosts/{host}/leases would
  await app.register(rendezvous, { adminToken, portRange, retryAfter: pressure.retryAfter, ...rendezvousOptions })
  await app.register(leaseSweep, sweep)
  await app.register(docs)
  // explicit order: it is openapi.yaml's order
  await app.register(runConfig)
  await app.register(runConfigExports)
  await app.register(clusterPlan)
  await app.register(clusterPlanExports)
  await app.register(lint)
  await app.register(jobs)
  await app.register(members)
  await app.register(jobEvents)
  await app.register(leases, { portRange, adminToken })
  await app.register(health)
  await app.register(web, webOptions)
  return app
}
