// The requests measured for throughput: the four service endpoints and the two baselines.
import { SEED_CLUSTER, SEED_TF_CONFIG } from '../src/schemas/examples.js'
import type { Target } from './load.js'
import type { ServerKind } from './servers.js'

export interface BenchTarget extends Target {
  server: ServerKind
  /** Checked once before the load: the answer is the one expected, not an error served fast. */
  expect: (body: unknown) => boolean
}

// the seed cluster of TensorFlow's RunConfig docstring, seen from worker 1
const isWorker1 = (body: unknown) => (body as { run_config?: { master?: unknown } }).run_config?.master === 'grpc://host4:2222'

export const HELLO_FASTIFY: BenchTarget = {
  name: 'hello-world (Fastify)',
  server: 'hello-fastify',
  method: 'GET',
  path: '/',
  expect: (body) => (body as { hello?: unknown }).hello === 'world'
}

export const RAW_HTTP: BenchTarget = {
  name: 'raw node:http',
  server: 'raw-http',
  method: 'GET',
  path: '/',
  expect: (body) => (body as { hello?: unknown }).hello === 'world'
}

const RESOLVE_BODY = JSON.stringify({ tf_config: SEED_TF_CONFIG })

/** The framework's floor for the resolve target: a bare Fastify route returning the same answer. */
export const FLOOR: BenchTarget = {
  name: 'floor: bare Fastify, same answer',
  server: 'floor-fastify',
  method: 'POST',
  path: '/v1/run-config',
  body: RESOLVE_BODY,
  expect: isWorker1
}

/** The service's plumbing: POST /v1/run-config with its handler short-circuited to the same answer. */
export const SHORT_CIRCUIT: BenchTarget = { ...FLOOR, name: 'service, handler short-circuited', server: 'service-short-circuit' }

export const SERVICE_TARGETS: BenchTarget[] = [
  {
    name: 'POST /v1/run-config',
    server: 'service',
    method: 'POST',
    path: '/v1/run-config',
    body: RESOLVE_BODY,
    expect: isWorker1
  },
  {
    name: 'POST /v1/run-config/replace',
    server: 'service',
    method: 'POST',
    path: '/v1/run-config/replace',
    body: JSON.stringify({ tf_config: SEED_TF_CONFIG, replace: { save_checkpoints_steps: 500 } }),
    expect: (body) => isWorker1(body) && (body as { run_config: { save_checkpoints_secs: unknown } }).run_config.save_checkpoints_secs === null
  },
  {
    name: 'GET /v1/run-config?tf_config=',
    server: 'service',
    method: 'GET',
    path: `/v1/run-config?tf_config=${encodeURIComponent(JSON.stringify(SEED_TF_CONFIG))}`,
    expect: isWorker1
  },
  {
    name: 'POST /v1/cluster-plan (6 nodes)',
    server: 'service',
    method: 'POST',
    path: '/v1/cluster-plan',
    body: JSON.stringify({ cluster: SEED_CLUSTER }),
    expect: (body) => (body as { nodes?: unknown[] }).nodes?.length === 6
  }
]
