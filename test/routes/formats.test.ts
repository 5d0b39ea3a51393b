/* eslint-disable no-template-curly-in-string -- shell and dotenv text: ${VAR} there is theirs, not a template */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import t from 'tap'
import { chooseFormat, varyOnAccept } from '../../routes/lib/formats.js'
import { planCluster, resolveRunConfig } from '../../src/index.js'
import {
  KubernetesEnvSchema, NODE_FORMATS, NodeDotenvSchema, NodeShellSchema, PLAN_FORMATS, PlanDotenvSchema, PlanShellSchema,
  SEED_CLUSTER, SEED_RESOLUTION, SEED_TF_CONFIG
} from '../../src/schemas.js'
import { AWKWARD } from '../src/formats/awkward.js'
import { build } from '../helper.js'

const SHELL = 'text/x-shellscript; charset=utf-8'
const DOTENV = 'application/x-dotenv; charset=utf-8'
const KUBERNETES = 'application/vnd.runconfig.kubernetes-env+json; charset=utf-8'
const JSON_TYPE = 'application/json; charset=utf-8'
const SEED_TEXT = JSON.stringify(SEED_TF_CONFIG)

/**
 * Runs `script` in bash with the answer in $BODY, and gives what it prints. PATH is empty: should
 * quoting ever break, a `$(rm -rf /)` in a value would find no `rm` to run. Asynchronous: the app
 * lives in this process, and a blocked event loop would be overload to it.
 */
async function bash (script: string, body: string): Promise<string> {
  const { stdout } = await promisify(execFile)('/bin/bash', ['--norc', '--noprofile', '-c', script], { env: { PATH: '', BODY: body }, encoding: 'utf8' })
  return stdout
}
const EVAL_TF_CONFIG = 'eval "$BODY"; printf %s "$TF_CONFIG"'
const examplesOf = (schema: object): unknown => (schema as { examples?: unknown[] }).examples

// What the one-node formats print after TF_CONFIG for worker 1 of the seed cluster
const SEED_LINES = [
  ['TF_CONFIG', SEED_TEXT], ['RUNCONFIG_TASK_TYPE', 'worker'], ['RUNCONFIG_TASK_ID', '1'],
  ['RUNCONFIG_MASTER', 'grpc://host4:2222'], ['RUNCONFIG_EVALUATION_MASTER', ''], ['RUNCONFIG_IS_CHIEF', 'false'],
  ['RUNCONFIG_NUM_PS_REPLICAS', '2'], ['RUNCONFIG_NUM_WORKER_REPLICAS', '4'], ['RUNCONFIG_GLOBAL_ID_IN_CLUSTER', '2'],
  ['RUNCONFIG_MODEL_DIR', null], ['RUNCONFIG_START_DELAY_SECS', '10'], ['RUNCONFIG_TRAIN_AND_EVALUATE_PATH', 'run_worker']
] as const
// model_dir is None: unset in shell, no line in dotenv
const SEED_SHELL = SEED_LINES.map(([name, value]) => value === null ? `unset ${name}\n` : `export ${name}='${value}'\n`).join('')
const SEED_DOTENV = SEED_LINES.map(([name, value]) => value === null ? '' : `${name}='${value}'\n`).join('')

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
    t.equal(chooseFormat(query as never, accept, NODE_FORMATS), expected, `?format=${query} Accept: ${accept}`)
  }
  t.equal(chooseFormat(undefined, 'application/x-ndjson', PLAN_FORMATS), 'ndjson')
  t.equal(chooseFormat(undefined, 'application/vnd.runconfig.kubernetes-env+json', PLAN_FORMATS), 'kubernetes')
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

t.test('one node: POST /v1/run-config, POST /v1/run-config/replace, GET /v1/run-config', async (t) => {
  const app = await build(t)
  const post = async (url: string, payload: object | string, accept?: string) => {
    const res = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...(accept === undefined ? {} : { accept }) }, payload })
    return { status: res.statusCode, type: res.headers['content-type'], vary: res.headers.vary, body: res.body }
  }
  const get = async (query: string, accept?: string) => {
    const res = await app.inject({ method: 'GET', url: `/v1/run-config?${query}`, headers: accept === undefined ? {} : { accept } })
    return { status: res.statusCode, type: res.headers['content-type'], vary: res.headers.vary, body: res.body }
  }

  t.test('?format=shell and dotenv: TF_CONFIG as given, then the RUNCONFIG_ variables', async (t) => {
    t.strictSame(await post('/v1/run-config?format=shell', { tf_config: SEED_TF_CONFIG }), { status: 200, type: SHELL, vary: undefined, body: SEED_SHELL })
    t.strictSame(await post('/v1/run-config?format=dotenv', { tf_config: SEED_TF_CONFIG }), { status: 200, type: DOTENV, vary: undefined, body: SEED_DOTENV })
    t.strictSame(await get(`tf_config=${encodeURIComponent(SEED_TEXT)}&format=shell`), { status: 200, type: SHELL, vary: undefined, body: SEED_SHELL })
    t.strictSame(await post('/v1/run-config/replace?format=dotenv', { tf_config: SEED_TEXT, replace: {} }), { status: 200, type: DOTENV, vary: undefined, body: SEED_DOTENV })
  })

  t.test('the documented examples are what it answers', async (t) => {
    t.strictSame([examplesOf(NodeShellSchema), examplesOf(NodeDotenvSchema)], [[SEED_SHELL], [SEED_DOTENV]])
  })

  t.test('Accept chooses the format when ?format does not, and the answer varies on it', async (t) => {
    t.strictSame(await post('/v1/run-config', { tf_config: SEED_TF_CONFIG }, 'text/x-shellscript'), { status: 200, type: SHELL, vary: 'Accept', body: SEED_SHELL })
    t.strictSame(await get(`tf_config=${encodeURIComponent(SEED_TEXT)}`, 'application/x-dotenv'), { status: 200, type: DOTENV, vary: 'Accept', body: SEED_DOTENV })
    t.strictSame(await post('/v1/run-config?format=json', { tf_config: SEED_TF_CONFIG }, 'text/x-shellscript'),
      { status: 200, type: JSON_TYPE, vary: undefined, body: JSON.stringify(SEED_RESOLUTION) })
  })

  t.test('an Accept the route cannot produce, text/plain included, gets JSON', async (t) => {
    for (const accept of ['text/plain', 'application/xml', 'application/x-ndjson', '*/*']) {
      t.strictSame(await post('/v1/run-config', { tf_config: SEED_TF_CONFIG }, accept),
        { status: 200, type: JSON_TYPE, vary: 'Accept', body: JSON.stringify(SEED_RESOLUTION) }, accept)
    }
  })

  t.test('an unknown format is a 400 naming it; so is a misspelt parameter', async (t) => {
    const refused = (message: string) => ({ status: 400, type: JSON_TYPE, vary: undefined, body: JSON.stringify({ statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message }) })
    const enumMessage = 'querystring/format must be equal to one of the allowed values: json, shell, dotenv'
    t.strictSame(await post('/v1/run-config?format=ndjson', {}), refused(enumMessage))
    t.strictSame(await post('/v1/run-config/replace?format=env', { replace: {} }), refused(enumMessage))
    t.strictSame(await get('format=kubernetes'), refused(enumMessage))
    t.strictSame(await post('/v1/run-config?fromat=shell', {}), refused('querystring must NOT have additional properties: fromat (did you mean format?)'))
  })

  t.test('errors stay JSON in every format', async (t) => {
    const res = await post('/v1/run-config?format=shell', { tf_config: { cluster: { worker: ['w:1'] }, task: { type: 'worker', index: 0 } } })
    t.strictSame(res, {
      status: 422,
      type: JSON_TYPE,
      vary: undefined,
      body: JSON.stringify({ statusCode: 422, error: 'Unprocessable Entity', exception: 'ValueError', message: 'If "cluster" is set in TF_CONFIG, it must have one "chief" node.' })
    })
    t.equal((await post('/v1/run-config?format=dotenv', { config: { tf_random_seed: 'x' } }, 'text/x-shellscript')).type, JSON_TYPE)
  })

  t.test('an unset TF_CONFIG: unset too, then the RUNCONFIG_ variables', async (t) => {
    for (const res of [await get('format=shell'), await post('/v1/run-config?format=shell', { tf_config: null })]) {
      t.equal(res.status, 200)
      t.strictSame(res.body.split('\n').slice(0, 3), ['unset TF_CONFIG', "export RUNCONFIG_TASK_TYPE='worker'", "export RUNCONFIG_TASK_ID='0'"])
      t.equal(await bash('export TF_CONFIG=stale; eval "$BODY"; printf %s "${TF_CONFIG-unset}"', res.body), 'unset')
    }
    const dotenv = await get('format=dotenv')
    t.strictSame(dotenv.body.split('\n').slice(0, 1), ["RUNCONFIG_TASK_TYPE='worker'"])
  })

  t.test('the text form: TF_CONFIG is the text as given, byte for byte', async (t) => {
    const text = ' {\n  "task": {"type": "worker", "index": 1},\n  "cluster": ' + JSON.stringify(SEED_CLUSTER, null, 1) + '\n}\n'
    t.equal(await bash(EVAL_TF_CONFIG, (await post('/v1/run-config?format=shell', { tf_config: text })).body), text)
    t.equal(await bash(EVAL_TF_CONFIG, (await get(`tf_config=${encodeURIComponent(text)}&format=shell`)).body), text)
  })

  t.test('the object form: TF_CONFIG is the object as JSON text, in the key order of the request', async (t) => {
    const payload = '{"tf_config": {"task": {"type": "worker", "index": 2}, "cluster": {"chief": ["c:1"], "worker": {"10": "w10:1", "2": "w2:1"}}}}'
    const expected = '{"task":{"type":"worker","index":2},"cluster":{"chief":["c:1"],"worker":{"10":"w10:1","2":"w2:1"}}}'
    t.equal(await bash(EVAL_TF_CONFIG, (await post('/v1/run-config?format=shell', payload)).body), expected)
  })

  t.test('awkward addresses round-trip through bash eval, in the object and the text forms', async (t) => {
    const dotenvRefused: string[] = []
    for (const [name, value] of AWKWARD) {
      const address = `${value}:2222`
      const tfConfig = { cluster: { chief: ['c:1'], worker: [address] }, task: { type: 'worker', index: 0 } }
      const printMaster = 'eval "$BODY"; printf %s "$RUNCONFIG_MASTER"'
      const fromObject = await post('/v1/run-config?format=shell', { tf_config: tfConfig })
      t.equal(fromObject.status, 200, name)
      t.strictSame(JSON.parse(await bash(EVAL_TF_CONFIG, fromObject.body)), tfConfig, `${name}: object`)
      t.equal(await bash(printMaster, fromObject.body), `grpc://${address}`, `${name}: master`)
      // pretty-printed: raw newlines and unicode in the text itself
      const text = JSON.stringify(tfConfig, null, 2)
      const fromText = await post('/v1/run-config?format=shell', { tf_config: text })
      t.equal(fromText.status, 200, name)
      t.equal(await bash(EVAL_TF_CONFIG, fromText.body), text, `${name}: text`)
      // dotenv: where Node's parser, python-dotenv and sh can all hold RUNCONFIG_MASTER, else a 406 saying so
      const replaced = await post('/v1/run-config/replace?format=dotenv', { tf_config: tfConfig, replace: {} })
      if (replaced.status === 200) {
        t.strictSame(JSON.parse(await bash('set -a; eval "$BODY"; printf %s "$TF_CONFIG"', replaced.body)), tfConfig, `${name}: dotenv`)
      } else {
        t.strictSame([replaced.status, JSON.parse(replaced.body).code], [406, 'NOT_REPRESENTABLE'], `${name}: dotenv`)
        t.match(JSON.parse(replaced.body).message, /^The value of RUNCONFIG_MASTER /)
        dotenvRefused.push(name)
      }
    }
    t.strictSame(dotenvRefused, ['the shell escape itself', 'variables', 'backslashes', 'carriage return and tab', 'everything'])
    const query = await get(`tf_config=${encodeURIComponent(JSON.stringify({ cluster: { chief: ["it's `$(x)`\n✓:1"] }, task: { type: 'chief', index: 0 } }))}&format=shell`)
    t.equal(await bash(EVAL_TF_CONFIG, query.body), JSON.stringify({ cluster: { chief: ["it's `$(x)`\n✓:1"] }, task: { type: 'chief', index: 0 } }))
  })

  t.test('a value no environment can hold is a 406: the node exists, not in that format', async (t) => {
    const nul = { cluster: { chief: ['c:1'], 'a\u0000b': ['h:1'] }, task: { type: 'a\u0000b', index: 0 } }
    t.strictSame(await post('/v1/run-config?format=shell', { tf_config: nul }), {
      status: 406,
      type: JSON_TYPE,
      vary: undefined,
      body: JSON.stringify({
        statusCode: 406,
        code: 'NOT_REPRESENTABLE',
        error: 'Not Acceptable',
        message: 'The value of RUNCONFIG_TASK_TYPE contains NUL, which no environment can hold: ask for format json'
      })
    })
    t.equal((await post('/v1/run-config', { tf_config: nul })).status, 200, 'JSON holds it')
    const surrogate = await post('/v1/run-config?format=dotenv', '{"tf_config": {"model_dir": "\\ud800"}}')
    t.strictSame([surrogate.status, JSON.parse(surrogate.body).message],
      [406, 'The value of RUNCONFIG_MODEL_DIR contains a lone surrogate, which UTF-8 cannot encode: ask for format json'])
  })
})

t.test('a plan: POST /v1/cluster-plan', async (t) => {
  const app = await build(t)
  const plan = async (query: string, payload: object, accept?: string) => {
    const res = await app.inject({ method: 'POST', url: `/v1/cluster-plan${query}`, headers: accept === undefined ? {} : { accept }, payload })
    return { status: res.statusCode, type: res.headers['content-type'], vary: res.headers.vary, body: res.body }
  }
  const CLUSTER = { chief: ['c:1'], worker: ["it's:2", '$(rm -rf /)`id`:3', 'ü\n✓:4'] }
  const request = { cluster: CLUSTER, tf_config: { environment: 'cloud' }, evaluator: true }
  const texts = planCluster({ ...request, include: ['tf_config'] }).nodes.map((node) => [node.task_type, node.task_id, node.tf_config as string] as const)

  t.test('?format=ndjson is Accept: application/x-ndjson', async (t) => {
    const byQuery = await plan('?format=ndjson', request)
    t.strictSame([byQuery.status, byQuery.type, byQuery.vary], [200, 'application/x-ndjson', undefined])
    t.equal(byQuery.body, (await plan('', request, 'application/x-ndjson')).body)
    t.strictSame(byQuery.body.trimEnd().split('\n').map((line) => JSON.parse(line)), JSON.parse(JSON.stringify(planCluster(request).nodes)))
  })

  t.test('?format=kubernetes: each node\'s pod env entries, include implied', async (t) => {
    const res = await plan('?format=kubernetes', request)
    t.strictSame([res.status, res.type], [200, KUBERNETES])
    t.strictSame(JSON.parse(res.body), {
      nodes: texts.map(([type, id, text]) => ({ task_type: type, task_id: id, env: [{ name: 'TF_CONFIG', value: text }] }))
    })
    t.equal((await plan('', request, 'application/vnd.runconfig.kubernetes-env+json')).body, res.body)
    t.equal((await plan('?format=kubernetes', { ...request, include: ['run_config'] })).body, res.body, 'only the env')
  })

  t.test('?format=shell: sourcing sets nothing; runconfig_node TYPE INDEX exports that node\'s TF_CONFIG', async (t) => {
    const res = await plan('?format=shell', request)
    t.strictSame([res.status, res.type], [200, SHELL])
    t.equal(await bash('eval "$BODY"; printf %s "${TF_CONFIG-unset}"', res.body), 'unset', 'the whole answer sets no TF_CONFIG')
    const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`
    t.strictSame(await Promise.all(texts.map(([type, id]) => bash(`eval "$BODY"; runconfig_node ${quote(type)} ${id}; printf %s "$TF_CONFIG"`, res.body))),
      texts.map(([, , text]) => text))
    t.equal((await plan('', request, 'text/x-shellscript')).body, res.body)
  })

  t.test('?format=dotenv: a header, then each node\'s variables under its comment', async (t) => {
    const res = await plan('?format=dotenv', request)
    t.strictSame([res.status, res.type], [200, DOTENV])
    const blocks = res.body.split('\n\n').slice(1)
    t.strictSame(await Promise.all(blocks.map((block) => bash('set -a; eval "$BODY"; printf %s "$TF_CONFIG"', block))), texts.map(([, , text]) => text.replaceAll("'", '\\u0027').replaceAll('$', '\\u0024')))
  })

  t.test('the documented examples are what it answers', async (t) => {
    for (const [format, schema] of [['shell', PlanShellSchema], ['dotenv', PlanDotenvSchema]] as const) {
      t.strictSame(examplesOf(schema), [(await plan(`?format=${format}`, { cluster: SEED_CLUSTER })).body], format)
    }
    const kubernetes = JSON.parse((await plan('?format=kubernetes', { cluster: SEED_CLUSTER })).body)
    t.strictSame(examplesOf(KubernetesEnvSchema), [{ nodes: kubernetes.nodes.slice(0, 2) }])
  })

  t.test('a job name cannot break out of its comment line or its case pattern', async (t) => {
    const cluster = { chief: ['c:1'], 'x\nexit 3\u2028': ['x:1'] }
    const dotenv = await plan('?format=dotenv', { cluster })
    t.equal(dotenv.status, 200)
    t.equal(dotenv.body.split('\n\n')[2].split('\n')[0], '# "x\\nexit 3\\u2028" 0')
    const shell = await plan('?format=shell', { cluster })
    t.equal(await bash('eval "$BODY"; runconfig_node "$(printf \'x\\nexit 3\\342\\200\\250\')" 0; printf %s "$TF_CONFIG"', shell.body),
      '{"cluster":{"chief":["c:1"],"x\\nexit 3\u2028":["x:1"]},"task":{"type":"x\\nexit 3\u2028","index":0}}')
  })

  t.test('errors stay JSON; an unknown format is a 400 naming it', async (t) => {
    const failing = await plan('?format=shell', { cluster: { worker: ['w:1'] } })
    t.strictSame([failing.status, failing.type, JSON.parse(failing.body).failed_nodes.length], [422, JSON_TYPE, 1])
    const unknown = await plan('?format=env', request)
    t.strictSame([unknown.status, JSON.parse(unknown.body).message],
      [400, 'querystring/format must be equal to one of the allowed values: json, ndjson, shell, dotenv, kubernetes'])
  })

  t.test('the text formats carry every TF_CONFIG: the include limit applies', async (t) => {
    const worker = Array.from({ length: 1000 }, (_, i) => `w${i}:1`)
    const res = await plan('?format=dotenv', { cluster: { chief: ['c:1'], worker } })
    t.strictSame([res.status, JSON.parse(res.body).message], [413, 'body/cluster has 1001 tasks; a plan in format dotenv covers at most 1000'])
    t.equal((await plan('', { cluster: { chief: ['c:1'], worker } }, 'application/vnd.runconfig.kubernetes-env+json')).status, 413)
    t.equal((await plan('?format=ndjson', { cluster: { chief: ['c:1'], worker } })).status, 200)
  })
})

t.test('a resolution the core gives equals the documented one (the one-node examples\' source)', async (t) => {
  t.strictSame(JSON.parse(JSON.stringify(resolveRunConfig({ tf_config: SEED_TF_CONFIG }))), SEED_RESOLUTION)
})
