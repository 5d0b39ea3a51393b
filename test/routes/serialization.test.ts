import t from 'tap'
import { planCluster, resolveReplacement, resolveRunConfig, stringifyJson, type PlanRequest, type ReplaceRequest } from '../../src/index.js'
import { SEED_CLUSTER } from '../../src/schemas.js'
import { build } from '../helper.js'

// Values TensorFlow takes from TF_CONFIG as they come (any JSON, and Python's NaN, big ints,
// floats): the answer must be exactly the core's, whatever the response schema says.
const chief = (extra: string) => `{"cluster": {"chief": ["c:1"], "worker": ["w:1"], "ps": ["p:1"]}, "task": {"type": "chief", "index": 0}${extra}}`
const evaluator = (extra: string) => `{"cluster": {"chief": ["c:1"]}, "task": {"type": "evaluator", "index": "0"}${extra}}`

const NODE_REQUESTS: object[] = [
  { tf_config: '{"model_dir": NaN}' },
  { tf_config: '{"model_dir": 123456789012345678901234567890, "service": {"x": {"y": [Infinity, -Infinity, 1.0, 1e400]}}}' },
  { tf_config: chief(', "session_master": {"a": [1, 2.5, null, true, "s"]}, "service": null') },
  { tf_config: chief(', "session_master": 1.0, "model_dir": ["/m"]') },
  { tf_config: evaluator(', "eval_session_master": [1, {"k": "v"}], "session_master": 7') },
  { tf_config: '{"cluster": {"chief": ["c:1"], "worker": {"1": "w1:1", "4": "w4:1"}, "ps": {"0": "p0:1", "2": "p2:1"}}, "task": {"type": "ps", "index": 2}}' },
  { tf_config: '{"task": {"type": "worker", "index": 0.5}, "session_master": false, "eval_session_master": {"x": []}}' },
  { tf_config: chief(', "model_dir": "/m"'), config: { train_distribute: { strategy: 'MultiWorkerMirroredStrategy', between_graph: true }, model_dir: '/m' } },
  {
    config: {
      train_distribute: { strategy: 'MirroredStrategy' },
      experimental_distribute: { remote_cluster: { worker: { 3: 'r3:1', 0: 'r0:1' }, chief: ['r:1'] } },
      device_fn: { args: ['op'], varargs: true, varkw: false, kwonly: ['k'], name: 'fn' }
    }
  },
  {
    tf_config: chief(''),
    config: {
      session_config: {
        device_count: { GPU: 1, CPU: 2 },
        inter_op_parallelism_threads: 4,
        gpuOptions: { perProcessGpuMemoryFraction: 0.5, allow_growth: true, visibleDeviceList: '0,1' },
        graphOptions: { rewriteOptions: { metaOptimizerIterations: 2, constantFolding: 'OFF' }, timelineStep: 3 },
        operation_timeout_in_ms: '12345678901234567',
        experimental: { collectiveGroupLeader: '/job:chief' },
        deviceFilters: ['/job:ps'],
        rpcOptions: { useRpcForInprocessMaster: true }
      },
      save_summary_steps: 0.5,
      keep_checkpoint_every_n_hours: 1e-9,
      experimental_max_worker_delay_secs: 1099511627776,
      checkpoint_save_graph_def: null,
      protocol: 'grpc+verbs'
    }
  }
]

t.test('answers are the core\'s, value for value', async (t) => {
  const app = await build(t)
  for (const request of NODE_REQUESTS) {
    const res = await app.inject({ method: 'POST', url: '/v1/run-config', payload: request })
    t.equal(res.statusCode, 200, JSON.stringify(request))
    const core = resolveRunConfig(JSON.parse(JSON.stringify(request)))
    t.strictSame(res.json(), JSON.parse(stringifyJson(core)), JSON.stringify(request))

    // and the run_config form of replace takes the answer back as it is
    const replace = { run_config: res.json().run_config, distribute_coordinator_mode: res.json().distribute_coordinator_mode, replace: {} }
    const again = await app.inject({ method: 'POST', url: '/v1/run-config/replace', payload: replace })
    t.equal(again.statusCode, 200)
    t.strictSame(again.json(), JSON.parse(stringifyJson(resolveReplacement(replace as unknown as ReplaceRequest))))
  }
})

t.test('plans are the core\'s, value for value', async (t) => {
  const app = await build(t)
  const request = {
    cluster: SEED_CLUSTER,
    tf_config: { session_master: ['x', 1.5], service: { a: { b: null } }, model_dir: '/m', environment: 'google' },
    config: { experimental_max_worker_delay_secs: 7 },
    evaluator: true,
    include: ['tf_config', 'run_config']
  }
  const res = await app.inject({ method: 'POST', url: '/v1/cluster-plan', payload: request })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'application/json; charset=utf-8')
  t.strictSame(res.json(), JSON.parse(stringifyJson(planCluster(request as PlanRequest))))
})

t.test('rule 2: ints past 2^53 are exact literals in the answer text, from TF_CONFIG text or a tf_config object', async (t) => {
  const app = await build(t)
  const big = '123456789012345678901234567890'
  for (const payload of [
    `{"tf_config": "{\\"cluster\\": {\\"chief\\": [\\"c:1\\"]}, \\"task\\": {\\"type\\": \\"evaluator\\", \\"index\\": ${big}}}"}`,
    `{"tf_config": {"cluster": {"chief": ["c:1"]}, "task": {"type": "evaluator", "index": ${big}}}}`
  ]) {
    const res = await app.inject({ method: 'POST', url: '/v1/run-config', headers: { 'content-type': 'application/json' }, payload })
    t.equal(res.statusCode, 200, payload)
    t.match(res.body, `"task_id":${big},`)
    t.match(res.body, `Given task id ${big}"`)
  }
})

t.test('NaN and ±Infinity from TF_CONFIG text echo as "NaN", "Infinity", "-Infinity", never null', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: `/v1/run-config?tf_config=${encodeURIComponent('{"model_dir": NaN, "service": {"a": [Infinity, -Infinity]}}')}` })
  t.equal(res.statusCode, 200)
  t.strictSame([res.json().run_config.model_dir, res.json().run_config.service], ['NaN', { a: ['Infinity', '-Infinity'] }])
})
