import { connect, type AddressInfo, type Socket } from 'node:net'
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildWith } from './helper.js'

// Raw sockets against a real listener (loopback): slow clients are cut off, broken HTTP gets the
// error shape too. Short timeouts here; limits.test.ts checks the production ones. Only lower
// bounds on when: timers never fire early, but a busy machine may fire them late.

interface Exchange {
  /** Everything the server wrote. */
  received: string
  /** From the first byte sent until the server closed the connection, ms. */
  ms: number
}

/** Sends `chunks` (a string is one chunk) one every `everyMs`, until the server closes the connection. */
function exchange (app: FastifyInstance, chunks: string[], everyMs: number): Promise<Exchange> {
  const { port } = app.server.address() as AddressInfo
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1')
    const start = Date.now()
    let received = ''
    let next = 0
    const timer = setInterval(() => {
      if (next < chunks.length && socket.writable) socket.write(chunks[next++])
    }, everyMs)
    socket.on('data', (data) => { received += data.toString('latin1') })
    socket.on('error', reject)
    socket.on('close', () => {
      clearInterval(timer)
      resolve({ received, ms: Date.now() - start })
    })
  })
}

const bytes = (text: string) => text.split('')
const TIMEOUT_ANSWER = '{"error":"Request Timeout","message":"Client Timeout","statusCode":408}'

t.test('slow and broken clients', async (t) => {
  const app = await buildWith(t, {
    http: { headersTimeout: 500, connectionsCheckingInterval: 100 },
    requestTimeout: 1_000,
    keepAliveTimeout: 300
  })
  await app.listen({ port: 0, host: '127.0.0.1' })

  t.test('headers trickled a byte at a time are cut off after headersTimeout', async (t) => {
    const { received, ms } = await exchange(app, bytes('GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ' + 'a'.repeat(1_000)), 20)
    t.ok(ms >= 500, `closed after ${ms} ms, not before headersTimeout`)
    t.match(received, /^HTTP\/1\.1 408 Request Timeout\r\n/)
    t.ok(received.endsWith(`\r\n\r\n${TIMEOUT_ANSWER}`), 'the error shape')
  })

  t.test('a body trickled a byte at a time is cut off after requestTimeout', async (t) => {
    const head = 'POST /v1/run-config HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n'
    const { received, ms } = await exchange(app, [head, ...bytes('{"config": {"model_dir": "' + 'm'.repeat(900))], 20)
    t.ok(ms >= 1_000, `closed after ${ms} ms, not before requestTimeout`)
    t.match(received, /^HTTP\/1\.1 408 Request Timeout\r\n/)
    t.ok(received.endsWith(TIMEOUT_ANSWER))
  })

  t.test('an idle keep-alive connection is closed after keepAliveTimeout', async (t) => {
    const { received, ms } = await exchange(app, ['GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n'], 10)
    t.match(received, /^HTTP\/1\.1 200 OK\r\n[^]*Connection: keep-alive\r\n[^]*\{"status":"ok"\}$/)
    t.ok(ms >= 300, `closed after ${ms} ms, not before keepAliveTimeout`)
  })

  t.test('headers over 16 kB are a 431 in the error shape, saying to POST the TF_CONFIG instead', async (t) => {
    const { received } = await exchange(app, [`GET /v1/run-config?tf_config=${'b'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`], 10)
    t.match(received, /^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/)
    t.ok(received.endsWith(JSON.stringify({
      error: 'Request Header Fields Too Large',
      message: 'The request line and headers exceed 16 KiB: a TF_CONFIG this large does not fit a query string. Instead: POST it ' +
        'as the body, {"tf_config": ...}, to /v1/run-config (or /v1/run-config/exports for shell, dotenv or kubernetes)',
      statusCode: 431
    })), received.slice(-300))
  })

  t.test('a request line that is not HTTP is a 400 in the error shape', async (t) => {
    const { received } = await exchange(app, ['HELLO\r\n\r\n'], 10)
    t.match(received, /^HTTP\/1\.1 400 Bad Request\r\n/)
    t.ok(received.endsWith('{"error":"Bad Request","message":"Client Error","statusCode":400}'))
  })

  t.test('the server answers on', async (t) => {
    const res = await fetch(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/healthz`)
    t.same([res.status, await res.json()], [200, { status: 'ok' }])
  })
})
