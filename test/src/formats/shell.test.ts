/* eslint-disable no-template-curly-in-string -- shell and dotenv text: ${VAR} there is theirs, not a template */
import t from 'tap'
import { NotRepresentableError, shellExports, shellLines, shellQuote } from '../../../src/formats/index.js'
import { AWKWARD } from './awkward.js'
import { bashOnFile } from './bash.js'

const EVAL_AND_PRINT = 'eval "$(/bin/cat "$1")"; printf %s "$TF_CONFIG"'

t.test('shellQuote: single quotes, a single quote written as \'\\\'\'', async (t) => {
  t.strictSame([shellQuote(''), shellQuote('a b'), shellQuote("it's"), shellQuote('$x')], ["''", "'a b'", "'it'\\''s'", "'$x'"])
})

t.test('shellExports: one export line per variable, TF_CONFIG first', async (t) => {
  t.equal(shellExports('{"a":1}', { MODEL_DIR: "/m'1", EMPTY: '' }),
    "export TF_CONFIG='{\"a\":1}'\nexport MODEL_DIR='/m'\\''1'\nexport EMPTY=''\n")
  t.equal(shellExports('{}'), "export TF_CONFIG='{}'\n")
  t.equal(shellLines({}), '')
})

for (const [name, value] of AWKWARD) {
  t.test(`round-trips through bash eval: ${name}`, async (t) => {
    t.equal(bashOnFile(t, EVAL_AND_PRINT, shellExports(value)), value)
  })
}

t.test('every variable of one output round-trips', async (t) => {
  const vars = Object.fromEntries(AWKWARD.map(([, value], i) => [`V${i}`, value]))
  const printAll = 'eval "$(/bin/cat "$1")"; ' + AWKWARD.map((_, i) => `printf '%s\\0' "$V${i}"`).join('; ')
  t.strictSame(bashOnFile(t, printAll, shellLines(vars)).split('\0').slice(0, -1), AWKWARD.map(([, value]) => value))
})

t.test('a null variable (a None) is unset, whatever the environment had', async (t) => {
  t.equal(shellLines({ A: 'x', B: null }), "export A='x'\nunset B\n")
  t.equal(bashOnFile(t, 'export B=before; eval "$(/bin/cat "$1")"; printf %s "${B-unset}:${B:-default}"', shellLines({ A: 'x', B: null })), 'unset:default')
})

t.test('names the environment cannot take, and NUL, are refused', async (t) => {
  t.throws(() => shellLines({ '1X': 'a' }), new RangeError('Not a portable environment variable name: "1X"'))
  t.throws(() => shellLines({ 'A-B': 'a' }), RangeError)
  t.throws(() => shellLines({ '': 'a' }), RangeError)
  t.throws(() => shellExports('a\0b'), new NotRepresentableError('The value of TF_CONFIG contains NUL, which no environment can hold'))
})
