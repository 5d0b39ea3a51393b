import { checkVariable, NotRepresentableError, type EnvironmentVariables } from './variables.js'

// Variables whose value is JSON text: written with \u escapes where quoting alone cannot hold them
const JSON_VARIABLES = new Set(['TF_CONFIG'])
// What python-dotenv's dotenv_values() replaces by a variable's value, in any value
const INTERPOLATION = /\$\{[^}:]*(?::-[^}]*)?\}/

/**
 * `NAME=value` lines, one per variable; a null variable (a None) has no line. Dotenv has no
 * standard, so every line is written in a form that three readers take alike — Node's parser
 * (`node --env-file`, `process.loadEnvFile`, `util.parseEnv`), python-dotenv, and sh or bash
 * (`set -a; . ./file`) — and sourcing it never runs anything. python-dotenv expands `${NAME}`
 * in every value, quoted or not, so no value may hold one (a `${`, then `}`); then:
 *
 * 1. `NAME='value'` when the value has no `'`, no `\\` and does not end in `\`: literal for all
 *    three (python-dotenv would decode `\\` and `\'`; Node's parser has no escapes at all).
 * 2. `NAME="value"` when it has a `'` but no `"`, `\`, `$` or backtick: literal for all three
 *    (sh expands `$`, backticks and `\` in double quotes).
 * 3. TF_CONFIG's JSON text, when neither form holds it: the same JSON with `'`, `$` and `\\`
 *    inside its strings written `\u0027`, `\u0024` and `\u005c`, then form 1. json.loads reads
 *    the same value.
 *
 * Any other value (a `'` with `"`, `\`, `$` or a backtick; a `${…}`; a carriage return, which
 * Node's parser turns into a line feed) has no such form: NotRepresentableError, as for NUL.
 * `docker run --env-file` is not served: it takes the text after `=` verbatim, quotes included,
 * and no newline.
 */
export function dotenv (vars: EnvironmentVariables): string {
  return Object.entries(vars).map(([name, value]) => {
    checkVariable(name, value)
    return value === null ? '' : `${name}=${dotenvQuote(value, name)}\n`
  }).join('')
}

/** One value quoted by the rules of `dotenv`; `name` says whether it is JSON text (TF_CONFIG) and names it in errors. */
export function dotenvQuote (value: string, name = 'the value'): string {
  if (value.includes('\r')) {
    throw new NotRepresentableError(`The value of ${name} contains a carriage return, which Node's dotenv parser reads as a line feed`)
  }
  if (!INTERPOLATION.test(value)) {
    if (singleQuotable(value)) return `'${value}'`
    if (!/["\\$`]/.test(value)) return `"${value}"`
  }
  const json = JSON_VARIABLES.has(name) ? escapeJsonStrings(value) : undefined
  if (json !== undefined && singleQuotable(json)) return `'${json}'`
  throw new NotRepresentableError(INTERPOLATION.test(value)
    ? `The value of ${name} holds \${…}, which python-dotenv replaces whatever the quoting`
    : `The value of ${name} has a ' together with ", \\, $ or \`, which no dotenv quoting holds for ` +
      'Node\'s parser, python-dotenv and sh alike')
}

function singleQuotable (value: string): boolean {
  return !value.includes("'") && !value.includes('\\\\') && !value.endsWith('\\')
}

/**
 * The JSON text with every `'`, `$` and escaped backslash inside a string written as a \u escape;
 * undefined when the text is not JSON there (a `'`, `$` or `\` outside a string, a string left open).
 */
function escapeJsonStrings (text: string): string | undefined {
  let out = ''
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (!inString) {
      if (char === "'" || char === '\\' || char === '$') return undefined
      inString = char === '"'
      out += char
    } else if (char === '\\') {
      const next = text[i + 1]
      if (next === undefined) return undefined
      out += next === '\\' ? '\\u005c' : char + next
      i++
    } else {
      if (char === '"') inString = false
      out += char === "'" ? '\\u0027' : char === '$' ? '\\u0024' : char
    }
  }
  return inString ? undefined : out
}
