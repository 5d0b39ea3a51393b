import closeWithGrace from 'close-with-grace'
import { readConfig, type Config } from './config.js'
import { startServer } from './start-server.js'

let config: Config
try {
  config = readConfig()
} catch (error) {
  // a setting the operator got wrong: say which, in one line, and no stack trace
  process.stderr.write(`runconfig-service: ${(error as Error).message}\n`)
  process.exit(1)
}
await startServer(config, closeWithGrace)
