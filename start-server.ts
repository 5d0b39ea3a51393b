import type closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.js'
import { postgresSettings, type Config } from './config.js'
import { parsePortRange } from './src/coordination/lease-rules.js'

/** close-with-grace as startServer calls it: tests pass a stand-in that exits nothing. */
export type Graceful = (options: closeWithGrace.Options, fn: closeWithGrace.CloseWithGraceAsyncCallback) => unknown

/** JSON lines in production; readable lines in a developer's terminal (pino-pretty is a devDependency). */
export function loggerOptions (config: Config, isTTY = process.stdout.isTTY, nodeEnv = process.env.NODE_ENV) {
  return { level: config.LOG_LEVEL, ...(isTTY && nodeEnv !== 'production' ? { transport: { target: 'pino-pretty' } } : {}) }
}

/** A started server: the app, the address it listens on, and when it has closed. */
export interface StartedServer {
  app: FastifyInstance
  address: string
  closed: Promise<void>
}

/**
 * The server as production runs it (server.ts and `runconfig serve`): the app with the configured
 * database and log level, listening on HOST:PORT. SIGTERM or SIGINT: stop listening, let the
 * requests in flight finish (at most 10 s), exit 0; a second signal exits at once (code 1).
 */
export async function startServer (config: Config, graceful: Graceful): Promise<StartedServer> {
  // limits and timeouts: buildApp's defaults (limits.ts)
  const app = await buildApp({
    databaseUrl: config.DATABASE_URL,
    adminToken: config.RUNCONFIG_ADMIN_TOKEN,
    portRange: parsePortRange(config.RUNCONFIG_PORT_RANGE),
    postgres: postgresSettings(config),
    logger: loggerOptions(config)
  })
  const closed = new Promise<void>((resolve) => app.addHook('onClose', async () => resolve()))
  graceful({ delay: 10_000, logger: app.log }, async function ({ signal, err }) {
    if (err !== undefined) app.log.error({ err }, 'closing after an error')
    else app.log.info({ signal }, 'closing')
    await app.close() // /readyz answers 503 from now on (plugins/shutdown.ts)
  })
  try {
    return { app, address: await app.listen({ port: config.PORT, host: config.HOST }), closed }
  } catch (error) {
    await app.close()
    throw error
  }
}
