import type { PlanRequest } from '../../../src/index.js'
import type { LintWarning, WarningCode } from '../../../src/lint/index.js'

// One request per warning code, and the whole warning it gets: the core's tests and the HTTP route's run them

const RUNTIME_ERROR = 'RuntimeError "Could not start server; be sure to specify master in RunConfig or set the ' +
  'TF_CONFIG environment variable."'

export const WARNINGS: Record<WarningCode, [PlanRequest, LintWarning]> = {
  DUPLICATE_ADDRESS: [{ cluster: { chief: ['h:1'], worker: ['H:1'] } }, {
    code: 'DUPLICATE_ADDRESS',
    message: '"H:1" is also the address of /cluster/chief/0: both tasks\' servers would listen on it, and both tasks ' +
      'would be reached at the same master target',
    pointer: '/cluster/worker/0',
    hint: 'Give every task its own host:port'
  }],
  LOOPBACK_ADDRESS: [{ cluster: { chief: ['c:1'], worker: ['[::1]:2222'] } }, {
    code: 'LOOPBACK_ADDRESS',
    message: '"[::1]:2222" is a loopback address in a cluster of 2 tasks: the other nodes use it as grpc://[::1]:2222, ' +
      'which names their own machine',
    pointer: '/cluster/worker/0',
    hint: 'Use a name or address the other machines can reach, unless every task runs on this machine'
  }],
  INVALID_HOST_PORT: [{ cluster: { chief: ['c:1'], worker: ['w:0'] } }, {
    code: 'INVALID_HOST_PORT',
    message: '"w:0" is not host:port with a port from 1 to 65535: the node\'s server listens on its address and the ' +
      'other nodes reach it as grpc://w:0',
    pointer: '/cluster/worker/0',
    hint: 'Write host:port, IPv6 hosts in brackets: [::1]:2222'
  }],
  EVALUATOR_IN_CLUSTER: [{ cluster: { chief: ['c:1'], evaluator: ['e:1'] } }, {
    code: 'EVALUATOR_IN_CLUSTER',
    message: 'The cluster has an \'evaluator\' job: TensorFlow counts it as one more job in the global id of every job ' +
      'sorted after it, while the evaluator node itself sees an empty cluster',
    pointer: '/cluster/evaluator',
    hint: 'Leave the evaluator out of the cluster: its node gets the training cluster and task {"type": "evaluator", ' +
      '"index": 0} (plan it with "evaluator": true)'
  }],
  EVALUATOR_INDEX: [{ cluster: { chief: ['c:1'], evaluator: { 0: 'e0:1', 12: 'e12:1' } } }, {
    code: 'EVALUATOR_INDEX',
    message: 'train_and_evaluate raises ValueError on this evaluator: "For distributed training, there can only be ' +
      'one `evaluator` task (with task id 0).  Given task id 12"',
    pointer: '/cluster/evaluator/12',
    hint: 'Run a single evaluator, task 0'
  }],
  UNSUPPORTED_TASK_TYPE: [{ cluster: { chief: ['c:1'], aux: ['a:1'] } }, {
    code: 'UNSUPPORTED_TASK_TYPE',
    message: 'train_and_evaluate raises ValueError on the nodes of the \'aux\' job: "Task type aux is not supported. ' +
      'Supported task types are [\'chief\', \'evaluator\', \'master\', \'ps\', \'worker\']"',
    pointer: '/cluster/aux',
    hint: 'Rename the job to chief, evaluator, master, ps or worker, or run its nodes without train_and_evaluate'
  }],
  LOCAL_TASK_TYPE: [{ cluster: { chief: ['c:1'], local: ['l:1'] } }, {
    code: 'LOCAL_TASK_TYPE',
    message: 'train_and_evaluate raises ValueError on the nodes of this job: "`task.type` in TF_CONFIG cannot be ' +
      '`local`. Leaving `cluster` and `task` properties in TF_CONFIG absent triggers train and evaluate `Estimator` ' +
      'locally (non-distributed)."',
    pointer: '/cluster/local',
    hint: 'To train on one machine, leave cluster and task out of TF_CONFIG; otherwise rename the job'
  }],
  EMPTY_JOB: [{ cluster: { chief: ['c:1'], worker: [] } }, {
    code: 'EMPTY_JOB',
    message: 'The \'worker\' job has no tasks: ClusterSpec.job_tasks() raises ValueError "max() arg is an empty ' +
      'sequence" for it, so every node whose global id counts the job fails: those of the jobs after it ' +
      '(chief or master first, other jobs sorted, ps last)',
    pointer: '/cluster/worker',
    hint: 'Remove the job or list its tasks'
  }],
  SPARSE_JOB_HOLES: [{ cluster: { chief: ['c:1'], worker: { 1: 'w1:1', 4: 'w4:1' } } }, {
    code: 'SPARSE_JOB_HOLES',
    message: 'The \'worker\' job defines 2 of the indices 0 to 4: the holes still count, so global ids are not ' +
      'consecutive and disagree with num_worker_replicas and num_ps_replicas',
    pointer: '/cluster/worker',
    hint: 'Number the tasks from 0 without gaps (or use a list) if anything relies on consecutive global ids'
  }],
  SINGLE_NODE_CLUSTER: [{ cluster: { chief: ['c:1'] } }, {
    code: 'SINGLE_NODE_CLUSTER',
    message: 'The cluster has a single task: its master is "" and train_and_evaluate starts no server for ' +
      'it, so it trains alone',
    pointer: '/cluster',
    hint: 'Fine for one machine; for distributed training list every task of the cluster'
  }],
  EMPTY_SESSION_MASTER: [{ cluster: { chief: ['c:1'], worker: ['w:1'] }, tf_config: { session_master: '' } }, {
    code: 'EMPTY_SESSION_MASTER',
    message: 'session_master is "", which becomes every node\'s master: train_and_evaluate cannot start ' +
      `the server of 2 node(s) and raises ${RUNTIME_ERROR}`,
    pointer: '/tf_config/session_master',
    hint: 'Remove session_master (each node then uses grpc://<its address>) or set it to a grpc:// target'
  }],
  LONG_WORKER_DELAY: [{
    cluster: { chief: ['c:1'], worker: Array.from({ length: 14 }, (_, i) => `w${i}:1`) },
    config: { experimental_max_worker_delay_secs: 100 }
  }, {
    code: 'LONG_WORKER_DELAY',
    message: 'Worker 13 waits 70 s before training: train_and_evaluate sleeps min(experimental_max_worker_delay_secs, ' +
      '5 * (task_id + 1)) seconds on each worker',
    pointer: '/config/experimental_max_worker_delay_secs',
    hint: 'Set experimental_max_worker_delay_secs to 60 or less, or leave it unset (60)'
  }]
}
