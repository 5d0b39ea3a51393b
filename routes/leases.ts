import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { createLease, releaseLease, renewLease, reportConflict } from '../src/coordination/leases.js'
import type { PortRange } from '../src/coordination/lease-rules.js'
import { ref } from '../src/schemas.js'
import {
  HostParamsSchema, IdempotencyHeadersSchema, LeaseParamsSchema, LeaseRequestSchema, LeaseSchema, RenewLeaseSchema
} from '../src/schemas/leases.js'
import { requireAdmin } from './lib/auth.js'
import { errorResponses, UNAVAILABLE } from './lib/error-responses.js'

export interface LeaseRouteOptions {
  /** RUNCONFIG_PORT_RANGE */
  portRange: PortRange
  /** RUNCONFIG_ADMIN_TOKEN: creating a lease needs it when set */
  adminToken?: string
}

const NOT_FOUND = [404, 'No such lease: it expired, was released or replaced, or never existed'] as const
const MALFORMED = [400, 'A malformed lease id'] as const
// every route reads a body if one is sent (JSON only), sheds load, and needs the database
const COMMON = errorResponses([413, 415, [503, UNAVAILABLE.store]])

/** C.5 port leases. The lease id in the path is the capability; the request log redacts it (routes/lib/redact.ts). */
const leases: FastifyPluginAsyncTypebox<LeaseRouteOptions> = async (app, { portRange, adminToken }) => {
  app.post('/v1/hosts/:host/leases', {
    schema: {
      operationId: 'createLease',
      tags: ['leases'],
      summary: 'Lease a port on a host',
      description: 'A port of RUNCONFIG_PORT_RANGE (default 20000-29999) that no unexpired lease holds on this host, or ' +
        'the one asked for. The same Idempotency-Key on the same host answers the same lease again (200) while it lasts.',
      params: HostParamsSchema,
      headers: IdempotencyHeadersSchema,
      body: LeaseRequestSchema,
      response: {
        200: ref(LeaseSchema, { description: 'A retry: the lease this Idempotency-Key got, as it is now' }),
        201: ref(LeaseSchema, { description: 'Leased' }),
        ...errorResponses([
          [400, 'A host that is not a host name or IP literal, no Idempotency-Key, a field out of range'],
          [401, 'RUNCONFIG_ADMIN_TOKEN is set and the request does not bear it'],
          [409, 'The port asked for is held, or every port of the range is'],
          [422, 'This Idempotency-Key was used on this host for another request']
        ]),
        ...COMMON
      }
    }
  }, async function createLeaseHandler (request, reply) {
    requireAdmin(request, reply, adminToken)
    const { lease, created } = await createLease(app.store.leases, portRange, app.clock.now(), request.params.host,
      request.headers['idempotency-key'], request.body)
    return await reply.code(created ? 201 : 200).send(lease)
  })

  app.put('/v1/leases/:lease', {
    schema: {
      operationId: 'renewLease',
      tags: ['leases'],
      summary: 'Renew a lease',
      description: 'It now expires ttl_secs from now.',
      params: LeaseParamsSchema,
      body: RenewLeaseSchema,
      response: { 200: ref(LeaseSchema, { description: 'Renewed' }), ...errorResponses([[400, 'A malformed lease id or ttl_secs'], NOT_FOUND]), ...COMMON }
    }
  }, async function renewLeaseHandler (request) {
    return await renewLease(app.store.leases, app.clock.now(), request.params.lease, request.body.ttl_secs)
  })

  app.delete('/v1/leases/:lease', {
    schema: {
      operationId: 'releaseLease',
      tags: ['leases'],
      summary: 'Release a lease',
      description: 'The port is free again at once.',
      params: LeaseParamsSchema,
      response: { 204: Type.Null({ description: 'Released' }), ...errorResponses([MALFORMED, NOT_FOUND]), ...COMMON }
    }
  }, async function releaseLeaseHandler (request, reply) {
    await releaseLease(app.store.leases, app.clock.now(), request.params.lease)
    return await reply.code(204).send(null)
  })

  app.post('/v1/leases/:lease/conflict', {
    schema: {
      operationId: 'reportLeaseConflict',
      tags: ['leases'],
      summary: 'Report that the port could not be bound',
      description: 'The port is quarantined on this host for 10 minutes, and a lease on another port replaces this ' +
        'one (same holder, time to live and Idempotency-Key). Reporting the same lease again answers the same replacement (200).',
      params: LeaseParamsSchema,
      response: {
        200: ref(LeaseSchema, { description: 'A retry: the replacement, as it is now' }),
        201: ref(LeaseSchema, { description: 'The replacement lease' }),
        ...errorResponses([MALFORMED, NOT_FOUND, [409, 'No other port of the range is free on this host (nothing changed)']]),
        ...COMMON
      }
    }
  }, async function reportLeaseConflictHandler (request, reply) {
    const { lease, created } = await reportConflict(app.store.leases, portRange, app.clock.now(), request.params.lease)
    return await reply.code(created ? 201 : 200).send(lease)
  })
}

export default leases
