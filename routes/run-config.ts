import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { resolveReplacement, resolveRunConfig as resolveNode } from '../src/index.js'
import {
  JsonFormatQuerySchema, NODE_EXPORT_FORMATS, ref, ReplaceRequestSchema, ResolutionSchema, RunConfigGetQuerySchema,
  RunConfigRequestSchema
} from '../src/schemas.js'
import { NODE_BODY_ERRORS, nodeErrors } from './lib/error-responses.js'
import { jsonOnly } from './lib/formats.js'

const ERRORS = nodeErrors({
  400: 'The request does not match the schema; the message names the field (and where a ?format= other than json is)',
  406: 'Accept prefers a rendering (shell, dotenv, kubernetes): the message names the …/exports operation that gives it'
})
const BODY_ERRORS = { ...ERRORS, ...NODE_BODY_ERRORS }
const RESOLUTION = ref(ResolutionSchema, { description: 'The RunConfig TensorFlow builds on the node, and what happens next there' })
const EXPORTS = ' JSON only: the node\'s environment in shell, dotenv or kubernetes form is the same path + /exports.'

const runConfig: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/run-config', {
    schema: {
      operationId: 'resolveRunConfig',
      tags: ['run-config'],
      summary: 'Resolve the RunConfig TensorFlow builds on one node',
      description: 'Give the node\'s TF_CONFIG (an object, or its raw text) and the RunConfig(...) arguments; get back ' +
        'all 27 RunConfig properties, the distribute coordinator mode, what train_and_evaluate does there (executor ' +
        'path, start delay, error) and what Estimator derives. Errors TensorFlow would raise are 422 with its exact message.' +
        EXPORTS,
      querystring: JsonFormatQuerySchema,
      body: RunConfigRequestSchema,
      response: { 200: RESOLUTION, ...BODY_ERRORS }
    },
    preValidation: jsonOnly('POST', '/v1/run-config', NODE_EXPORT_FORMATS)
  }, async function resolveRunConfig (request) {
    return resolveNode(request.body)
  })

  app.get('/v1/run-config', {
    schema: {
      operationId: 'resolveRunConfigFromQuery',
      tags: ['run-config'],
      summary: 'Resolve one node from its TF_CONFIG text, with default arguments',
      description: 'The curl form of POST /v1/run-config: the TF_CONFIG text in the query string ' +
        '(`curl -G --data-urlencode tf_config@tf_config.json ...`), RunConfig() with no arguments. A TF_CONFIG over some ' +
        '15 kB does not fit the 16 kB of request headers (431): POST it.' + EXPORTS,
      querystring: RunConfigGetQuerySchema,
      response: { 200: RESOLUTION, ...ERRORS }
    },
    preValidation: jsonOnly('GET', '/v1/run-config', NODE_EXPORT_FORMATS)
  }, async function resolveRunConfigFromQuery (request) {
    return resolveNode({ tf_config: request.query.tf_config })
  })

  app.post('/v1/run-config/replace', {
    schema: {
      operationId: 'replaceRunConfig',
      tags: ['run-config'],
      summary: 'Apply RunConfig.replace() calls',
      description: 'Either resolve a node (tf_config, config) and then replace, or replace on a run_config an ' +
        'earlier response returned (with that response\'s distribute_coordinator_mode, and the node\'s tf_config ' +
        'for what train_and_evaluate reads again). replace is one call\'s keyword arguments, or an array of calls ' +
        'applied in turn. Keys outside the 17 replaceable properties get TensorFlow\'s ValueError (422).' + EXPORTS,
      querystring: JsonFormatQuerySchema,
      body: ReplaceRequestSchema,
      response: { 200: RESOLUTION, ...BODY_ERRORS }
    },
    preValidation: jsonOnly('POST', '/v1/run-config/replace', NODE_EXPORT_FORMATS)
  }, async function replaceRunConfig (request) {
    return resolveReplacement(request.body)
  })
}

export default runConfig
