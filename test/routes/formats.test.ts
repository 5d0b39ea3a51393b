/* eslint-disable no-template-curly-in-string -- shell and dotenv text: ${VAR} there is theirs, not a template */
import t from 'tap'
import { chooseFormat, varyOnAccept } from '../../routes/lib/formats.js'
import { resolveRunConfig } from '../../src/index.js'
import {
  KubernetesNodeEnvSchema, NODE_EXPORT_FORMATS, NodeDotenvSchema, NodeShellSchema, PLAN_EXPORT_FORMATS, SEED_CLUSTER, SEED_RESOLUTION,
  SEED_TF_CONFIG
} from '../../src/schemas.js'
import { AWKWARD } from '../src/formats/awkward.js'
import { build } from '../helper.js'

import { bash, DOTENV, EVAL_TF_CONFIG, examplesOf, JSON_TYPE, KUBERNETES, SHELL } from './formats-helper.js'

const SEED_TEXT = JSON.stringify(SEED_TF_CONFIG)

// What the one-node formats give for worker 1 of the seed cluster
const SEED_VARIABLES = [
  ['TF_CONFIG', SEED_TEXT], ['RUNCONFIG_TASK_TYPE', 'worker'], ['RUNCONFIG_TASK_ID', '1'],
  ['RUNCONFIG_MASTER', 'grpc://host4:2222'], ['RUNCONFIG_EVALUATION_MASTER', ''], ['RUNCONFIG_IS_CHIEF', 'false'],
  ['RUNCONFIG_NUM_PS_REPLICAS', '2'], ['RUNCONFIG_NUM_WORKER_REPLICAS', '4'], ['RUNCONFIG_GLOBAL_ID_IN_CLUSTER', '2'],
  ['RUNCONFIG_MODEL_DIR', null], ['RUNCONFIG_START_DELAY_SECS', '10'], ['RUNCONFIG_TRAIN_AND_EVALUATE_PATH', 'run_worker']
] as const
// model_dir is None: unset in shell, no line in dotenv, no entry in kubernetes
const SEED_SHELL = SEED_VARIABLES.map(([name, value]) => value === null ? `unset ${name}\n` : `export ${name}='${value}'\n`).join('')
const SEED_DOTENV = SEED_VARIABLES.map(([name, value]) => value === null ? '' : `${name}='${value}'\n`).join('')
const SEED_KUBERNETES = JSON.stringify({ env: SEED_VARIABLES.filter(([, value]) => value !== null).map(([name, value]) => ({ name, value })) })

t.test('chooseFormat: ?format wins; else the best type Accept names that the route offers; else JSON', async (t) => {
  const cases: Array<[string | undefined, string | undefined, string]> = [
    [undefined, undefined, 'json'],
    ['dotenv', 'text/x-shellscript', 'dotenv'],
    ['json', 'text/x-shellscript', 'json'],
    [undefined, 'text/x-shellscript', 'shell'],
    [undefined, 'Application/X-Dotenv; charset=utf-8', 'dotenv'],
    [undefined, 'application/json, text/x-shellscript', 'json'],
    [undefined, 'application/json;q=0.5, text/x-shellscript', 'shell'],
    [undefined, 'text/x-shellscript;q=0.2, application/x-dotenv;q=0.9', 'dotenv'],
    [undefined, 'text/x-shellscript;q=0, */*', 'json'],
    [undefined, 'text/x-shellscript;q=abc', 'json'],
    [undefined, '*/*', 'json'],
    [undefined, 'text/*', 'json'],
    [undefined, 'text/plain', 'json'],
    [undefined, 'application/xml', 'json'],
    [undefined, 'application/x-ndjson', 'json'],
    [undefined, '', 'json']
  ]
  for (const [query, accept, expected] of cases) {
    t.equal(chooseFormat(query as never, accept, ['json', 'shell', 'dotenv']), expected, `?format=${query} Accept: ${accept}`)
  }
  t.equal(chooseFormat(undefined, 'application/x-ndjson', PLAN_EXPORT_FORMATS), 'ndjson')
  t.equal(chooseFormat(undefined, 'application/vnd.runconfig.kubernetes-env+json', NODE_EXPORT_FORMATS), 'kubernetes')
})

t.test('varyOnAccept: adds Accept to a Vary already set, and nothing when ?format chose', async (t) => {
  const headers: Record<string, string> = {}
  const reply = {
    getHeader: (name: string) => headers[name],
    header (name: string, value: string) { headers[name] = value; return this }
  }
  varyOnAccept(reply as never, 'shell')
  t.strictSame(headers, {})
  varyOnAccept(reply as never, undefined)
  t.strictSame(headers, { vary: 'Accept' })
  headers.vary = 'Accept-Encoding'
  varyOnAccept(reply as never, undefined)
  t.strictSame(headers, { vary: 'Accept-Encoding, Accept' })
})

t.test('one node: POST /v1/run-config/exports, POST /v1/run-config/replace/exports, GET /v1/run-config/exports', async (t) => {
  const app = await build(t)
  const post = async (url: string, payload: object | string, accept?: string) => {
    const res = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...(accept === undefined ? {} : { accept }) }, payload })
    return { status: res.statusCode, type: res.headers['content-type'], vary: res.headers.vary, body: res.body }
  }
  const get = async (query: string, accept?: string) => {
    const res = await app.inject({ method: 'GET', url: `/v1/run-config/exports?${query}`, headers: accept === undefined ? {} : { accept } })
    return { status: res.statusCode, type: res.headers['content-type'], vary: res.headers.vary, body: res.body }
  }

  t.test('shell, dotenv and kubernetes: TF_CONFIG as given, then the RUNCONFIG_ variables', async (t) => {
    t.strictSame(await post('/v1/run-config/exports?format=shell', { tf_config: SEED_TF_CONFIG }), { status: 200, type: SHELL, vary: undefined, body: SEED_SHELL })
    t.strictSame(await post('/v1/run-config/exports?format=dotenv', { tf_config: SEED_TF_CONFIG }), { status: 200, type: DOTENV, vary: undefined, body: SEED_DOTENV })
    t.strictSame(await post('/v1/run-config/exports?format=kubernetes', { tf_config: SEED_TF_CONFIG }), { status: 200, type: KUBERNETES, vary: undefined, body: SEED_KUBERNETES })
    t.strictSame(await get(`tf_config=${encodeURIComponent(SEED_TEXT)}&format=shell`), { status: 200, type: SHELL, vary: undefined, body: SEED_SHELL })
    t.strictSame(await post('/v1/run-config/replace/exports?format=dotenv', { tf_config: SEED_TEXT, replace: {} }), { status: 200, type: DOTENV, vary: undefined, body: SEED_DOTENV })
    t.strictSame(await post('/v1/run-config/replace/exports?format=kubernetes', { tf_config: SEED_TEXT, replace: {} }), { status: 200, type: KUBERNETES, vary: undefined, body: SEED_KUBERNETES })
  })

  t.test('the documented examples are what it answers', async (t) => {
    t.strictSame([examplesOf(NodeShellSchema), examplesOf(NodeDotenvSchema), examplesOf(KubernetesNodeEnvSchema)],
      [[SEED_SHELL], [SEED_DOTENV], [JSON.parse(SEED_KUBERNETES)]])
  })

  t.test('Accept does not choose: the format is asked for, and the answer does not vary', async (t) => {
    t.strictSame(await post('/v1/run-config/exports?format=dotenv', { tf_config: SEED_TF_CONFIG }, 'text/x-shellscript'), { status: 200, type: DOTENV, vary: undefined, body: SEED_DOTENV })
  })

  t.test('a missing or unknown format is a 400 naming the allowed ones; so is a misspelt parameter', async (t) => {
    const refused = (message: string) => ({ status: 400, type: JSON_TYPE, vary: undefined, body: JSON.stringify({ statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message }) })
    const enumMessage = 'querystring/format must be equal to one of the allowed values: shell, dotenv, kubernetes'
    t.strictSame(await post('/v1/run-config/exports?format=ndjson', {}), refused(enumMessage))
    t.strictSame(await post('/v1/run-config/replace/exports?format=json', { replace: {} }), refused(enumMessage))
    t.strictSame(await get('format=env'), refused(enumMessage))
    t.strictSame(await post('/v1/run-config/exports', {}), refused('querystring must have required property \'format\''))
    t.strictSame(await post('/v1/run-config/exports?format=shell&fromat=shell', {}), refused('querystring must NOT have additional properties: fromat (did you mean format?)'))
  })

  t.test('errors stay JSON in every format', async (t) => {
    const res = await post('/v1/run-config/exports?format=shell', { tf_config: { cluster: { worker: ['w:1'] }, task: { type: 'worker', index: 0 } } })
    t.strictSame(res, {
      status: 422,
      type: JSON_TYPE,
      vary: undefined,
      body: JSON.stringify({ statusCode: 422, error: 'Unprocessable Entity', exception: 'ValueError', message: 'If "cluster" is set in TF_CONFIG, it must have one "chief" node.' })
    })
    t.equal((await post('/v1/run-config/exports?format=kubernetes', { config: { tf_random_seed: 'x' } })).type, JSON_TYPE)
  })

  t.test('an unset TF_CONFIG: unset too, then the RUNCONFIG_ variables', async (t) => {
    for (const res of [await get('format=shell'), await post('/v1/run-config/exports?format=shell', { tf_config: null })]) {
      t.equal(res.status, 200)
      t.strictSame(res.body.split('\n').slice(0, 3), ['unset TF_CONFIG', "export RUNCONFIG_TASK_TYPE='worker'", "export RUNCONFIG_TASK_ID='0'"])
      t.equal(await bash('export TF_CONFIG=stale; eval "$BODY"; printf %s "${TF_CONFIG-unset}"', res.body), 'unset')
    }
    const dotenv = await get('format=dotenv')
    t.strictSame(dotenv.body.split('\n').slice(0, 1), ["RUNCONFIG_TASK_TYPE='worker'"])
    t.strictSame(JSON.parse((await get('format=kubernetes')).body).env[0], { name: 'RUNCONFIG_TASK_TYPE', value: 'worker' })
  })

  t.test('the text form: TF_CONFIG is the text as given, byte for byte', async (t) => {
    const text = ' {\n  "task": {"type": "worker", "index": 1},\n  "cluster": ' + JSON.stringify(SEED_CLUSTER, null, 1) + '\n}\n'
    t.equal(await bash(EVAL_TF_CONFIG, (await post('/v1/run-config/exports?format=shell', { tf_config: text })).body), text)
    t.equal(await bash(EVAL_TF_CONFIG, (await get(`tf_config=${encodeURIComponent(text)}&format=shell`)).body), text)
    t.equal(JSON.parse((await get(`tf_config=${encodeURIComponent(text)}&format=kubernetes`)).body).env[0].value, text)
  })

  t.test('the object form: TF_CONFIG is the object as JSON text, in the key order of the request', async (t) => {
    const payload = '{"tf_config": {"task": {"type": "worker", "index": 2}, "cluster": {"chief": ["c:1"], "worker": {"10": "w10:1", "2": "w2:1"}}}}'
    const expected = '{"task":{"type":"worker","index":2},"cluster":{"chief":["c:1"],"worker":{"10":"w10:1","2":"w2:1"}}}'
    t.equal(await bash(EVAL_TF_CONFIG, (await post('/v1/run-config/exports?format=shell', payload)).body), expected)
  })

  t.test('awkward addresses round-trip through bash eval, in the object and the text forms', async (t) => {
    const dotenvRefused: string[] = []
    for (const [name, value] of AWKWARD) {
      const address = `${value}:2222`
      const tfConfig = { cluster: { chief: ['c:1'], worker: [address] }, task: { type: 'worker', index: 0 } }
      const printMaster = 'eval "$BODY"; printf %s "$RUNCONFIG_MASTER"'
      const fromObject = await post('/v1/run-config/exports?format=shell', { tf_config: tfConfig })
      t.equal(fromObject.status, 200, name)
      t.strictSame(JSON.parse(await bash(EVAL_TF_CONFIG, fromObject.body)), tfConfig, `${name}: object`)
      t.equal(await bash(printMaster, fromObject.body), `grpc://${address}`, `${name}: master`)
      // pretty-printed: raw newlines and unicode in the text itself
      const text = JSON.stringify(tfConfig, null, 2)
      const fromText = await post('/v1/run-config/exports?format=shell', { tf_config: text })
      t.equal(fromText.status, 200, name)
      t.equal(await bash(EVAL_TF_CONFIG, fromText.body), text, `${name}: text`)
      // dotenv: where Node's parser, python-dotenv and sh can all hold RUNCONFIG_MASTER, else a 406 saying so
      const replaced = await post('/v1/run-config/replace/exports?format=dotenv', { tf_config: tfConfig, replace: {} })
      if (replaced.status === 200) {
        t.strictSame(JSON.parse(await bash('set -a; eval "$BODY"; printf %s "$TF_CONFIG"', replaced.body)), tfConfig, `${name}: dotenv`)
      } else {
        t.strictSame([replaced.status, JSON.parse(replaced.body).code], [406, 'NOT_REPRESENTABLE'], `${name}: dotenv`)
        t.match(JSON.parse(replaced.body).message, /^The value of RUNCONFIG_MASTER /)
        dotenvRefused.push(name)
      }
      const kubernetes = await post('/v1/run-config/exports?format=kubernetes', { tf_config: text })
      t.equal(JSON.parse(kubernetes.body).env[0].value, text, `${name}: kubernetes`)
    }
    t.strictSame(dotenvRefused, ['the shell escape itself', 'variables', 'backslashes', 'carriage return and tab', 'everything'])
    const query = await get(`tf_config=${encodeURIComponent(JSON.stringify({ cluster: { chief: ["it's `$(x)`\n✓:1"] }, task: { type: 'chief', index: 0 } }))}&format=shell`)
    t.equal(await bash(EVAL_TF_CONFIG, query.body), JSON.stringify({ cluster: { chief: ["it's `$(x)`\n✓:1"] }, task: { type: 'chief', index: 0 } }))
  })

  t.test('a value no environment can hold is a 406: the node exists, not in that format', async (t) => {
    const nul = { cluster: { chief: ['c:1'], 'a\u0000b': ['h:1'] }, task: { type: 'a\u0000b', index: 0 } }
    const refusal = (message: string) => ({
      status: 406,
      type: JSON_TYPE,
      vary: undefined,
      body: JSON.stringify({ statusCode: 406, code: 'NOT_REPRESENTABLE', error: 'Not Acceptable', message })
    })
    const nulMessage = 'The value of RUNCONFIG_TASK_TYPE contains NUL, which no environment can hold: ask POST /v1/run-config (JSON) for it'
    t.strictSame(await post('/v1/run-config/exports?format=shell', { tf_config: nul }), refusal(nulMessage))
    t.strictSame(await post('/v1/run-config/exports?format=kubernetes', { tf_config: nul }), refusal(nulMessage), 'a pod cannot hold it either')
    t.equal((await post('/v1/run-config', { tf_config: nul })).status, 200, 'JSON holds it')
    const surrogate = await post('/v1/run-config/replace/exports?format=dotenv', '{"tf_config": {"model_dir": "\\ud800"}, "replace": {}}')
    t.strictSame([surrogate.status, JSON.parse(surrogate.body).message],
      [406, 'The value of RUNCONFIG_MODEL_DIR contains a lone surrogate, which UTF-8 cannot encode: ask POST /v1/run-config/replace (JSON) for it'])
  })
})

t.test('the JSON operations answer JSON only, and name where the renderings are', async (t) => {
  const app = await build(t)
  const ask = async (method: 'GET' | 'POST', url: string, accept?: string) => {
    const payload = url.startsWith('/v1/cluster-plan') ? { cluster: SEED_CLUSTER } : url.includes('replace') ? { replace: {} } : {}
    const res = await app.inject({ method, url, headers: accept === undefined ? {} : { accept }, ...(method === 'POST' ? { payload } : {}) })
    return { status: res.statusCode, type: res.headers['content-type'], vary: res.headers.vary, body: res.json() }
  }
  const refused = (status: number, code: string, message: string) => ({
    status, type: JSON_TYPE, vary: undefined, body: { statusCode: status, code, error: status === 400 ? 'Bad Request' : 'Not Acceptable', message }
  })

  t.test('?format= of a rendering is a 400 naming its operation', async (t) => {
    t.strictSame(await ask('POST', '/v1/run-config?format=shell'), refused(400, 'FORMAT_MOVED',
      'querystring/format: POST /v1/run-config answers JSON only; shell is POST /v1/run-config/exports?format=shell, with the same body'))
    t.strictSame(await ask('GET', '/v1/run-config?format=dotenv'), refused(400, 'FORMAT_MOVED',
      'querystring/format: GET /v1/run-config answers JSON only; dotenv is GET /v1/run-config/exports?format=dotenv, with the same query'))
    t.strictSame(await ask('POST', '/v1/run-config/replace?format=kubernetes'), refused(400, 'FORMAT_MOVED',
      'querystring/format: POST /v1/run-config/replace answers JSON only; kubernetes is POST /v1/run-config/replace/exports?format=kubernetes, with the same body'))
    t.strictSame(await ask('POST', '/v1/cluster-plan?format=ndjson'), refused(400, 'FORMAT_MOVED',
      'querystring/format: POST /v1/cluster-plan answers JSON only; ndjson is POST /v1/cluster-plan/exports?format=ndjson, with the same body'))
  })

  t.test('another value is a 400 naming the renderings; json is the default', async (t) => {
    t.strictSame(await ask('POST', '/v1/run-config?format=xml'), refused(400, 'FST_ERR_VALIDATION',
      'querystring/format must be json (or absent) here, not "xml"; the renderings (shell, dotenv, kubernetes) are POST /v1/run-config/exports?format=…, with the same body'))
    t.strictSame(await ask('POST', '/v1/cluster-plan?format=ndjson&format=json'), refused(400, 'FST_ERR_VALIDATION',
      'querystring/format must be json (or absent) here, not ["ndjson","json"]; the renderings (shell, dotenv, kubernetes, ndjson) are POST /v1/cluster-plan/exports?format=…, with the same body'))
    const json = await ask('POST', '/v1/run-config?format=json', 'text/x-shellscript')
    t.strictSame([json.status, json.type, json.vary], [200, JSON_TYPE, undefined], '?format=json wins over Accept')
  })

  t.test('an Accept that prefers a rendering is a 406 naming its operation; others get JSON, varying on Accept', async (t) => {
    const ndjson = refused(406, 'FORMAT_MOVED', 'Accept: application/x-ndjson: POST /v1/cluster-plan answers application/json only; ' +
      'ndjson is POST /v1/cluster-plan/exports?format=ndjson, with the same body')
    t.strictSame(await ask('POST', '/v1/cluster-plan', 'application/x-ndjson'), { ...ndjson, vary: 'Accept' })
    const shell = refused(406, 'FORMAT_MOVED', 'Accept: text/x-shellscript: GET /v1/run-config answers application/json only; ' +
      'shell is GET /v1/run-config/exports?format=shell, with the same query')
    t.strictSame(await ask('GET', '/v1/run-config', 'application/json;q=0.5, text/x-shellscript'), { ...shell, vary: 'Accept' })
    for (const accept of ['application/json, text/x-shellscript', 'text/plain', 'application/xml', '*/*', 'text/*']) {
      const res = await ask('POST', '/v1/run-config', accept)
      t.strictSame([res.status, res.type, res.vary], [200, JSON_TYPE, 'Accept'], accept)
    }
    t.same((await ask('POST', '/v1/run-config')).body, JSON.parse(JSON.stringify(resolveRunConfig({}))))
  })
})

t.test('a resolution the core gives equals the documented one (the one-node examples\' source)', async (t) => {
  t.strictSame(JSON.parse(JSON.stringify(resolveRunConfig({ tf_config: SEED_TF_CONFIG }))), SEED_RESOLUTION)
})
