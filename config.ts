import { envSchema } from 'env-schema'
import { Type, type Static } from 'typebox'
import { DEFAULT_DATABASE_URL } from './src/store/url.js'

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080, description: 'TCP port to listen on' }),
  HOST: Type.String({ default: '127.0.0.1', description: 'Address to listen on (0.0.0.0 in the container)' }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  DATABASE_URL: Type.String({
    default: DEFAULT_DATABASE_URL,
    description: 'Where the state lives: sqlite:<file> (default data/runconfig.db), sqlite::memory:, postgres://…'
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
