// What the 413s of a body over its route's limit and the 431s of headers over Node's say: the limit,
// and what to send instead (the plan routes' own 413s are routes/lib/plan-limits.ts)
import { maxHeaderSize, STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyInstance, FastifyRequest } from 'fastify'

const KiB = 1024
const MiB = 1024 * KiB

const size = (bytes: number) => bytes % MiB === 0 ? `${bytes / MiB} MiB` : bytes % KiB === 0 ? `${bytes / KiB} KiB` : `${bytes} bytes`

// The one-node routes: a TF_CONFIG holds its whole cluster
const NODE_ROUTES = ['/v1/run-config', '/v1/run-config/replace', '/v1/run-config/exports', '/v1/run-config/replace/exports']
const PLAN_ROUTES: Record<string, string> = {
  '/v1/cluster-plan': 'runconfig plan FILE',
  '/v1/cluster-plan/exports': 'runconfig plan FILE --format FORMAT',
  '/v1/cluster-plan/lint': 'runconfig lint FILE'
}

/** The 413 of a body over its route's limit (Fastify's FST_ERR_CTP_BODY_TOO_LARGE), with what to send instead. */
export function bodyTooLargeMessage (request: FastifyRequest): string {
  const { url, bodyLimit } = request.routeOptions
  const head = `Request body is too large: ${request.method} ${url ?? request.url} takes at most ${size(bodyLimit)}`
  if (url !== undefined && NODE_ROUTES.includes(url)) {
    return `${head} (one node's TF_CONFIG holds its whole cluster). Instead: for a larger cluster, POST the cluster ` +
      'to /v1/cluster-plan/exports?format=FORMAT&task=TYPE:INDEX (one node\'s environment) or /v1/cluster-plan, ' +
      'which take 12 MiB; or run the CLI, which has no limit: runconfig resolve'
  }
  if (url !== undefined && url in PLAN_ROUTES) {
    return `${head} (100,000 tasks with long addresses). Instead: run the CLI, which has no limit: ${PLAN_ROUTES[url]}`
  }
  return head
}

/**
 * Node's client errors, as Fastify's default handler answers them, but for a 431 that says what
 * to do: the headers' limit is Node's, and only a TF_CONFIG in a query string comes near it.
 */
export function clientErrorHandler (this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [statusCode, message] = error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
    ? [408, 'Client Timeout']
    : error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, `The request line and headers exceed ${size(maxHeaderSize)}: a TF_CONFIG this large does not fit a query ` +
        'string. Instead: POST it as the body, {"tf_config": ...}, to /v1/run-config (or /v1/run-config/exports for ' +
        'shell, dotenv or kubernetes)']
      : [400, 'Client Error']
  this.log.trace({ err: error }, 'client error')
  // Fastify's own bytes (its field order) for the others
  const body = JSON.stringify({ error: STATUS_CODES[statusCode], message, statusCode })
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Content-Type: application/json\r\n\r\n${body}`)
  }
  socket.destroy(error)
}
