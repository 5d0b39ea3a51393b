import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  ErrorSchema, PythonErrorSchema,
  JobCreatedSchema, JobListSchema, JobParamsSchema, JobRequestSchema, JobViewSchema, ref
} from '../src/schemas.js'
import { errorResponses, UNAVAILABLE } from './lib/error-responses.js'
import { bearerToken } from './lib/auth.js'
import { answer } from './lib/rendezvous.js'

const E400 = [400, 'The job name breaks its pattern'] as const
const E404 = [404, 'No such job'] as const
const E503 = [503, UNAVAILABLE.store] as const
const ADMIN = 'Needs the admin token when RUNCONFIG_ADMIN_TOKEN is set (else open).'

/** The schema of an operation on /v1/jobs/{job} that answers the job's view. */
const jobViewOperation = (operationId: string, summary: string, description: string) => ({
  operationId,
  tags: ['rendezvous'],
  summary,
  description,
  params: JobParamsSchema,
  response: { 200: ref(JobViewSchema), ...errorResponses([E400, 401, E404, E503]) }
})

const jobs: FastifyPluginAsyncTypebox = async (app) => {
  app.put('/v1/jobs/:job', {
    schema: {
      operationId: 'createJob',
      tags: ['rendezvous'],
      summary: 'Create a rendezvous job',
      description: 'The cluster to assemble (role → number of tasks), the RunConfig arguments and TF_CONFIG keys every node ' +
        'gets, and how long each round may gather. 201 with the job and its join token; 200 (the same token) when the ' +
        'job exists with the same definition, key order aside: a launcher that lost the answer may retry. ' + ADMIN,
      params: JobParamsSchema,
      body: JobRequestSchema,
      response: {
        200: JobCreatedSchema,
        201: JobCreatedSchema,
        ...errorResponses([[400, 'The job name or the body does not match the schema; the message names the field'], 401, [409, 'The job exists with another definition'], 413, 415, E503]),
        422: Type.Union([ref(PythonErrorSchema), ref(ErrorSchema)], {
          description: 'A count below 1, a second chief, master or evaluator, over 100,000 tasks; or TensorFlow refuses the ' +
            'config (checked with placeholder addresses, as POST /v1/cluster-plan/lint reports it)'
        })
      }
    }
  }, async function createJob (request, reply) {
    return await answer(reply, async () => {
      const { created, job } = await app.rendezvous.createJob(request.params.job, request.body, bearerToken(request))
      request.log.info({ job: job.job, created }, 'job defined')
      return reply.code(created ? 201 : 200).send(job)
    })
  })

  app.get('/v1/jobs', {
    schema: {
      operationId: 'listJobs',
      tags: ['rendezvous'],
      summary: 'List the rendezvous jobs',
      description: ADMIN,
      response: { 200: JobListSchema, ...errorResponses([401, E503]) }
    }
  }, async function listJobs (request, reply) {
    return await answer(reply, () => app.rendezvous.listJobs(bearerToken(request)))
  })

  app.get('/v1/jobs/:job', {
    schema: jobViewOperation('getJob', 'A job and its current round: who is in, which slots are missing',
      'Needs the job\'s join token or the admin token. A round past its deadline shows as expired.')
  }, async function getJob (request, reply) {
    return await answer(reply, () => app.rendezvous.readJob(request.params.job, bearerToken(request)))
  })

  app.post('/v1/jobs/:job/rounds', {
    schema: jobViewOperation('startRound', 'Start the next round of a job',
      'round + 1, gathering, no members, a new deadline. A member of the round just ended that joins again ' +
      'with the same key and role, asking for no index, gets its index back. No body. ' + ADMIN)
  }, async function startRound (request, reply) {
    return await answer(reply, () => app.rendezvous.startRound(request.params.job, bearerToken(request)))
  })

  app.delete('/v1/jobs/:job', {
    schema: {
      operationId: 'deleteJob',
      tags: ['rendezvous'],
      summary: 'Delete a job',
      description: 'Its members and waits end (a wait in flight is answered 410); afterwards every URL of the job answers 404. ' + ADMIN,
      params: JobParamsSchema,
      response: { 204: Type.Null({ description: 'Deleted' }), ...errorResponses([E400, 401, E404, E503]) }
    }
  }, async function deleteJob (request, reply) {
    return await answer(reply, async () => {
      await app.rendezvous.deleteJob(request.params.job, bearerToken(request))
      request.log.info({ job: request.params.job }, 'job deleted')
      return reply.code(204).send(null)
    })
  })
}

export default jobs
