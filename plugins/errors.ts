import { STATUS_CODES } from 'node:http'
import type { FastifyError, FastifySchemaValidationError } from 'fastify'
import fp from 'fastify-plugin'
import { Type } from 'typebox'
import { NotRepresentableError, RunConfigError } from '../src/index.js'
import { FailedNodeSchema, PythonExceptionSchema } from '../src/schemas.js'
import { notRepresentableBody, pythonErrorBody } from '../src/error-body.js'
import { nearestName } from '../src/text/nearest-name.js'
import { HOST_PATTERN } from '../src/schemas/host.js'
import { StoreUnavailableError } from '../src/store/unavailable.js'
import { bodyTooLargeMessage } from './too-large.js'

/** Fastify's own error shape (SPEC A.1). */
export const ErrorSchema = Type.Object({
  statusCode: Type.Integer(),
  code: Type.Optional(Type.String()),
  error: Type.String(),
  message: Type.String()
}, {
  $id: 'Error',
  description: 'The request was refused: 400 schema violation (the message names the field), 404, 405, 413 too large, ' +
    '415 not JSON, 503 shutting down, overloaded or the database unavailable (with Retry-After)',
  examples: [{ statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message: 'body/config/tf_random_seed must be integer or null' }]
})

const PYTHON_ERROR_PROPERTIES = {
  statusCode: Type.Literal(422),
  error: Type.Literal('Unprocessable Entity'),
  exception: PythonExceptionSchema,
  message: Type.String({ description: 'str(exception): TensorFlow\'s exact text' })
}

/** TensorFlow itself would raise (SPEC A.1): the exception class and its exact text. */
export const PythonErrorSchema = Type.Object(PYTHON_ERROR_PROPERTIES, {
  $id: 'PythonError',
  additionalProperties: false,
  description: 'TensorFlow itself would raise this',
  examples: [{
    statusCode: 422,
    error: 'Unprocessable Entity',
    exception: 'ValueError',
    message: 'If "cluster" is set in TF_CONFIG, it must have one "chief" node.'
  }]
})

export const ClusterPlanErrorSchema = Type.Object({
  ...PYTHON_ERROR_PROPERTIES,
  failed_nodes: Type.Array(FailedNodeSchema, {
    description: 'Every node TensorFlow fails on; empty when the cluster itself is invalid and names no task'
  })
}, {
  $id: 'ClusterPlanError',
  additionalProperties: false,
  description: 'TensorFlow would fail on some nodes: the first failure, and every failing node',
  examples: [{
    statusCode: 422,
    error: 'Unprocessable Entity',
    exception: 'ValueError',
    message: 'max() arg is an empty sequence',
    failed_nodes: [{ task_type: 'chief', task_id: 0, exception: 'ValueError', message: 'max() arg is an empty sequence' }]
  }]
})

const NOT_JSON_MESSAGE = 'Unsupported Media Type: send the body as JSON, with the header content-type: application/json'

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/** A refusal of ours (a limit), thrown from hooks and parsers: the handler below answers it like Fastify's own. */
export function requestError (statusCode: number, code: string, message: string): Error {
  return Object.assign(new Error(message), { statusCode, code })
}

export default fp(async function errors (app) {
  for (const schema of [ErrorSchema, PythonErrorSchema, ClusterPlanErrorSchema]) app.addSchema(schema)
  app.setSchemaErrorFormatter(formatSchemaErrors)

  app.setErrorHandler(function (err: FastifyError, request, reply) {
    if (err instanceof RunConfigError) return reply.code(422).send(pythonErrorBody(err))
    // a text format (shell, dotenv) cannot hold some node's value: that node exists, not in that format
    if (err instanceof NotRepresentableError) return reply.code(406).send(notRepresentableBody(err))
    // the database is down or overloaded: nothing was stored, the client may retry the same request
    if (err instanceof StoreUnavailableError) {
      request.log.warn({ err: err.cause }, 'database unavailable')
      return reply.code(503).header('retry-after', String(err.retryAfterSecs))
        .send({ statusCode: 503, error: 'Service Unavailable', message: err.message })
    }
    const statusCode = err.statusCode ?? 500
    // Fastify's own 4xx (validation, 413, 415, bad JSON) and the 503s of overload (under-pressure, a
    // full plan queue, a handler past its timeout) as plain objects, for app.ts's serializer
    if (statusCode < 500 || statusCode === 503) {
      const message = err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? NOT_JSON_MESSAGE
        : err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? bodyTooLargeMessage(request) : err.message
      return reply.code(statusCode).send({ statusCode, code: err.code, error: STATUS_CODES[statusCode], message })
    }
    request.log.error({ err }, 'unhandled error')
    return reply.code(500).send({ statusCode: 500, error: 'Internal Server Error', message: 'Internal Server Error' })
  })

  app.setNotFoundHandler(function notFound (request, reply) {
    const url = request.url.split('?')[0]
    const allowed = METHODS.filter((method) => app.hasRoute({ url, method }))
    if (allowed.length > 0) {
      return reply.code(405).header('allow', allowed.join(', '))
        .send({ statusCode: 405, error: 'Method Not Allowed', message: `Route ${request.method}:${url} not allowed; use ${allowed.join(', ')}` })
    }
    return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `Route ${request.method}:${url} not found` })
  })
}, { name: 'errors' })

/**
 * Ajv's errors as one message naming the field. Inside `anyOf` (nullable values, the two replace
 * forms) Ajv reports every branch; the deepest errors come from the branch the input meant.
 */
export function formatSchemaErrors (errors: FastifySchemaValidationError[], dataVar: string): Error {
  const depth = (error: FastifySchemaValidationError): number => error.instancePath.split('/').length
  const deepest = Math.max(...errors.map(depth))
  const branchErrors = errors.filter((error) => depth(error) === deepest && error.keyword !== 'anyOf')
  // a non-type error means some branch had the right type and failed further on
  const specific = branchErrors.filter((error) => error.keyword !== 'type')
  const kept = specific.length > 0 ? specific : branchErrors
  const types = new Map<string, string[]>()
  const messages: string[] = []
  for (const error of kept) {
    const field = `${dataVar}${error.instancePath}`
    if (error.keyword === 'type') {
      types.set(field, [...(types.get(field) ?? []), ...[error.params.type].flat().map(String)])
    } else {
      messages.push(`${field} ${describe(error)}`)
    }
  }
  for (const [field, names] of types) messages.unshift(`${field} must be ${names.join(' or ')}`)
  return new Error([...new Set(messages)].join(', '))
}

function describe (error: FastifySchemaValidationError): string {
  const params = error.params as Record<string, unknown>
  if (error.keyword === 'additionalProperties') return `${error.message}: ${unknownKeys(error)}`
  if (error.keyword === 'enum') return `${error.message}: ${(params.allowedValues as unknown[]).map(String).join(', ')}`
  if (error.keyword === 'not') return 'is not allowed here'
  if (error.keyword === 'pattern' && params.pattern === HOST_PATTERN) return 'must be a host name, an IPv4 address or an IPv6 address in brackets'
  return error.message ?? error.keyword
}

/**
 * Every unknown key of the object (Ajv stops at the first), each with the known key it most
 * likely meant: `save_checkpoint_secs (did you mean save_checkpoints_secs?), foo`. Ajv's verbose
 * errors (app.ts) carry the object and its schema.
 */
function unknownKeys (error: FastifySchemaValidationError): string {
  const { data, parentSchema } = error as FastifySchemaValidationError & { data?: unknown, parentSchema?: { properties?: object } }
  const first = String((error.params as { additionalProperty: unknown }).additionalProperty)
  if (typeof data !== 'object' || data === null || parentSchema === undefined) return first
  const known = Object.keys(parentSchema.properties ?? {})
  return Object.keys(data).filter((key) => !known.includes(key)).map((key) => {
    const meant = nearestName(key, known)
    return meant === undefined ? key : `${key} (did you mean ${meant}?)`
  }).join(', ')
}
