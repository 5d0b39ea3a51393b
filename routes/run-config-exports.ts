import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import {
  planContentType, resolveReplacement, resolveRunConfig as resolveNode, type Resolution
} from '../src/index.js'
import {
  FORMAT_MEDIA_TYPES, KubernetesNodeEnvSchema, NodeDotenvSchema, NodeExportQuerySchema, NodeShellSchema, ref,
  ReplaceRequestSchema, RunConfigExportGetQuerySchema, RunConfigRequestSchema, type NodeExportFormat
} from '../src/schemas.js'
import { NODE_BODY_ERRORS, nodeErrors } from './lib/error-responses.js'
import { renderNode } from './lib/formats.js'

// One node's environment, rendered: the JSON operations' twins, with the same bodies and queries

const ERRORS = nodeErrors({
  400: 'The request does not match the schema; the message names the field',
  406: 'NOT_REPRESENTABLE: a value of the node the format cannot hold (NUL, a lone surrogate, a dotenv value no ' +
    'quoting keeps exact): ask the JSON operation'
})
const BODY_ERRORS = { ...ERRORS, ...NODE_BODY_ERRORS }
const RENDERING = {
  description: 'The node\'s environment in the format asked for',
  content: {
    [FORMAT_MEDIA_TYPES.shell]: { schema: NodeShellSchema },
    [FORMAT_MEDIA_TYPES.dotenv]: { schema: NodeDotenvSchema },
    [FORMAT_MEDIA_TYPES.kubernetes]: { schema: ref(KubernetesNodeEnvSchema) }
  }
}
const RENDERINGS = 'The variables: TF_CONFIG as the request gave it, then RUNCONFIG_TASK_TYPE … _TRAIN_AND_EVALUATE_PATH ' +
  '(see format); a None is left unset. Errors stay JSON. With openapi-fetch: parseAs \'text\' for shell and dotenv.'

const runConfigExports: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/run-config/exports', {
    schema: {
      operationId: 'exportRunConfig',
      tags: ['run-config'],
      summary: 'One node\'s environment: shell, dotenv or Kubernetes env entries',
      description: `What POST /v1/run-config resolves (the same body), as the node's environment. ${RENDERINGS}`,
      querystring: NodeExportQuerySchema,
      body: RunConfigRequestSchema,
      response: { 200: RENDERING, ...BODY_ERRORS }
    }
  }, async function exportRunConfig (request, reply) {
    return sendNode(reply, resolveNode(request.body), request.body.tf_config, request.query.format, 'POST /v1/run-config')
  })

  app.get('/v1/run-config/exports', {
    schema: {
      operationId: 'exportRunConfigFromQuery',
      tags: ['run-config'],
      summary: 'One node\'s environment from its TF_CONFIG text, with default arguments',
      description: 'The curl form: `eval "$(curl -sG …/v1/run-config/exports --data-urlencode "tf_config=$TF_CONFIG" -d ' +
        `format=shell)"\`. What GET /v1/run-config resolves (the same query), as the node's environment. ${RENDERINGS}`,
      querystring: RunConfigExportGetQuerySchema,
      response: { 200: RENDERING, ...ERRORS }
    }
  }, async function exportRunConfigFromQuery (request, reply) {
    const { tf_config: tfConfig, format } = request.query
    return sendNode(reply, resolveNode({ tf_config: tfConfig }), tfConfig, format, 'GET /v1/run-config')
  })

  app.post('/v1/run-config/replace/exports', {
    schema: {
      operationId: 'exportReplacedRunConfig',
      tags: ['run-config'],
      summary: 'One node\'s environment after RunConfig.replace() calls',
      description: `What POST /v1/run-config/replace answers (the same body), as the node's environment. ${RENDERINGS}`,
      querystring: NodeExportQuerySchema,
      body: ReplaceRequestSchema,
      response: { 200: RENDERING, ...BODY_ERRORS }
    }
  }, async function exportReplacedRunConfig (request, reply) {
    const resolution = resolveReplacement(request.body)
    return sendNode(reply, resolution, request.body.tf_config, request.query.format, 'POST /v1/run-config/replace')
  })
}

export default runConfigExports

function sendNode (reply: FastifyReply, resolution: Resolution, tfConfig: unknown, format: NodeExportFormat, jsonOperation: string): FastifyReply {
  return reply.type(planContentType(format)).send(renderNode(resolution, tfConfig, format, jsonOperation))
}
