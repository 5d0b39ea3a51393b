import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { SEED_TF_CONFIG } from '../../src/schemas.js'
import { build } from '../helper.js'
import { assertRefusal, buildWith } from './helper.js'

// Every non-2xx is the error shape of SPEC A.1, Fastify's own errors included; no stack trace;
// no x-powered-by.

t.test('Fastify\'s own refusals', async (t) => {
  const app = await build(t)
  const cases: Array<[string, { method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS', url: string }, number, { code?: string, message?: string }]> = [
    ['an unknown route', { method: 'GET', url: '/v1/runconfig' }, 404, { message: 'Route GET:/v1/runconfig not found' }],
    ['an unknown route with a query', { method: 'POST', url: '/v2/cluster-plan?x=1' }, 404, { message: 'Route POST:/v2/cluster-plan not found' }],
    ['an unknown method', { method: 'PUT', url: '/v1/cluster-plan' }, 405, { message: 'Route PUT:/v1/cluster-plan not allowed; use POST' }],
    ['OPTIONS', { method: 'OPTIONS', url: '/healthz' }, 405, { message: 'Route OPTIONS:/healthz not allowed; use GET, HEAD' }],
    ['a malformed percent-encoding in the path', { method: 'GET', url: '/v1/run-config/%ZZ' }, 400, { code: 'FST_ERR_BAD_URL', message: "'/v1/run-config/%ZZ' is not a valid url component" }],
    ['a missing body', { method: 'POST', url: '/v1/cluster-plan' }, 400, { code: 'FST_ERR_VALIDATION', message: 'body must be object' }]
  ]
  for (const [name, request, status, expect] of cases) {
    t.test(name, async (t) => assertRefusal(t, await app.inject(request), status, expect))
  }
})

t.test('no answer carries x-powered-by', async (t) => {
  const app = await build(t)
  for (const url of ['/healthz', '/readyz', '/openapi.json', '/docs/', '/nowhere', '/v1/run-config']) {
    const res = await app.inject({ method: 'GET', url })
    t.notOk('x-powered-by' in res.headers, url)
  }
})

t.test('a handler past handlerTimeout is a 503 in the error shape', async (t) => {
  const app = await buildWith(t, { handlerTimeout: 50 })
  // a handler that ends only when the test does: the timeout always comes first
  let release = () => {}
  const never = new Promise<void>((resolve) => { release = resolve })
  t.teardown(() => release())
  app.get('/slow', async () => {
    await never
    return { late: true }
  })
  const res = await app.inject({ method: 'GET', url: '/slow' })
  assertRefusal(t, res, 503, { code: 'FST_ERR_HANDLER_TIMEOUT' })
})

t.test('overload: 503 with Retry-After, while the probes answer', async (t) => {
  // a heap limit of 1 byte is overload from the first sample on
  let now = 0 // past the start-up grace as soon as the app is ready: every kind of pressure counts
  const app = await buildWith(t, { pressure: { maxHeapUsedBytes: 1, sampleInterval: 10, retryAfter: 7, now: () => now } })
  await app.ready()
  now = 1e9
  // wait for the first sample by asking, not by the clock (on a busy machine it may come at once or late)
  while ((await app.inject({ method: 'GET', url: '/openapi.json' })).statusCode === 200) await sleep(10)
  for (const request of [{ method: 'POST', url: '/v1/run-config', payload: { tf_config: SEED_TF_CONFIG } }, { method: 'GET', url: '/openapi.json' }] as const) {
    const res = await app.inject(request)
    assertRefusal(t, res, 503, { code: 'FST_UNDER_PRESSURE', message: 'The server is overloaded; retry after 7 s' })
    t.equal(res.headers['retry-after'], '7')
  }
  t.same((await app.inject({ method: 'GET', url: '/healthz' })).json(), { status: 'ok' })
  t.same((await app.inject({ method: 'GET', url: '/readyz' })).json(), { status: 'ready' })
})

t.test('lag in the first two samples after ready is start-up\'s, not overload; later it is', async (t) => {
  const block = (ms: number) => { const until = Date.now() + ms; while (Date.now() < until); }
  let now = 0 // the grace's clock, moved by hand
  const app = await buildWith(t, { pressure: { maxEventLoopDelay: 1, sampleInterval: 500, now: () => now } })
  await app.ready()
  // block the loop until a sample has measured the lag, however busy the machine (the next sample
  // is 500 ms away, and a machine too busy to run the requests below meanwhile is lagging too)
  while (!app.isUnderPressure()) {
    block(600)
    await sleep(1)
  }
  now = 999 // within two samples of ready: start-up's lag
  t.equal((await app.inject({ method: 'GET', url: '/openapi.json' })).statusCode, 200)
  now = 1_000
  t.ok(app.isUnderPressure(), 'the lag is still measured')
  assertRefusal(t, await app.inject({ method: 'GET', url: '/openapi.json' }), 503, { code: 'FST_UNDER_PRESSURE' })
})
