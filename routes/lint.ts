import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { countTasks, lintCluster, lintNode, planCost } from '../src/index.js'
import {
  ClusterPlanRequestSchema, LintReportSchema, MAX_PLAN_TASKS, NodeLintReportSchema, ref, RunConfigRequestSchema, WARNING_DESCRIPTIONS
} from '../src/schemas.js'
import { PLAN_BODY_LIMIT } from '../limits.js'
import { requestError } from '../plugins/errors.js'
import { errorResponses } from './lib/error-responses.js'
import { tooManyTasks } from './lib/plan-limits.js'

const lint: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/cluster-plan/lint', {
    schema: {
      operationId: 'lintClusterPlan',
      tags: ['cluster-plan'],
      summary: 'Check a cluster before launch: which nodes fail, and what would go wrong on the others',
      description: 'Takes what POST /v1/cluster-plan takes (include is ignored). ok is false iff TensorFlow fails on ' +
        'some node: failed_nodes lists each, as the plan\'s 422 does, and error is the first failure. Failing nodes ' +
        'are part of the report: lint never answers 422. warnings are what would go wrong at launch although ' +
        `RunConfig accepts it, each with a stable code (${Object.keys(WARNING_DESCRIPTIONS).length} codes, ` +
        'docs/lint.md), a JSON pointer into the request, and a hint. Linear in the size of the cluster: at most ' +
        `${MAX_PLAN_TASKS} tasks, else 413.`,
      body: ClusterPlanRequestSchema,
      response: {
        200: ref(LintReportSchema, { description: 'The report, whether or not the cluster would start' }),
        ...errorResponses([400, [413, 'The body or the cluster is larger than the limit; the message says what to do instead'], 415, 503])
      }
    },
    bodyLimit: PLAN_BODY_LIMIT
  }, async function lintClusterPlan (request, reply) {
    const tasks = countTasks(request.body.cluster)
    if (tasks > MAX_PLAN_TASKS) {
      throw requestError(413, 'CLUSTER_TOO_LARGE', tooManyTasks(tasks, MAX_PLAN_TASKS, 'lint', 'runconfig lint FILE'))
    }
    app.planSizes.observe({ operation: 'lint' }, tasks)
    // a large cluster on a worker thread: on the event loop it would stall every other request
    const cost = planCost(tasks, false, 0)
    if (app.planWorkers.offloads(cost)) return app.planWorkers.answer(request, reply, { op: 'lint' }, cost)
    const report = lintCluster(request.body)
    request.log.info({ ok: report.ok, failed: report.failed_nodes.length, warnings: report.warnings.length }, 'linted cluster')
    return report
  })

  app.post('/v1/run-config/lint', {
    schema: {
      operationId: 'lintRunConfig',
      tags: ['run-config'],
      summary: 'Check one node\'s TF_CONFIG and arguments before launch',
      description: 'Takes what POST /v1/run-config takes. ok is false iff TensorFlow raises on the node (building its ' +
        'RunConfig, or in train_and_evaluate): error is that exception; lint never answers 422. warnings: TF_CONFIG ' +
        'keys TensorFlow ignores (a "clusters" key leaves the node in local mode; "id" in task is not "index"), what ' +
        'the cluster lint finds in the node\'s cluster (addresses, jobs, session_master; pointers under ' +
        '/tf_config/cluster), unknown strategy class names, a TF_CONFIG too large for an environment variable, and a ' +
        'start delay over 60 s; codes as POST /v1/cluster-plan/lint gives them (docs/lint.md). A TF_CONFIG given as ' +
        'text is pointed into as its parsed JSON.',
      body: RunConfigRequestSchema,
      response: {
        200: ref(NodeLintReportSchema, { description: 'The report, whether or not TensorFlow raises on the node' }),
        ...errorResponses([400, 413, 415, 503])
      }
    }
  }, async function lintRunConfig (request) {
    const report = lintNode(request.body)
    request.log.info({ ok: report.ok, warnings: report.warnings.length }, 'linted node')
    return report
  })
}

export default lint
