import t from 'tap'
import { SEED_RESOLUTION, SEED_RUN_CONFIG, SEED_TF_CONFIG } from '../../src/schemas.js'
import { build } from '../helper.js'

const SEED_TEXT = JSON.stringify(SEED_TF_CONFIG)
const CHIEF_TF_CONFIG = { ...SEED_TF_CONFIG, task: { type: 'chief', index: 0 } }

t.test('run-config routes', async (t) => {
  const app = await build(t)
  const post = async (url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, payload })
    return { status: res.statusCode, body: res.json() }
  }
  const get = async (query: string) => {
    const res = await app.inject({ method: 'GET', url: `/v1/run-config${query}` })
    return { status: res.statusCode, body: res.json() }
  }

  t.test('POST /v1/run-config resolves worker 1 of the seed cluster', async (t) => {
    t.same(await post('/v1/run-config', { tf_config: SEED_TF_CONFIG }), { status: 200, body: SEED_RESOLUTION })
    t.same(await post('/v1/run-config', { tf_config: SEED_TEXT }), { status: 200, body: SEED_RESOLUTION }, 'the same from its text')
  })

  t.test('GET /v1/run-config takes the TF_CONFIG text from the query', async (t) => {
    t.same(await get(`?tf_config=${encodeURIComponent(SEED_TEXT)}`), { status: 200, body: SEED_RESOLUTION })
  })

  t.test('GET /v1/run-config without tf_config resolves an unset TF_CONFIG', async (t) => {
    t.same(await get(''), await post('/v1/run-config', {}))
    t.match((await get('')).body, { run_config: { task_type: 'worker', cluster_spec: {} }, train_and_evaluate: { path: 'run_local' } })
  })

  t.test('GET /v1/run-config with an empty tf_config is the empty variable: a JSONDecodeError', async (t) => {
    t.same(await get('?tf_config='), {
      status: 422,
      body: { statusCode: 422, error: 'Unprocessable Entity', exception: 'JSONDecodeError', message: 'Expecting value: line 1 column 1 (char 0)' }
    })
  })

  t.test('GET /v1/run-config refuses unknown parameters', async (t) => {
    t.same(await get('?tfconfig={}'), {
      status: 400,
      body: { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message: 'querystring must NOT have additional properties: tfconfig (did you mean tf_config?)' }
    })
  })

  t.test('replace after resolving a node', async (t) => {
    const { status, body } = await post('/v1/run-config/replace', { tf_config: SEED_TF_CONFIG, replace: { save_checkpoints_steps: 500 } })
    t.equal(status, 200)
    t.same(body, { ...SEED_RESOLUTION, run_config: { ...SEED_RUN_CONFIG, save_checkpoints_steps: 500, save_checkpoints_secs: null } })
  })

  t.test('replace on the run_config of an earlier answer equals replace after resolving', async (t) => {
    const config = { train_distribute: { strategy: 'MultiWorkerMirroredStrategy' }, model_dir: '/tmp/m' }
    const earlier = await post('/v1/run-config', { tf_config: CHIEF_TF_CONFIG, config })
    t.equal(earlier.body.distribute_coordinator_mode, 'independent_worker')
    const replace = { keep_checkpoint_max: 3 }
    const direct = await post('/v1/run-config/replace', { tf_config: CHIEF_TF_CONFIG, config, replace })
    const later = await post('/v1/run-config/replace', {
      run_config: earlier.body.run_config,
      distribute_coordinator_mode: earlier.body.distribute_coordinator_mode,
      tf_config: CHIEF_TF_CONFIG,
      replace
    })
    t.equal(direct.status, 200)
    t.same(later, direct)
  })

  t.test('an array of replace calls applies them in turn', async (t) => {
    const calls = [{ model_dir: '/tmp/a', save_checkpoints_secs: 30 }, { save_checkpoints_steps: 10 }, { model_dir: '/tmp/b' }]
    const all = await post('/v1/run-config/replace', { tf_config: SEED_TF_CONFIG, replace: calls })
    let step = await post('/v1/run-config', { tf_config: SEED_TF_CONFIG })
    for (const call of calls) {
      step = await post('/v1/run-config/replace', { run_config: step.body.run_config, tf_config: SEED_TF_CONFIG, replace: call })
    }
    t.equal(all.status, 200)
    t.same(all, step)
    t.match(all.body.run_config, { model_dir: '/tmp/b', save_checkpoints_steps: 10, save_checkpoints_secs: null })
  })

  t.test('an empty array of replace calls changes nothing', async (t) => {
    t.same(await post('/v1/run-config/replace', { tf_config: SEED_TF_CONFIG, replace: [] }), { status: 200, body: SEED_RESOLUTION })
  })

  t.test('replace reaches TensorFlow with the keys it does not allow, before any value check', async (t) => {
    const { status, body } = await post('/v1/run-config/replace', { replace: [{ model_dir: '/a' }, { protocol: 'http', is_chief: true }] })
    t.equal(status, 422)
    t.match(body, { exception: 'ValueError', message: /^Replacing is_chief is not supported\. Allowed properties are \['model_dir'/ })
  })

  t.test('replace checks the types of the keys it knows', async (t) => {
    t.same(await post('/v1/run-config/replace', { replace: [{}, { tf_random_seed: 'x' }] }), {
      status: 400,
      body: { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message: 'body/replace/1/tf_random_seed must be integer or null' }
    })
  })

  t.test('the run_config form needs all 27 properties', async (t) => {
    const { model_dir: _, ...partial } = SEED_RUN_CONFIG
    const { status, body } = await post('/v1/run-config/replace', { run_config: partial, replace: {} })
    t.equal(status, 400)
    t.match(body.message, "body/run_config must have required property 'model_dir'")
  })
})
