import { fileURLToPath } from 'node:url'
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
  t.throws(() => readConfig({ PORT: 'abc' }), { message: 'invalid setting: PORT must be integer (got "abc")' })
  t.throws(() => readConfig({ PORT: '70000' }), { message: 'invalid setting: PORT must be <= 65535 (got "70000")' })
})

t.test('readConfig takes a number only as decimal digits: no blank, no exponent, no hex, no infinity', async (t) => {
  for (const text of ['', ' ', ' 80', '1e3', '0x10', '1.5', '-1', 'Infinity', 'true']) {
    t.throws(() => readConfig({ PORT: text }), { message: `invalid setting: PORT must be integer (got ${JSON.stringify(text)})` }, text)
  }
  t.equal(readConfig({ PORT: '08' }).PORT, 8)
  t.throws(() => readConfig({ DATABASE_POOL_MAX: 'Infinity' }), { message: 'invalid setting: DATABASE_POOL_MAX must be integer (got "Infinity")' })
})

t.test('readConfig rejects an unknown log level', async (t) => {
  t.throws(() => readConfig({ LOG_LEVEL: 'loud' }),
    { message: 'invalid setting: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")' })
})

t.test('readConfig reads process.env by default', async (t) => {
  t.equal(typeof readConfig().PORT, 'number')
})

t.test('the server refuses an invalid setting in one line, without a stack trace', async (t) => {
  const { spawnSync } = await import('node:child_process')
  const server = fileURLToPath(new URL('../server.ts', import.meta.url))
  const result = spawnSync(process.execPath, ['--import', 'tsx', server], {
    env: { ...process.env, LOG_LEVEL: 'verbose', _TAPJS_PROCESSINFO_COVERAGE_: '0' }, encoding: 'utf8'
  })
  t.equal(result.status, 1)
  t.equal(result.stderr, 'runconfig-service: invalid setting: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")\n')
})
