import { ARGUMENT_DEFAULTS } from '../tensorflow/argument-defaults.js'

// The examples openapi.yaml shows: the seed cluster of TensorFlow's RunConfig docstring, seen
// from worker 1. Written out, not computed: the contract does not run the core. test/src/schemas.test.ts
// checks that they are what the service really answers.

export const SEED_CLUSTER = {
  chief: ['host0:2222'],
  ps: ['host1:2222', 'host2:2222'],
  worker: ['host3:2222', 'host4:2222', 'host5:2222']
}

export const SEED_TF_CONFIG = { cluster: SEED_CLUSTER, task: { type: 'worker', index: 1 } }

// The per-task default session_config of a distributed node, in canonical proto3 JSON, after its deviceFilters
const DISTRIBUTED_SESSION_OPTIONS = { allowSoftPlacement: true, graphOptions: { rewriteOptions: { metaOptimizerIterations: 'ONE' } } }

const WORKER_1_SESSION_CONFIG = { deviceFilters: ['/job:ps', '/job:worker/task:1'], ...DISTRIBUTED_SESSION_OPTIONS }

export const SEED_RUN_CONFIG = {
  // the defaults in constructor order, with the two that differ on this node in their places
  ...ARGUMENT_DEFAULTS,
  save_checkpoints_secs: 600,
  session_config: WORKER_1_SESSION_CONFIG,
  cluster_spec: SEED_CLUSTER,
  task_type: 'worker',
  task_id: 1,
  master: 'grpc://host4:2222',
  evaluation_master: '',
  is_chief: false,
  num_ps_replicas: 2,
  num_worker_replicas: 4,
  global_id_in_cluster: 2,
  service: null
}

export const SEED_RESOLUTION = {
  run_config: SEED_RUN_CONFIG,
  distribute_coordinator_mode: null,
  start_delay_secs: 10,
  train_and_evaluate: { path: 'run_worker' },
  estimator: {
    session_config: WORKER_1_SESSION_CONFIG,
    device_fn: { ps_tasks: 2, ps_device: '/job:ps', worker_device: '/job:worker/task:1', merge_devices: true }
  }
}

// task_type, task_id, address, device filters, start delay: one row per node of the seed plan
const SEED_PLAN_ROWS: Array<[string, number, string, string[], number]> = [
  ['chief', 0, 'host0:2222', ['/job:ps', '/job:chief'], 0],
  ['worker', 0, 'host3:2222', ['/job:ps', '/job:worker/task:0'], 5],
  ['worker', 1, 'host4:2222', ['/job:ps', '/job:worker/task:1'], 10],
  ['worker', 2, 'host5:2222', ['/job:ps', '/job:worker/task:2'], 15],
  ['ps', 0, 'host1:2222', ['/job:ps', '/job:worker', '/job:chief', '/job:master'], 0],
  ['ps', 1, 'host2:2222', ['/job:ps', '/job:worker', '/job:chief', '/job:master'], 0]
]

export const SEED_PLAN = {
  cluster_spec: SEED_CLUSTER,
  nodes: SEED_PLAN_ROWS.map(([type, id, address, deviceFilters, delay], globalId) => ({
    task_type: type,
    task_id: id,
    address,
    global_id_in_cluster: globalId,
    is_chief: type === 'chief',
    master: `grpc://${address}`,
    evaluation_master: '',
    num_ps_replicas: 2,
    num_worker_replicas: 4,
    session_config: { deviceFilters, ...DISTRIBUTED_SESSION_OPTIONS },
    start_delay_secs: delay
  }))
}
