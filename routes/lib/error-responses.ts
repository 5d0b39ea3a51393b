import { ErrorSchema, PythonErrorSchema, ref } from '../../src/schemas.js'

/** What a refusal in the error shape means wherever it can come (a route passes its own where it means more). */
const DESCRIPTIONS = {
  400: 'The request does not match the schema; the message names the field',
  401: 'No valid token (Authorization: Bearer <token>)',
  413: 'The body is larger than the limit',
  415: 'The body is not application/json',
  // every route but the probes: Fastify's while it closes, overload's (plugins/overload.ts, a full plan queue)
  503: 'The server is shutting down, or overloaded (Retry-After)'
} as const

/** The 503s of the routes on the store (plugins/errors.ts: StoreUnavailableError) and of those that wait on it. */
export const UNAVAILABLE = {
  store: 'The server is shutting down, overloaded, or its database is unavailable (Retry-After)',
  waits: 'The server is shutting down, overloaded, too many waits are open, or its database is unavailable (Retry-After)',
  streams: 'The server is shutting down, overloaded, too many streams are open, or its database is unavailable (Retry-After)'
} as const

type ErrorStatus = 400 | 401 | 404 | 406 | 409 | 413 | 415 | 422 | 503
/** A status whose meaning is the usual one, or a status with what it means on this route. */
type Entry = keyof typeof DESCRIPTIONS | readonly [ErrorStatus, string]
type StatusOf<E> = E extends readonly [infer S, string] ? S : E

const errorRef = (description: string) => ref(ErrorSchema, { description })

/**
 * A route schema's error responses, each the error shape (ErrorSchema) with its description:
 * `errorResponses([400, [404, 'No such job'], 503])`.
 */
export function errorResponses<const E extends readonly Entry[]> (entries: E): Record<StatusOf<E[number]>, ReturnType<typeof errorRef>> {
  const responses: Partial<Record<ErrorStatus, ReturnType<typeof errorRef>>> = {}
  for (const entry of entries) {
    const [status, description] = typeof entry === 'number' ? [entry, DESCRIPTIONS[entry]] : entry
    responses[status] = errorRef(description)
  }
  // one entry for each status of E: the loop above wrote them all
  return responses as Record<StatusOf<E[number]>, ReturnType<typeof errorRef>>
}

/** TensorFlow itself refuses the node: the one-node routes' 422. */
export const PYTHON_ERROR = ref(PythonErrorSchema, { description: 'TensorFlow itself would raise: its exception class and exact message' })

/**
 * The one-node routes' refusals (POST and GET /v1/run-config, replace, and their …/exports), with
 * what `400` and `406` mean on each; those with a body add NODE_BODY_ERRORS.
 */
export function nodeErrors (described: { 400: string, 406: string }) {
  return { ...errorResponses([[400, described[400]], [406, described[406]], 503]), 422: PYTHON_ERROR }
}

/** A one-node route's body: a 413 says what to send instead (plugins/too-large.ts). */
export const NODE_BODY_ERRORS = errorResponses([[413, 'The body is larger than the limit; the message says what to send instead'], 415])
