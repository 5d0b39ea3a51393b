import closeWithGrace from 'close-with-grace'
import { readConfig } from './config.js'
import { startServer } from './start-server.js'

await startServer(readConfig(), closeWithGrace)
