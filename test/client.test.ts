import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { createRunConfigClient } from '../client/index.js'
import { generateClientTypes } from '../scripts/client-types.js'
import { SEED_CLUSTER, SEED_PLAN, SEED_RESOLUTION, SEED_TF_CONFIG } from '../src/schemas.js'
import { build } from './helper.js'

t.test('client/api.ts matches the app', async (t) => {
  const app = await build(t)
  await app.ready()
  const committed = await readFile(new URL('../client/api.ts', import.meta.url), 'utf8')
  t.equal(committed, await generateClientTypes(app.swagger()), 'stale: run npm run client and commit')
})

async function listen (t: Parameters<typeof build>[0]): Promise<string> {
  const app = await build(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
}

t.test('createRunConfigClient talks to the running service: resolve, replace, plan, lint', async (t) => {
  const client = createRunConfigClient(await listen(t))

  const node = await client.POST('/v1/run-config', { body: { tf_config: SEED_TF_CONFIG } })
  t.equal(node.response.status, 200)
  t.same(node.data, SEED_RESOLUTION)
  t.equal(node.data?.run_config.master, 'grpc://host4:2222')

  const fromQuery = await client.GET('/v1/run-config', { params: { query: { tf_config: JSON.stringify(SEED_TF_CONFIG) } } })
  t.same(fromQuery.data, SEED_RESOLUTION)

  const replaced = await client.POST('/v1/run-config/replace', { body: { tf_config: SEED_TF_CONFIG, replace: [{ tf_random_seed: 7 }] } })
  t.equal(replaced.data?.run_config.tf_random_seed, 7)

  const plan = await client.POST('/v1/cluster-plan', { body: { cluster: SEED_CLUSTER } })
  t.same(plan.data, SEED_PLAN)
  t.equal(plan.data?.nodes[0].task_type, 'chief')

  const clean = await client.POST('/v1/cluster-plan/lint', { body: { cluster: SEED_CLUSTER } })
  t.strictSame(clean.data, { ok: true, error: null, failed_nodes: [], warnings: [] })
  const linted = await client.POST('/v1/cluster-plan/lint', { body: { cluster: { chief: ['c:1'], worker: ['c:1'] } } })
  t.equal(linted.response.status, 200)
  t.strictSame(linted.data?.warnings.map((warning) => [warning.code, warning.pointer]), [['DUPLICATE_ADDRESS', '/cluster/worker/0']])

  const refused = await client.POST('/v1/run-config', { body: { config: { protocol: 'http' } } })
  t.equal(refused.response.status, 422)
  t.same(refused.error, { statusCode: 422, error: 'Unprocessable Entity', exception: 'ValueError', message: 'protocol should be grpc or grpc+verbs' })
})

t.test('the renderings: parseAs text, or a client of the format\'s media type', async (t) => {
  const baseUrl = await listen(t)
  const client = createRunConfigClient(baseUrl, { headers: { 'x-request-id': 'client-test' } })
  const shell = await client.POST('/v1/run-config/exports', { params: { query: { format: 'shell' } }, body: { tf_config: SEED_TF_CONFIG }, parseAs: 'text' })
  t.equal(shell.response.headers.get('content-type'), 'text/x-shellscript; charset=utf-8')
  t.equal(shell.data?.split('\n')[0], `export TF_CONFIG='${JSON.stringify(SEED_TF_CONFIG)}'`)

  const node = await client.POST('/v1/cluster-plan/exports', { params: { query: { format: 'dotenv', task: 'worker:1' } }, body: { cluster: SEED_CLUSTER }, parseAs: 'text' })
  t.equal(node.data?.split('\n')[0], '# worker 1')

  const kubernetes = createRunConfigClient<'application/vnd.runconfig.kubernetes-env+json'>(baseUrl)
  const env = await kubernetes.POST('/v1/cluster-plan/exports', { params: { query: { format: 'kubernetes' } }, body: { cluster: SEED_CLUSTER } })
  t.equal(env.data?.nodes.length, SEED_PLAN.nodes.length)
  t.strictSame(env.data?.nodes[0].env.map((variable) => variable.name), ['TF_CONFIG'])
})
