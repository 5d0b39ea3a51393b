import t from 'tap'
import { readConfig } from '../config.js'

t.test('readConfig applies the defaults', async (t) => {
  t.same(readConfig({}), { PORT: 8080, HOST: '127.0.0.1', LOG_LEVEL: 'info', DATABASE_URL: 'sqlite:data/runconfig.db' })
})

t.test('readConfig converts and keeps only its variables', async (t) => {
  t.same(readConfig({ PORT: '8099', HOST: '0.0.0.0', LOG_LEVEL: 'warn', PATH: '/bin' }), { PORT: 8099, HOST: '0.0.0.0', LOG_LEVEL: 'warn', DATABASE_URL: 'sqlite:data/runconfig.db' })
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
