import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

const DOCS_PREFIX = '/docs'
// hop-by-hop or recomputed by this reply: not copied from Swagger UI's
const NOT_COPIED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length'])

const docs: FastifyPluginAsyncTypebox = async (app) => {
  // Swagger UI (its module, @fastify/static, its assets) was a fifth of the start-up, for a page no
  // launcher asks for: it is built on the first visit to /docs, in an instance of its own that
  // reads this app's document, and each visit is passed on to it.
  let ui: Promise<FastifyInstance> | undefined
  const swaggerUi = () => (ui ??= buildSwaggerUi(app.swagger.bind(app)).catch((error: unknown) => {
    ui = undefined // a failed load is tried again on the next visit, not remembered
    throw error
  }))
  app.addHook('onClose', async () => { if (ui !== undefined) await (await ui.catch(() => undefined))?.close() })

  async function serveDocs (request: FastifyRequest, reply: FastifyReply) {
    const answer = await (await swaggerUi()).inject({ method: request.method as 'GET' | 'HEAD', url: request.url, headers: request.headers })
    // a missing asset is this app's 404, in its error shape
    if (answer.statusCode === 404) return reply.callNotFound()
    for (const [name, value] of Object.entries(answer.headers)) if (!NOT_COPIED.has(name) && value !== undefined) reply.header(name, value)
    // (a redirect or a 304 has no body: none is sent, nor a content type for it)
    return reply.code(answer.statusCode).send(answer.rawPayload.length > 0 ? answer.rawPayload : undefined)
  }
  app.get(DOCS_PREFIX, { schema: { hide: true } }, serveDocs)
  app.get(`${DOCS_PREFIX}/*`, { schema: { hide: true } }, serveDocs)

  app.get('/openapi.json', { schema: { hide: true } }, async function getOpenApi () {
    return app.swagger()
  })
}

/** Swagger UI under /docs, its document (JSON and YAML) the app's: `document` is the app's `swagger()`. */
async function buildSwaggerUi (document: FastifyInstance['swagger']): Promise<FastifyInstance> {
  const { default: swaggerUi } = await import('@fastify/swagger-ui')
  const ui = Fastify({ logger: false })
  // what Swagger UI needs of @fastify/swagger: the document, under its name
  await ui.register(fp(async (instance) => { instance.decorate('swagger', document) }, { name: '@fastify/swagger' }))
  // the page's title is the service's, not Swagger UI's
  await ui.register(swaggerUi, { routePrefix: DOCS_PREFIX, theme: { title: 'runconfig-service: API documentation' } })
  await ui.ready()
  return ui
}

export default docs
