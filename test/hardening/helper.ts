import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'
import type { TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import type { AppOptions } from '../../app.js'
import { buildTestApp } from '../helper.js'
import { ClusterPlanErrorSchema, ErrorSchema, PythonErrorSchema, CONTRACT_SCHEMAS, SEED_CLUSTER, SEED_TF_CONFIG } from '../../src/schemas.js'

/** The app with these options (and test/helper.ts TEST_LIMITS), closed when the test ends. */
export async function buildWith (t: Test, options: AppOptions) {
  return buildTestApp(t, options)
}

// TypeBox reads `$ref: "RunConfig"`; the contract's references are `RunConfig#` (Ajv's, for Fastify)
const plain = (schema: unknown) => JSON.parse(JSON.stringify(schema).replace(/"\$ref":"([^"#]+)#"/g, '"$ref":"$1"'))
const CONTEXT = Object.fromEntries([...CONTRACT_SCHEMAS, ErrorSchema, PythonErrorSchema, ClusterPlanErrorSchema]
  .map((schema) => [String((schema as { $id?: string }).$id), plain(schema)]))

/** A validator for one of the contract's schemas, its references resolved. */
export function validator (schema: TSchema) {
  return Compile(CONTEXT, plain(schema))
}

const isError = validator(ErrorSchema)

/** Asserts a refusal: the status, the exact error shape (SPEC A.1), the code and message where given. */
export function assertRefusal (t: Test, res: LightMyRequestResponse, statusCode: number, expect: { code?: string, message?: string | RegExp } = {}) {
  t.equal(res.statusCode, statusCode, 'status')
  t.match(res.headers['content-type'], /^application\/json/, 'JSON')
  t.notOk('x-powered-by' in res.headers, 'no x-powered-by')
  const body = res.json()
  t.ok(isError.Check(body), `the error shape: ${res.body.slice(0, 300)}`)
  t.same(Object.keys(body).sort(), ['code', 'error', 'message', 'statusCode'].filter((key) => key !== 'code' || expect.code !== undefined))
  t.equal(body.statusCode, statusCode)
  if (expect.code !== undefined) t.equal(body.code, expect.code, 'code')
  if (typeof expect.message === 'string') t.equal(body.message, expect.message, 'message')
  else if (expect.message !== undefined) t.match(body.message, expect.message, 'message')
  t.notOk(res.body.includes('stack'), 'no stack trace')
}

const SEED_NODE = { tf_config: SEED_TF_CONFIG }

/** The app still answers a valid request of every kind (after a refusal, a crash would show here). */
export async function assertStillAnswers (t: Test, app: FastifyInstance) {
  const answers = await Promise.all([
    app.inject({ method: 'GET', url: '/healthz' }),
    app.inject({ method: 'POST', url: '/v1/run-config', payload: SEED_NODE }),
    app.inject({ method: 'POST', url: '/v1/cluster-plan', payload: { cluster: SEED_CLUSTER } })
  ])
  t.same(answers.map((res) => res.statusCode), [200, 200, 200], 'still answers')
}

/** `[` × depth then `]` × depth. */
export const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)

/** A cluster of `tasks` tasks with realistic Kubernetes addresses (65 characters). */
export function bigCluster (tasks: number): Record<string, string[]> {
  const addresses = (job: string, count: number) =>
    Array.from({ length: count }, (_, i) => `resnet50-imagenet-${job}-${i}.ml-training.svc.cluster.local:2222`)
  const ps = Math.max(2, Math.round(tasks / 100))
  return { chief: addresses('chief', 1), ps: addresses('ps', ps), worker: addresses('worker', tasks - 1 - ps) }
}
