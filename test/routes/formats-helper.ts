import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

// What the tests of the renderings share (test/routes/formats.test.ts, plan-exports.test.ts)

export const SHELL = 'text/x-shellscript; charset=utf-8'
export const DOTENV = 'application/x-dotenv; charset=utf-8'
export const KUBERNETES = 'application/vnd.runconfig.kubernetes-env+json; charset=utf-8'
export const NDJSON = 'application/x-ndjson'
export const JSON_TYPE = 'application/json; charset=utf-8'

/**
 * Runs `script` in bash with the answer in $BODY, and gives what it prints. PATH is empty: should
 * quoting ever break, a `$(rm -rf /)` in a value would find no `rm` to run. Asynchronous: the app
 * lives in this process, and a blocked event loop would be overload to it.
 */
export async function bash (script: string, body: string): Promise<string> {
  const { stdout } = await promisify(execFile)('/bin/bash', ['--norc', '--noprofile', '-c', script], { env: { PATH: '', BODY: body }, encoding: 'utf8' })
  return stdout
}
export const EVAL_TF_CONFIG = 'eval "$BODY"; printf %s "$TF_CONFIG"'
export const examplesOf = (schema: object): unknown => (schema as { examples?: unknown[] }).examples
