import t from 'tap'
import { SEED_CLUSTER, SEED_TF_CONFIG } from '../../src/schemas.js'
import { build } from '../helper.js'
import { assertRefusal, assertStillAnswers } from './helper.js'

// Hostile or broken input: a clear 4xx in the error shape of SPEC A.1, and the app answers on.
const JSON_TYPE = { 'content-type': 'application/json' }
const INVALID_JSON = { code: 'FST_ERR_CTP_INVALID_JSON_BODY', message: /^body is not valid JSON: .*: line \d+ column \d+ \(char \d+\)$/ }
const NOT_A_JSON_VALUE = { code: 'FST_ERR_CTP_INVALID_JSON_BODY', message: 'body is not valid JSON: NaN, Infinity and -Infinity are not JSON values' }
const POISONED = { code: 'FST_ERR_CTP_INVALID_JSON_BODY', message: 'body has a __proto__ or constructor.prototype key, which is refused' }
const EMPTY_JSON = { code: 'FST_ERR_CTP_EMPTY_JSON_BODY', message: "Body cannot be empty when content-type is set to 'application/json'" }
const NOT_JSON = { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', message: 'Unsupported Media Type: send the body as JSON, with the header content-type: application/json' }
const validation = (message: string | RegExp) => ({ code: 'FST_ERR_VALIDATION', message })

interface Case {
  name: string
  url?: string
  payload?: string | Buffer
  headers?: Record<string, string>
  status: number
  expect: { code?: string, message?: string | RegExp }
}

// POST /v1/run-config unless a case says otherwise
const CASES: Record<string, Case[]> = {
  'malformed JSON': [
    { name: 'truncated', payload: '{"config":', status: 400, expect: { code: INVALID_JSON.code, message: 'body is not valid JSON: Expecting value: line 1 column 11 (char 10)' } },
    { name: 'a missing comma, located', payload: '{\n  "config": {\n    "model_dir": "/m"\n    "protocol": "grpc"}}', status: 400, expect: { code: INVALID_JSON.code, message: 'body is not valid JSON: Expecting \',\' delimiter: line 4 column 5 (char 42)' } },
    { name: 'truncated inside a string', payload: '{"tf_config": "{\\"clu', status: 400, expect: INVALID_JSON },
    { name: 'a trailing comma', payload: '{"config": {},}', status: 400, expect: INVALID_JSON },
    { name: 'empty', payload: '', status: 400, expect: EMPTY_JSON },
    { name: 'only whitespace', payload: ' \n\t', status: 400, expect: INVALID_JSON },
    { name: 'NaN (Python reads it; JSON does not)', payload: '{"config": {"save_summary_steps": NaN}}', status: 400, expect: NOT_A_JSON_VALUE },
    { name: 'Infinity', payload: '{"config": {"keep_checkpoint_every_n_hours": Infinity}}', status: 400, expect: NOT_A_JSON_VALUE },
    { name: 'single quotes', payload: "{'config': {}}", status: 400, expect: INVALID_JSON },
    { name: 'a comment', payload: '{"config": {}} // why not', status: 400, expect: INVALID_JSON },
    { name: 'two documents', payload: '{}{}', status: 400, expect: INVALID_JSON },
    { name: 'invalid UTF-8 bytes', payload: Buffer.concat([Buffer.from('{"tf_config": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), status: 400, expect: { code: 'INVALID_UTF8', message: 'body is not valid UTF-8' } },
    { name: 'a truncated UTF-8 sequence', payload: Buffer.concat([Buffer.from('{"config": {"model_dir": "/m'), Buffer.from([0xe2, 0x82]), Buffer.from('"}}')]), status: 400, expect: { code: 'INVALID_UTF8' } },
    { name: 'an overlong UTF-8 encoding of "/"', payload: Buffer.concat([Buffer.from('{"config": {"model_dir": "'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}}')]), status: 400, expect: { code: 'INVALID_UTF8' } },
    { name: 'a UTF-8 encoded surrogate', payload: Buffer.concat([Buffer.from('{"config": {"model_dir": "'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}}')]), status: 400, expect: { code: 'INVALID_UTF8' } },
    { name: 'malformed JSON on the plan route', url: '/v1/cluster-plan', payload: '{"cluster": {"chief": ["c:1"]', status: 400, expect: INVALID_JSON },
    { name: 'malformed JSON on replace', url: '/v1/run-config/replace', payload: '{"replace": {]}', status: 400, expect: INVALID_JSON }
  ],
  'prototype poisoning': [
    { name: '__proto__ at the top', payload: '{"__proto__": {"polluted": 1}}', status: 400, expect: POISONED },
    { name: '__proto__ in tf_config', payload: '{"tf_config": {"__proto__": {"polluted": 1}}}', status: 400, expect: POISONED },
    { name: '__proto__ in config', payload: '{"config": {"__proto__": {"polluted": 1}}}', status: 400, expect: POISONED },
    { name: '__proto__ written with an escape', payload: '{"tf_config": {"\\u005f_proto__": {"polluted": 1}}}', status: 400, expect: POISONED },
    { name: 'constructor.prototype', payload: '{"tf_config": {"constructor": {"prototype": {"polluted": 1}}}}', status: 400, expect: POISONED },
    { name: 'constructor.prototype in a plan cluster', url: '/v1/cluster-plan', payload: '{"cluster": {"constructor": {"prototype": {"0": "a:1"}}}}', status: 400, expect: POISONED },
    { name: '__proto__ in a replace call', url: '/v1/run-config/replace', payload: '{"replace": [{"__proto__": {"polluted": 1}}]}', status: 400, expect: POISONED },
    { name: '__proto__ in the query', url: '/v1/run-config?__proto__=1', status: 400, expect: validation('querystring must NOT have additional properties: __proto__') }
  ],
  'unknown fields': [
    { name: 'a misspelt argument', payload: '{"config": {"save_checkpoints_step": 100}}', status: 400, expect: validation('body/config must NOT have additional properties: save_checkpoints_step (did you mean save_checkpoints_steps?)') },
    { name: 'an unknown top-level key', payload: '{"tf_config": {}, "extra": 1}', status: 400, expect: validation('body must NOT have additional properties: extra') },
    { name: 'an unknown ConfigProto field', payload: '{"config": {"session_config": {"allow_soft_placment": true}}}', status: 400, expect: validation('body/config/session_config must NOT have additional properties: allow_soft_placment (did you mean allow_soft_placement?)') },
    { name: 'an unknown plan key', url: '/v1/cluster-plan', payload: '{"cluster": {"chief": ["c:1"]}, "evaluators": true}', status: 400, expect: validation('body must NOT have additional properties: evaluators (did you mean evaluator?)') },
    { name: 'every unknown argument, each with the one it likely meant', payload: '{"config": {"save_checkpoint_secs": 1, "foo": 2, "tf_random_sed": 3}}', status: 400, expect: validation('body/config must NOT have additional properties: save_checkpoint_secs (did you mean save_checkpoints_secs?), foo, tf_random_sed (did you mean tf_random_seed?)') },
    { name: 'an unknown lint key', url: '/v1/cluster-plan/lint', payload: '{"cluster": {"chief": ["c:1"]}, "strict": true}', status: 400, expect: validation('body must NOT have additional properties: strict') },
    { name: 'an unknown query parameter', url: '/v1/run-config?tf_config=%7B%7D&verbose=1', status: 400, expect: validation('querystring must NOT have additional properties: verbose') }
  ],
  'wrong types': [
    { name: 'a body that is not an object', payload: '[]', status: 400, expect: validation('body must be object') },
    { name: 'null', payload: 'null', status: 400, expect: validation('body must be object') },
    { name: 'a string for an integer', payload: '{"config": {"tf_random_seed": "42"}}', status: 400, expect: validation('body/config/tf_random_seed must be integer or null') },
    { name: 'a float for an integer', payload: '{"config": {"tf_random_seed": 4.2}}', status: 400, expect: validation('body/config/tf_random_seed must be integer or null') },
    { name: 'a string for a boolean', payload: '{"config": {"checkpoint_save_graph_def": "true"}}', status: 400, expect: validation('body/config/checkpoint_save_graph_def must be boolean or null') },
    { name: 'a number for tf_config', payload: '{"tf_config": 5}', status: 400, expect: validation('body/tf_config must be object or string or null') },
    { name: 'replace as a number', url: '/v1/run-config/replace', payload: '{"replace": 5}', status: 400, expect: validation('body/replace must be object or array') },
    { name: 'a cluster as a list', url: '/v1/cluster-plan', payload: '{"cluster": ["c:1"]}', status: 400, expect: validation('body/cluster must be object') },
    { name: 'an address as a number', url: '/v1/cluster-plan', payload: '{"cluster": {"worker": [1]}}', status: 400, expect: validation('body/cluster/worker/0 must be string') },
    { name: 'evaluator as a string', url: '/v1/cluster-plan', payload: '{"cluster": {"chief": ["c:1"]}, "evaluator": "yes"}', status: 400, expect: validation('body/evaluator must be boolean') },
    { name: 'tf_config twice in the query', url: '/v1/run-config?tf_config=a&tf_config=b', status: 400, expect: validation('querystring/tf_config must be string') },
    { name: 'an unknown format', url: '/v1/run-config?format=xml', status: 400, expect: validation(/^querystring\/format must be json \(or absent\) here, not "xml"/) },
    { name: 'an unknown rendering', url: '/v1/run-config/exports?format=xml', status: 400, expect: validation(/^querystring\/format must be equal to one of the allowed values/) }
  ],
  'content types': [
    { name: 'text/plain', headers: { 'content-type': 'text/plain' }, payload: '{}', status: 415, expect: NOT_JSON },
    { name: 'a form', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'tf_config=x', status: 415, expect: NOT_JSON },
    { name: 'multipart', headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--', status: 415, expect: NOT_JSON },
    { name: 'a look-alike', headers: { 'content-type': 'application/jsonx' }, payload: '{}', status: 415, expect: NOT_JSON },
    { name: 'a JSON suffix type', headers: { 'content-type': 'application/merge-patch+json' }, payload: '{}', status: 415, expect: NOT_JSON },
    { name: 'an empty content type', headers: { 'content-type': '' }, payload: '{}', status: 415, expect: NOT_JSON },
    { name: 'no content type with a body', headers: {}, payload: '{}', status: 415, expect: NOT_JSON },
    { name: 'not JSON on the plan route', url: '/v1/cluster-plan', headers: { 'content-type': 'text/csv' }, payload: 'chief,c:1', status: 415, expect: NOT_JSON },
    { name: 'a Content-Length the body does not match', headers: { 'content-type': 'application/json', 'content-length': '5' }, payload: '{"config": {}}', status: 400, expect: { code: 'FST_ERR_CTP_INVALID_CONTENT_LENGTH', message: 'Request body size did not match Content-Length' } }
  ]
}

for (const [group, cases] of Object.entries(CASES)) {
  t.test(group, async (t) => {
    const app = await build(t)
    for (const c of cases) {
      t.test(c.name, async (t) => {
        const method = c.payload === undefined ? 'GET' : 'POST'
        const res = await app.inject({ method, url: c.url ?? '/v1/run-config', payload: c.payload, headers: c.headers ?? (c.payload === undefined ? {} : JSON_TYPE) })
        assertRefusal(t, res, c.status, c.expect)
      })
    }
    t.test('the app still answers', async (t) => {
      t.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched')
      await assertStillAnswers(t, app)
    })
  })
}

t.test('JSON is read in any letter case and charset parameter, and a byte order mark is skipped', async (t) => {
  const app = await build(t)
  const payload = JSON.stringify({ tf_config: SEED_TF_CONFIG })
  for (const [type, body] of [['APPLICATION/JSON; charset=UTF-8', payload], ['application/json;charset=utf-8', payload], ['application/json', '\ufeff' + payload]]) {
    const res = await app.inject({ method: 'POST', url: '/v1/run-config', headers: { 'content-type': type }, payload: body })
    t.equal(res.statusCode, 200, type)
    t.equal(res.json().run_config.task_id, 1)
  }
})

t.test('__proto__ inside TF_CONFIG text is an ordinary key, as in Python, and pollutes nothing', async (t) => {
  const app = await build(t)
  const tfConfig = JSON.stringify({ cluster: SEED_CLUSTER, task: { type: 'worker', index: 1 } }).replace('{', '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, ')
  const res = await app.inject({ method: 'POST', url: '/v1/run-config', payload: { tf_config: tfConfig } })
  t.equal(res.statusCode, 200)
  t.equal(res.json().run_config.master, 'grpc://host4:2222')
  t.equal(({} as Record<string, unknown>).polluted, undefined)
})

t.test('a key named like an Object.prototype member is an ordinary key', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'POST', url: '/v1/cluster-plan', payload: { cluster: { chief: ['c:1'], toString: ['t:1'], hasOwnProperty: ['h:1'] } } })
  t.equal(res.statusCode, 200)
  t.same(res.json().nodes.map((node: { task_type: string }) => node.task_type), ['chief', 'hasOwnProperty', 'toString'])
})
