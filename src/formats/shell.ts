import { checkVariable, type EnvironmentVariables } from './variables.js'

/** A word bash and POSIX sh read back as exactly `value`: single quotes, `'` written `'\''`. */
export function shellQuote (value: string): string {
  // inside single quotes nothing is special ($, `, \, !, newlines): only ' ends them
  return `'${value.replaceAll("'", "'\\''")}'`
}

/**
 * `export NAME='value'` lines, one per variable, that `eval` or `source` in bash and sh set
 * exactly; `unset NAME` for a variable that is null (a None), so that none is left from before.
 */
export function shellLines (vars: EnvironmentVariables): string {
  return Object.entries(vars).map(([name, value]) => {
    checkVariable(name, value)
    return value === null ? `unset ${name}\n` : `export ${name}=${shellQuote(value)}\n`
  }).join('')
}

/** `export TF_CONFIG='…'` then the extra variables (an extra TF_CONFIG replaces the first). */
export function shellExports (tfConfigText: string, extra: EnvironmentVariables = {}): string {
  return shellLines({ TF_CONFIG: tfConfigText, ...extra })
}
