import { readFile } from 'node:fs/promises'
import Fastify from 'fastify'
import t from 'tap'
import { buildApp } from '../app.js'
import { VALIDATORS } from '../plugins/validators.generated.js'
import { precompiledValidators, sharedFingerprint, validatorFingerprint, type PrecompiledValidator } from '../plugins/validators.js'
import { validatorsSource } from '../scripts/validators-source.js'

t.test('plugins/validators.generated.ts matches the routes\' schemas', async (t) => {
  const committed = await readFile(new URL('../plugins/validators.generated.ts', import.meta.url), 'utf8')
  t.ok(committed === await validatorsSource(), 'stale: run npm run validators and commit')
})

t.test('the app uses a generated validator for every route part that has a schema', async (t) => {
  const loaded: string[] = []
  const counted = Object.fromEntries(Object.entries(VALIDATORS).map(([key, { fingerprint, load }]) =>
    [key, { fingerprint, load: () => { loaded.push(key); return load() } }]))
  const app = await buildApp({ schemaController: { compilersFactory: { buildValidator: precompiledValidators(counted) } } })
  t.teardown(() => app.close())
  await app.ready()
  t.same(loaded.sort(), Object.keys(VALIDATORS).sort())
  const res = await app.inject({ method: 'POST', url: '/v1/run-config', payload: { tf_config: {}, config: { tf_random_seed: 'x' } } })
  t.match(res.json(), { statusCode: 400, message: 'body/config/tf_random_seed must be integer or null' })
})

/** A one-route app whose body is { n: integer }, with `generated` as its precompiled validators. */
async function oneRoute (generated: Record<string, PrecompiledValidator>) {
  const app = Fastify({ schemaController: { compilersFactory: { buildValidator: precompiledValidators(generated) } } })
  app.post('/n', { schema: { body: { type: 'object', properties: { n: { type: 'integer' } } } } }, async () => 'ok')
  await app.ready()
  return app
}

t.test('a generated validator is used only for the schema it was generated from', async (t) => {
  const schema = { type: 'object', properties: { n: { type: 'integer' } } }
  const fingerprint = validatorFingerprint({ schema }, sharedFingerprint({}, { customOptions: {}, plugins: [] }))
  // stands in for generated code: refuses every body, so its use shows
  const refuse = Object.assign(() => { refuse.errors = [{ instancePath: '', message: 'refused by the generated validator' }]; return false }, { errors: [] as object[] })
  const generated = (print: string) => ({ 'POST /n body': { fingerprint: print, load: () => refuse as never } })
  for (const [name, print, expected] of [
    ['same schemas: the generated one', fingerprint, 'body refused by the generated validator'],
    ['a schema edited since: Ajv compiles it', 'stale', 'body/n must be integer']
  ]) {
    const app = await oneRoute(generated(print))
    const res = await app.inject({ method: 'POST', url: '/n', payload: { n: 'x' } })
    t.equal(res.json().message, expected, name)
    await app.close()
  }
  const app = await oneRoute({})
  t.equal((await app.inject({ method: 'POST', url: '/n', payload: { n: 1.5 } })).json().message, 'body/n must be integer', 'none generated: Ajv')
  await app.close()
})
