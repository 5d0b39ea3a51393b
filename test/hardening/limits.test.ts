import t from 'tap'
import { BODY_LIMIT, PLAN_BODY_LIMIT, PLAN_WORKERS, PRESSURE_LIMITS, SERVER_TIMEOUTS } from '../../limits.js'
import { MAX_PLAN_TASKS } from '../../src/schemas.js'
import { build } from '../helper.js'
import { assertRefusal, assertStillAnswers, bigCluster, buildWith } from './helper.js'

const TOO_LARGE = { code: 'FST_ERR_CTP_BODY_TOO_LARGE', message: /^Request body is too large: POST \/v1\/[a-z/-]+ takes at most 1[2]? MiB \(.*\). Instead: (.* )?run the CLI, which has no limit: runconfig (resolve|plan FILE( --format FORMAT)?|lint FILE)$/ }
const JSON_TYPE = { 'content-type': 'application/json' }

/** A JSON body of exactly `bytes` bytes: a TF_CONFIG text padded with spaces. */
const bodyOf = (bytes: number) => {
  const head = '{"tf_config": "{}'
  return head + ' '.repeat(bytes - head.length - 2) + '"}'
}

t.test('the production values (limits.ts) are what the server runs with', async (t) => {
  const app = await build(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  t.match(app.initialConfig, {
    bodyLimit: 1024 * 1024,
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    keepAliveTimeout: 72_000,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    forceCloseConnections: 'idle'
  })
  const server = app.server as typeof app.server & { connectionsCheckingInterval: number }
  t.same({
    headersTimeout: server.headersTimeout,
    requestTimeout: server.requestTimeout,
    timeout: server.timeout,
    keepAliveTimeout: server.keepAliveTimeout,
    connectionsCheckingInterval: server.connectionsCheckingInterval
  }, { headersTimeout: 10_000, requestTimeout: 30_000, timeout: 60_000, keepAliveTimeout: 72_000, connectionsCheckingInterval: 2_000 })
  t.ok(SERVER_TIMEOUTS.headersTimeout + SERVER_TIMEOUTS.connectionsCheckingInterval <= 15_000, 'a slow client is cut off within 15 s')
  t.ok(SERVER_TIMEOUTS.headersTimeout <= SERVER_TIMEOUTS.requestTimeout, 'Node requires headersTimeout <= requestTimeout')
  t.same(PRESSURE_LIMITS, { maxEventLoopDelay: 1_000, maxHeapUsedBytes: 512 * 1024 * 1024, maxRssBytes: 900 * 1024 * 1024, retryAfter: 5 })
  t.same(PLAN_WORKERS, { size: 1, maxQueuedCost: 500_000, inProcessMaxCost: 1_000, idleMs: 10_000, jobTimeoutMs: 30_000, maxOldGenerationSizeMb: 512 })
})

t.test('options given to buildApp override the defaults, and the other HTTP server options stay', async (t) => {
  const app = await buildWith(t, { http: { headersTimeout: 500 }, requestTimeout: 1_000 })
  const server = app.server as typeof app.server & { connectionsCheckingInterval: number }
  t.same([server.headersTimeout, server.requestTimeout, server.connectionsCheckingInterval], [500, 1_000, 2_000])
})

t.test('a 100,000-task plan with realistic addresses fits the plan routes\' limit with room to spare', async (t) => {
  const bytes = Buffer.byteLength(JSON.stringify({ cluster: bigCluster(MAX_PLAN_TASKS) }))
  t.ok(bytes < PLAN_BODY_LIMIT / 1.8, `${bytes} bytes, limit ${PLAN_BODY_LIMIT}`)
  t.ok(bytes > BODY_LIMIT * 4, 'and would not fit the default one')
})

t.test('bodies over the limits are 413s, and the app answers on', async (t) => {
  const app = await build(t)
  const cases: Array<[string, string, number, number]> = [
    ['the default limit, exactly', '/v1/run-config', BODY_LIMIT, 200],
    ['the default limit, one byte more', '/v1/run-config', BODY_LIMIT + 1, 413],
    ['the default limit on replace', '/v1/run-config/replace', BODY_LIMIT + 1, 413],
    ['the plan limit, one byte more', '/v1/cluster-plan', PLAN_BODY_LIMIT + 1, 413],
    ['the plan limit on lint', '/v1/cluster-plan/lint', PLAN_BODY_LIMIT + 1, 413],
    ['the default limit on a node\'s rendering', '/v1/run-config/exports?format=shell', BODY_LIMIT + 1, 413],
    ['the plan limit on a plan\'s rendering', '/v1/cluster-plan/exports?format=shell', PLAN_BODY_LIMIT + 1, 413]
  ]
  for (const [name, url, bytes, status] of cases) {
    const res = await app.inject({ method: 'POST', url, headers: JSON_TYPE, payload: bodyOf(bytes) })
    if (status === 200) t.equal(res.statusCode, 200, name)
    else t.test(name, async (t) => assertRefusal(t, res, 413, TOO_LARGE))
  }
  t.test('a Content-Length over the limit is refused before the body is read', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/v1/run-config', headers: { ...JSON_TYPE, 'content-length': String(BODY_LIMIT + 1) }, payload: '{}' })
    assertRefusal(t, res, 413, TOO_LARGE)
  })
  t.test('the app still answers', async (t) => assertStillAnswers(t, app))
})

t.test('the plan routes take bodies over the default limit', async (t) => {
  const app = await build(t)
  const cluster = bigCluster(20_000) // 1.3 MB
  for (const url of ['/v1/cluster-plan', '/v1/cluster-plan/lint']) {
    const res = await app.inject({ method: 'POST', url, headers: JSON_TYPE, payload: JSON.stringify({ cluster }) })
    t.equal(res.statusCode, 200, url)
  }
})

t.test('Ajv neither coerces types nor drops unknown fields', async (t) => {
  const app = await build(t)
  const cases: Array<[object, string]> = [
    [{ config: { save_summary_steps: '100' } }, 'body/config/save_summary_steps must be number or null'],
    [{ config: { checkpoint_save_graph_def: 1 } }, 'body/config/checkpoint_save_graph_def must be boolean or null'],
    [{ config: { tf_random_seed: true } }, 'body/config/tf_random_seed must be integer or null'],
    [{ config: { unknown_argument: 1 } }, 'body/config must NOT have additional properties: unknown_argument']
  ]
  for (const [payload, message] of cases) {
    const res = await app.inject({ method: 'POST', url: '/v1/run-config', payload })
    t.test(message, async (t) => assertRefusal(t, res, 400, { code: 'FST_ERR_VALIDATION', message }))
  }
})
