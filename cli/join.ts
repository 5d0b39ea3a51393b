import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ENV_STRING_LIMIT, environmentStringBytes } from '../src/formats/env-size.js'
import { shellLines } from '../src/formats/shell.js'
import { UsageError, type CliEnv, type CliIo } from './io.js'
import { call, describeMissing, type Answer } from './join-http.js'

const OPTIONS = {
  server: { type: 'string' },
  job: { type: 'string' },
  token: { type: 'string' },
  member: { type: 'string' },
  role: { type: 'string' },
  index: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  timeout: { type: 'string' },
  print: { type: 'boolean' },
  'tf-config-file': { type: 'string' }
} as const

/** Exit codes of C.4. */
const EXPIRED = 3
const REFUSED = 4
const PROGRESS_EVERY_MS = 10_000
const MAX_BACKOFF_MS = 5_000

/**
 * `runconfig join` (COORDINATION.md C.4): joins the job, waits with long polls until every slot is
 * taken, then runs the command with TF_CONFIG set (or prints `export TF_CONFIG=…` with --print).
 * With --tf-config-file PATH, TF_CONFIG goes to that file instead, and the command gets
 * RUNCONFIG_TF_CONFIG_FILE=PATH: for a TF_CONFIG too large for the environment, which
 * examples/tf_config_shim.py then loads in Python.
 */
export async function joinCommand (argv: string[], env: CliEnv, io: CliIo): Promise<number> {
  const options = readOptions(argv, env)
  const base = `${options.server.replace(/\/+$/, '')}/v1/jobs/${encodeURIComponent(options.job)}/members/${encodeURIComponent(options.member)}`
  const until = Date.now() + options.timeoutSecs * 1000
  const token = options.token
  let backoff = 250
  // retries a transient failure with growing pauses until --timeout
  const persist = async (attempt: (remainingMs: number) => Promise<Answer | undefined>): Promise<Answer | undefined> => {
    for (;;) {
      const remaining = until - Date.now()
      if (remaining <= 0) return undefined
      const answer = await attempt(remaining)
      if (answer !== undefined) {
        backoff = 250
        return answer
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(backoff, Math.max(0, until - Date.now()))))
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)
    }
  }
  const joined = await persist(() => call(base, { method: 'PUT', token, body: options.body, timeoutMs: 30_000 }))
  if (joined === undefined) return fail(io, EXPIRED, `--timeout passed before the server took the join of ${options.member}`)
  if (joined.status === 410) return fail(io, EXPIRED, `round expired; missing: ${describeMissing(joined.body)}`)
  if (joined.status !== 200 && joined.status !== 201) return fail(io, REFUSED, `join refused (${joined.status}): ${String(joined.body.message)}`)
  io.stderr.write(`runconfig: joined ${options.job} as ${String(joined.body.role)} ${String(joined.body.index)} (round ${String(joined.body.round)})\n`)
  let lastProgress = 0
  let missing = ''
  for (;;) {
    const answer = await persist((remaining) => {
      const wait = Math.max(1, Math.min(60, Math.floor(remaining / 1000)))
      return call(`${base}/config?wait=${wait}`, { token, timeoutMs: (wait + 15) * 1000 })
    })
    if (answer === undefined) return fail(io, EXPIRED, `--timeout passed; missing: ${missing || 'unknown'}`)
    if (answer.status === 200) return await launch(answer.body.tf_config, options, env, io)
    if (answer.status === 410) return fail(io, EXPIRED, `round expired; missing: ${describeMissing(answer.body)}`)
    if (answer.status !== 202) return fail(io, REFUSED, `config refused (${answer.status}): ${String(answer.body.message)}`)
    missing = describeMissing(answer.body)
    if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = Date.now()
      io.stderr.write(`runconfig: ${String(answer.body.joined)}/${String(answer.body.expected)} in; missing: ${missing}\n`)
    }
    if (Date.now() >= until) return fail(io, EXPIRED, `--timeout passed; missing: ${missing}`)
  }
}

type JoinOptions = ReturnType<typeof readOptions>

function readOptions (argv: string[], env: CliEnv) {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals: command } = parsed
  const need = (name: string, value: string | undefined, variable?: string): string => {
    if (value === undefined || value === '') throw new UsageError(`join needs --${name}${variable === undefined ? '' : ` (or ${variable})`}`)
    return value
  }
  const integer = (name: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined
    if (!/^[0-9]+$/.test(value)) throw new UsageError(`--${name} must be a whole number, not ${value}`)
    return Number(value)
  }
  if (values.print === true && command.length > 0) throw new UsageError('join takes either --print or a command after --, not both')
  if (values.print !== true && command.length === 0) throw new UsageError('join needs a command after -- (or --print)')
  const index = integer('index', values.index)
  const port = integer('port', values.port)
  return {
    server: need('server', values.server ?? env.RUNCONFIG_SERVER, 'RUNCONFIG_SERVER'),
    job: need('job', values.job ?? env.RUNCONFIG_JOB, 'RUNCONFIG_JOB'),
    token: need('token', values.token ?? env.RUNCONFIG_TOKEN, 'RUNCONFIG_TOKEN'),
    member: need('member', values.member),
    body: {
      role: need('role', values.role),
      host: need('host', values.host),
      ...(index === undefined ? {} : { index }),
      ...(port === undefined ? {} : { port })
    },
    timeoutSecs: integer('timeout', values.timeout) ?? 86_400,
    print: values.print === true,
    tfConfigFile: values['tf-config-file'] === undefined ? undefined : resolve(need('tf-config-file', values['tf-config-file'])),
    command
  }
}

/** Runs the command with TF_CONFIG set (or in its file), signals forwarded; its exit status is ours. */
async function launch (tfConfig: unknown, options: JoinOptions, env: CliEnv, io: CliIo): Promise<number> {
  const text = JSON.stringify(tfConfig)
  let vars: Record<string, string | null> = { TF_CONFIG: text }
  if (options.tfConfigFile !== undefined) {
    try {
      writeFileSync(options.tfConfigFile, text)
    } catch (error) {
      return fail(io, 2, `cannot write --tf-config-file: ${(error as Error).message}`)
    }
    vars = { TF_CONFIG: null, RUNCONFIG_TF_CONFIG_FILE: options.tfConfigFile }
  }
  const bytes = environmentStringBytes('TF_CONFIG', text)
  const tooLarge = options.tfConfigFile === undefined && bytes > ENV_STRING_LIMIT
  const advice = `TF_CONFIG is ${bytes} bytes as an environment string, over Linux's limit of ${ENV_STRING_LIMIT} for one: ` +
    'use --tf-config-file PATH, and load it in Python with examples/tf_config_shim.py (docs/large-tf-config.md)'
  if (options.print) {
    if (tooLarge) io.stderr.write(`runconfig: warning: ${advice}\n`)
    io.stdout.write(shellLines(vars))
    return 0
  }
  // execve would refuse it (E2BIG): say why, rather than that the program cannot run
  if (tooLarge) return fail(io, 2, advice)
  const childEnv = { ...env }
  if (options.tfConfigFile === undefined) {
    childEnv.TF_CONFIG = text
  } else {
    delete childEnv.TF_CONFIG
    childEnv.RUNCONFIG_TF_CONFIG_FILE = options.tfConfigFile
  }
  const [program, ...args] = options.command
  const child = spawn(program, args, { stdio: 'inherit', env: childEnv })
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal)
  const onInt = forward('SIGINT')
  const onTerm = forward('SIGTERM')
  io.signals.on('SIGINT', onInt)
  io.signals.on('SIGTERM', onTerm)
  try {
    return await new Promise<number>((resolve) => {
      child.on('error', (error) => {
        io.stderr.write(`runconfig: cannot run ${program}: ${error.message}\n`)
        resolve(127)
      })
      child.on('exit', (code, signal) => resolve(code ?? 128 + signalNumber(signal)))
    })
  } finally {
    io.signals.off('SIGINT', onInt)
    io.signals.off('SIGTERM', onTerm)
  }
}

function signalNumber (signal: NodeJS.Signals | null): number {
  return signal === 'SIGINT' ? 2 : signal === 'SIGKILL' ? 9 : 15
}

function fail (io: CliIo, code: number, message: string): number {
  io.stderr.write(`runconfig: ${message}\n`)
  return code
}
