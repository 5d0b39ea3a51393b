import { Agent } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { bigCluster, buildWith } from './helper.js'
import { assertDrains, requestsFor, send, SOURCE, startServer } from './server-process.js'

// Graceful shutdown on a real listener (server.ts, loopback): on SIGTERM new connections are
// refused, idle keep-alive ones closed, every request in flight answered (with Connection: close),
// then the process exits 0 by itself; a second signal exits at once, cutting what is in flight.

t.test('SIGTERM drains the server, then it exits 0', async (t) => {
  const server = await startServer(t, SOURCE)
  await assertDrains(t, server, 3)
})

t.test('a second signal exits at once', async (t) => {
  const server = await startServer(t, SOURCE)
  const agent = new Agent({ keepAlive: true })
  t.teardown(() => agent.destroy())
  const long = send(server.port, agent, 'POST', '/v1/cluster-plan', JSON.stringify({ cluster: bigCluster(100_000) })).catch((error: Error) => error)
  await server.logged(() => requestsFor(server, '/v1/cluster-plan') === 1)
  server.child.kill('SIGTERM')
  await server.logged((line) => line.msg === 'closing')
  server.child.kill('SIGINT')
  const exit = await server.exited
  t.same([exit.code, exit.signal], [1, null], 'exit code 1')
  // cut, not answered: the process did not wait for the plan in flight
  t.match(await long, { code: 'ECONNRESET' }, 'the request in flight is cut')
  t.match(server.logs.find((line) => line.msg === 'second SIGINT, exiting'), { level: 50 })
})

t.test('while draining, answers close their connection and /readyz would be a 503', async (t) => {
  const app = await buildWith(t, {})
  let entered = () => {}
  const inHandler = new Promise<void>((resolve) => { entered = resolve })
  let release = () => {}
  const gate = new Promise<void>((resolve) => { release = resolve })
  app.get('/slow', async () => {
    entered()
    await gate
    return { done: true }
  })
  const slow = app.inject({ method: 'GET', url: '/slow' })
  await inHandler
  t.notOk(app.isDraining)
  const closing = app.close()
  while (!app.isDraining) await sleep(1) // close() runs its preClose hooks on later ticks
  t.ok(app.isDraining, '/readyz answers 503 (test/routes/health.test.ts); on a real listener, new connections are refused')
  release()
  const res = await slow
  t.same([res.statusCode, res.json(), res.headers.connection], [200, { done: true }, 'close'])
  await closing
})
