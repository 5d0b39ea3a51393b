import { PassThrough } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { jobView } from '../src/coordination/view.js'
import type { Subscription } from '../src/coordination/watcher.js'
import type { JobSnapshot } from '../src/coordination/store.js'
import { JobParamsSchema } from '../src/schemas.js'
import { errorResponses, UNAVAILABLE } from './lib/error-responses.js'
import { bearerToken } from './lib/auth.js'
import { answer, holdConnection } from './lib/rendezvous.js'

const EVENT_STREAM = 'text/event-stream'

/** One server-sent event: the job view as one line of JSON (no token in it). */
function jobEvent (snapshot: JobSnapshot): string {
  return `id: ${snapshot.job.version}\nevent: job\ndata: ${JSON.stringify(jobView(snapshot))}\n\n`
}

const jobEvents: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/jobs/:job/events', {
    schema: {
      operationId: 'streamJobEvents',
      tags: ['rendezvous'],
      summary: 'The job view as it changes (server-sent events)',
      description: 'Needs the job\'s join token or the admin token (Authorization header: read the stream with fetch(), ' +
        'not EventSource). On connect one `job` event with the current view, then one per version change ' +
        '(`id: <version>`, `data: <job view JSON>`); a `: heartbeat` comment every 15 s; when the job is deleted an ' +
        '`event: deleted` (data `{}`) and the stream ends.',
      params: JobParamsSchema,
      response: {
        200: { description: 'The event stream', content: { [EVENT_STREAM]: { schema: Type.String({ examples: ['id: 3\nevent: job\ndata: {"job":"resnet50",...}\n\n'] }) } } },
        ...errorResponses([
          [400, 'The job name breaks its pattern'],
          [401, 'Not the job\'s join token (nor the admin token)'],
          [404, 'No such job'],
          [503, UNAVAILABLE.streams]
        ])
      }
    }
  }, async function streamJobEvents (request, reply) {
    const { job } = request.params
    return await answer(reply, async () => {
      // watch first, then read: a change between the two is then in the read or delivered after it
      const subscription = app.rendezvous.watch(job)
      let first: JobSnapshot
      try {
        first = await app.rendezvous.snapshot(job, bearerToken(request))
      } catch (error) {
        subscription.end()
        throw error
      }
      // a stream has no natural end: no idle timeout on its socket (heartbeats keep proxies awake)
      holdConnection(request, 0)
      const stream = new PassThrough()
      reply.raw.on('close', () => subscription.end())
      stream.write(jobEvent(first))
      relay(subscription, stream, first.job.version, app.rendezvous.heartbeatMs)
      return reply.type(EVENT_STREAM).header('cache-control', 'no-store').header('x-accel-buffering', 'no').send(stream as never)
    })
  })
}

/** Writes each new version of the job, heartbeats while idle; ends on deletion, disconnect or shutdown. */
async function relay (subscription: Subscription, stream: PassThrough, seen: number, heartbeatMs: number): Promise<void> {
  for (;;) {
    const outcome = await subscription.next(seen, heartbeatMs)
    if (outcome === 'closed') break
    if (outcome === 'timeout') {
      stream.write(': heartbeat\n\n')
    } else if (outcome === null) {
      stream.write('event: deleted\ndata: {}\n\n')
      break
    } else {
      seen = outcome.job.version
      stream.write(jobEvent(outcome))
    }
  }
  subscription.end()
  stream.end()
}

export default jobEvents
