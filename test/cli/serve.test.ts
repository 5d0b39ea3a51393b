import { EventEmitter, once } from 'node:events'
import { createServer, type AddressInfo } from 'node:net'
import t from 'tap'
import { cli, usage } from './helper.js'

const ENV = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATABASE_URL: 'sqlite::memory:' }

for (const signal of ['SIGTERM', 'SIGINT']) {
  t.test(`serve: the HTTP API on HOST:PORT until ${signal}`, async (t) => {
    const signals = new EventEmitter()
    let listening = (address: string): void => { t.fail(address) }
    const ready = new Promise<string>((resolve) => { listening = resolve })
    const run = cli(['serve'], {
      env: ENV,
      signals,
      onStderr: (text) => listening(/listening on (\S+)/.exec(text)?.[1] ?? text)
    })
    const address = await ready
    t.match(address, /^http:\/\/127\.0\.0\.1:\d+$/)
    t.equal((await fetch(`${address}/healthz`)).status, 200)
    const plan = await fetch(`${address}/v1/cluster-plan`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cluster: { chief: ['c:1'] } })
    })
    t.equal(plan.status, 200)
    signals.emit(signal)
    t.strictSame(await run, { code: 0, stdout: '', stderr: `runconfig: listening on ${address}\n` })
    t.equal(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM'), 0, 'no listener left behind')
  })
}

t.test('serve: PORT must be a port number', async (t) => {
  for (const port of ['abc', '65536', '', '-1', '123456']) {
    t.strictSame(await cli(['serve'], { env: { ...ENV, PORT: port } }),
      { code: 2, stdout: '', stderr: usage(`PORT must be a port number, not ${port}`) }, port)
  }
})

t.test('serve: an invalid setting is a usage error naming what it may be', async (t) => {
  t.strictSame(await cli(['serve'], { env: { ...ENV, LOG_LEVEL: 'verbose' } }), {
    code: 2,
    stdout: '',
    stderr: usage('invalid setting: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")')
  })
})

t.test('serve: other settings as config.ts reads them', async (t) => {
  const run = await cli(['serve'], { env: { ...ENV, LOG_LEVEL: 'loud' } })
  t.strictSame([run.code, run.stdout], [2, ''])
  t.match(run.stderr, /^runconfig: .*LOG_LEVEL/)
})

t.test('serve: a port in use is an internal error (70)', async (t) => {
  const taken = createServer()
  taken.listen(0, '127.0.0.1')
  await once(taken, 'listening')
  t.teardown(() => taken.close())
  const port = String((taken.address() as AddressInfo).port)
  const run = await cli(['serve'], { env: { ...ENV, PORT: port } })
  t.strictSame([run.code, run.stdout], [70, ''])
  t.match(run.stderr, `runconfig: Error: listen EADDRINUSE: address already in use 127.0.0.1:${port}`)
})
