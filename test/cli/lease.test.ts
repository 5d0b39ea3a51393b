import { EventEmitter } from 'node:events'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import t, { type Test } from 'tap'
import { buildApp } from '../../app.js'
import { leaseCommand, LEASE_HELP } from '../../cli/lease.js'
import { cli } from './helper.js'

async function serve (t: Test, adminToken?: string): Promise<string> {
  const app = await buildApp({ portRange: { first: 20000, last: 20001 }, adminToken })
  t.teardown(() => app.close())
  await app.listen({ port: 0, host: '127.0.0.1' })
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
}

t.test('runconfig lease prints a port; renew, conflict, release by lease id', async (t) => {
  const server = await serve(t, 'admin-secret')
  const env = { RUNCONFIG_SERVER: server, RUNCONFIG_ADMIN_TOKEN: 'admin-secret' }
  t.same(await cli(['lease', '--host', 'node-1'], { env }), { code: 0, stdout: '20000\n', stderr: '' })
  const shell = await cli(['lease', '--host', 'node-1', '--ttl', '60', '--format', 'shell', '--holder', 'me'], { env })
  t.match(shell, { code: 0, stdout: /^RUNCONFIG_PORT=20001\nRUNCONFIG_LEASE=[A-Za-z0-9_-]{43}\n$/, stderr: '' })
  const lease = /RUNCONFIG_LEASE=(.+)\n/.exec(shell.stdout)?.[1] as string
  const renewed = await cli(['lease', '--server', server, '--renew', lease, '--ttl', '120', '--format', 'json'])
  t.match(JSON.parse(renewed.stdout), { lease, port: 20001, holder: 'me' })
  t.same(await cli(['lease', '--server', server, '--renew', lease]), { code: 0, stdout: '20001\n', stderr: '' }, 'for 300 s')
  t.same(await cli(['lease', '--host', 'node-1'], { env }), { code: 4, stdout: '', stderr: 'runconfig: Every port of 20000-20001 is held on node-1\n' })
  t.same(await cli(['lease', '--host', 'node-1', '--port', '20000'], { env: { RUNCONFIG_SERVER: server } }),
    { code: 4, stdout: '', stderr: 'runconfig: This needs Authorization: Bearer <admin token>\n' })
  t.same(await cli(['lease', '--conflict', lease], { env }), { code: 4, stdout: '', stderr: 'runconfig: No other port of 20000-20001 is free on node-1\n' })
  t.same(await cli(['lease', '--release', lease], { env }), { code: 0, stdout: '', stderr: '' })
  t.same(await cli(['lease', '--release', lease], { env }),
    { code: 4, stdout: '', stderr: 'runconfig: No such lease (it expired, was released, or never existed)\n' })
  const other = await cli(['lease', '--host', 'node-1', '--format', 'json'], { env })
  const replaced = await cli(['lease', '--conflict', JSON.parse(other.stdout).lease], { env })
  t.same(replaced, { code: 4, stdout: '', stderr: 'runconfig: No other port of 20000-20001 is free on node-1\n' }, 'both ports held')
})

t.test('runconfig lease: usage errors exit 2', async (t) => {
  const env = { RUNCONFIG_SERVER: 'http://127.0.0.1:9' }
  const usage = (message: string) => ({ code: 2, stdout: '', stderr: `runconfig: ${message}\nTry 'runconfig --help'.\n` })
  t.same(await cli(['lease', '--host', 'h']), usage('lease needs --server URL (or RUNCONFIG_SERVER)'))
  t.same(await cli(['lease'], { env }), usage('lease takes one of --host, --renew, --conflict, --release'))
  t.same(await cli(['lease', '--host', 'h', '--release', 'x'], { env }), usage('lease takes one of --host, --renew, --conflict, --release'))
  t.same(await cli(['lease', '--host', 'h', '--ttl', '5m'], { env }), usage('--ttl must be a whole number, not 5m'))
  t.same(await cli(['lease', '--host', 'h', '--format', 'env'], { env }), usage('lease has no format env: port, json, shell'))
  t.match(await cli(['lease', '--hots', 'h'], { env }), { code: 2, stderr: /Unknown option '--hots'/ })
  t.same(await cli(['lease', '--help']), { code: 0, stdout: LEASE_HELP, stderr: '' })
})

t.test('runconfig lease retries network failures and 503s with the same Idempotency-Key, then gives up', async (t) => {
  const io = () => {
    const out = { stdout: '', stderr: '' }
    return {
      out,
      io: {
        stdin: Readable.from([]),
        stdout: { write: (text: string) => { out.stdout += text } },
        stderr: { write: (text: string) => { out.stderr += text } },
        signals: new EventEmitter(),
        graceful: () => undefined
      }
    }
  }
  const waits: number[] = []
  const keys: string[] = []
  let calls = 0
  const flaky = async (_url: string | URL | Request, init?: RequestInit) => {
    keys.push((init?.headers as Record<string, string>)['idempotency-key'])
    calls++
    if (calls === 1) throw new Error('ECONNREFUSED')
    if (calls === 2) return new Response('{}', { status: 503 })
    return Response.json({ port: 20007, lease: 'x' }, { status: 201 })
  }
  const first = io()
  const code = await leaseCommand(['--server', 'http://s', '--host', 'h'], {}, first.io, { fetch: flaky as typeof fetch, sleep: async (ms) => waits.push(ms) })
  t.same([code, first.out.stdout, waits, new Set(keys).size], [0, '20007\n', [250, 500], 1])

  const down = io()
  waits.length = 0
  const refused = async () => { throw new Error('ECONNREFUSED') }
  t.equal(await leaseCommand(['--server', 'http://s', '--release', 'x'], {}, down.io, { fetch: refused, sleep: async (ms) => waits.push(ms) }), 5)
  t.same([down.out.stderr, waits], ['runconfig: http://s is unreachable\n', [250, 500, 1000, 2000]])
})
