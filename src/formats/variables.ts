// A name the shell can assign and every dotenv parser reads
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * A node's environment, variable by variable: its text, or null for a variable the node must not
 * have (a Python None, an unset TF_CONFIG). The shell format unsets those, dotenv leaves them out:
 * `${VAR:-default}` and `[ -n "$VAR" ]` then work, where the text `null` would not.
 */
export type EnvironmentVariables = Record<string, string | null>

/**
 * A value the format asked for cannot hold (NUL, a lone surrogate, a dotenv value no quoting
 * keeps exact): the node exists, but not in that format. A RangeError; over HTTP a 406.
 */
export class NotRepresentableError extends RangeError {
  constructor (message: string) {
    super(message)
    this.name = 'NotRepresentableError'
  }
}

/**
 * Checks a variable for the environment: a portable name, no NUL (execve cannot pass one), and
 * no lone surrogate (UTF-8 cannot encode one: the value would not come back as it was).
 */
export function checkVariable (name: string, value: string | null): void {
  // the names are the service's own: a bad one is a bug, not a value the format cannot hold
  if (!NAME.test(name)) throw new RangeError(`Not a portable environment variable name: ${JSON.stringify(name)}`)
  if (value === null) return
  if (value.includes('\0')) throw new NotRepresentableError(`The value of ${name} contains NUL, which no environment can hold`)
  if (!value.isWellFormed()) throw new NotRepresentableError(`The value of ${name} contains a lone surrogate, which UTF-8 cannot encode`)
}
