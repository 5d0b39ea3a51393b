// Baseline: the framework's floor for POST /v1/run-config. A bare Fastify route that validates a
// small body ({ tf_config: object }) and returns the service's answer (BENCH_ANSWER, 1.3 kB of
// JSON) as a constant, serialized per request by JSON.stringify as the service's is.
import Fastify from 'fastify'

const ANSWER = JSON.parse(process.env.BENCH_ANSWER ?? '{}')
const app = Fastify({ logger: false })

app.post('/v1/run-config', {
  schema: { body: { type: 'object', properties: { tf_config: { type: 'object' } }, required: ['tf_config'] } }
}, async function resolveRunConfig () {
  return ANSWER
})

app.get('/', async function ready () { // polled until the server is up
  return { hello: 'world' }
})

await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' })
// exit (rather than die of the signal) so that --cpu-prof can write its profile
process.once('SIGTERM', () => process.exit(0))
