import type { NodeRequest, PlanRequest } from '../../../src/index.js'
import { lintCluster, lintNode, type LintWarning, type WarningCode } from '../../../src/lint/index.js'

// One request per warning code, and the whole warning it gets: the core's tests and the HTTP route's run them.
// A request with `node` is one node's (POST /v1/run-config/lint), the others a cluster's.

/** A request that gets a warning: a cluster's, or one node's. */
export type LintCase = [PlanRequest, LintWarning] | [NodeRequest, LintWarning, 'node']

/** The warnings the case's request gets. */
export function lintCase ([request, , node]: LintCase): LintWarning[] {
  return node === 'node' ? lintNode(request as NodeRequest).warnings : lintCluster(request as PlanRequest).warnings
}

/** The route that lints the case's request. */
export function lintRoute ([, , node]: LintCase): string {
  return node === 'node' ? '/v1/run-config/lint' : '/v1/cluster-plan/lint'
}

const BURST_WORKERS = Array.from({ length: 21 }, (_, i) => `w${i}:1`)
// 2,100 workers with Kubernetes DNS names: every node's TF_CONFIG is over 128 KiB
const BIG_WORKERS = Array.from({ length: 2100 }, (_, i) => `trainer-worker-${i}.trainer-workers.ml-team.svc.cluster.local:2222`)
const ADDRESS_HINT = 'Use a DNS name (letters, digits, hyphens, dots) or an IP address: worker-0.example.com:2222, 10.0.0.5:2222, [fd00::5]:2222'
const KEYS_READ = 'TensorFlow reads cluster, task, session_master, eval_session_master, model_dir, environment, rpc_layer, service in TF_CONFIG'

const RUNTIME_ERROR = 'RuntimeError "Could not start server; be sure to specify master in RunConfig or set the ' +
  'TF_CONFIG environment variable."'

export const WARNINGS: Record<WarningCode, LintCase> = {
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
  UNSAFE_ADDRESS_CHARACTERS: [{ cluster: { chief: ['c:1'], worker: ['$(id):2222'] } }, {
    code: 'UNSAFE_ADDRESS_CHARACTERS',
    message: '"$(id):2222" holds "$", "(", ")": no host name or IP address does, and launch scripts that pass the ' +
      'address through a shell (ssh, eval, a command line) split it at whitespace or run what follows a shell metacharacter',
    pointer: '/cluster/worker/0',
    hint: ADDRESS_HINT
  }],
  INVALID_HOST_NAME: [{ cluster: { chief: ['c:1'], worker: ['my_host:2222'] } }, {
    code: 'INVALID_HOST_NAME',
    message: 'The host of "my_host:2222" is neither an RFC 1123 host name (labels of letters, digits and hyphens, 1 to ' +
      '63 characters each, not starting or ending with a hyphen) nor an IPv4 or bracketed IPv6 address: the other ' +
      'nodes dial grpc://my_host:2222, and resolvers may not find it',
    pointer: '/cluster/worker/0',
    hint: 'Use the name DNS gives the machine (on Kubernetes: pod.service.namespace.svc) or its IP address; ignore ' +
      'this warning if the name does resolve on your network'
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
  TF_CONFIG_TOO_LARGE: [{ cluster: { chief: ['c:1'], worker: BIG_WORKERS }, evaluator: true }, {
    code: 'TF_CONFIG_TOO_LARGE',
    message: 'TF_CONFIG is up to 143,879 bytes as an environment string (TF_CONFIG=, the JSON text and a NUL), and ' +
      'Linux takes at most 131,072 in one (MAX_ARG_STRLEN): 2,102 of 2,102 nodes would fail to start with E2BIG, ' +
      '"Argument list too long"',
    pointer: '/cluster',
    hint: 'Pass TF_CONFIG in a file: runconfig plan FILE --format shell --tf-config-dir DIR (or runconfig join ' +
      '--tf-config-file PATH) gives each node RUNCONFIG_TF_CONFIG_FILE, and examples/tf_config_shim.py loads the file ' +
      'into os.environ["TF_CONFIG"] before TensorFlow reads it (docs/large-tf-config.md). Shorter host names shrink it too'
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
  }],
  WORKER_START_BURST: [{ cluster: { chief: ['c:1'], ps: ['p:1'], worker: BURST_WORKERS } }, {
    code: 'WORKER_START_BURST',
    message: '10 of 21 workers start training at exactly 60 s, all at once: train_and_evaluate sleeps ' +
      'min(experimental_max_worker_delay_secs, 5 * (task_id + 1)) seconds on each worker, so every worker from ' +
      'worker 11 on waits the cap and then connects to the chief and the ps tasks together',
    pointer: '/config/experimental_max_worker_delay_secs',
    hint: 'To spread them 5 s apart, set experimental_max_worker_delay_secs to 105 (5 × 21 workers): the last then ' +
      'waits 105 s. Or start the workers in waves from the launcher (each wave after the one before has connected), ' +
      'or keep the burst if the chief and the ps tasks can take 10 workers at once'
  }],
  UNKNOWN_STRATEGY: [{ cluster: { chief: ['c:1'], worker: ['w:1'] }, config: { train_distribute: { strategy: 'MirroredStrateggy' } } }, {
    code: 'UNKNOWN_STRATEGY',
    message: '"MirroredStrateggy" is no tf.distribute strategy class (did you mean "MirroredStrategy"?): a strategy is ' +
      'known by its class name, which decides whether it trains between graphs, whether it is a TPU strategy and ' +
      'whether Estimator takes it; an unknown name is resolved as an in-graph strategy that is no TPU one',
    pointer: '/config/train_distribute/strategy',
    hint: 'Write "MirroredStrategy"'
  }],
  UNKNOWN_TF_CONFIG_KEY: [{ tf_config: { clusters: { chief: ['c:1'], worker: ['w:1'] }, task: { type: 'worker', index: 0 } } }, {
    code: 'UNKNOWN_TF_CONFIG_KEY',
    message: `${KEYS_READ} and ignores "clusters" (did you mean "cluster"?): without "cluster" it sees no cluster, ` +
      'and this node trains alone, in local mode',
    pointer: '/tf_config/clusters',
    hint: 'Rename it to "cluster"'
  }, 'node'],
  UNKNOWN_TASK_KEY: [{ tf_config: { cluster: { chief: ['c:1'], worker: ['w:1'] }, task: { type: 'worker', index: 0, id: 1 } } }, {
    code: 'UNKNOWN_TASK_KEY',
    message: 'TensorFlow reads only "type" and "index" in TF_CONFIG\'s task and ignores "id" (did you mean "index"?)',
    pointer: '/tf_config/task/id',
    hint: 'Remove it: "index" is there already'
  }, 'node']
}
