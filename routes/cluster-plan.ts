import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { countTasks, planCluster as planNodes, planCost, stringifyJson } from '../src/index.js'
import {
  ClusterPlanErrorSchema, ClusterPlanRequestSchema, ClusterPlanSchema, JsonFormatQuerySchema, MAX_PLAN_TASKS, MAX_PLAN_TASKS_WITH_INCLUDE,
  PLAN_EXPORT_FORMATS, ref
} from '../src/schemas.js'
import { PLAN_BODY_LIMIT } from '../limits.js'
import { requestError } from '../plugins/errors.js'
import { errorResponses } from './lib/error-responses.js'
import { jsonOnly } from './lib/formats.js'
import { tooManyTasks } from './lib/plan-limits.js'

const clusterPlan: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/cluster-plan', {
    schema: {
      operationId: 'planCluster',
      tags: ['cluster-plan'],
      summary: 'Resolve every node of a cluster',
      description: 'One node per task of the cluster in global-id order (chief or master first, other jobs sorted, ' +
        'ps last; sparse jobs: the defined indices), then the evaluator when asked for. Each node equals what ' +
        'POST /v1/run-config answers for its TF_CONFIG: the cluster, its task, and the shared tf_config keys. ' +
        'If TensorFlow fails on any node the answer is 422, naming every failing node. JSON only: shell, dotenv, ' +
        'kubernetes and NDJSON (streamed), of one node (?task=) or all, are POST /v1/cluster-plan/exports, with the ' +
        `same body. Limits: ${MAX_PLAN_TASKS} tasks, ${MAX_PLAN_TASKS_WITH_INCLUDE} with include (every node then ` +
        'carries the whole cluster); beyond that, 413 saying what to ask instead.',
      querystring: JsonFormatQuerySchema,
      body: ClusterPlanRequestSchema,
      response: {
        200: ref(ClusterPlanSchema, { description: 'Every node of the cluster' }),
        ...errorResponses([
          [400, 'The request does not match the schema; the message names the field (and where a ?format= other than json is)'],
          [406, 'Accept prefers a rendering (NDJSON, shell, dotenv, kubernetes): the message names POST /v1/cluster-plan/exports'],
          [413, 'The body or the cluster is larger than the limit; the message says what to ask instead'],
          415,
          503
        ]),
        422: ref(ClusterPlanErrorSchema, { description: 'TensorFlow would fail on some nodes' })
      }
    },
    preValidation: jsonOnly('POST', '/v1/cluster-plan', PLAN_EXPORT_FORMATS),
    bodyLimit: PLAN_BODY_LIMIT
  }, async function planCluster (request, reply) {
    const { cluster, include = [] } = request.body
    const tasks = countTasks(cluster)
    const withTexts = include.length > 0
    const limit = withTexts ? MAX_PLAN_TASKS_WITH_INCLUDE : MAX_PLAN_TASKS
    if (tasks > limit) throw requestError(413, 'CLUSTER_TOO_LARGE', tooManyTasks(tasks, limit, withTexts ? 'plan with include' : 'plan', 'runconfig plan FILE'))
    app.planSizes.observe({ operation: 'plan' }, tasks)
    // a large plan on a worker thread: on the event loop it would stall every other request
    const cost = planCost(tasks, withTexts, request.jsonText.length)
    if (app.planWorkers.offloads(cost)) return app.planWorkers.answer(request, reply, { op: 'plan', format: 'json' }, cost)
    const plan = planNodes(request.body)
    request.log.info({ nodes: plan.nodes.length }, 'planned cluster')
    // serialized here, as the worker does: the same bytes either way
    return reply.type('application/json; charset=utf-8').send(stringifyJson(plan) as never)
  })
}

export default clusterPlan
