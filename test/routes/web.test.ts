import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { buildApp } from '../../app.js'
import { defaultRoot } from '../../routes/web.js'
import { buildWeb, WEB_OUT } from '../../scripts/web-bundle.js'

const root = await mkdtemp(join(tmpdir(), 'runconfig-web-'))
t.teardown(() => rm(root, { recursive: true, force: true }))
await buildWeb(root)

async function build (t: Test, webRoot = root) {
  const app = await buildApp({ web: { root: webRoot } })
  t.teardown(() => app.close())
  return app
}

t.test('GET / and GET /jobs/<job> serve the page, with a strict CSP', async (t) => {
  const app = await build(t)
  const page = await readFile(join(root, 'index.html'), 'utf8')
  for (const url of ['/', '/jobs/resnet-50']) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 200, url)
    t.equal(res.headers['content-type'], 'text/html; charset=utf-8')
    t.equal(res.body, page)
    t.match(res.headers['content-security-policy'], /default-src 'none'; script-src 'self';/)
    t.equal(res.headers['cache-control'], 'no-cache')
  }
})

t.test('the assets, revalidated by ETag; nothing else under /assets', async (t) => {
  const app = await build(t)
  const js = await app.inject({ url: '/assets/app.js' })
  t.equal(js.statusCode, 200)
  t.equal(js.headers['content-type'], 'text/javascript; charset=utf-8')
  t.equal(js.headers['x-content-type-options'], 'nosniff')
  t.equal(js.body, await readFile(join(root, 'app.js'), 'utf8'))
  t.equal((await app.inject({ url: '/assets/app.css' })).headers['content-type'], 'text/css; charset=utf-8')
  const again = await app.inject({ url: '/assets/app.js', headers: { 'if-none-match': String(js.headers.etag) } })
  t.same([again.statusCode, again.body], [304, ''])
  for (const url of ['/assets/index.html', '/assets/..%2Fpackage.json', '/assets/app.ts']) {
    t.equal((await app.inject({ url })).statusCode, 404, url)
  }
})

t.test('an unbuilt page is a 503 that says how to build it', async (t) => {
  const app = await build(t, join(root, 'missing'))
  const res = await app.inject({ url: '/' })
  t.equal(res.statusCode, 503)
  t.same(res.json(), {
    statusCode: 503,
    error: 'Service Unavailable',
    message: 'The web view is not built: run npm run build:web (npm run build and npm start do)'
  })
})

t.test('the default folder is dist/public, from the source and from the build', async (t) => {
  t.equal(defaultRoot(new URL('../../routes/web.ts', import.meta.url).href), `${WEB_OUT}/`)
  t.equal(defaultRoot(new URL('../../dist/routes/web.js', import.meta.url).href), `${WEB_OUT}/`)
})

t.test('the page is small and self-contained: no URL outside the service', async (t) => {
  const js = await readFile(join(root, 'app.js'), 'utf8')
  const css = await readFile(join(root, 'app.css'), 'utf8')
  t.ok(js.length < 40_000, `app.js is ${js.length} bytes`)
  t.notMatch(js + css, /https?:\/\/(?!www\.w3\.org\/2000\/svg)/)
})
