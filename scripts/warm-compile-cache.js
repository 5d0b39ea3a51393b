// The image's build stage runs this (Dockerfile): it starts the bundled server once with
// NODE_COMPILE_CACHE=<dir> and stops it once it listens, so that the image ships V8's compiled
// code for the bundle (Node 22+; entries keyed by each file's path and contents). Each container's
// first start then skips compiling the bundle: a fifth of a start on Node 24. It fails when the
// server does not start. Plain JavaScript.
import { spawn } from 'node:child_process'
import module from 'node:module'

const [dir, entry = 'dist/bundle/server.js'] = process.argv.slice(2)
if (dir === undefined) {
  console.error('usage: node scripts/warm-compile-cache.js <cache dir> [entry]')
  process.exit(2)
}
// the server is started either way: the build step also proves that the image's server starts
if (typeof module.enableCompileCache !== 'function') console.error(`Node ${process.version} keeps no compile cache: nothing to warm`)
const server = spawn(process.execPath, [entry], {
  env: { ...process.env, NODE_COMPILE_CACHE: dir, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'info' },
  stdio: ['ignore', 'pipe', 'inherit']
})
// (the server's first log line once it listens; it writes the cache as it exits)
const giveUp = setTimeout(() => { server.kill('SIGKILL') }, 60_000)
let output = ''
server.stdout.setEncoding('utf8').on('data', (chunk) => {
  output += chunk
  if (output.includes('Server listening')) server.kill('SIGTERM')
})
server.once('exit', (code, signal) => {
  clearTimeout(giveUp)
  if (code !== 0) {
    console.error(`the server ended with ${signal ?? `exit code ${code}`} before the cache was written:\n${output}`)
    process.exit(1)
  }
})
