import t from 'tap'
import type { PlanRequest } from '../../../src/index.js'
import { lintCluster } from '../../../src/lint/index.js'

const SEED = { chief: ['host0:2222'], ps: ['host1:2222', 'host2:2222'], worker: ['host3:2222', 'host4:2222', 'host5:2222'] }
const workers = (n: number): string[] => Array.from({ length: n }, (_, i) => `w${i}:2222`)

interface Case {
  name: string
  request: PlanRequest
  /** Every warning's [code, pointer], in order. */
  warnings: Array<[string, string]>
  /** Every failing node as `type index`. */
  failed?: string[]
}

// Each code has clusters that trigger it and near misses that do not
const CASES: Case[] = [
  { name: 'the seed cluster is clean', request: { cluster: SEED }, warnings: [] },
  { name: 'an empty cluster has nothing to lint', request: { cluster: {} }, warnings: [] },

  { name: 'DUPLICATE_ADDRESS: the second of two equal addresses, host case ignored', request: { cluster: { chief: ['c:1'], worker: ['h:1', 'H:1', 'h:1'] } }, warnings: [['DUPLICATE_ADDRESS', '/cluster/worker/1'], ['DUPLICATE_ADDRESS', '/cluster/worker/2']] },
  { name: 'DUPLICATE_ADDRESS: across jobs', request: { cluster: { chief: ['h:1'], worker: ['h:1'] } }, warnings: [['DUPLICATE_ADDRESS', '/cluster/worker/0']] },
  { name: 'DUPLICATE_ADDRESS: not for other ports', request: { cluster: { chief: ['h:1'], worker: ['h:2'] } }, warnings: [] },

  { name: 'LOOPBACK_ADDRESS: in a cluster of several tasks', request: { cluster: { chief: ['localhost:1'], worker: ['127.0.0.1:2', '[::1]:3', 'w.localhost:4'] } }, warnings: [['LOOPBACK_ADDRESS', '/cluster/chief/0'], ['LOOPBACK_ADDRESS', '/cluster/worker/0'], ['LOOPBACK_ADDRESS', '/cluster/worker/1'], ['LOOPBACK_ADDRESS', '/cluster/worker/2']] },
  { name: 'LOOPBACK_ADDRESS: not in a one-task cluster', request: { cluster: { chief: ['localhost:1'] } }, warnings: [['SINGLE_NODE_CLUSTER', '/cluster']] },
  { name: 'LOOPBACK_ADDRESS: not for other hosts', request: { cluster: { chief: ['localhostx:1'], worker: ['128.0.0.1:1', '[::2]:1'] } }, warnings: [] },

  { name: 'INVALID_HOST_PORT: no port, port 0, bare IPv6', request: { cluster: { chief: ['c'], worker: ['w:0', '::1:2222', '[::1]'] } }, warnings: [['INVALID_HOST_PORT', '/cluster/chief/0'], ['INVALID_HOST_PORT', '/cluster/worker/0'], ['INVALID_HOST_PORT', '/cluster/worker/1'], ['INVALID_HOST_PORT', '/cluster/worker/2'], ['LOOPBACK_ADDRESS', '/cluster/worker/2']] },
  { name: 'INVALID_HOST_PORT: not for host:port and [v6]:port', request: { cluster: { chief: ['c:65535'], worker: ['[fe80::1]:1'] } }, warnings: [] },
  { name: 'non-string addresses are left to TensorFlow', request: { cluster: { chief: ['c:1'], worker: [5, null] } as never }, warnings: [], failed: ['chief 0', 'worker 0', 'worker 1'] },

  { name: 'EVALUATOR_IN_CLUSTER', request: { cluster: { chief: ['c:1'], evaluator: ['e:1'], worker: ['w:1'] } }, warnings: [['EVALUATOR_IN_CLUSTER', '/cluster/evaluator']] },
  { name: 'EVALUATOR_IN_CLUSTER: not for the evaluator outside the cluster', request: { cluster: SEED, evaluator: true }, warnings: [] },
  { name: 'EVALUATOR_IN_CLUSTER: whatever the job holds', request: { cluster: { chief: ['c:1'], evaluator: 5 } as never }, warnings: [['EVALUATOR_IN_CLUSTER', '/cluster/evaluator']], failed: ['chief 0'] },

  { name: 'EVALUATOR_INDEX: a dense job', request: { cluster: { chief: ['c:1'], evaluator: ['e0:1', 'e1:1'] } }, warnings: [['EVALUATOR_IN_CLUSTER', '/cluster/evaluator'], ['EVALUATOR_INDEX', '/cluster/evaluator/1']] },
  { name: 'EVALUATOR_INDEX: a sparse job, by int() of the key', request: { cluster: { chief: ['c:1'], evaluator: { ' 0 ': 'e0:1', '0_3': 'e3:1' } } }, warnings: [['EVALUATOR_IN_CLUSTER', '/cluster/evaluator'], ['EVALUATOR_INDEX', '/cluster/evaluator/0_3'], ['SPARSE_JOB_HOLES', '/cluster/evaluator']] },
  { name: 'EVALUATOR_INDEX: not for index 0 or keys TensorFlow rejects', request: { cluster: { chief: ['c:1'], evaluator: { 0: 'e0:1', x: 'e8:1' } } }, warnings: [['EVALUATOR_IN_CLUSTER', '/cluster/evaluator']], failed: ['chief 0', 'evaluator 0'] },

  { name: 'UNSUPPORTED_TASK_TYPE', request: { cluster: { chief: ['c:1'], aux: ['a:1'] } }, warnings: [['UNSUPPORTED_TASK_TYPE', '/cluster/aux']] },
  { name: 'UNSUPPORTED_TASK_TYPE: not for the supported types (master mode)', request: { cluster: { master: ['m:1'], worker: ['w:1'], ps: ['p:1'] } }, warnings: [] },
  { name: 'job names are escaped in pointers', request: { cluster: { chief: ['c:1'], 'a/b~c': ['a:1'] } }, warnings: [['UNSUPPORTED_TASK_TYPE', '/cluster/a~1b~0c']] },

  { name: 'LOCAL_TASK_TYPE', request: { cluster: { chief: ['c:1'], local: ['l:1'] } }, warnings: [['LOCAL_TASK_TYPE', '/cluster/local']] },

  { name: 'EMPTY_JOB: a list; the ps nodes fail', request: { cluster: { chief: ['c:1'], worker: [], ps: ['p:1'] } }, warnings: [['EMPTY_JOB', '/cluster/worker']], failed: ['ps 0'] },
  { name: 'EMPTY_JOB: a dict', request: { cluster: { chief: ['c:1'], worker: {} } }, warnings: [['EMPTY_JOB', '/cluster/worker']] },
  { name: 'EMPTY_JOB: not for a job that is no list or dict', request: { cluster: { chief: ['c:1'], worker: 'w:1' } as never }, warnings: [], failed: ['chief 0'] },

  { name: 'SPARSE_JOB_HOLES', request: { cluster: { chief: ['c:1'], worker: { 1: 'w:1', 4: 'w:4' } } }, warnings: [['SPARSE_JOB_HOLES', '/cluster/worker']] },
  { name: 'SPARSE_JOB_HOLES: not for keys 0..n-1 (colliding keys are one)', request: { cluster: { chief: ['c:1'], worker: { 0: 'w0:1', '00': 'w00:1', 1: 'w1:1' } } }, warnings: [] },
  { name: 'SPARSE_JOB_HOLES: negative keys add no slot', request: { cluster: { chief: ['c:1'], worker: { 0: 'w0:1', '-1': 'w9:1' } } }, warnings: [], failed: ['worker -1'] },
  { name: 'sparse keys are escaped in pointers', request: { cluster: { chief: ['c:1'], worker: { 'a/b': 'w' } } }, warnings: [['INVALID_HOST_PORT', '/cluster/worker/a~1b']], failed: ['chief 0'] },

  { name: 'SINGLE_NODE_CLUSTER: one chief', request: { cluster: { chief: ['c:1'] } }, warnings: [['SINGLE_NODE_CLUSTER', '/cluster']] },
  { name: 'SINGLE_NODE_CLUSTER: one sparse chief, an empty session_master', request: { cluster: { chief: { 0: 'c:1' } }, tf_config: { session_master: '' } }, warnings: [['SINGLE_NODE_CLUSTER', '/cluster']] },
  { name: 'SINGLE_NODE_CLUSTER: not with a session_master (its server starts)', request: { cluster: { chief: ['c:1'] }, tf_config: { session_master: 'grpc://c:1' } }, warnings: [] },
  { name: 'SINGLE_NODE_CLUSTER: not when a hole makes two slots', request: { cluster: { chief: { 1: 'c:1' } } }, warnings: [['SPARSE_JOB_HOLES', '/cluster/chief']], failed: ['chief 1'] },

  { name: 'EMPTY_SESSION_MASTER: every server-starting node', request: { cluster: SEED, tf_config: { session_master: '' } }, warnings: [['EMPTY_SESSION_MASTER', '/tf_config/session_master']] },
  { name: 'EMPTY_SESSION_MASTER: null; the ps nodes still start servers in Google\'s environment', request: { cluster: SEED, tf_config: { session_master: null, environment: 'google' } }, warnings: [['EMPTY_SESSION_MASTER', '/tf_config/session_master']] },
  { name: 'EMPTY_SESSION_MASTER: not in Google\'s environment without ps', request: { cluster: { chief: ['c:1'], worker: ['w:1'], aux: ['a:1'] }, tf_config: { session_master: false, environment: 'google' } }, warnings: [['UNSUPPORTED_TASK_TYPE', '/cluster/aux']] },
  { name: 'EMPTY_SESSION_MASTER: not for a lone ps (which fails anyway)', request: { cluster: { ps: ['p:1'] }, tf_config: { session_master: '' } }, warnings: [['SINGLE_NODE_CLUSTER', '/cluster'], ['EMPTY_SESSION_MASTER', '/tf_config/session_master']], failed: ['ps 0'] },
  { name: 'EMPTY_SESSION_MASTER: not for a truthy session_master', request: { cluster: SEED, tf_config: { session_master: 'grpc://host0:2222' } }, warnings: [] },

  { name: 'LONG_WORKER_DELAY: worker 12 of max 100', request: { cluster: { chief: ['c:1'], worker: workers(13) }, config: { experimental_max_worker_delay_secs: 100 } }, warnings: [['LONG_WORKER_DELAY', '/config/experimental_max_worker_delay_secs']] },
  { name: 'LONG_WORKER_DELAY: not up to 60 s', request: { cluster: { chief: ['c:1'], worker: workers(12) }, config: { experimental_max_worker_delay_secs: 100 } }, warnings: [] },
  { name: 'LONG_WORKER_DELAY: not with the default max', request: { cluster: { chief: ['c:1'], worker: workers(20) } }, warnings: [] },
  { name: 'LONG_WORKER_DELAY: not on workers that fail before it', request: { cluster: { chief: ['c:1'], worker: workers(13) }, tf_config: { session_master: '' }, config: { experimental_max_worker_delay_secs: 100 } }, warnings: [['EMPTY_SESSION_MASTER', '/tf_config/session_master']] },
  { name: 'LONG_WORKER_DELAY: not when some node fails', request: { cluster: { chief: ['c:1'], worker: workers(13), x: [], ps: ['p:1'] }, config: { experimental_max_worker_delay_secs: 100 } }, warnings: [['UNSUPPORTED_TASK_TYPE', '/cluster/x'], ['EMPTY_JOB', '/cluster/x']], failed: ['ps 0'] }
]

for (const { name, request, warnings, failed = [] } of CASES) {
  t.test(name, async (t) => {
    const report = lintCluster(request)
    t.strictSame({
      ok: report.ok,
      failed: report.failed_nodes.map((node) => `${node.task_type} ${node.task_id}`),
      warnings: report.warnings.map((warning) => [warning.code, warning.pointer])
    }, { ok: failed.length === 0, failed, warnings })
  })
}

t.test('failed nodes are the plan\'s, whole', async (t) => {
  t.strictSame(lintCluster({ cluster: { chief: ['c:1'], worker: [], ps: ['p:1'] }, include: ['tf_config'] }), {
    ok: false,
    error: { exception: 'ValueError', message: 'max() arg is an empty sequence' },
    failed_nodes: [{ task_type: 'ps', task_id: 0, exception: 'ValueError', message: 'max() arg is an empty sequence' }],
    warnings: [{
      code: 'EMPTY_JOB',
      message: 'The \'worker\' job has no tasks: ClusterSpec.job_tasks() raises ValueError "max() arg is an empty ' +
        'sequence" for it, so every node whose global id counts the job fails: those of the jobs after it ' +
        '(chief or master first, other jobs sorted, ps last)',
      pointer: '/cluster/worker',
      hint: 'Remove the job or list its tasks'
    }]
  })
})

t.test('a cluster TensorFlow cannot read that names no task fails, with no node to list', async (t) => {
  t.strictSame(lintCluster({ cluster: { worker: 5 } as never }), {
    ok: false,
    error: { exception: 'TypeError', message: "The tasks for job 'worker' must be a list or a dictionary from integers to strings." },
    failed_nodes: [],
    warnings: []
  })
  t.strictSame(lintCluster({ cluster: { worker: 5 } as never, evaluator: true }).failed_nodes.map((node) => node.task_type), ['evaluator'])
})

t.test('a core failure that is not TensorFlow\'s propagates', async (t) => {
  // the core takes schema-valid arguments only: a session_config of the wrong shape is a bug upstream
  t.throws(() => lintCluster({ cluster: SEED, config: { session_config: { deviceFilters: 5 } } }), TypeError)
})

t.test('100,000 warnings do not overflow the call stack', async (t) => {
  const report = lintCluster({ cluster: { chief: ['c:1'], evaluator: Array(100_000).fill('e:1') } })
  t.equal(report.warnings.length, 1 + 99_999 + 99_999)
  t.strictSame(report.warnings.at(-1)?.pointer, '/cluster/evaluator/99999')
})
