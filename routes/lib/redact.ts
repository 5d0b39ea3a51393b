import type { FastifyRequest } from 'fastify'

// C.5: a lease id is a capability and is never logged. It travels in the path, which Fastify's
// request log line carries: every segment after /leases/ is written as [redacted], whatever the
// route (a mistyped URL that matches none is logged too).
const LEASE_SEGMENT = /(\/leases\/+)[^/?#]+/gi

/** url with lease ids replaced by [redacted]. */
export function redactUrl (url: string): string {
  return url.replace(LEASE_SEGMENT, '$1[redacted]')
}

/** Fastify's default request serializer, with the url redacted. */
export function serializeRequest (request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort
  }
}
