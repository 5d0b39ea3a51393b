// The service with POST /v1/run-config's handler short-circuited: its body parser, validation,
// hooks, logging and serializer, then the constant answer (BENCH_ANSWER) instead of the core.
// Its plumbing's cost, above the floor (floor-fastify.ts).
import { buildApp } from '../../dist/app.js'

const ANSWER = JSON.parse(process.env.BENCH_ANSWER ?? '{}')
const app = await buildApp({ logger: { level: process.env.LOG_LEVEL ?? 'info' } })
// a preHandler runs after the body is parsed and validated, where the handler would
app.addHook('preHandler', async function shortCircuit (request, reply) {
  if (request.routeOptions.url === '/v1/run-config' && request.method === 'POST') return reply.send(ANSWER)
})

await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' })
process.once('SIGTERM', () => { app.close().then(() => process.exit(0), () => process.exit(1)) })
