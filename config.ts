import { envSchema } from 'env-schema'
import { Type, type Static } from 'typebox'
import { POSTGRES_LIMITS } from './limits.js'
import { DEFAULT_PORT_RANGE } from './src/coordination/lease-rules.js'
import type { PostgresSettings } from './src/store/pg-settings.js'
import { DEFAULT_DATABASE_URL } from './src/store/url.js'

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080, description: 'TCP port to listen on' }),
  HOST: Type.String({ default: '127.0.0.1', description: 'Address to listen on (0.0.0.0 in the container)' }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  DATABASE_URL: Type.String({
    default: DEFAULT_DATABASE_URL,
    description: 'Where the state lives: sqlite:<file> (default data/runconfig.db), sqlite::memory:, postgres://…'
  }),
  // PostgreSQL only; limits.ts POSTGRES_LIMITS says why the defaults
  DATABASE_POOL_MAX: Type.Integer({ minimum: 1, maximum: 1000, default: POSTGRES_LIMITS.poolMax, description: 'Connections per replica' }),
  DATABASE_STATEMENT_TIMEOUT_MS: Type.Integer({ minimum: 100, default: POSTGRES_LIMITS.statementTimeoutMs, description: 'A statement running longer is cancelled (503)' }),
  DATABASE_CONNECT_TIMEOUT_MS: Type.Integer({ minimum: 100, default: POSTGRES_LIMITS.connectTimeoutMs, description: 'Opening or waiting for a connection longer is a 503' }),
  RUNCONFIG_ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 1, description: 'When set, creating leases and managing jobs needs Authorization: Bearer <it>' })),
  RUNCONFIG_PORT_RANGE: Type.String({
    default: DEFAULT_PORT_RANGE,
    pattern: '^[0-9]{1,5}-[0-9]{1,5}$',
    description: 'FIRST-LAST: the ports leases are picked from (C.5)'
  })
})
export type Config = Static<typeof ConfigSchema>

/**
 * The server's settings from environment variables (defaults applied, strings converted); throws
 * when one is invalid, with a one-line message naming it, what it must be, and what it was.
 */
export function readConfig (env: Record<string, string | undefined> = process.env): Config {
  try {
    return envSchema<Config>({ schema: structuredClone(ConfigSchema), data: env, env: false })
  } catch (error) {
    // env-schema throws only its validation errors, the first of them is the one to name
    const [first] = (error as { errors: SettingError[] }).errors
    const name = first.instancePath.slice(1)
    const allowed = first.params.allowedValues as string[] | undefined
    const rule = allowed === undefined ? first.message : `must be one of ${allowed.join(', ')}`
    throw new Error(`invalid setting: ${name} ${rule} (got ${JSON.stringify(env[name])})`)
  }
}

interface SettingError { instancePath: string, message: string, params: Record<string, unknown> }

/** How the PostgreSQL store uses its database: the DATABASE_* variables over limits.ts POSTGRES_LIMITS. */
export function postgresSettings (config: Config): PostgresSettings {
  return {
    ...POSTGRES_LIMITS,
    poolMax: config.DATABASE_POOL_MAX,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS
  }
}
