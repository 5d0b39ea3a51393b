import { stringifyJson } from '../src/python/json-out.js'
import { dotenv } from '../src/formats/dotenv.js'
import { nodeVariables } from '../src/formats/node-variables.js'
import { shellLines } from '../src/formats/shell.js'
import { RunConfigError, resolveRunConfig, type Resolution } from '../src/index.js'
import { writeError } from './failures.js'
import { UsageError, type CliEnv, type CliIo } from './io.js'
import { parseArguments } from './request.js'

/** Options of `runconfig resolve`. */
export interface ResolveOptions {
  format: 'json' | 'ndjson' | 'dotenv' | 'shell'
  tfConfig?: string
  config?: string
}

/** `runconfig resolve`: one node, from its TF_CONFIG (`--tf-config`, else the environment's). */
export function resolveCommand (options: ResolveOptions, env: CliEnv, io: CliIo): number {
  const config = options.config === undefined ? {} : parseArguments(options.config)
  // unset stays unset (TensorFlow reads "{}"); an empty variable is TensorFlow's JSONDecodeError
  const tfConfig = options.tfConfig ?? env.TF_CONFIG
  let resolution: Resolution
  try {
    resolution = resolveRunConfig({ tf_config: tfConfig, config })
  } catch (error) {
    if (!(error instanceof RunConfigError)) throw error
    writeError(io, error)
    return 1
  }
  io.stdout.write(renderResolution(resolution, options.format, tfConfig))
  // the RunConfig is built, but train_and_evaluate would raise on this node
  const failure = resolution.train_and_evaluate.error
  if (failure === undefined) return 0
  writeError(io, failure)
  return 1
}

function renderResolution (resolution: Resolution, format: ResolveOptions['format'], tfConfig: string | undefined): string {
  if (format === 'json') return stringifyJson(resolution, 2) + '\n'
  if (format === 'ndjson') return stringifyJson(resolution) + '\n'
  const vars = nodeVariables(resolution, tfConfig)
  try {
    return format === 'dotenv' ? dotenv(vars) : shellLines(vars)
  } catch (error) {
    // a value no environment can hold (NUL, a lone surrogate): the node is fine, the format is not
    /* c8 ignore next: only a bug raises anything else, and it must surface */
    if (!(error instanceof RangeError)) throw error
    throw new UsageError(`${error.message}: use --format json`)
  }
}
