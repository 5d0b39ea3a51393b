import type { Static, TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { withTextKeyOrder, type ArgumentInput, type PlanRequest } from '../src/index.js'
import { CONTRACT_SCHEMAS, ClusterPlanRequestSchema, RunConfigArgumentsSchema } from '../src/schemas.js'
import { jsonSyntaxError } from '../src/text/json-syntax.js'
import { UsageError } from './io.js'

// The schemas refer to each other as `<$id>#`; checking with them makes the CLI take what the
// HTTP API takes (its 400s are usage errors here), and the core is only ever given valid shapes
const CONTEXT = Object.fromEntries(CONTRACT_SCHEMAS.map((schema) => [`${Reflect.get(schema, '$id')}#`, schema]))

/** A plan request (POST /v1/cluster-plan's body) from JSON text. */
export function parsePlanRequest (text: string, source: string): PlanRequest {
  return checkShape(parseJson(text, source), ClusterPlanRequestSchema, source)
}

/** RunConfig arguments from JSON text (`--config`). */
export function parseArguments (text: string): ArgumentInput {
  return checkShape(parseJson(text, '--config'), RunConfigArgumentsSchema, '--config')
}

function parseJson (text: string, source: string): unknown {
  const syntax = jsonSyntaxError(text)
  if (syntax !== undefined) throw new UsageError(`${source} is not valid JSON: ${syntax}`)
  // with the key order of the text: Python dicts keep it, and TensorFlow's answers may depend on it
  return withTextKeyOrder(text, JSON.parse(text))
}

function checkShape<T extends TSchema> (value: unknown, schema: T, source: string): Static<T> {
  if (Value.Check(CONTEXT, schema, value)) return value
  // "schema is false" (an unknown key) only restates the additionalProperties error that names it
  const [error] = Value.Errors(CONTEXT, schema, value).sort((a, b) => Number(a.keyword === 'boolean') - Number(b.keyword === 'boolean'))
  const where = error.instancePath === '' ? 'the value' : error.instancePath
  const names = error.keyword === 'additionalProperties' ? `: ${(error.params as { additionalProperties: string[] }).additionalProperties.join(', ')}` : ''
  throw new UsageError(`${source}: ${where} ${error.message}${names}`)
}
