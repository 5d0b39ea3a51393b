import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import {
  resolveReplacement, resolveRunConfig as resolveNode, type ReplaceRequest as CoreReplaceRequest, type Resolution as CoreResolution
} from '../src/index.js'
import {
  FORMAT_MEDIA_TYPES, NODE_FORMATS, NodeDotenvSchema, NodeFormatQuerySchema, NodeShellSchema, ref, ReplaceRequestSchema,
  ResolutionSchema, RunConfigGetQuerySchema, RunConfigRequestSchema, type NodeFormatQuery, type Resolution
} from '../src/schemas.js'
import { ErrorSchema, PythonErrorSchema } from '../plugins/errors.js'
import { chooseFormat, renderNode, sendText, varyOnAccept } from './lib/formats.js'

const ERRORS = {
  400: ref(ErrorSchema, { description: 'The request does not match the schema; the message names the field' }),
  406: ref(ErrorSchema, { description: 'A value of the node cannot be held by the environment format asked for (NUL, a lone surrogate)' }),
  422: ref(PythonErrorSchema, { description: 'TensorFlow itself would raise: its exception class and exact message' }),
  503: ref(ErrorSchema, { description: 'The server is shutting down' })
}
const BODY_ERRORS = {
  ...ERRORS,
  413: ref(ErrorSchema, { description: 'The body is larger than the limit' }),
  415: ref(ErrorSchema, { description: 'The body is not application/json' })
}
const RESOLUTION = {
  description: 'The RunConfig TensorFlow builds on the node, and what happens next there; or the node\'s environment ' +
    '(?format=shell or dotenv, or Accept)',
  content: {
    [FORMAT_MEDIA_TYPES.json]: { schema: ref(ResolutionSchema) },
    [FORMAT_MEDIA_TYPES.shell]: { schema: NodeShellSchema },
    [FORMAT_MEDIA_TYPES.dotenv]: { schema: NodeDotenvSchema }
  }
}
const FORMATS = ' Output formats: ?format=json (default), shell or dotenv, or the same by Accept (?format wins); errors stay JSON.'

const runConfig: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/run-config', {
    schema: {
      operationId: 'resolveRunConfig',
      tags: ['run-config'],
      summary: 'Resolve the RunConfig TensorFlow builds on one node',
      description: 'Give the node\'s TF_CONFIG (an object, or its raw text) and the RunConfig(...) arguments; get back ' +
        'all 27 RunConfig properties, the distribute coordinator mode, what train_and_evaluate does there (executor ' +
        'path, start delay, error) and what Estimator derives. Errors TensorFlow would raise are 422 with its exact message.' +
        FORMATS,
      querystring: NodeFormatQuerySchema,
      body: RunConfigRequestSchema,
      response: { 200: RESOLUTION, ...BODY_ERRORS }
    }
  }, async function resolveRunConfig (request, reply) {
    return answerNode(reply, request.query, request.headers.accept, resolveNode(request.body), request.body.tf_config)
  })

  app.get('/v1/run-config', {
    schema: {
      operationId: 'resolveRunConfigFromQuery',
      tags: ['run-config'],
      summary: 'Resolve one node from its TF_CONFIG text, with default arguments',
      description: 'The curl form of POST /v1/run-config: the TF_CONFIG text in the query string ' +
        '(`curl -G --data-urlencode tf_config@tf_config.json ...`), RunConfig() with no arguments.' + FORMATS,
      querystring: RunConfigGetQuerySchema,
      response: { 200: RESOLUTION, ...ERRORS }
    }
  }, async function resolveRunConfigFromQuery (request, reply) {
    const { tf_config: tfConfig } = request.query
    return answerNode(reply, request.query, request.headers.accept, resolveNode({ tf_config: tfConfig }), tfConfig)
  })

  app.post('/v1/run-config/replace', {
    schema: {
      operationId: 'replaceRunConfig',
      tags: ['run-config'],
      summary: 'Apply RunConfig.replace() calls',
      description: 'Either resolve a node (tf_config, config) and then replace, or replace on a run_config an ' +
        'earlier response returned (with that response\'s distribute_coordinator_mode, and the node\'s tf_config ' +
        'for what train_and_evaluate reads again). replace is one call\'s keyword arguments, or an array of calls ' +
        'applied in turn. Keys outside the 17 replaceable properties get TensorFlow\'s ValueError (422).' + FORMATS,
      querystring: NodeFormatQuerySchema,
      body: ReplaceRequestSchema,
      response: { 200: RESOLUTION, ...BODY_ERRORS }
    }
  }, async function replaceRunConfig (request, reply) {
    return answerNode(reply, request.query, request.headers.accept, resolveReplacement(request.body as CoreReplaceRequest), request.body.tf_config)
  })
}

export default runConfig

/** The resolution as JSON, or the node's environment in the format asked for (its TF_CONFIG as the request gave it). */
function answerNode (reply: FastifyReply, query: NodeFormatQuery, accept: string | undefined, resolution: CoreResolution, tfConfig: unknown) {
  varyOnAccept(reply, query.format)
  const format = chooseFormat(query.format, accept, NODE_FORMATS)
  if (format === 'json') return resolution as Resolution
  return sendText(reply, format, renderNode(resolution, tfConfig, format))
}
