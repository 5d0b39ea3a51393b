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

/** The server's settings from environment variables (defaults applied, strings converted); throws when invalid. */
export function readConfig (env: Record<string, string | undefined> = process.env): Config {
  return envSchema<Config>({ schema: structuredClone(ConfigSchema), data: env, env: false })
}
