import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  PythonErrorSchema,
  ConflictSchema, GatheringSchema, GoneSchema, JoinedSchema, JoinRequestSchema, MemberConfigSchema, MemberParamsSchema, ref, WaitQuerySchema
} from '../src/schemas.js'
import { errorResponses, UNAVAILABLE } from './lib/error-responses.js'
import { bearerToken } from './lib/auth.js'
import { answer, holdConnection } from './lib/rendezvous.js'

const E400 = [400, 'A name, key, host or port that breaks its pattern or range; the message names it'] as const
const E401 = [401, 'Not the job\'s join token (nor the admin token)'] as const
const E503 = [503, UNAVAILABLE.waits] as const
const GONE = { ...GoneSchema, description: 'The round expired (missing lists the slots nobody took), or the job was deleted during the wait' }

const members: FastifyPluginAsyncTypebox = async (app) => {
  app.put('/v1/jobs/:job/members/:member', {
    schema: {
      operationId: 'joinJob',
      tags: ['rendezvous'],
      summary: 'Join a job: take a slot of the current round',
      description: 'Needs the job\'s join token. Without index: the lowest free index of the role, or this member\'s index of ' +
        'the previous round. Without port: a port of RUNCONFIG_PORT_RANGE leased on its host for the job\'s life (the same ' +
        'one again in a later round on that host), released when the job is deleted or the member leaves. 201 when the slot ' +
        'is taken; 200 when this member already holds it and the request agrees (a retry is a no-op, also once the round is ' +
        'complete). Nothing is stored on any refusal.',
      params: MemberParamsSchema,
      body: JoinRequestSchema,
      response: {
        200: JoinedSchema,
        201: JoinedSchema,
        ...errorResponses([E400, E401, [404, 'No such job'], 413, 415, [422, 'A role not in the cluster, or an index beyond its count'], E503]),
        409: { ...ConflictSchema, description: 'The slot belongs to another member (holder), no slot of the role is free, this member holds another slot, the round is complete without it, or (without port) every port of the range is held on the host' },
        410: GONE
      }
    }
  }, async function joinJob (request, reply) {
    const { job, member } = request.params
    return await answer(reply, async () => {
      const { created, joined } = await app.rendezvous.join(job, member, request.body, bearerToken(request))
      if (created) request.log.info({ job, member, role: joined.role, index: joined.index, state: joined.state }, 'member joined')
      return reply.code(created ? 201 : 200).send(joined)
    })
  })

  app.delete('/v1/jobs/:job/members/:member', {
    schema: {
      operationId: 'leaveJob',
      tags: ['rendezvous'],
      summary: 'Leave a job: free this member\'s slot',
      description: 'Only while the round gathers.',
      params: MemberParamsSchema,
      response: {
        204: Type.Null({ description: 'The slot is free again, and the port leased for it if it joined without one' }),
        ...errorResponses([E400, E401, [404, 'No such job, or the member holds no slot of this round'], E503]),
        409: { ...ConflictSchema, description: 'The round is complete' },
        410: GONE
      }
    }
  }, async function leaveJob (request, reply) {
    const { job, member } = request.params
    return await answer(reply, async () => {
      await app.rendezvous.leave(job, member, bearerToken(request))
      request.log.info({ job, member }, 'member left')
      return reply.code(204).send(null)
    })
  })

  app.get('/v1/jobs/:job/members/:member/config', {
    schema: {
      operationId: 'getMemberConfig',
      tags: ['rendezvous'],
      summary: 'This member\'s TF_CONFIG and RunConfig, once every slot is taken (long poll)',
      description: '200 when the round is complete: this node as POST /v1/cluster-plan plans it for the cluster the members ' +
        'made, with tf_config (the object to export as TF_CONFIG) and run_config (as POST /v1/run-config answers). ' +
        'Otherwise waits up to ?wait seconds (0 to 60) for the round to complete, then 202 with the missing slots and ' +
        'Retry-After. A wait that reaches the deadline is answered 410.',
      params: MemberParamsSchema,
      querystring: WaitQuerySchema,
      response: {
        200: MemberConfigSchema,
        202: { ...GatheringSchema, description: 'The wait ended first: who is missing (Retry-After)' },
        ...errorResponses([E400, E401, [404, 'No such job, or the member has not joined this round'], E503]),
        410: GONE,
        422: ref(PythonErrorSchema, { description: 'TensorFlow refuses this node\'s config with the real addresses' })
      }
    }
  }, async function getMemberConfig (request, reply) {
    const { job, member } = request.params
    const wait = Number(request.query.wait ?? 0)
    // the connection's idle timeout (60 s) must not cut a 60 s wait short
    if (wait > 0) holdConnection(request, (wait + 15) * 1000)
    const gone = new AbortController()
    reply.raw.on('close', () => { if (!reply.raw.writableFinished) gone.abort() })
    return await answer(reply, async () => {
      const outcome = await app.rendezvous.waitForConfig(job, member, wait, bearerToken(request), gone.signal)
      if (outcome.complete) return outcome.config
      return reply.code(202).header('retry-after', app.rendezvous.retryAfterSecs.gathering).send(outcome.gathering)
    })
  })
}

export default members
