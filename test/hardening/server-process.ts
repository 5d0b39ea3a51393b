import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Test } from 'tap'
import { ROOT, type ServerProcess } from '../server-child.js'
import { bigCluster } from './helper.js'

export { ROOT, SOURCE, startServer, type ServerProcess } from '../server-child.js'

export interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  at: number
}

/** One request on `agent` (keep-alive), its whole answer and when it ended; rejects on a transport error. */
export function send (port: number, agent: Agent, method: string, path: string, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { 'content-type': 'application/json' }
    const req = request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode as number, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

/**
 * The production build (`npm run build`'s tsc) in a temporary directory: dist/ itself may be in use.
 * Returns the directory, removed when the test ends.
 */
export function buildToTemp (t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'runconfig-dist-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', dir], { cwd: ROOT, encoding: 'utf8' })
  // tsc emits despite type errors (another change in progress): the test is about what it emits
  if (!existsSync(join(dir, 'server.js'))) throw new Error(`the build failed: ${tsc.stdout}${tsc.stderr}`)
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n')
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
  return dir
}

const PLAN = JSON.stringify({ cluster: bigCluster(20_000) }) // a worker's job: a few hundred ms

/** Resolves once a new connection to the port is refused (bounded by the test's timeout). */
async function refusesConnections (port: number): Promise<true> {
  for (;;) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => { socket.destroy(); resolve(false) })
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'))
    })
    if (refused) return true
    await sleep(20)
  }
}

/** How many requests to `url` the server has logged. */
export const requestsFor = (server: ServerProcess, url: string) =>
  server.logs.filter((line) => line.msg === 'incoming request' && (line.req as { url: string }).url === url).length

/** SIGTERM with `plans` plans in flight and an idle keep-alive connection; asserts the drain. */
export async function assertDrains (t: Test, server: ServerProcess, plans: number) {
  const busy = new Agent({ keepAlive: true })
  const idle = new Agent({ keepAlive: true })
  t.teardown(() => { busy.destroy(); idle.destroy() })
  t.same((await send(server.port, idle, 'GET', '/readyz')).body, '{"status":"ready"}')
  const idleSocket = Object.values(idle.freeSockets)[0]?.[0]
  const idleClosed = new Promise<number>((resolve) => idleSocket?.once('close', () => resolve(performance.now())))

  const inFlight = Array.from({ length: plans }, () => send(server.port, busy, 'POST', '/v1/cluster-plan', PLAN))
  await server.logged(() => requestsFor(server, '/v1/cluster-plan') === plans)
  server.child.kill('SIGTERM')

  t.ok(await refusesConnections(server.port), 'new connections are refused')
  const answers = await Promise.all(inFlight)
  t.same(answers.map((answer) => answer.status), Array(plans).fill(200), 'every request in flight is answered')
  t.same(answers.map((answer) => JSON.parse(answer.body).nodes.length), Array(plans).fill(20_000), 'in full')
  t.same(answers.map((answer) => answer.headers.connection), Array(plans).fill('close'), 'with Connection: close')
  t.ok(await idleClosed < Math.min(...answers.map((answer) => answer.at)), 'the idle keep-alive connection is closed first')
  // it exits by itself once drained: close-with-grace's 10 s deadline would exit 1 with an error logged
  const exit = await server.exited
  t.same([exit.code, exit.signal], [0, null], 'exit code 0')
  t.same(server.logs.filter((line) => Number(line.level) >= 50), [], 'nothing logged as an error')
  t.match(server.logs.find((line) => line.msg === 'closing'), { signal: 'SIGTERM' })
}
