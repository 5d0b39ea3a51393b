import swaggerUi from '@fastify/swagger-ui'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

const docs: FastifyPluginAsyncTypebox = async (app) => {
  // the page's title is the service's, not Swagger UI's
  await app.register(swaggerUi, { routePrefix: '/docs', theme: { title: 'runconfig-service: API documentation' } })
  app.get('/openapi.json', { schema: { hide: true } }, async function getOpenApi () {
    return app.swagger()
  })
}

export default docs
