import t from 'tap'
import { readConfig } from '../config.js'
import { loggerOptions } from '../start-server.js'

// startServer itself runs in test/cli/serve.test.ts (in-process) and test/hardening (server.ts)

t.test('logs: JSON lines, readable ones in a developer\'s terminal', async (t) => {
  const config = readConfig({ LOG_LEVEL: 'warn' })
  t.same(loggerOptions(config, false, undefined), { level: 'warn' })
  t.same(loggerOptions(config, true, 'production'), { level: 'warn' })
  t.same(loggerOptions(config, true, undefined), { level: 'warn', transport: { target: 'pino-pretty' } })
})
