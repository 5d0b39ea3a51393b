// npm run build's second step: dist/server.js and what it imports, in one file (dist/bundle/server.js).
// Node loads some 400 small modules otherwise (fastify, typebox, kysely, ajv, ...): that loading
// was half the start-up's CPU once the route validators were precompiled. Plain JavaScript, like
// start.js; esbuild comes with tsx.
import { build } from 'esbuild'

/**
 * Left out of the bundle and loaded from node_modules: they find files next to their own code
 * (a native addon, Swagger UI's assets, pino's and piscina's worker threads). @fastify/swagger is
 * bundled: it reads its package.json only for the info app.ts gives (loading it from
 * node_modules cost 40 ms of each start).
 */
export const EXTERNAL = ['better-sqlite3', '@fastify/swagger-ui', 'pino', 'pino-pretty', 'piscina']

/**
 * Bundles `<dist>/server.js` into `<dist>/bundle/server.js`. The bundle stays one directory below
 * dist/, so that the URLs its code makes from import.meta.url (the plan worker's
 * ../workers/plan.js) still point into dist/.
 * @param {string} dist
 */
export async function bundleServer (dist) {
  await build({
    entryPoints: [`${dist}/server.js`],
    outfile: `${dist}/bundle/server.js`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    // the CommonJS packages inside call require() for Node's own modules
    banner: { js: "import { createRequire as bundleRequire } from 'node:module'\nconst require = bundleRequire(import.meta.url)" },
    logLevel: 'warning'
  })
}

// npm run build runs this file; the tests import bundleServer
/* c8 ignore next */
if (process.argv[1] === new URL(import.meta.url).pathname) await bundleServer(process.argv[2] ?? 'dist')
