import { Type, type Static } from 'typebox'
import { FailedNodeSchema } from './cluster-plan.js'
import { PythonExceptionSchema } from './common.js'

// The refusals' bodies (SPEC A.1): every route's error responses, and the error handler's answers

/** Fastify's own error shape (SPEC A.1). */
export const ErrorSchema = Type.Object({
  statusCode: Type.Integer(),
  code: Type.Optional(Type.String()),
  error: Type.String(),
  message: Type.String()
}, {
  $id: 'Error',
  description: 'The request was refused: 400 schema violation (the message names the field), 404, 405, 413 too large, ' +
    '415 not JSON, 503 shutting down, overloaded or the database unavailable (with Retry-After)',
  examples: [{ statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message: 'body/config/tf_random_seed must be integer or null' }]
})
export type ErrorBody = Static<typeof ErrorSchema>

const PYTHON_ERROR_PROPERTIES = {
  statusCode: Type.Literal(422),
  error: Type.Literal('Unprocessable Entity'),
  exception: PythonExceptionSchema,
  message: Type.String({ description: 'str(exception): TensorFlow\'s exact text' })
}

/** TensorFlow itself would raise (SPEC A.1): the exception class and its exact text. */
export const PythonErrorSchema = Type.Object(PYTHON_ERROR_PROPERTIES, {
  $id: 'PythonError',
  additionalProperties: false,
  description: 'TensorFlow itself would raise this',
  examples: [{
    statusCode: 422,
    error: 'Unprocessable Entity',
    exception: 'ValueError',
    message: 'If "cluster" is set in TF_CONFIG, it must have one "chief" node.'
  }]
})

export const ClusterPlanErrorSchema = Type.Object({
  ...PYTHON_ERROR_PROPERTIES,
  failed_nodes: Type.Array(FailedNodeSchema, {
    description: 'Every node TensorFlow fails on; empty when the cluster itself is invalid and names no task'
  })
}, {
  $id: 'ClusterPlanError',
  additionalProperties: false,
  description: 'TensorFlow would fail on some nodes: the first failure, and every failing node',
  examples: [{
    statusCode: 422,
    error: 'Unprocessable Entity',
    exception: 'ValueError',
    message: 'max() arg is an empty sequence',
    failed_nodes: [{ task_type: 'chief', task_id: 0, exception: 'ValueError', message: 'max() arg is an empty sequence' }]
  }]
})
