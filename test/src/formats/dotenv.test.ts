/* eslint-disable no-template-curly-in-string -- shell and dotenv text: ${VAR} there is theirs, not a template */
import { parseEnv } from 'node:util'
import t from 'tap'
import { dotenv, dotenvQuote, nodeVariables, NotRepresentableError, resolveRunConfig, tfConfigText } from '../../../src/index.js'
import { AWKWARD } from './awkward.js'
import { HAS_PYTHON_DOTENV, loadWithBash, loadWithNode, loadWithPython } from './loaders.js'

const SOURCE = 'set -a; . "$1"'

t.test('dotenvQuote: single quotes; double quotes for a \' alone; JSON escapes for TF_CONFIG; else refused', async (t) => {
  const cases: Array<[string, string]> = [
    ['', "''"],
    ['{"a":"b c"}', '\'{"a":"b c"}\''],
    ['$x `y` \\z #', "'$x `y` \\z #'"],
    ['two\nlines', "'two\nlines'"],
    ["it's", '"it\'s"'],
    ["it's # two\nlines", '"it\'s # two\nlines"']
  ]
  t.strictSame(cases.map(([value]) => [value, dotenvQuote(value)]), cases)
  t.equal(dotenvQuote('{"a":"it\'s $HOME ${HOME} \\\\ \\" \\n"}', 'TF_CONFIG'),
    "'{\"a\":\"it\\u0027s \\u0024HOME \\u0024{HOME} \\u005c \\\" \\n\"}'")
  const refused: Array<[string, string]> = [
    ['a\rb', 'The value of X contains a carriage return, which Node\'s dotenv parser reads as a line feed'],
    ['${HOME}', 'The value of X holds ${…}, which python-dotenv replaces whatever the quoting'],
    ['a\\\\b', 'The value of X has a \' together with ", \\, $ or `, which no dotenv quoting holds for Node\'s parser, python-dotenv and sh alike'],
    ['it\'s "x"', 'The value of X has a \' together with ", \\, $ or `, which no dotenv quoting holds for Node\'s parser, python-dotenv and sh alike'],
    ["it's $x", 'The value of X has a \' together with ", \\, $ or `, which no dotenv quoting holds for Node\'s parser, python-dotenv and sh alike']
  ]
  for (const [value, message] of refused) t.throws(() => dotenvQuote(value, 'X'), new NotRepresentableError(message), JSON.stringify(value))
  t.throws(() => dotenvQuote("{'a': \"it's\"}", 'TF_CONFIG'), NotRepresentableError, 'not JSON: no escapes to rewrite it with')
})

t.test('dotenv: one NAME=value line per variable, none for a null one', async (t) => {
  t.equal(dotenv({ TF_CONFIG: '{"a":1}', B: "it's", C: null }), 'TF_CONFIG=\'{"a":1}\'\nB="it\'s"\n')
  t.equal(dotenv({}), '')
  t.throws(() => dotenv({ 'A B': 'x' }), RangeError)
  t.throws(() => dotenv({ A: '\0' }), new NotRepresentableError('The value of A contains NUL, which no environment can hold'))
})

// The awkward values no dotenv form holds for all three readers, each for its reason
const REFUSED = ['the shell escape itself', 'variables', 'backslashes', 'carriage return and tab', 'everything']
const WRITTEN = AWKWARD.filter(([name]) => !REFUSED.includes(name))

t.test('the awkward values refused are exactly those no form holds', async (t) => {
  t.strictSame(AWKWARD.filter(([, value]) => {
    try {
      dotenvQuote(value)
      return false
    } catch {
      return true
    }
  }).map(([name]) => name), REFUSED)
})

// All the written values in one file, V0, V1, ..., with a null one that must stay unset
const vars = { ...Object.fromEntries(WRITTEN.map(([, value], i) => [`V${i}`, value])), UNSET: null }
const names = Object.keys(vars)
const expected = Object.fromEntries(Object.entries(vars))

t.test('every written value loads exactly: node --env-file', async (t) => {
  t.strictSame(loadWithNode(t, dotenv(vars), names), expected)
})

t.test('every written value loads exactly: Node\'s parseEnv', async (t) => {
  t.strictSame(parseEnv(dotenv(vars)), Object.fromEntries(Object.entries(vars).filter(([, value]) => value !== null)))
})

t.test('every written value loads exactly: python-dotenv\'s parser (the test\'s stdlib copy)', async (t) => {
  t.strictSame(loadWithPython(t, dotenv(vars), names), expected)
})

t.test('the stdlib copy reads as python-dotenv itself does', { skip: HAS_PYTHON_DOTENV ? false : 'python-dotenv is not installed' }, async (t) => {
  const hostile = ['${HOME}', "'${HOME}'", 'a\\\\b', "'a\\\\b'", '"a\\"b"', "'x'y'", 'x #c', '"m\nl"', 'sp ', "'it\\'s'"]
  const text = hostile.map((value, i) => `H${i}=${value}\n`).join('') + dotenv(vars)
  const all = [...hostile.map((_, i) => `H${i}`), ...names]
  t.strictSame(loadWithPython(t, text, all), loadWithPython(t, text, all, true))
})

t.test('every written value loads exactly: bash set -a; source', async (t) => {
  t.strictSame(loadWithBash(t, dotenv(vars), names, SOURCE), expected)
})

t.test('a node\'s TF_CONFIG loads exactly in all three for any address, hostile ones included', async (t) => {
  const tfConfigs = AWKWARD.map(([, value]) => ({ cluster: { chief: ['c:1'], worker: [`${value}:2222`] }, task: { type: 'chief', index: 0 } }))
  const file = tfConfigs.map((tfConfig, i) => dotenv({ TF_CONFIG: tfConfigText(tfConfig) as string }).replace(/^TF_CONFIG=/, `T${i}=`)).join('')
  const tNames = tfConfigs.map((_, i) => `T${i}`)
  for (const [reader, loaded] of [
    ['node', loadWithNode(t, file, tNames)],
    ['python', loadWithPython(t, file, tNames)],
    ['bash', loadWithBash(t, file, tNames, SOURCE)]
  ] as const) {
    t.strictSame(tNames.map((name) => JSON.parse(loaded[name] as string)), tfConfigs, reader)
  }
})

t.test('a node\'s dotenv: its None values have no line, so they load unset', async (t) => {
  const resolution = resolveRunConfig({ tf_config: { cluster: { chief: ['c:1'] }, task: { type: 'evaluator', index: 0 } } })
  const text = dotenv(nodeVariables(resolution, undefined))
  t.notMatch(text, /null|TF_CONFIG=|RUNCONFIG_MODEL_DIR|RUNCONFIG_GLOBAL_ID_IN_CLUSTER/)
  const loaded = loadWithNode(t, text, ['TF_CONFIG', 'RUNCONFIG_MODEL_DIR', 'RUNCONFIG_GLOBAL_ID_IN_CLUSTER', 'RUNCONFIG_TASK_TYPE'])
  t.strictSame(loaded, { TF_CONFIG: null, RUNCONFIG_MODEL_DIR: null, RUNCONFIG_GLOBAL_ID_IN_CLUSTER: null, RUNCONFIG_TASK_TYPE: 'evaluator' })
})
