import t from 'tap'
import { postgresSettings, readConfig } from '../config.js'
import { POSTGRES_LIMITS } from '../limits.js'

const DATABASE_DEFAULTS = { DATABASE_URL: 'sqlite:data/runconfig.db', DATABASE_POOL_MAX: 10, DATABASE_STATEMENT_TIMEOUT_MS: 5000, DATABASE_CONNECT_TIMEOUT_MS: 5000 }

t.test('readConfig applies the defaults', async (t) => {
  t.same(readConfig({}), { PORT: 8080, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...DATABASE_DEFAULTS, RUNCONFIG_PORT_RANGE: '20000-29999' })
})

t.test('readConfig converts and keeps only its variables', async (t) => {
  t.same(readConfig({ PORT: '8099', HOST: '0.0.0.0', LOG_LEVEL: 'warn', PATH: '/bin' }), { PORT: 8099, HOST: '0.0.0.0', LOG_LEVEL: 'warn', ...DATABASE_DEFAULTS, RUNCONFIG_PORT_RANGE: '20000-29999' })
})

t.test('readConfig reads the PostgreSQL pool and timeouts', async (t) => {
  t.match(readConfig({ DATABASE_POOL_MAX: '4', DATABASE_STATEMENT_TIMEOUT_MS: '2000', DATABASE_CONNECT_TIMEOUT_MS: '1500' }),
    { DATABASE_POOL_MAX: 4, DATABASE_STATEMENT_TIMEOUT_MS: 2000, DATABASE_CONNECT_TIMEOUT_MS: 1500 })
  t.throws(() => readConfig({ DATABASE_POOL_MAX: '0' }), /DATABASE_POOL_MAX must be >= 1/)
  t.same(postgresSettings(readConfig({ DATABASE_POOL_MAX: '4' })), { ...POSTGRES_LIMITS, poolMax: 4 })
})

t.test('readConfig rejects a port that is not a number', async (t) => {
  t.throws(() => readConfig({ PORT: 'abc' }), /PORT must be integer/)
})

t.test('readConfig rejects an unknown log level', async (t) => {
  t.throws(() => readConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL must be equal to one of the allowed values/)
})

t.test('readConfig reads process.env by default', async (t) => {
  t.equal(typeof readConfig().PORT, 'number')
})
