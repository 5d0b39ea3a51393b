import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import Fastify from 'fastify'
import errors from '../../plugins/errors.js'
import jsonBody from '../../plugins/json-body.js'
import planWorkers from '../../plugins/plan-workers.js'

// The plan workers' plugin on the pool's stand-in worker (test/workers/fixtures/test-worker.mjs),
// over a real socket: a client that goes away is a socket closing. Every step waits for an event
// (a job held on the worker, a job queued, a log line), never for time.

const file = new URL('../workers/fixtures/test-worker.mjs', import.meta.url)

interface LogLine { level: number, msg: string, err?: { type: string } }

t.test('a job dropped because its client went away is a warning (499), not an error-level 500', async (t) => {
  const lines: LogLine[] = []
  const seen = new Map<string, () => void>()
  const logged = (msg: string) => new Promise<LogLine>((resolve) => {
    const found = lines.find((line) => line.msg === msg)
    if (found !== undefined) resolve(found)
    else seen.set(msg, () => resolve(lines.find((line) => line.msg === msg) as LogLine))
  })
  const stream = {
    write (text: string) {
      const line = JSON.parse(text) as LogLine
      lines.push(line)
      seen.get(line.msg)?.()
    }
  }
  const app = Fastify({ logger: { level: 'info', stream } })
  t.teardown(() => app.close())
  await app.register(errors)
  await app.register(jsonBody)
  await app.register(planWorkers, { file, size: 1, inProcessMaxCost: -1, jobTimeoutMs: 3_600_000 })

  // the job's text comes from a header: the stand-in worker reads commands (`hold NAME`) there
  const queued = new Map<string, () => void>()
  const refusals: unknown[] = []
  app.post('/job', async function job (request, reply) {
    const name = String(request.headers['x-job'])
    request.jsonText = name
    // answer() has queued the job, and listens for its client's going, by the time it returns
    const answer = app.planWorkers.answer(request, reply, { op: 'lint' }, 1)
    queued.get(name)?.()
    try {
      return await answer
    } catch (error) {
      refusals.push(error)
      throw error
    }
  })
  const whenQueued = (name: string) => new Promise<void>((resolve) => queued.set(name, resolve))
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo

  const channel = new BroadcastChannel('test-worker')
  t.teardown(() => channel.close())
  const holding = new Promise<void>((resolve) => {
    channel.onmessage = (event) => { if ((event as MessageEvent).data === 'holding running') resolve() }
  })

  const send = (name: string): { sent: ClientRequest, answered: Promise<IncomingMessage> } => {
    const sent = httpRequest({ port, host: '127.0.0.1', method: 'POST', path: '/job', headers: { 'content-type': 'application/json', 'x-job': name } })
    const answered = new Promise<IncomingMessage>((resolve, reject) => {
      sent.on('response', resolve)
      sent.on('error', reject)
    })
    sent.end('{}')
    return { sent, answered }
  }

  // the only worker holds the first job: the second waits for its turn, and its client leaves
  const running = send('hold running')
  await holding
  const leaving = send('never')
  leaving.answered.catch(() => {}) // its socket is destroyed below: no answer comes
  await whenQueued('never')
  leaving.sent.destroy()

  const warning = await logged('the client went away before its plan ran')
  t.equal(warning.level, 40, 'logged at warn')
  t.equal(warning.err?.type, 'JobDroppedError')

  channel.postMessage('release running')
  const answer = await running.answered
  t.equal(answer.statusCode, 200, 'the running job is answered')
  answer.resume()
  // the refusal was handled (in microtasks after the warning) long before the worker's answer came
  t.match(refusals, [{ statusCode: 499, code: 'CLIENT_GONE' }], 'the error handler answers it as the client\'s going, not a failure')
  t.notOk(lines.some((line) => line.level >= 50), 'nothing at error level')
})
