import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { sendError } from '../plugins/errors.js'

export interface WebOptions {
  /** The folder `npm run build:web` writes (scripts/web-bundle.ts); default dist/public. */
  root?: string
}

interface PageFile { body: Buffer, type: string, etag: string }

const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8'
}
const ASSETS = new Set(['app.js', 'app.css'])
// the page loads its own script and style and talks to this service only
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
const NOT_BUILT = 'The web view is not built: run npm run build:web (npm run build and npm start do)'

/** dist/public from the compiled routes/web.js, and from routes/web.ts when run from source. */
export function defaultRoot (moduleUrl: string): string {
  return fileURLToPath(new URL(moduleUrl.endsWith('.ts') ? '../dist/public/' : '../public/', moduleUrl))
}

async function loadPage (root: string): Promise<Map<string, PageFile> | null> {
  try {
    const files = new Map<string, PageFile>()
    for (const [name, type] of Object.entries(FILES)) {
      const body = await readFile(join(root, name))
      files.set(name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` })
    }
    return files
  } catch {
    return null
  }
}

const web: FastifyPluginAsyncTypebox<WebOptions> = async (app, { root = defaultRoot(import.meta.url) }) => {
  const files = await loadPage(root)
  if (files === null) app.log.warn({ root }, 'web view not built')

  function send (name: string, request: FastifyRequest, reply: FastifyReply) {
    if (files === null) return sendError(reply, 503, NOT_BUILT)
    const file = files.get(name) as PageFile
    // revalidated on every load: a rebuilt page is never served stale
    reply.header('cache-control', 'no-cache').header('etag', file.etag)
      .header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer')
    if (name === 'index.html') reply.header('content-security-policy', CSP)
    if (request.headers['if-none-match'] === file.etag) return reply.code(304).send()
    return reply.type(file.type).send(file.body)
  }

  const hide = { schema: { hide: true } }
  app.get('/', hide, async function getPlanPage (request, reply) {
    return send('index.html', request, reply)
  })
  app.get('/jobs/:job', hide, async function getJobPage (request, reply) {
    return send('index.html', request, reply)
  })
  app.get<{ Params: { file: string } }>('/assets/:file', hide, async function getPageAsset (request, reply) {
    if (!ASSETS.has(request.params.file)) return reply.callNotFound()
    return send(request.params.file, request, reply)
  })
}

export default web
