import t from 'tap'
import type { FastifySchemaValidationError } from 'fastify'
import { buildApp } from '../../app.js'
import { formatSchemaErrors } from '../../plugins/errors.js'
import { StoreUnavailableError } from '../../src/store/unavailable.js'
import { build } from '../helper.js'

const JSON_HEADERS = { 'content-type': 'application/json' }

t.test('an unknown route is a 404 in the error shape', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/v2/run-config?x=1' })
  t.equal(res.statusCode, 404)
  t.same(res.json(), { statusCode: 404, error: 'Not Found', message: 'Route GET:/v2/run-config not found' })
})

t.test('a known route with another method is a 405 naming the allowed ones', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'DELETE', url: '/v1/run-config' })
  t.equal(res.statusCode, 405)
  t.equal(res.headers.allow, 'GET, HEAD, POST')
  t.same(res.json(), { statusCode: 405, error: 'Method Not Allowed', message: 'Route DELETE:/v1/run-config not allowed; use GET, HEAD, POST' })
})

t.test('a body that is not JSON is a 415', async (t) => {
  const app = await build(t)
  for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
    const res = await app.inject({ method: 'POST', url: '/v1/run-config', headers: { 'content-type': type }, payload: '{}' })
    t.equal(res.statusCode, 415, type)
    t.same(res.json(), {
      statusCode: 415,
      code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
      error: 'Unsupported Media Type',
      message: 'Unsupported Media Type: send the body as JSON, with the header content-type: application/json'
    })
  }
})

t.test('a body over the limit is a 413', async (t) => {
  const app = await buildApp({ bodyLimit: 64 })
  t.teardown(() => app.close())
  const res = await app.inject({ method: 'POST', url: '/v1/run-config', headers: JSON_HEADERS, payload: JSON.stringify({ tf_config: 'x'.repeat(100) }) })
  t.equal(res.statusCode, 413)
  t.same(res.json(), {
    statusCode: 413,
    code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    error: 'Payload Too Large',
    message: 'Request body is too large: POST /v1/run-config takes at most 64 bytes (one node\'s TF_CONFIG holds its whole cluster). ' +
      'Instead: for a larger cluster, POST the cluster to /v1/cluster-plan/exports?format=FORMAT&task=TYPE:INDEX (one node\'s ' +
      'environment) or /v1/cluster-plan, which take 12 MiB; or run the CLI, which has no limit: runconfig resolve'
  })
})

t.test('malformed, empty and prototype-polluting bodies are 400s', async (t) => {
  const app = await build(t)
  for (const [payload, code] of [['{"config":', 'FST_ERR_CTP_INVALID_JSON_BODY'], ['', 'FST_ERR_CTP_EMPTY_JSON_BODY'],
    ['{"tf_config": {"__proto__": {"x": 1}}}', 'FST_ERR_CTP_INVALID_JSON_BODY']]) {
    const res = await app.inject({ method: 'POST', url: '/v1/run-config', headers: JSON_HEADERS, payload })
    t.equal(res.statusCode, 400, payload)
    t.match(res.json(), { statusCode: 400, code, error: 'Bad Request' })
  }
})

t.test('a missing body is a 400 naming the body', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'POST', url: '/v1/run-config' })
  t.equal(res.statusCode, 400)
  t.same(res.json(), { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message: 'body must be object' })
})

t.test('TensorFlow errors are 422 with the exception and its exact message', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'POST', url: '/v1/run-config', payload: { config: { protocol: 'http' } } })
  t.equal(res.statusCode, 422)
  t.same(res.json(), { statusCode: 422, error: 'Unprocessable Entity', exception: 'ValueError', message: 'protocol should be grpc or grpc+verbs' })
})

t.test('anything else is a generic 500, logged, without details', async (t) => {
  const logs: string[] = []
  const app = await buildApp({ logger: { level: 'error', stream: { write: (line: string) => logs.push(line) } } })
  t.teardown(() => app.close())
  app.get('/boom', async () => { throw new Error('secret detail') })
  const res = await app.inject({ method: 'GET', url: '/boom' })
  t.equal(res.statusCode, 500)
  t.same(res.json(), { statusCode: 500, error: 'Internal Server Error', message: 'Internal Server Error' })
  t.match(JSON.parse(logs[0]), { level: 50, msg: 'unhandled error', err: { message: 'secret detail' } })
})

t.test('schema errors name the field', async (t) => {
  const app = await build(t)
  const cases: Array<[string, unknown, string]> = [
    ['/v1/run-config', { config: { tf_random_seed: '1' } }, 'body/config/tf_random_seed must be integer or null'],
    ['/v1/run-config', { config: { foo: 1 } }, 'body/config must NOT have additional properties: foo'],
    ['/v1/run-config', { config: { train_distribute: {} } }, "body/config/train_distribute must have required property 'strategy'"],
    ['/v1/run-config', { config: { session_config: { graphOptions: { x: 1 } } } }, 'body/config/session_config/graphOptions must NOT have additional properties: x'],
    ['/v1/run-config', { tf_config: 5 }, 'body/tf_config must be object or string or null'],
    ['/v1/run-config/replace', { replace: { save_checkpoints_steps: '1' } }, 'body/replace/save_checkpoints_steps must be number or null'],
    ['/v1/run-config/replace', { config: {} }, "body must have required property 'replace', body must have required property 'run_config'"],
    ['/v1/cluster-plan', { cluster: { worker: ['a:1'] }, include: ['all'] }, 'body/include/0 must be equal to one of the allowed values: tf_config, run_config'],
    ['/v1/cluster-plan', { cluster: { worker: ['a:1'] }, tf_config: { task: {} } }, 'body/tf_config/task is not allowed here'],
    ['/v1/cluster-plan', { cluster: { worker: [1] } }, 'body/cluster/worker/0 must be string']
  ]
  for (const [url, payload, message] of cases) {
    const res = await app.inject({ method: 'POST', url, payload: payload as object })
    t.same(res.json(), { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message }, JSON.stringify(payload))
  }
})

t.test('formatSchemaErrors falls back to the keyword when Ajv gives no message', async (t) => {
  const error: FastifySchemaValidationError = { keyword: 'custom', instancePath: '/x', schemaPath: '#/custom', params: {} }
  t.equal(formatSchemaErrors([error], 'body').message, 'body/x custom')
})

t.test('an unavailable database is a 503 with Retry-After, never a 500', async (t) => {
  const app = await build(t)
  const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
  app.get('/test/store-down', async () => { throw new StoreUnavailableError(2, { cause }) })
  const res = await app.inject({ method: 'GET', url: '/test/store-down' })
  t.equal(res.statusCode, 503)
  t.equal(res.headers['retry-after'], '2')
  t.same(res.json(), { statusCode: 503, error: 'Service Unavailable', message: 'The database is unavailable; retry later' })
})
