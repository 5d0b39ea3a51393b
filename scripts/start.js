// npm start: build if a build input changed since the last build (a no-op otherwise), then run
// the server in this same process, not a child: SIGTERM and SIGINT reach server.js's
// close-with-grace exactly as with `node dist/server.js`, and no node is left behind.
import module from 'node:module'
import { fileURLToPath } from 'node:url'
import { buildIfStale } from './build-if-stale.js'

const root = new URL('..', import.meta.url)
try {
  buildIfStale(fileURLToPath(root))
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
// Node 22.8+ keeps V8's compiled code between starts (in the system's temp folder, keyed by each
// file's path and contents): compiling the bundle is a fifth of a start on Node 24. Node 20 has none.
module.enableCompileCache?.()
// dist/bundle/server.js: dist/server.js in one file (scripts/bundle.js says why)
await import(new URL('dist/bundle/server.js', root).href)
