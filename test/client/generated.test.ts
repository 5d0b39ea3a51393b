import { execFile } from 'node:child_process'
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import t from 'tap'
import { build } from '../helper.js'

// What a user of the API does with the committed openapi.yaml and nothing of this repository:
// openapi-typescript generates `paths`, openapi-fetch's createClient<paths>() calls every
// operation with the code anyone would write first (no casts, no media-type parameter), tsc
// checks it, and node runs it against the service. Before the renderings had their own operations,
// `data.run_config` did not compile: the 200 of POST /v1/run-config listed JSON, shell and dotenv.

const run = promisify(execFile)
// two compilations and a child process: tens of seconds on a busy machine
t.setTimeout(600_000)
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc')
const OPENAPI_TYPESCRIPT = join(ROOT, 'node_modules/openapi-typescript/bin/cli.js')

const USER_CODE = `
import createClient from 'openapi-fetch'
import type { paths } from './api.js'

const client = createClient<paths>({ baseUrl: process.argv[2] })
const cluster = { chief: ['host0:2222'], worker: ['host1:2222', 'host2:2222'] }
const tfConfig = { cluster, task: { type: 'worker', index: 1 } }
const seen: Record<string, unknown> = {}

// one node, JSON
{
  const { data } = await client.POST('/v1/run-config', { body: { tf_config: tfConfig } })
  seen.resolve = [data?.run_config.master, data?.start_delay_secs, data?.train_and_evaluate.path]
}
{
  const { data } = await client.GET('/v1/run-config', { params: { query: { tf_config: JSON.stringify(tfConfig) } } })
  seen.resolveFromQuery = data?.run_config.task_id
}
{
  const { data } = await client.POST('/v1/run-config/replace', { body: { tf_config: tfConfig, replace: { tf_random_seed: 7 } } })
  seen.replace = data?.run_config.tf_random_seed
}
// one node, rendered: parseAs 'text' types the text formats as a string
{
  const { data } = await client.POST('/v1/run-config/exports', { params: { query: { format: 'shell' } }, body: { tf_config: tfConfig }, parseAs: 'text' })
  seen.exportShell = data?.split('\\n')[1]
}
{
  const { data } = await client.GET('/v1/run-config/exports', { params: { query: { tf_config: JSON.stringify(tfConfig), format: 'dotenv' } }, parseAs: 'text' })
  seen.exportFromQuery = data?.split('\\n')[1]
}
{
  const { data } = await client.POST('/v1/run-config/replace/exports', { params: { query: { format: 'kubernetes' } }, body: { tf_config: tfConfig, replace: {} } })
  // the operation's 200 is text or an object, by format: typeof tells them apart
  if (typeof data === 'object') seen.exportReplaced = data.env[1]
}
{
  const { data } = await client.POST('/v1/run-config/lint', { body: { tf_config: { clusters: { chief: ['host0:2222'] }, task: { type: 'worker', index: 0 } } } })
  seen.lintNode = [data?.ok, data?.warnings[0].code]
}
// a cluster, JSON
{
  const { data } = await client.POST('/v1/cluster-plan', { body: { cluster, include: ['tf_config'] } })
  seen.plan = [data?.nodes[0].tf_config, data?.nodes[2].master, data?.cluster_spec]
}
{
  const { data } = await client.POST('/v1/cluster-plan/lint', { body: { cluster: { chief: ['c:1'], worker: ['c:1'] } } })
  seen.lint = [data?.ok, data?.warnings[0].code]
}
{
  const { error } = await client.POST('/v1/cluster-plan', { body: { cluster: { worker: ['host1:2222'] } } })
  if (error !== undefined && 'failed_nodes' in error) seen.planError = error.failed_nodes[0].message
}
// a cluster, rendered: one node, or all
{
  const { data } = await client.POST('/v1/cluster-plan/exports', { params: { query: { format: 'shell', task: 'worker:1' } }, body: { cluster }, parseAs: 'text' })
  seen.exportNode = data
}
{
  const { data } = await client.POST('/v1/cluster-plan/exports', { params: { query: { format: 'kubernetes' } }, body: { cluster } })
  if (typeof data === 'object') seen.exportKubernetes = data.nodes.map((node) => \`\${node.task_type} \${node.task_id} \${node.env[0].name}\`)
}
{
  const { data } = await client.POST('/v1/cluster-plan/exports', { params: { query: { format: 'ndjson' } }, body: { cluster }, parseAs: 'text' })
  seen.exportNdjson = data?.trimEnd().split('\\n').length
}
// rendezvous: a job, its members, their configs, its events
{
  const { data: job } = await client.PUT('/v1/jobs/{job}', { params: { path: { job: 'mnist' } }, body: { cluster: { chief: 1, worker: 1 } } })
  const headers = { authorization: \`Bearer \${job?.token ?? ''}\` }
  const { data: listed } = await client.GET('/v1/jobs')
  const { data: joined } = await client.PUT('/v1/jobs/{job}/members/{member}', { params: { path: { job: 'mnist', member: 'chief-a' } }, headers, body: { role: 'chief', host: '10.0.0.5', port: 2222 } })
  // a member leaves while the round gathers, and comes back
  const left = await client.DELETE('/v1/jobs/{job}/members/{member}', { params: { path: { job: 'mnist', member: 'chief-a' } }, headers })
  await client.PUT('/v1/jobs/{job}/members/{member}', { params: { path: { job: 'mnist', member: 'chief-a' } }, headers, body: { role: 'chief', host: '10.0.0.5', port: 2222 } })
  await client.PUT('/v1/jobs/{job}/members/{member}', { params: { path: { job: 'mnist', member: 'worker-a' } }, headers, body: { role: 'worker', host: '10.0.0.6', port: 2222 } })
  const { data: config, response } = await client.GET('/v1/jobs/{job}/members/{member}/config', { params: { path: { job: 'mnist', member: 'worker-a' } }, headers })
  // 200 (complete) and 202 (still gathering) answer different objects: a property tells them apart
  if (config !== undefined && 'tf_config' in config) seen.memberConfig = [response.status, config.tf_config.task, config.run_config.master]
  const { data: view } = await client.GET('/v1/jobs/{job}', { params: { path: { job: 'mnist' } }, headers })
  const { data: events } = await client.GET('/v1/jobs/{job}/events', { params: { path: { job: 'mnist' } }, headers, parseAs: 'stream' })
  await events?.cancel()
  const { data: round } = await client.POST('/v1/jobs/{job}/rounds', { params: { path: { job: 'mnist' } }, headers })
  const deleted = await client.DELETE('/v1/jobs/{job}', { params: { path: { job: 'mnist' } }, headers })
  seen.jobs = [listed?.jobs[0].job, joined?.index, view?.state, round?.round, left.response.status, deleted.response.status]
}
// leases
{
  const { data: lease } = await client.POST('/v1/hosts/{host}/leases', { params: { path: { host: 'node-7' }, header: { 'idempotency-key': 'k1' } }, body: { holder: 'me', port: 20000 } })
  const { data: renewed } = await client.PUT('/v1/leases/{lease}', { params: { path: { lease: lease?.lease ?? '' } }, body: { ttl_secs: 60 } })
  const { data: replacement } = await client.POST('/v1/leases/{lease}/conflict', { params: { path: { lease: lease?.lease ?? '' } } })
  const released = await client.DELETE('/v1/leases/{lease}', { params: { path: { lease: replacement?.lease ?? '' } } })
  seen.leases = [lease?.port, renewed?.port, replacement?.holder, released.response.status]
}
// probes
{
  const { data: health } = await client.GET('/healthz')
  const { data: ready } = await client.GET('/readyz')
  seen.probes = [health?.status, ready?.status]
}
console.log(JSON.stringify(seen))
`

t.test('a client generated from openapi.yaml type-checks and runs the obvious code for every operation', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'runconfig-generated-client-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  // openapi-fetch and typescript come from this repository's node_modules, as from the user's
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
  await run(process.execPath, [OPENAPI_TYPESCRIPT, join(ROOT, 'openapi.yaml'), '--output', join(dir, 'api.ts')], { cwd: dir })
  await writeFile(join(dir, 'package.json'), JSON.stringify({ private: true, type: 'module' }))
  await writeFile(join(dir, 'user.ts'), USER_CODE)
  const compilerOptions = {
    strict: true, module: 'nodenext', target: 'es2022', lib: ['es2022', 'dom', 'dom.iterable'], types: ['node'], outDir: 'out', skipLibCheck: true
  }
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['user.ts'] }))
  const compiled = await run(process.execPath, [TSC, '-p', '.'], { cwd: dir }).then(() => '', (error) => String(error.stdout))
  t.equal(compiled, '', 'tsc reports nothing')
  if (compiled !== '') return

  const app = await build(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const { stdout } = await run(process.execPath, [join(dir, 'out/user.js'), url], { cwd: dir })
  const shellNode = (await app.inject({ method: 'POST', url: '/v1/cluster-plan/exports?format=shell&task=worker:1', payload: { cluster: { chief: ['host0:2222'], worker: ['host1:2222', 'host2:2222'] } } })).body
  const seen = JSON.parse(stdout)
  t.equal(seen.exportNode, shellNode)
  t.match(seen.exportNode, /^# worker 1\n/)
  t.same({ ...seen, exportNode: undefined }, {
    resolve: ['grpc://host2:2222', 10, 'run_worker'],
    resolveFromQuery: 1,
    replace: 7,
    exportShell: "export RUNCONFIG_TASK_TYPE='worker'",
    exportFromQuery: "RUNCONFIG_TASK_TYPE='worker'",
    exportReplaced: { name: 'RUNCONFIG_TASK_TYPE', value: 'worker' },
    plan: [
      '{"cluster":{"chief":["host0:2222"],"worker":["host1:2222","host2:2222"]},"task":{"type":"chief","index":0}}',
      'grpc://host2:2222',
      { chief: ['host0:2222'], worker: ['host1:2222', 'host2:2222'] }
    ],
    lint: [true, 'DUPLICATE_ADDRESS'],
    lintNode: [true, 'UNKNOWN_TF_CONFIG_KEY'],
    planError: 'If "cluster" is set in TF_CONFIG, it must have one "chief" node.',
    exportNode: undefined,
    exportKubernetes: ['chief 0 TF_CONFIG', 'worker 0 TF_CONFIG', 'worker 1 TF_CONFIG'],
    exportNdjson: 3,
    memberConfig: [200, { type: 'worker', index: 0 }, 'grpc://10.0.0.6:2222'],
    jobs: ['mnist', 0, 'complete', 2, 204, 204],
    leases: [20000, 20000, 'me', 204],
    probes: ['ok', 'ready']
  })
})
