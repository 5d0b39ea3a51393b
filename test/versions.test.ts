import { readdirSync, readFileSync } from 'node:fs'
import t from 'tap'
import { API_INFO } from '../app.js'
import { build } from './helper.js'

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')

// One version for what users see: the package, the API document, the image the deployment runs,
// the README's build command. A release bumps them together; this fails when one is left behind.
t.test('the versions line up', async (t) => {
  const { version } = JSON.parse(read('package.json'))
  t.equal(API_INFO.version, version, 'OpenAPI info.version')
  for (const file of readdirSync(new URL('../deploy/', import.meta.url)).filter((name) => name.endsWith('.yaml'))) {
    for (const [, tag] of read(`deploy/${file}`).matchAll(/image: runconfig-service:(\S+)/g)) t.equal(tag, version, `deploy/${file}`)
  }
  t.match(read('README.md'), `docker build -t runconfig-service:${version} .`)
})

t.test('/docs carries the service\'s title', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/docs/' })
  t.equal(res.statusCode, 200)
  t.match(res.body, '<title>runconfig-service: API documentation</title>')
})
