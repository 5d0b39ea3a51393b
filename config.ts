import { Type, type Static } from 'typebox'
import { Value } from 'typebox/value'
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
  // only the variables the schema names (the rest of the environment is not ours), numbers as numbers
  const given: Record<string, unknown> = {}
  for (const [name, schema] of Object.entries(ConfigSchema.properties)) {
    const text = env[name]
    if (text !== undefined) given[name] = 'type' in schema && schema.type === 'integer' ? asNumber(text) : text
  }
  const config = Value.Default(ConfigSchema, given)
  if (Value.Check(ConfigSchema, config)) return config
  // the first error is the one to name
  const [first] = Value.Errors(ConfigSchema, config) as unknown as SettingError[]
  const name = first.instancePath.slice(1)
  const allowed = first.params.allowedValues as string[] | undefined
  const rule = allowed === undefined ? first.message : `must be one of ${allowed.join(', ')}`
  throw new Error(`invalid setting: ${name} ${rule} (got ${JSON.stringify(env[name])})`)
}

/** Decimal digits as their number (then checked as an integer in range); anything else ("", " 80", "1e3", "0x10", "Infinity") stays text, refused as not an integer. */
function asNumber (text: string): number | string {
  return /^[0-9]+$/.test(text) ? Number(text) : text
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
