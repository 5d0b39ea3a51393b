import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { postgresSettings, readConfig, type Config } from './config.js'
import { parsePortRange } from './src/coordination/lease-rules.js'

let config: Config
try {
  config = readConfig()
} catch (error) {
  // a setting the operator got wrong: say which, in one line, and no stack trace
  process.stderr.write(`runconfig-service: ${(error as Error).message}\n`)
  process.exit(1)
}
// limits and timeouts: buildApp's defaults (limits.ts)
const app = await buildApp({
  databaseUrl: config.DATABASE_URL,
  adminToken: config.RUNCONFIG_ADMIN_TOKEN,
  portRange: parsePortRange(config.RUNCONFIG_PORT_RANGE),
  postgres: postgresSettings(config),
  logger: {
    level: config.LOG_LEVEL,
    // JSON lines in production; readable lines in a developer's terminal (pino-pretty is a devDependency)
    ...(process.stdout.isTTY && process.env.NODE_ENV !== 'production' ? { transport: { target: 'pino-pretty' } } : {})
  }
})

// SIGTERM or SIGINT: stop listening, let the requests in flight finish (at most 10 s), exit 0.
// A second signal exits at once (code 1).
closeWithGrace({ delay: 10_000, logger: app.log }, async function ({ signal, err }) {
  if (err !== undefined) app.log.error({ err }, 'closing after an error')
  else app.log.info({ signal }, 'closing')
  await app.close() // /readyz answers 503 from now on (plugins/shutdown.ts)
})

await app.listen({ port: config.PORT, host: config.HOST })
