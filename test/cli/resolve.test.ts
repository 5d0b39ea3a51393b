import t from 'tap'
import { resolveRunConfig } from '../../src/index.js'
import { cli, SEED_CLUSTER, usage } from './helper.js'

const WORKER_1 = JSON.stringify({ cluster: SEED_CLUSTER, task: { type: 'worker', index: 1 } })
const pretty = (value: unknown): string => JSON.stringify(value, null, 2) + '\n'

t.test('resolve reads TF_CONFIG from the environment, as the node would', async (t) => {
  t.strictSame(await cli(['resolve'], { env: { TF_CONFIG: WORKER_1 } }),
    { code: 0, stdout: pretty(resolveRunConfig({ tf_config: WORKER_1 })), stderr: '' })
})

t.test('an unset TF_CONFIG is local mode', async (t) => {
  t.strictSame(await cli(['resolve']), { code: 0, stdout: pretty(resolveRunConfig({})), stderr: '' })
})

t.test('--tf-config wins over the environment; --config passes RunConfig arguments', async (t) => {
  const config = { model_dir: '/m', experimental_max_worker_delay_secs: 7 }
  t.strictSame(await cli(['resolve', '--tf-config', WORKER_1, '--config', JSON.stringify(config)], { env: { TF_CONFIG: '{}' } }),
    { code: 0, stdout: pretty(resolveRunConfig({ tf_config: WORKER_1, config })), stderr: '' })
})

t.test('--format ndjson: the answer on one line', async (t) => {
  t.strictSame(await cli(['resolve', '-f', 'ndjson'], { env: { TF_CONFIG: WORKER_1 } }),
    { code: 0, stdout: JSON.stringify(resolveRunConfig({ tf_config: WORKER_1 })) + '\n', stderr: '' })
})

t.test('--format env and shell: TF_CONFIG and the RUNCONFIG_ variables', async (t) => {
  const values = [
    ['TASK_TYPE', 'worker'], ['TASK_ID', '1'], ['MASTER', 'grpc://host4:2222'], ['EVALUATION_MASTER', ''],
    ['IS_CHIEF', 'false'], ['NUM_PS_REPLICAS', '2'], ['NUM_WORKER_REPLICAS', '4'], ['GLOBAL_ID_IN_CLUSTER', '2'],
    ['MODEL_DIR', null], ['START_DELAY_SECS', '10'], ['TRAIN_AND_EVALUATE_PATH', 'run_worker']
  ]
  const env = { TF_CONFIG: WORKER_1 }
  t.strictSame(await cli(['resolve', '--format', 'env'], { env }), {
    code: 0,
    // model_dir is None: no line in dotenv, unset in shell
    stdout: `TF_CONFIG='${WORKER_1}'\n` + values.map(([name, value]) => value === null ? '' : `RUNCONFIG_${name}='${value}'\n`).join(''),
    stderr: ''
  })
  t.strictSame(await cli(['resolve', '--format', 'shell'], { env }), {
    code: 0,
    stdout: `export TF_CONFIG='${WORKER_1}'\n` +
      values.map(([name, value]) => value === null ? `unset RUNCONFIG_${name}\n` : `export RUNCONFIG_${name}='${value}'\n`).join(''),
    stderr: ''
  })
})

t.test('--format shell without TF_CONFIG: TF_CONFIG unset, then the RUNCONFIG_ variables', async (t) => {
  const { code, stdout } = await cli(['resolve', '--format', 'shell'])
  t.equal(code, 0)
  t.strictSame(stdout.split('\n').slice(0, 3), ['unset TF_CONFIG', "export RUNCONFIG_TASK_TYPE='worker'", "export RUNCONFIG_TASK_ID='0'"])
})

t.test('--format env and shell with a value no environment can hold: usage error, pointing at json', async (t) => {
  // the text escapes them; the task type and the model_dir read from it hold them as they are
  const nul = JSON.stringify({ cluster: { chief: ['c:1'], 'a\u0000b': ['h:1'] }, task: { type: 'a\u0000b', index: 0 } })
  t.strictSame(await cli(['resolve', '--tf-config', nul, '--format', 'env']), {
    code: 2, stdout: '', stderr: usage('The value of RUNCONFIG_TASK_TYPE contains NUL, which no environment can hold: use --format json')
  })
  t.strictSame(await cli(['resolve', '--tf-config', '{"model_dir": "\\ud800"}', '--format', 'shell']), {
    code: 2, stdout: '', stderr: usage('The value of RUNCONFIG_MODEL_DIR contains a lone surrogate, which UTF-8 cannot encode: use --format json')
  })
})

t.test('TensorFlow failing to build the RunConfig: exit 1, Exception: message', async (t) => {
  t.strictSame(await cli(['resolve'], { env: { TF_CONFIG: '' } }),
    { code: 1, stdout: '', stderr: 'JSONDecodeError: Expecting value: line 1 column 1 (char 0)\n' })
  t.strictSame(await cli(['resolve', '--config', '{"save_summary_steps": -1}']),
    { code: 1, stdout: '', stderr: 'ValueError: save_summary_steps should be >= 0\n' })
})

t.test('train_and_evaluate failing on the node: the answer, then exit 1', async (t) => {
  const evaluator = JSON.stringify({ cluster: SEED_CLUSTER, task: { type: 'evaluator', index: 1 } })
  t.strictSame(await cli(['resolve', '--tf-config', evaluator]), {
    code: 1,
    stdout: pretty(resolveRunConfig({ tf_config: evaluator })),
    stderr: 'ValueError: For distributed training, there can only be one `evaluator` task (with task id 0).  Given task id 1\n'
  })
})

t.test('--config that is not JSON or not RunConfig arguments: usage error', async (t) => {
  const notJson = await cli(['resolve', '--config', '{model_dir: 1}'])
  t.strictSame(notJson, { code: 2, stdout: '', stderr: usage('--config is not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)') })
  t.strictSame(await cli(['resolve', '--config', '{"model_dir": NaN}']),
    { code: 2, stdout: '', stderr: usage('--config is not valid JSON: NaN, Infinity and -Infinity are not JSON values') })
  t.strictSame(await cli(['resolve', '--config', '{"tf_random_seed": "1"}']),
    { code: 2, stdout: '', stderr: usage('--config: /tf_random_seed must be either integer or null') })
  t.strictSame(await cli(['resolve', '--config', '{"foo": 1}']),
    { code: 2, stdout: '', stderr: usage('--config: the value must not have additional properties: foo') })
  t.strictSame(await cli(['resolve', '--config', '[]']),
    { code: 2, stdout: '', stderr: usage('--config: the value must be object') })
})
