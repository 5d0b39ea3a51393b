import { EventEmitter } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { join as joinPath } from 'node:path'
import t from 'tap'
import { buildRendezvous, createJob, join, untilWatching } from '../rendezvous/helper.js'
import { cli, tempFile } from './helper.js'

async function serve (t: Parameters<typeof buildRendezvous>[0], cluster: Record<string, number>, joinTimeoutSecs = 600) {
  const { app, clock } = await buildRendezvous(t)
  const token = await createJob(app, 'job', { cluster, join_timeout_secs: joinTimeoutSecs })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as { port: number }
  return { app, clock, token, server: `http://127.0.0.1:${port}` }
}

const args = (server: string, token: string, member: string, role: string, extra: string[] = []) =>
  ['join', '--server', server, '--job', 'job', '--token', token, '--member', member, '--role', role, '--host', 'h', ...extra]

t.test('join waits for the others, then runs the command with TF_CONFIG and returns its status', async (t) => {
  const { app, token, server } = await serve(t, { chief: 1, worker: 1 })
  const out = joinPath(tempFile(t, ''), '..', 'tf_config.json')
  const script = `require('fs').writeFileSync(${JSON.stringify(out)}, process.env.TF_CONFIG); process.exit(7)`
  const running = cli([...args(server, token, 'c', 'chief', ['--port', '2222']), '--', process.execPath, '-e', script], { env: { PATH: process.env.PATH } })
  await untilWatching(app, 1)
  await join(app, 'job', 'w', { role: 'worker', host: 'w', port: 2223 }, token)
  const run = await running
  t.equal(run.code, 7)
  t.equal(run.stdout, '', 'nothing of its own on stdout')
  t.match(run.stderr, /joined job as chief 0 \(round 1\)/)
  t.same(JSON.parse(readFileSync(out, 'utf8')), { cluster: { chief: ['h:2222'], worker: ['w:2223'] }, task: { type: 'chief', index: 0 } })
})

t.test('without --port the server leases one on the host (C.5): TF_CONFIG shows it', async (t) => {
  const { server, token } = await serve(t, { chief: 1 })
  const run = await cli([...args(server, token, 'c', 'chief'), '--print'])
  t.same([run.code, run.stdout], [0, 'export TF_CONFIG=\'{"cluster":{"chief":["h:20000"]},"task":{"type":"chief","index":0}}\'\n'])
  const again = await cli([...args(server, token, 'c', 'chief'), '--print'])
  t.same([again.code, again.stdout], [0, run.stdout], 'a retry: the same port')
})

t.test('--print writes export TF_CONFIG=… (shell-quoted) and exits 0; the environment stands in for flags', async (t) => {
  const { server, token } = await serve(t, { chief: 1 })
  const run = await cli(['join', '--member', 'c', '--role', 'chief', '--host', 'h', '--port', '1', '--print'], { env: { RUNCONFIG_SERVER: server + '/', RUNCONFIG_JOB: 'job', RUNCONFIG_TOKEN: token } })
  t.same([run.code, run.stdout], [0, 'export TF_CONFIG=\'{"cluster":{"chief":["h:1"]},"task":{"type":"chief","index":0}}\'\n'])
})

t.test('--tf-config-file PATH: TF_CONFIG goes to the file, the command gets RUNCONFIG_TF_CONFIG_FILE and no TF_CONFIG', async (t) => {
  const { server, token } = await serve(t, { chief: 1 })
  const dir = joinPath(tempFile(t, ''), '..')
  const file = joinPath(dir, 'tf_config.json')
  const out = joinPath(dir, 'seen.json')
  const script = `require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify([process.env.RUNCONFIG_TF_CONFIG_FILE, process.env.TF_CONFIG ?? null]))`
  const run = await cli([...args(server, token, 'c', 'chief', ['--port', '1', '--tf-config-file', file]), '--', process.execPath, '-e', script],
    { env: { PATH: process.env.PATH, TF_CONFIG: 'stale' } })
  t.equal(run.code, 0)
  const text = '{"cluster":{"chief":["h:1"]},"task":{"type":"chief","index":0}}'
  t.equal(readFileSync(file, 'utf8'), text)
  t.strictSame(JSON.parse(readFileSync(out, 'utf8')), [file, null])
  const printed = await cli([...args(server, token, 'c', 'chief', ['--port', '1', '--tf-config-file', file]), '--print'])
  t.strictSame([printed.code, printed.stdout], [0, `unset TF_CONFIG\nexport RUNCONFIG_TF_CONFIG_FILE='${file}'\n`])
})

t.test('exit 4 when the server refuses the join, with its message', async (t) => {
  const { server, token } = await serve(t, { chief: 1 })
  const refused = await cli([...args(server, token, 'c', 'ps', ['--port', '1']), '--print'])
  t.same([refused.code, refused.stderr], [4, 'runconfig: join refused (422): Role ps is not a job of the cluster (chief)\n'])
  const wrongToken = await cli([...args(server, 'nope', 'c', 'chief', ['--port', '1']), '--print'])
  t.equal(wrongToken.code, 4)
})

t.test('exit 3 when the round expires (missing slots on stderr) or --timeout passes', async (t) => {
  const { app, clock, token, server } = await serve(t, { chief: 1, worker: 2 }, 30)
  const running = cli([...args(server, token, 'c', 'chief', ['--port', '1']), '--print'])
  await untilWatching(app, 1)
  clock.advance(30_000)
  await app.rendezvous.sweep()
  const run = await running
  t.same([run.code, run.stderr.split('\n').at(-2)], [3, 'runconfig: round expired; missing: worker 0, worker 1'])
  const late = await cli([...args(server, token, 'w', 'worker', ['--port', '1']), '--print'])
  t.same([late.code, late.stderr], [3, 'runconfig: round expired; missing: worker 0, worker 1\n'])
  const { server: other, token: otherToken } = await serve(t, { chief: 1, worker: 1 })
  const timedOut = await cli([...args(other, otherToken, 'c', 'chief', ['--port', '1', '--timeout', '1']), '--print'])
  t.equal(timedOut.code, 3)
  t.match(timedOut.stderr, /--timeout passed; missing: worker 0\n$/)
})

t.test('exit 2 for usage errors', async (t) => {
  const cases: Array<[string[], RegExp]> = [
    [['join', '--print'], /join needs --server \(or RUNCONFIG_SERVER\)/],
    [['join', '--server', 'http://x', '--job', 'j', '--token', 't', '--role', 'r', '--host', 'h', '--print'], /join needs --member/],
    [['join', '--server', 'http://x', '--job', 'j', '--token', 't', '--member', 'm', '--role', 'r', '--host', 'h'], /join needs a command after -- \(or --print\)/],
    [['join', '--server', 'http://x', '--job', 'j', '--token', 't', '--member', 'm', '--role', 'r', '--host', 'h', '--print', '--', 'x'], /either --print or a command/],
    [['join', '--server', 'http://x', '--job', 'j', '--token', 't', '--member', 'm', '--role', 'r', '--host', 'h', '--port', '2x', '--print'], /--port must be a whole number, not 2x/],
    [['join', '--bogus'], /Unknown option '--bogus'/]
  ]
  for (const [argv, message] of cases) {
    const run = await cli(argv)
    t.equal(run.code, 2, argv.join(' '))
    t.match(run.stderr, message)
  }
})

t.test('transient failures are retried until --timeout; a command that cannot start exits 127; signals reach the child', async (t) => {
  const unreachable = await cli(['join', '--server', 'http://127.0.0.1:1', '--job', 'j', '--token', 't', '--member', 'm', '--role', 'r', '--host', 'h', '--timeout', '1', '--print'])
  t.same([unreachable.code, unreachable.stderr], [3, 'runconfig: --timeout passed before the server took the join of m\n'])
  const { server, token } = await serve(t, { chief: 1 })
  const missing = await cli([...args(server, token, 'c', 'chief', ['--port', '1']), '--', '/nonexistent/program'])
  t.equal(missing.code, 127)
  const signals = new EventEmitter()
  const marker = joinPath(tempFile(t, ''), '..', 'started')
  const script = `require('fs').writeFileSync(${JSON.stringify(marker)}, ''); setTimeout(() => {}, 60000)`
  const running = cli([...args(server, token, 'c', 'chief', ['--port', '1']), '--', process.execPath, '-e', script], { signals })
  // the child says it runs by creating the marker; then the signal is sent
  while (!existsSync(marker)) await new Promise((resolve) => setTimeout(resolve, 10))
  signals.emit('SIGTERM')
  const run = await running
  t.equal(run.code, 143, 'killed by the forwarded SIGTERM')
})
