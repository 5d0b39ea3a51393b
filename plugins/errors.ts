import type { FastifyError, FastifyReply, FastifySchemaValidationError } from 'fastify'
import fp from 'fastify-plugin'
import { NotRepresentableError, RunConfigError } from '../src/index.js'
import { ClusterPlanErrorSchema, ErrorSchema, PythonErrorSchema } from '../src/schemas.js'
import { errorBody, pythonErrorBody } from '../src/error-body.js'
import { nearestName } from '../src/text/nearest-name.js'
import { HOST_PATTERN } from '../src/schemas/host.js'
import { StoreUnavailableError } from '../src/store/unavailable.js'
import { bodyTooLargeMessage } from './too-large.js'

const NOT_JSON_MESSAGE = 'Unsupported Media Type: send the body as JSON, with the header content-type: application/json'

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

export interface Refusal {
  /** A stable name for the refusal (FST_ERR_VALIDATION, PLAN_QUEUE_FULL, …), when it has one. */
  code?: string
  /** Seconds the client should wait before it retries (a setting of limits.ts or config.ts): the Retry-After header. */
  retryAfter?: number
  /** Fields the body has beyond the error shape (a rendezvous 409's holder, a 410's missing slots). */
  details?: Record<string, unknown>
}

/**
 * Every refusal's answer: the status, Retry-After when the client should come back later, and the
 * one error body (ErrorSchema). The error handler, the not-found handler and the routes all send it.
 */
export function sendError (reply: FastifyReply, statusCode: number, message: string, { code, retryAfter, details }: Refusal = {}): FastifyReply {
  if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter))
  return reply.code(statusCode).send({ ...errorBody(statusCode, message, code), ...details })
}

/**
 * A refusal of ours (a limit), thrown from hooks, parsers and handlers: the error handler answers
 * it like Fastify's own, with sendError.
 */
export function requestError (statusCode: number, code: string, message: string, retryAfter?: number): Error {
  return Object.assign(new Error(message), { statusCode, code, retryAfter })
}

export default fp(async function errors (app) {
  for (const schema of [ErrorSchema, PythonErrorSchema, ClusterPlanErrorSchema]) app.addSchema(schema)
  app.setSchemaErrorFormatter(formatSchemaErrors)

  app.setErrorHandler(function (err: FastifyError & { retryAfter?: number }, request, reply) {
    // TensorFlow's own refusal has a shape of its own (PythonErrorSchema): the exception and its exact text
    if (err instanceof RunConfigError) return reply.code(422).send(pythonErrorBody(err))
    // a text format (shell, dotenv) cannot hold some node's value: that node exists, not in that format
    if (err instanceof NotRepresentableError) return sendError(reply, 406, `${err.message}: ask for format json`, { code: 'NOT_REPRESENTABLE' })
    // the database is down or overloaded: nothing was stored, the client may retry the same request
    if (err instanceof StoreUnavailableError) {
      request.log.warn({ err: err.cause }, 'database unavailable')
      return sendError(reply, 503, err.message, { retryAfter: err.retryAfterSecs })
    }
    const statusCode = err.statusCode ?? 500
    // Fastify's own 4xx (validation, 413, 415, bad JSON) and the 503s of overload (under-pressure, a
    // full plan queue, a handler past its timeout) as plain objects, for app.ts's serializer
    if (statusCode < 500 || statusCode === 503) {
      const message = err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? NOT_JSON_MESSAGE
        : err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? bodyTooLargeMessage(request) : err.message
      return sendError(reply, statusCode, message, { code: err.code, retryAfter: err.retryAfter })
    }
    request.log.error({ err }, 'unhandled error')
    return sendError(reply, 500, 'Internal Server Error')
  })

  app.setNotFoundHandler(function notFound (request, reply) {
    const url = request.url.split('?')[0]
    const allowed = METHODS.filter((method) => app.hasRoute({ url, method }))
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '))
      return sendError(reply, 405, `Route ${request.method}:${url} not allowed; use ${allowed.join(', ')}`)
    }
    return sendError(reply, 404, `Route ${request.method}:${url} not found`)
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
