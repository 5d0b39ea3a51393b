// A leaf data table: the lint emits these codes, the contract documents them

/** The stable codes of lint warnings, in the order docs/lint.md explains them. */
export const WARNING_CODES = [
  'DUPLICATE_ADDRESS',
  'LOOPBACK_ADDRESS',
  'INVALID_HOST_PORT',
  'UNSAFE_ADDRESS_CHARACTERS',
  'INVALID_HOST_NAME',
  'EVALUATOR_IN_CLUSTER',
  'EVALUATOR_INDEX',
  'UNSUPPORTED_TASK_TYPE',
  'LOCAL_TASK_TYPE',
  'EMPTY_JOB',
  'SPARSE_JOB_HOLES',
  'SINGLE_NODE_CLUSTER',
  'EMPTY_SESSION_MASTER',
  'TF_CONFIG_TOO_LARGE',
  'LONG_WORKER_DELAY',
  'WORKER_START_BURST',
  'UNKNOWN_STRATEGY',
  'UNKNOWN_TF_CONFIG_KEY',
  'UNKNOWN_TASK_KEY'
] as const

export type WarningCode = typeof WARNING_CODES[number]
