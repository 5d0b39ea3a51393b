import { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { kubernetesEnv, planCluster as planNodes, planDotenv, planShell, stringifyJson, type PlanNode, type PlanRequest } from '../src/index.js'
import {
  ClusterPlanRequestSchema, ClusterPlanSchema, FORMAT_MEDIA_TYPES, KubernetesEnvSchema, MAX_PLAN_TASKS,
  MAX_PLAN_TASKS_WITH_INCLUDE, PLAN_FORMATS, PlanDotenvSchema, PlanFormatQuerySchema, PlanNodeSchema, PlanShellSchema, ref,
  type Cluster, type ClusterPlan, type ClusterPlanRequest, type PlanFormatQuery
} from '../src/schemas.js'
import { PLAN_BODY_LIMIT } from '../limits.js'
import { ClusterPlanErrorSchema, ErrorSchema, requestError } from '../plugins/errors.js'
import { planCost } from '../plugins/plan-workers.js'
import { chooseFormat, sendText, varyOnAccept } from './lib/formats.js'

const NDJSON = FORMAT_MEDIA_TYPES.ndjson
// Formats made of each node's TF_CONFIG text: they imply include tf_config, and its task limit
const TF_CONFIG_FORMATS: string[] = ['shell', 'dotenv', 'kubernetes']

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
    bodyLimit: PLAN_BODY_LIMIT,
    preHandler: checkClusterSize
  }, async function planCluster (request, reply) {
    varyOnAccept(reply, request.query.format)
    const format = planFormat(request)
    const body = request.body as PlanRequest
    // a large plan on a worker thread: on the event loop it would stall every other request
    const withTexts = (body.include ?? []).length > 0 || TF_CONFIG_FORMATS.includes(format)
    const tasks = countTasks(request.body.cluster)
    app.planSizes.observe({ operation: 'plan' }, tasks)
    const cost = planCost(tasks, withTexts, request.jsonText.length)
    if (app.planWorkers.offloads(cost)) return app.planWorkers.answer(request, reply, { op: 'plan', format }, cost)
    // planned in full before the first byte: a failing node is a 422, even for a stream
    const plan = planNodes(TF_CONFIG_FORMATS.includes(format) ? { ...body, include: ['tf_config'] } : body)
    request.log.info({ nodes: plan.nodes.length }, 'planned cluster')
    switch (format) {
      case 'json': return plan as ClusterPlan
      // a stream skips the serializer, so the type provider's reply type (the schema's) does not apply
      case 'ndjson': return reply.type(NDJSON).send(Readable.from(ndjsonLines(plan.nodes)) as never)
      case 'kubernetes': return reply.type(FORMAT_MEDIA_TYPES.kubernetes).send({ nodes: kubernetesEnv(plan) } as never)
      case 'shell': return sendText(reply, format, planShell(plan))
      case 'dotenv': return sendText(reply, format, planDotenv(plan))
    }
  })
}

export default clusterPlan

type PlanRouteRequest = FastifyRequest<{ Body: ClusterPlanRequest, Querystring: PlanFormatQuery }>

function planFormat (request: PlanRouteRequest) {
  return chooseFormat(request.query.format, request.headers.accept, PLAN_FORMATS)
}

async function checkClusterSize (request: PlanRouteRequest) {
  const { cluster, include = [] } = request.body
  const format = planFormat(request)
  const withTexts = include.length > 0 || TF_CONFIG_FORMATS.includes(format)
  const limit = withTexts ? MAX_PLAN_TASKS_WITH_INCLUDE : MAX_PLAN_TASKS
  const tasks = countTasks(cluster)
  if (tasks > limit) {
    const which = include.length > 0 ? 'with include' : withTexts ? `in format ${format}` : 'without include'
    throw requestError(413, 'CLUSTER_TOO_LARGE', `body/cluster has ${tasks} tasks; a plan ${which} covers at most ${limit}`)
  }
}

/** How many tasks a cluster lists (sparse jobs: the defined indices). */
export function countTasks (cluster: Cluster): number {
  let tasks = 0
  for (const job of Object.values(cluster)) tasks += Array.isArray(job) ? job.length : Object.keys(job).length
  return tasks
}

/** One JSON object per line, written in batches (a chunk per node would cost more than the JSON). */
function * ndjsonLines (nodes: PlanNode[]): Generator<string> {
  for (let start = 0; start < nodes.length; start += 256) {
    yield nodes.slice(start, start + 256).map((node) => stringifyJson(node) + '\n').join('')
  }
}
