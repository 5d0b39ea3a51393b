import { readFile } from 'node:fs/promises'
import t from 'tap'
import { build } from './helper.js'

interface Operation { operationId?: string, summary?: string, description?: string, responses: Record<string, unknown> }

t.test('openapi.yaml matches the app', async (t) => {
  const app = await build(t)
  await app.ready()
  const committed = await readFile(new URL('../openapi.yaml', import.meta.url), 'utf8')
  t.equal(committed, app.swagger({ yaml: true }), 'stale: run npm run openapi and commit')
})

t.test('GET /openapi.json serves the document, GET /docs the Swagger UI', async (t) => {
  const app = await build(t)
  const json = await app.inject({ method: 'GET', url: '/openapi.json' })
  t.equal(json.statusCode, 200)
  t.same(json.json(), JSON.parse(JSON.stringify(app.swagger())))
  t.match(json.json(), { openapi: '3.1.0', info: { title: 'runconfig-service', version: '1.0.0' } })
  const docs = await app.inject({ method: 'GET', url: '/docs/' })
  t.equal(docs.statusCode, 200)
  t.match(docs.headers['content-type'], 'text/html')
})

t.test('/docs: Swagger UI is built on the first visit and serves its assets, the document as JSON and YAML, and the app\'s 404', async (t) => {
  const app = await build(t)
  const [page, again] = await Promise.all([app.inject({ method: 'GET', url: '/docs/' }), app.inject({ method: 'GET', url: '/docs/' })])
  t.equal(page.body, again.body, 'two first visits at once are served alike')
  const css = await app.inject({ method: 'GET', url: '/docs/static/swagger-ui.css' })
  t.equal(css.statusCode, 200)
  t.match(css.headers['content-type'], 'text/css')
  const cached = await app.inject({ method: 'GET', url: '/docs/static/swagger-ui.css', headers: { 'if-none-match': String(css.headers.etag) } })
  t.equal(cached.statusCode, 304)
  t.equal(cached.body, '')
  t.same((await app.inject({ method: 'GET', url: '/docs/json' })).json(), JSON.parse(JSON.stringify(app.swagger())))
  t.equal((await app.inject({ method: 'GET', url: '/docs/yaml' })).body, app.swagger({ yaml: true }))
  const redirect = await app.inject({ method: 'GET', url: '/docs/static/index.html' })
  t.equal(redirect.statusCode, 302)
  t.equal(redirect.headers['content-type'], undefined, 'a redirect has no body, so no content type')
  const missing = await app.inject({ method: 'GET', url: '/docs/static/nope.js' })
  t.same(missing.json(), { statusCode: 404, error: 'Not Found', message: 'Route GET:/docs/static/nope.js not found' })
})

t.test('every operation is documented with every status it answers', async (t) => {
  const app = await build(t)
  await app.ready()
  const paths = app.swagger().paths as Record<string, Record<string, Operation>>
  const expected: Record<string, string[]> = {
    'post /v1/run-config': ['200', '400', '406', '413', '415', '422', '503'],
    'get /v1/run-config': ['200', '400', '406', '422', '503'],
    'post /v1/run-config/replace': ['200', '400', '406', '413', '415', '422', '503'],
    'post /v1/run-config/exports': ['200', '400', '406', '413', '415', '422', '503'],
    'get /v1/run-config/exports': ['200', '400', '406', '422', '503'],
    'post /v1/run-config/replace/exports': ['200', '400', '406', '413', '415', '422', '503'],
    'post /v1/cluster-plan': ['200', '400', '406', '413', '415', '422', '503'],
    'post /v1/cluster-plan/exports': ['200', '400', '406', '413', '415', '422', '503'],
    'post /v1/cluster-plan/lint': ['200', '400', '413', '415', '503'],
    'post /v1/run-config/lint': ['200', '400', '413', '415', '503'],
    'post /v1/hosts/{host}/leases': ['200', '201', '400', '401', '409', '413', '415', '422', '503'],
    'put /v1/leases/{lease}': ['200', '400', '404', '413', '415', '503'],
    'delete /v1/leases/{lease}': ['204', '400', '404', '413', '415', '503'],
    'post /v1/leases/{lease}/conflict': ['200', '201', '400', '404', '409', '413', '415', '503'],
    'get /healthz': ['200', '503'],
    'get /readyz': ['200', '503'],
    'put /v1/jobs/{job}': ['200', '201', '400', '401', '409', '413', '415', '422', '503'],
    'get /v1/jobs': ['200', '401', '503'],
    'get /v1/jobs/{job}': ['200', '400', '401', '404', '503'],
    'post /v1/jobs/{job}/rounds': ['200', '400', '401', '404', '503'],
    'delete /v1/jobs/{job}': ['204', '400', '401', '404', '503'],
    'put /v1/jobs/{job}/members/{member}': ['200', '201', '400', '401', '404', '409', '410', '413', '415', '422', '503'],
    'delete /v1/jobs/{job}/members/{member}': ['204', '400', '401', '404', '409', '410', '503'],
    'get /v1/jobs/{job}/members/{member}/config': ['200', '202', '400', '401', '404', '410', '422', '503'],
    'get /v1/jobs/{job}/events': ['200', '400', '401', '404', '503']
  }
  const operations = Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => [`${method} ${path}`, operation] as const))
  t.same(operations.map(([name]) => name).sort(), Object.keys(expected).sort())
  for (const [name, operation] of operations) {
    t.ok(operation.operationId, `${name} has an operationId`)
    t.ok(operation.summary, `${name} has a summary`)
    t.ok(operation.description, `${name} has a description`)
    t.same(Object.keys(operation.responses).sort(), expected[name], `${name} declares its statuses`)
  }
})

t.test('the JSON operations answer one media type; each rendering is a content type of its …/exports operation', async (t) => {
  const app = await build(t)
  await app.ready()
  const paths = app.swagger().paths as Record<string, Record<string, { responses: Record<string, { content: object }> }>>
  const contentTypes = (path: string, method: string) => Object.keys(paths[path][method].responses['200'].content)
  for (const [path, method] of [['/v1/run-config', 'post'], ['/v1/run-config', 'get'], ['/v1/run-config/replace', 'post'],
    ['/v1/cluster-plan', 'post'], ['/v1/cluster-plan/lint', 'post'], ['/v1/run-config/lint', 'post']]) {
    t.strictSame(contentTypes(path, method), ['application/json'], `${method} ${path}`)
  }
  const node = ['text/x-shellscript', 'application/x-dotenv', 'application/vnd.runconfig.kubernetes-env+json']
  t.strictSame(contentTypes('/v1/run-config/exports', 'post'), node)
  t.strictSame(contentTypes('/v1/run-config/exports', 'get'), node)
  t.strictSame(contentTypes('/v1/run-config/replace/exports', 'post'), node)
  t.strictSame(contentTypes('/v1/cluster-plan/exports', 'post'),
    ['text/x-shellscript', 'application/x-dotenv', 'application/vnd.runconfig.kubernetes-env+json', 'application/x-ndjson'])
})
