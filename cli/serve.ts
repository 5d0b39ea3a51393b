import { UsageError, type CliEnv, type CliIo } from './io.js'

/** `runconfig serve`: the HTTP API as server.ts runs it (config.ts's settings), until SIGINT or SIGTERM. */
export async function serveCommand (env: CliEnv, io: CliIo): Promise<number> {
  const { PORT = '8080' } = env
  // (readConfig refuses these too; a usage error says it the way the CLI's other errors do)
  if (!/^[0-9]{1,5}$/.test(PORT) || Number(PORT) > 65535) throw new UsageError(`PORT must be a port number, not ${PORT}`)
  // loaded only here: the other commands work without the HTTP stack
  const { readConfig } = await import('../config.js')
  const { startServer } = await import('../start-server.js')
  let config
  try {
    config = readConfig(env)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const server = await startServer(config, io.graceful)
  io.stderr.write(`runconfig: listening on ${server.address}\n`)
  await server.closed
  return 0
}
