import { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  countTasks, needsTfConfig, planChunks, planCluster as planNodes, planContentType, planCost, planRequestFor, renderPlan,
  type PlanRequest
} from '../src/index.js'
import {
  ClusterPlanRequestSchema, ClusterPlanSchema, FORMAT_MEDIA_TYPES, KubernetesEnvSchema, MAX_PLAN_TASKS,
  MAX_PLAN_TASKS_WITH_INCLUDE, PLAN_FORMATS, PlanDotenvSchema, PlanFormatQuerySchema, PlanNodeSchema, PlanShellSchema, ref
} from '../src/schemas.js'
import { PLAN_BODY_LIMIT } from '../limits.js'
import { ClusterPlanErrorSchema, ErrorSchema, requestError } from '../plugins/errors.js'
import { chooseFormat, varyOnAccept } from './lib/formats.js'

const NDJSON = FORMAT_MEDIA_TYPES.ndjson

const clusterPlan: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/cluster-plan', {
    schema: {
      operationId: 'planCluster',
      tags: ['cluster-plan'],
      summary: 'Resolve every node of a cluster',
      description: 'One node per task of the cluster in global-id order (chief or master first, other jobs sorted, ' +
        'ps last; sparse jobs: the defined indices), then the evaluator when asked for. Each node equals what ' +
        'POST /v1/run-config answers for its TF_CONFIG: the cluster, its task, and the shared tf_config keys. ' +
        'If TensorFlow fails on any node the answer is 422, naming every failing node. ' +
        `With \`Accept: ${NDJSON}\` the nodes are streamed one JSON object per line (no header line: the ` +
        'cluster_spec is only in the JSON form). Other formats: ?format=ndjson (the same), shell and dotenv (each ' +
        'node\'s TF_CONFIG line under a "# TYPE INDEX" comment), kubernetes (each node\'s pod env entries); Accept ' +
        'selects them by media type too (?format wins); errors stay JSON. Limits: ' +
        `${MAX_PLAN_TASKS} tasks, ${MAX_PLAN_TASKS_WITH_INCLUDE} with include or in the shell, dotenv and kubernetes ` +
        'formats (every node then carries the whole cluster); beyond that, 413.',
      querystring: PlanFormatQuerySchema,
      body: ClusterPlanRequestSchema,
      response: {
        200: {
          description: 'Every node of the cluster',
          content: {
            'application/json': { schema: ref(ClusterPlanSchema) },
            [NDJSON]: { schema: ref(PlanNodeSchema, { description: 'One node per line' }) },
            [FORMAT_MEDIA_TYPES.shell]: { schema: PlanShellSchema },
            [FORMAT_MEDIA_TYPES.dotenv]: { schema: PlanDotenvSchema },
            [FORMAT_MEDIA_TYPES.kubernetes]: { schema: ref(KubernetesEnvSchema) }
          }
        },
        400: ref(ErrorSchema, { description: 'The request does not match the schema; the message names the field' }),
        413: ref(ErrorSchema, { description: 'The body or the cluster is larger than the limit' }),
        415: ref(ErrorSchema, { description: 'The body is not application/json' }),
        422: ref(ClusterPlanErrorSchema, { description: 'TensorFlow would fail on some nodes' }),
        503: ref(ErrorSchema, { description: 'The server is shutting down, or overloaded (Retry-After)' })
      }
    },
    bodyLimit: PLAN_BODY_LIMIT
  }, async function planCluster (request, reply) {
    varyOnAccept(reply, request.query.format)
    const format = chooseFormat(request.query.format, request.headers.accept, PLAN_FORMATS)
    const { cluster, include = [] } = request.body
    const tasks = countTasks(cluster)
    const withTexts = include.length > 0 || needsTfConfig(format)
    const limit = withTexts ? MAX_PLAN_TASKS_WITH_INCLUDE : MAX_PLAN_TASKS
    if (tasks > limit) {
      const which = include.length > 0 ? 'with include' : withTexts ? `in format ${format}` : 'without include'
      throw requestError(413, 'CLUSTER_TOO_LARGE', `body/cluster has ${tasks} tasks; a plan ${which} covers at most ${limit}`)
    }
    app.planSizes.observe({ operation: 'plan' }, tasks)
    // a large plan on a worker thread: on the event loop it would stall every other request
    const cost = planCost(tasks, withTexts, request.jsonText.length)
    if (app.planWorkers.offloads(cost)) return app.planWorkers.answer(request, reply, { op: 'plan', format }, cost)
    // planned in full before the first byte: a failing node is a 422, even for a stream
    const plan = planNodes(planRequestFor(request.body as PlanRequest, format))
    request.log.info({ nodes: plan.nodes.length }, 'planned cluster')
    // the answer's text, serialized here; NDJSON streams, a batch of nodes per chunk
    const answer = format === 'ndjson' ? Readable.from(planChunks(plan, format)) : renderPlan(plan, format)
    return reply.type(planContentType(format)).send(answer as never)
  })
}

export default clusterPlan
