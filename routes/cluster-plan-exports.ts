import { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import {
  countTasks, exportChunks, exportRefusal, needsTfConfig, parseTaskName, planContentType, planCost, planExport, readPlannedCluster,
  type PlannedCluster
} from '../src/index.js'
import {
  ClusterPlanErrorSchema, ClusterPlanRequestSchema, FORMAT_MEDIA_TYPES, KubernetesEnvSchema, MAX_EXPORT_BYTES, MAX_PLAN_TASKS,
  MAX_PLAN_TASKS_WITH_INCLUDE, PlanDotenvSchema, PlanExportQuerySchema, PlanNdjsonSchema, PlanShellSchema, ref
} from '../src/schemas.js'
import { EXPORT_CHUNK_BYTES, PLAN_BODY_LIMIT } from '../limits.js'
import { requestError } from '../plugins/errors.js'
import { sendJobAnswer } from '../plugins/plan-workers.js'
import { errorResponses } from './lib/error-responses.js'
import { answerTooLarge, tooManyTasks } from './lib/plan-limits.js'

const MiB = 1024 * 1024

const clusterPlanExports: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/cluster-plan/exports', {
    schema: {
      operationId: 'exportClusterPlan',
      tags: ['cluster-plan'],
      summary: 'Every node\'s environment, or one node\'s: shell, dotenv, Kubernetes env entries, NDJSON',
      description: 'What POST /v1/cluster-plan plans (the same body), rendered. With ?task=TYPE:INDEX only that node: ' +
        'what a node fetches for itself at start-up (each node\'s TF_CONFIG holds the whole cluster, so the whole ' +
        'plan\'s renderings grow with the square of it). shell: a script that defines the function runconfig_node; ' +
        '`runconfig_node TYPE INDEX` exports that node\'s variables (with ?task=, that node\'s export lines, to eval); ' +
        'dotenv: per node a "# TYPE INDEX" comment line, then its variables (with ?task=, that node\'s alone); ' +
        'kubernetes: each node\'s pod env entries; ndjson: one PlanNode per line. The whole plan in shell, dotenv and kubernetes is streamed as it is rendered. If TensorFlow fails on any node the ' +
        'answer is 422, naming every failing node, before any byte of the rendering. Errors stay JSON. Limits: ' +
        `${MAX_PLAN_TASKS} tasks (the JSON plan's); ndjson with include and without task, ${MAX_PLAN_TASKS_WITH_INCLUDE}; ` +
        `the whole plan in shell, dotenv or kubernetes, an answer of ${MAX_EXPORT_BYTES / MiB} MiB (estimated as tasks × ` +
        'body size); beyond, 413 saying what to ask instead. With openapi-fetch: parseAs \'text\' for shell, dotenv and ndjson.',
      querystring: PlanExportQuerySchema,
      body: ClusterPlanRequestSchema,
      response: {
        200: {
          description: 'The nodes, in the format asked for',
          content: {
            [FORMAT_MEDIA_TYPES.shell]: { schema: PlanShellSchema },
            [FORMAT_MEDIA_TYPES.dotenv]: { schema: PlanDotenvSchema },
            [FORMAT_MEDIA_TYPES.kubernetes]: { schema: ref(KubernetesEnvSchema) },
            [FORMAT_MEDIA_TYPES.ndjson]: { schema: PlanNdjsonSchema }
          }
        },
        ...errorResponses([
          [400, 'The request does not match the schema, or the cluster has no such task; the message names it'],
          [406, 'NOT_REPRESENTABLE: a value the format cannot hold (NUL, a lone surrogate, a dotenv value no quoting keeps ' +
            'exact): ask POST /v1/cluster-plan'],
          [413, 'The body, the cluster or the answer is larger than the limit; the message says what to ask instead'],
          415,
          503
        ]),
        422: ref(ClusterPlanErrorSchema, { description: 'TensorFlow would fail on some nodes' })
      }
    },
    bodyLimit: PLAN_BODY_LIMIT
  }, async function exportClusterPlan (request, reply) {
    const { format, task } = request.query
    const only = task === undefined ? undefined : parseTaskName(task)
    if (task !== undefined && only === undefined) {
      throw requestError(400, 'FST_ERR_VALIDATION', `querystring/task must be TYPE:INDEX, as in worker:17, not ${JSON.stringify(task)}`)
    }
    const body = request.body
    const tasks = countTasks(request.body.cluster)
    const cli = `runconfig plan FILE --format ${format}${task === undefined ? '' : ` --task ${task}`}`
    if (tasks > MAX_PLAN_TASKS) throw requestError(413, 'CLUSTER_TOO_LARGE', tooManyTasks(tasks, MAX_PLAN_TASKS, 'plan', cli))
    const included = format === 'ndjson' && (body.include ?? []).length > 0
    if (only === undefined && included && tasks > MAX_PLAN_TASKS_WITH_INCLUDE) {
      throw requestError(413, 'CLUSTER_TOO_LARGE', tooManyTasks(tasks, MAX_PLAN_TASKS_WITH_INCLUDE, 'plan with include', cli))
    }
    // the whole plan's TF_CONFIG texts, streamed: bounded by their size, which grows with the square
    const streamsTexts = only === undefined && needsTfConfig(format)
    const estimate = tasks * request.jsonText.length
    if (streamsTexts && estimate > MAX_EXPORT_BYTES) {
      throw requestError(413, 'ANSWER_TOO_LARGE', answerTooLarge(tasks, format, estimate, MAX_EXPORT_BYTES))
    }
    app.planSizes.observe({ operation: 'exports' }, tasks)

    // planning is linear (streamed texts are made later, on the event loop), and so is one node's text
    const cost = only !== undefined || streamsTexts
      ? planCost(tasks, false, 0) + request.jsonText.length / 1000
      : planCost(tasks, included, request.jsonText.length)
    let plan: PlannedCluster
    if (app.planWorkers.offloads(cost)) {
      const answer = await app.planWorkers.run(request, reply, { op: 'export', format, task: only }, cost)
      request.log.info({ ...answer.log, worker: true }, 'planned cluster')
      if (!streamsTexts || answer.statusCode !== 200) return sendJobAnswer(reply, answer)
      // the plan without its texts: the event loop renders them as the client reads
      const text = Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength).toString('utf8')
      plan = readPlannedCluster(text)
    } else {
      try {
        plan = planExport(body, format, only)
      } catch (error) {
        return refuse(reply, error)
      }
      request.log.info({ nodes: plan.nodes.length }, 'planned cluster')
    }
    const chunks = exportChunks(plan, format, body, EXPORT_CHUNK_BYTES, { selected: only !== undefined })
    // the first chunk before the status line: it checks every node's values first, so that a value
    // no environment can hold is a 406, not a cut stream
    let first: IteratorResult<string>
    try {
      first = chunks.next()
    } catch (error) {
      return refuse(reply, error)
    }
    return reply.type(planContentType(format)).send(Readable.from(paced(first, chunks), { highWaterMark: 1 }) as never)
  })
}

export default clusterPlanExports

/**
 * The chunks, the first already made, with a turn of the event loop before each next one: a
 * socket that takes each write at once (loopback, a fast reader) would otherwise have the stream
 * make them all from nextTick callbacks, and no other request would be served meanwhile.
 */
async function * paced (first: IteratorResult<string>, rest: Generator<string>): AsyncGenerator<string> {
  if (first.done === true) return
  yield first.value
  for (const chunk of rest) {
    await new Promise((resolve) => setImmediate(resolve))
    yield chunk
  }
}

/** An export's refusal (no such task, a value no environment holds); TensorFlow's errors and bugs go to the error handler. */
function refuse (reply: FastifyReply, error: unknown): FastifyReply {
  const refusal = exportRefusal(error)
  if (refusal === undefined) throw error
  return reply.code(refusal.statusCode).send(refusal)
}
