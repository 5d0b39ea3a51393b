import fc from 'fast-check'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t, { type Test } from 'tap'
import { ClusterPlanErrorSchema, ErrorSchema, PythonErrorSchema, ClusterPlanSchema, KubernetesEnvSchema, KubernetesNodeEnvSchema, LintReportSchema, PlanNodeSchema, ResolutionSchema, SEED_RUN_CONFIG } from '../../src/schemas.js'
import { ARGUMENT_NAMES } from '../../src/index.js'
import { build } from '../helper.js'
import { validator } from './helper.js'

// Property-based: whatever the request, no 5xx; a 2xx body matches its response schema, any other
// its error schema. A fixed seed, and a random one printed in the test's name to reproduce a failure
// (FUZZ_SEED=<seed> npx tap test/hardening/fuzz.test.ts runs that one again).
const RUNS = 2_000
const SEEDS = [20260513, Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))]

const is = {
  resolution: validator(ResolutionSchema),
  plan: validator(ClusterPlanSchema),
  node: validator(PlanNodeSchema),
  kubernetes: validator(KubernetesEnvSchema),
  kubernetesNode: validator(KubernetesNodeEnvSchema),
  lint: validator(LintReportSchema),
  error: validator(ErrorSchema),
  pythonError: validator(PythonErrorSchema),
  planError: validator(ClusterPlanErrorSchema)
}

// Small values of every JSON type, typed ones more often than not
const odd = fc.oneof(fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, '', '0', ' 1 ', 'grpc', 'NaN'), fc.jsonValue({ maxDepth: 2 }))
const number = fc.oneof(fc.integer({ min: -5, max: 10_000 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -10, max: 1e6 }), fc.constant(null))
const integer = fc.oneof(fc.integer({ min: -5, max: 2 ** 40 }), fc.constant(null))
const strategy = fc.record({ strategy: fc.constantFrom('MirroredStrategy', 'MultiWorkerMirroredStrategy', 'ParameterServerStrategy', 'ParameterServerStrategyV2', 'TPUStrategy', 'OneDeviceStrategy', 'X'), between_graph: fc.boolean() }, { requiredKeys: ['strategy'] })
const ARGUMENTS: Record<string, fc.Arbitrary<unknown>> = {
  model_dir: fc.oneof(fc.constantFrom('', '/m', 'gs://b/m', null), fc.string({ maxLength: 8 })),
  tf_random_seed: integer,
  save_summary_steps: number,
  save_checkpoints_steps: number,
  save_checkpoints_secs: number,
  session_config: fc.oneof(fc.constant(null), fc.constant({}), fc.constant({ allowSoftPlacement: true, deviceFilters: ['/job:ps'] }), fc.record({ logDevicePlacement: fc.boolean(), operationTimeoutInMs: fc.integer() })),
  keep_checkpoint_max: number,
  keep_checkpoint_every_n_hours: number,
  log_step_count_steps: number,
  train_distribute: fc.oneof(fc.constant(null), strategy),
  device_fn: fc.oneof(fc.constant(null), fc.record({ args: fc.constantFrom(['op'], ['x'], ['op', 'y'], []), varargs: fc.boolean() }, { requiredKeys: ['args'] })),
  protocol: fc.constantFrom(null, 'grpc', 'grpc+verbs', 'http', ''),
  eval_distribute: fc.oneof(fc.constant(null), strategy),
  experimental_distribute: fc.oneof(fc.constant(null), fc.record({ train_distribute: strategy, remote_cluster: fc.constant({ worker: ['r:1'] }) }, { requiredKeys: [] })),
  experimental_max_worker_delay_secs: integer,
  session_creation_timeout_secs: number,
  checkpoint_save_graph_def: fc.oneof(fc.boolean(), fc.constant(null))
}
// Mostly well-typed arguments; sometimes an odd value, an unknown name
const args = fc.oneof(
  { weight: 6, arbitrary: fc.oneof(fc.constant({}), fc.record(ARGUMENTS, { requiredKeys: [] })) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...ARGUMENT_NAMES, 'save_checkpoints_step', 'foo'), odd, { maxKeys: 3 }) }
)

const wellFormedCluster = fc.record({ workers: fc.integer({ min: 1, max: 5 }), ps: fc.nat(2) })
  .map(({ workers, ps }) => ({ chief: ['c:1'], worker: Array.from({ length: workers }, (_, i) => `w${i}:1`), ps: Array.from({ length: ps }, (_, i) => `p${i}:1`) }))
const jobName = fc.constantFrom('chief', 'master', 'worker', 'ps', 'evaluator', 'aux', '', 'Worker', '0')
const address = fc.oneof({ weight: 8, arbitrary: fc.nat(20).map((i) => `h${i}:2222`) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) })
const job = fc.oneof(
  { weight: 4, arbitrary: fc.array(address, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('0', '1', '3', '-1', '01', ' 2 ', 'a', '1_0', '2147483648'), address, { maxKeys: 3 }) }
)
const cluster = fc.oneof(
  { weight: 6, arbitrary: fc.record({ chief: fc.constant(['c:1']), worker: job, ps: job }, { requiredKeys: ['worker'] }) },
  { weight: 4, arbitrary: wellFormedCluster },
  { weight: 2, arbitrary: fc.dictionary(jobName, job, { maxKeys: 4 }) },
  { weight: 1, arbitrary: odd }
)
const task = fc.record({ type: fc.oneof(jobName, odd), index: fc.oneof(fc.nat(4), fc.constantFrom('1', ' 0 ', '1.5', 'x', -1, 0.5, null)) }, { requiredKeys: [] })
const extraKeys = fc.record({
  session_master: fc.oneof(fc.constant('grpc://m:1'), odd),
  eval_session_master: fc.constant('e:1'),
  service: fc.oneof(fc.constant({}), fc.constant(null), odd),
  model_dir: fc.constantFrom('/m', '', 0),
  environment: fc.constantFrom('cloud', 'google')
}, { requiredKeys: [] })
// A node of a well-formed cluster (TensorFlow accepts most), or anything of TF_CONFIG's shape
const wellFormed = fc.record({ workers: fc.integer({ min: 1, max: 3 }), ps: fc.nat(2), type: fc.constantFrom('chief', 'worker', 'worker', 'ps', 'evaluator'), index: fc.nat(2) })
  .map(({ workers, ps, type, index }) => ({
    cluster: { chief: ['c:1'], worker: Array.from({ length: workers }, (_, i) => `w${i}:1`), ...(ps > 0 ? { ps: Array.from({ length: ps }, (_, i) => `p${i}:1`) } : {}) },
    task: { type, index: type === 'worker' ? index % workers : type === 'ps' ? index % Math.max(ps, 1) : 0 }
  }))
const tfConfigObject = fc.tuple(fc.oneof(wellFormed, fc.record({ cluster, task }, { requiredKeys: [] })), extraKeys).map(([a, b]) => ({ ...a, ...b }))
// TF_CONFIG as an object, as its text, as text bent out of shape, or something else
const tfConfig = fc.oneof(
  { weight: 5, arbitrary: tfConfigObject },
  { weight: 4, arbitrary: tfConfigObject.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.tuple(tfConfigObject, fc.nat(40), fc.constantFrom('', ',', ']', 'NaN', '{', '\ufeff', '"\\ud800"')).map(([value, at, bit]) => { const text = JSON.stringify(value); return text.slice(0, at) + bit + text.slice(at) }) },
  { weight: 1, arbitrary: odd }
)

const OPERATIONS: Record<string, fc.Arbitrary<{ method: 'GET' | 'POST', url: string, payload?: unknown, headers?: Record<string, string> }>> = {
  resolve: fc.record({ tf_config: tfConfig, config: args, format: fc.constantFrom(undefined, undefined, 'shell', 'dotenv', 'kubernetes') }, { requiredKeys: [] })
    .map(({ format, ...payload }) => ({ method: 'POST', url: format === undefined ? '/v1/run-config' : `/v1/run-config/exports?format=${format}`, payload })),
  replace: fc.oneof(
    fc.record({ tf_config: tfConfig, config: args, replace: fc.oneof(args, fc.array(args, { maxLength: 3 })) }, { requiredKeys: ['replace'] }),
    fc.record({ run_config: fc.record({ save_checkpoints_steps: number, master: odd, cluster_spec: cluster }, { requiredKeys: [] }).map((changes) => ({ ...SEED_RUN_CONFIG, ...changes })), replace: args })
  ).map((payload) => ({ method: 'POST', url: '/v1/run-config/replace', payload })),
  get: fc.record({ text: fc.oneof(wellFormed.map((value) => JSON.stringify(value)), tfConfig.map((value) => typeof value === 'string' ? value : JSON.stringify(value)), fc.string({ maxLength: 30 })), extra: fc.constantFrom('', '', '', '/exports?format=shell', '?format=shell', '?format=json', '?x=1', '?tf_config=again') })
    .map(({ text, extra }) => {
      const [path, query = ''] = extra.split('?')
      return { method: 'GET', url: `/v1/run-config${path}?tf_config=${encodeURIComponent(text)}${query === '' ? '' : `&${query}`}` }
    }),
  plan: fc.record({
    body: fc.record({ cluster, tf_config: fc.oneof(extraKeys, odd), config: args, evaluator: fc.boolean(), include: fc.subarray(['tf_config', 'run_config']) }, { requiredKeys: ['cluster'] }),
    lint: fc.boolean(),
    accept: fc.constantFrom<string | undefined>(undefined, 'application/x-ndjson', 'text/x-shellscript', '*/*'),
    format: fc.constantFrom(undefined, undefined, 'json', 'ndjson', 'shell', 'dotenv', 'kubernetes'),
    task: fc.constantFrom(undefined, undefined, 'chief:0', 'worker:1', 'evaluator:0', 'x:y')
  }).map(({ body, lint, accept, format, task }) => ({
    method: 'POST',
    url: lint
      ? '/v1/cluster-plan/lint'
      : format === undefined || format === 'json'
        ? `/v1/cluster-plan${format === undefined ? '' : `?format=${format}`}`
        : `/v1/cluster-plan/exports?format=${format}${task === undefined ? '' : `&task=${task}`}`,
    payload: body,
    headers: accept === undefined ? {} : { accept } as Record<string, string>
  }))
}

/** Why the answer breaks the contract, or undefined when it keeps it. */
function breach (url: string, res: LightMyRequestResponse): string | undefined {
  const type = String(res.headers['content-type'])
  if (res.statusCode >= 500) return `a ${res.statusCode}`
  if (res.statusCode >= 300) {
    const body = res.json()
    const schema = res.statusCode !== 422 ? is.error : url.startsWith('/v1/cluster-plan') ? is.planError : is.pythonError
    return type.startsWith('application/json') && schema.Check(body) && !res.body.includes('stack') ? undefined : 'not the error shape'
  }
  if (type.startsWith('application/x-ndjson')) {
    return res.body.split('\n').slice(0, -1).every((line) => is.node.Check(JSON.parse(line))) ? undefined : 'a line is not a PlanNode'
  }
  if (type.startsWith('text/x-shellscript') || type.startsWith('application/x-dotenv')) return undefined // text; its tests are the formats'
  if (type.startsWith('application/vnd.runconfig.kubernetes-env+json')) {
    const kubernetes = url.startsWith('/v1/cluster-plan') ? is.kubernetes : is.kubernetesNode
    return kubernetes.Check(res.json()) ? undefined : 'not its Kubernetes env schema'
  }
  const body = res.json()
  const schema = url.startsWith('/v1/cluster-plan/lint') ? is.lint : url.startsWith('/v1/cluster-plan') ? is.plan : is.resolution
  return schema.Check(body) ? undefined : `not its response schema: ${JSON.stringify(schema.Errors(body)[0])}`
}

async function fuzz (t: Test, app: FastifyInstance, operation: string, seed: number) {
  const statuses = new Map<number, number>()
  await fc.assert(fc.asyncProperty(OPERATIONS[operation], async (request) => {
    const res = await app.inject({ ...request, payload: request.payload as object })
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
    const why = breach(request.url, res)
    if (why !== undefined) throw new Error(`${why}: ${res.statusCode} ${res.body.slice(0, 500)}`)
  }), { seed, numRuns: RUNS })
  const seen = Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0]))
  t.ok((statuses.get(200) ?? 0) > RUNS / 20 && [...statuses.keys()].some((status) => status >= 400), `a spread of answers: ${JSON.stringify(seen)}`)
}

for (const seed of SEEDS) {
  t.test(`fuzz, seed ${seed}`, async (t) => {
    const app = await build(t)
    for (const operation of Object.keys(OPERATIONS)) {
      t.test(operation, async (t) => fuzz(t, app, operation, seed))
    }
  })
}
