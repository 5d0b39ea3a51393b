import { EventEmitter } from 'node:events'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import type { Test } from 'tap'
import type { CliEnv } from '../../cli/io.js'
import type { Graceful } from '../../start-server.js'
import { runCli } from '../../cli/main.js'

/** What a run of the CLI gave: its exit code and everything it wrote. */
export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs the CLI in-process, with an empty environment unless given, stdin from `stdin`. */
export async function cli (argv: string[], options: { env?: CliEnv, stdin?: string, signals?: EventEmitter, onStderr?: (text: string) => void } = {}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, options.env ?? {}, {
    stdin: Readable.from([Buffer.from(options.stdin ?? '')]),
    stdout: { write: (text: string) => { stdout += text } },
    stderr: { write: (text: string) => { stderr += text; options.onStderr?.(text) } },
    graceful: gracefulOn(options.signals ?? new EventEmitter())
  })
  return { code, stdout, stderr }
}

/** close-with-grace as a test has it: SIGINT or SIGTERM from `signals`, and no process exit after. */
function gracefulOn (signals: EventEmitter): Graceful {
  return (_options, close) => {
    const stop = (signal: 'SIGINT' | 'SIGTERM') => () => {
      signals.removeAllListeners('SIGINT').removeAllListeners('SIGTERM')
      return close({ signal })
    }
    signals.once('SIGINT', stop('SIGINT')).once('SIGTERM', stop('SIGTERM'))
  }
}

/** Writes `content` (JSON unless a string) to a temporary file removed after the test. */
export function tempFile (t: Test, content: unknown, name = 'request.json'): string {
  const dir = mkdtempSync(join(tmpdir(), 'runconfig-cli-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, name)
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
  return file
}

export { SEED_CLUSTER } from '../../src/schemas/examples.js'

/** A usage error's stderr. */
export function usage (message: string): string {
  return `runconfig: ${message}\nTry 'runconfig --help'.\n`
}
