import type { EventEmitter } from 'node:events'
import { UsageError, type CliEnv, type CliIo } from './io.js'

// SPEC A.7's defaults
const DEFAULTS = { PORT: '8080', HOST: '127.0.0.1', LOG_LEVEL: 'info' }

/** `runconfig serve`: the HTTP API on HOST:PORT (SPEC A.7 defaults) until SIGINT or SIGTERM. */
export async function serveCommand (env: CliEnv, io: CliIo): Promise<number> {
  const { PORT, HOST, LOG_LEVEL } = { ...DEFAULTS, ...env }
  if (!/^[0-9]{1,5}$/.test(PORT) || Number(PORT) > 65535) throw new UsageError(`PORT must be a port number, not ${PORT}`)
  // loaded only here: the other commands work without the HTTP stack
  const { readConfig } = await import('../config.js')
  try {
    readConfig({ ...env, PORT, HOST, LOG_LEVEL })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { buildApp } = await import('../app.js')
  const app = await buildApp({ logger: { level: LOG_LEVEL } })
  try {
    const address = await app.listen({ port: Number(PORT), host: HOST })
    io.stderr.write(`runconfig: listening on ${address}\n`)
    await untilSignal(io.signals)
  } finally {
    await app.close()
  }
  return 0
}

function untilSignal (signals: EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      signals.off('SIGINT', stop)
      signals.off('SIGTERM', stop)
      resolve()
    }
    signals.on('SIGINT', stop)
    signals.on('SIGTERM', stop)
  })
}
