import { Type, type Static } from 'typebox'
import { HostSchema } from './host.js'

// Port leases (COORDINATION.md C.5)

/** 32 random bytes, base64url: the lease id is the capability to renew, release or report it. */
export const LEASE_ID_PATTERN = '^[A-Za-z0-9_-]{43}$'

export const TtlSecsSchema = Type.Integer({
  minimum: 5,
  maximum: 86_400,
  description: 'Seconds until the lease expires unless renewed',
  examples: [300]
})

export const LeaseRequestSchema = Type.Object({
  holder: Type.String({ minLength: 1, maxLength: 200, description: 'Who holds the port (free text: a job, a pod, a user)', examples: ['trainer-42/worker-3'] }),
  ttl_secs: Type.Optional(Type.Integer({ ...TtlSecsSchema, default: 300 })),
  port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: 'This port, or none: the service picks one of RUNCONFIG_PORT_RANGE' }))
}, { additionalProperties: false, examples: [{ holder: 'trainer-42/worker-3', ttl_secs: 300 }] })
export type LeaseRequest = Static<typeof LeaseRequestSchema>

export const LeaseSchema = Type.Object({
  lease: Type.String({ pattern: LEASE_ID_PATTERN, description: 'The lease id: the capability to renew, release or report the lease; keep it secret' }),
  host: Type.String({ description: 'The host, as the service compares hosts (names in lower case, IPv6 compressed)' }),
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  holder: Type.String(),
  fencing_token: Type.Integer({ minimum: 1, description: 'Strictly increases with every lease granted on this host and port' }),
  expires_at: Type.String({ format: 'date-time', description: 'RFC 3339 UTC; the port is free again from then on' })
}, {
  $id: 'Lease',
  additionalProperties: false,
  description: 'A port held on a host',
  examples: [{
    lease: 'kV3pYq0m4oQ2wA9fZb8cT1uE6rN5sJ7hL0dG2iX3yMa',
    host: 'node-7.cluster.local',
    port: 20000,
    holder: 'trainer-42/worker-3',
    fencing_token: 17,
    expires_at: '2026-12-02T10:05:00.000Z'
  }]
})
export type Lease = Static<typeof LeaseSchema>

export const RenewLeaseSchema = Type.Object({ ttl_secs: TtlSecsSchema }, { additionalProperties: false })
export type RenewLease = Static<typeof RenewLeaseSchema>

export const HostParamsSchema = Type.Object({ host: HostSchema })
export const LeaseParamsSchema = Type.Object({
  lease: Type.String({ pattern: LEASE_ID_PATTERN, description: 'The lease id' })
})

export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'The client\'s key for this request: the same key on the same host again answers the same lease'
  })
})
