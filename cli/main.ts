import { inspect, parseArgs } from 'node:util'
import { HELP } from './help.js'
import { readInput, UsageError, type CliEnv, type CliIo } from './io.js'
import { joinCommand } from './join.js'
import { leaseCommand } from './lease.js'
import { lintCommand, lintNodeCommand, type LintOptions } from './lint.js'
import { planCommand, type PlanOptions } from './plan.js'
import { parseArguments, parsePlanRequest } from './request.js'
import { resolveCommand, type ResolveOptions } from './resolve.js'
import { serveCommand } from './serve.js'
import { packageVersion } from './version.js'

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'tf-config': { type: 'string' },
  config: { type: 'string' },
  task: { type: 'string' },
  'tf-config-dir': { type: 'string' },
  node: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' }
} as const

type OptionName = keyof typeof OPTIONS

// The HTTP API's format names; `env`, the CLI's first name for dotenv, still works
const FORMAT_ALIASES: Record<string, string> = { env: 'dotenv' }

// What each command takes: its options, how many operands (FILE), its formats (the first is the default)
const COMMANDS: Record<string, { options: OptionName[], operands: number, formats: string[] }> = {
  resolve: { options: ['format', 'tf-config', 'config'], operands: 0, formats: ['json', 'ndjson', 'dotenv', 'shell'] },
  plan: { options: ['format', 'task', 'tf-config-dir'], operands: 1, formats: ['json', 'ndjson', 'dotenv', 'shell', 'kubernetes'] },
  lint: { options: ['format', 'node', 'config'], operands: 1, formats: ['json', 'ndjson'] },
  serve: { options: [], operands: 0, formats: ['json'] }
}

/** Runs the CLI on argv (without node and the script); resolves to the exit code. */
export async function runCli (argv: string[], env: CliEnv, io: CliIo): Promise<number> {
  try {
    return await run(argv, env, io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`runconfig: ${error.message}\nTry 'runconfig --help'.\n`)
      return 2
    }
    io.stderr.write(`runconfig: ${inspect(error)}\n`)
    return 70
  }
}

async function run (argv: string[], env: CliEnv, io: CliIo): Promise<number> {
  if (argv[0] === 'join') return await joinCommand(argv.slice(1), env, io)
  if (argv[0] === 'lease') return await leaseCommand(argv.slice(1), env, io)
  const { values, positionals } = parseCommandLine(argv)
  if (values.help === true) {
    io.stdout.write(HELP)
    return 0
  }
  if (values.version === true) {
    io.stdout.write(`runconfig ${packageVersion()}\n`)
    return 0
  }
  const [command, ...operands] = positionals
  if (command === undefined) throw new UsageError('missing command: resolve, plan, lint, serve, join or lease')
  if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(`unknown command: ${command}`)
  const takes = COMMANDS[command]
  for (const name of Object.keys(values)) {
    if (!takes.options.includes(name as OptionName)) throw new UsageError(`${command} takes no --${name}`)
  }
  if (operands.length !== takes.operands) {
    throw new UsageError(takes.operands === 0 ? `${command} takes no operand` : `${command} takes one FILE (- for stdin)`)
  }
  const format = FORMAT_ALIASES[values.format ?? ''] ?? values.format ?? takes.formats[0]
  if (!takes.formats.includes(format)) throw new UsageError(`${command} has no format ${values.format ?? format}: ${takes.formats.join(', ')}`)
  switch (command) {
    case 'resolve':
      return resolveCommand({ format: format as ResolveOptions['format'], tfConfig: values['tf-config'], config: values.config }, env, io)
    case 'plan':
      return planCommand(await readRequest(operands[0], io),
        { format: format as PlanOptions['format'], task: values.task, tfConfigDir: values['tf-config-dir'] }, io)
    case 'lint':
      if (values.node === true) {
        const config = values.config === undefined ? {} : parseArguments(values.config)
        return lintNodeCommand(await readInput(operands[0], io), config, { format: format as LintOptions['format'] }, io)
      }
      if (values.config !== undefined) throw new UsageError('lint takes --config with --node only: a cluster\'s FILE holds its config')
      return lintCommand(await readRequest(operands[0], io), { format: format as LintOptions['format'] }, io)
    default:
      return await serveCommand(env, io)
  }
}

function parseCommandLine (argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    // parseArgs throws only for the command line: unknown option, missing value, ...
    throw new UsageError((error as Error).message)
  }
}

async function readRequest (file: string, io: CliIo) {
  return parsePlanRequest(await readInput(file, io), file === '-' ? 'stdin' : file)
}
