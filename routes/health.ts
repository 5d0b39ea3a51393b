import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { sendError } from '../plugins/errors.js'
import { IGNORE_PRESSURE } from '../plugins/overload.js'
import { errorResponses } from './lib/error-responses.js'

function statusSchema<S extends string> (status: S, description: string) {
  return Type.Object({ status: Type.Literal(status) }, { additionalProperties: false, description, examples: [{ status }] })
}

const health: FastifyPluginAsyncTypebox = async (app) => {
  // probes hit these every few seconds: log them only when something is wrong
  app.get('/healthz', {
    logLevel: 'warn',
    // a busy process is alive: Kubernetes would restart a pod whose liveness failed
    config: IGNORE_PRESSURE,
    schema: {
      operationId: 'getHealth',
      tags: ['operations'],
      summary: 'Liveness: the process answers',
      description: '200 while the process serves requests, overloaded or not; like every route, 503 once the server ' +
        'is closing.',
      response: {
        200: statusSchema('ok', 'Alive'),
        ...errorResponses([[503, 'The server is closing']])
      }
    }
  }, async function getHealth () {
    return { status: 'ok' as const }
  })

  app.get('/readyz', {
    logLevel: 'warn',
    // readiness is about draining: were every replica to turn unready in a burst, the Service would have no endpoint
    config: IGNORE_PRESSURE,
    schema: {
      operationId: 'getReadiness',
      tags: ['operations'],
      summary: 'Readiness: the service takes requests',
      description: '503 once shutdown has begun (SIGTERM/SIGINT), so that load balancers stop sending traffic, and while ' +
        'the database does not answer (PostgreSQL down or unreachable; ready again by itself when it returns). ' +
        'Overload does not make it fail: requests are shed one by one (503 with Retry-After) instead.',
      response: {
        200: statusSchema('ready', 'Ready'),
        ...errorResponses([[503, 'Draining (the server is shutting down), or the database is unavailable']])
      }
    }
  }, async function getReadiness (request, reply) {
    if (app.isDraining) {
      return sendError(reply, 503, 'The server is shutting down')
    }
    if (!await app.store.isAvailable()) {
      return sendError(reply, 503, 'The database is unavailable')
    }
    return { status: 'ready' as const }
  })
}

export default health
