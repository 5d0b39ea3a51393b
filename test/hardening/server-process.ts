import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Test } from 'tap'
import { bigCluster } from './helper.js'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** A running `server.ts` (or its build): its port, its log lines so far, and its exit. */
export interface ServerProcess {
  child: ChildProcess
  port: number
  logs: Array<Record<string, unknown>>
  /** Resolves once a log line matches (bounded by the test's timeout). */
  logged: (match: (line: Record<string, unknown>) => boolean) => Promise<Record<string, unknown>>
  exited: Promise<{ code: number | null, signal: NodeJS.Signals | null, at: number }>
}

/**
 * Starts the server as production does, on a free loopback port. `args` is what follows `node`:
 * ['--import', 'tsx', 'server.ts'] for the source, [<build>/server.js] for a build; or another
 * `command` (npm) run in `cwd`. `extraEnv` adds settings (DATABASE_URL, RUNCONFIG_PORT_RANGE…).
 */
export async function startServer (
  t: Test, args: string[], command = process.execPath, cwd = ROOT, extraEnv: Record<string, string> = {}
): Promise<ServerProcess> {
  // no coverage from the child: tsx compiles the sources unlike tap's loader (see test/cli/spawn.test.ts)
  const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'production', _TAPJS_PROCESSINFO_COVERAGE_: '0', ...extraEnv }
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] })
  t.teardown(() => { child.kill('SIGKILL') })
  const logs: Array<Record<string, unknown>> = []
  const waiters: Array<() => void> = []
  let buffered = ''
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    const lines = (buffered + text).split('\n')
    buffered = lines.pop() as string
    for (const line of lines) logs.push(JSON.parse(line))
    for (const wake of waiters.splice(0)) wake()
  })
  const exited = new Promise<{ code: number | null, signal: NodeJS.Signals | null, at: number }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() }))
  })
  const logged = async (match: (line: Record<string, unknown>) => boolean) => {
    for (;;) {
      const found = logs.find(match)
      if (found !== undefined) return found
      await new Promise<void>((resolve) => waiters.push(resolve))
    }
  }
  const listening = await logged((line) => String(line.msg).startsWith('Server listening at '))
  const port = Number(/:(\d+)$/.exec(String(listening.msg))?.[1])
  return { child, port, logs, logged, exited }
}

/** server.ts from the source (tsx) with these settings added, as lease-restart and the replica tests run it. */
export async function startSourceServer (t: Test, extraEnv: Record<string, string>): Promise<ServerProcess> {
  return await startServer(t, ['--import', 'tsx', 'server.ts'], process.execPath, ROOT, extraEnv)
}

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

/** Whether a new connection to the port is refused, within `ms`. */
async function refusesConnections (port: number, ms: number): Promise<boolean> {
  for (const start = Date.now(); Date.now() - start < ms; await sleep(20)) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => { socket.destroy(); resolve(false) })
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'))
    })
    if (refused) return true
  }
  return false
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
  const sigterm = performance.now()
  server.child.kill('SIGTERM')

  t.ok(await refusesConnections(server.port, 2_000), 'new connections are refused')
  const answers = await Promise.all(inFlight)
  t.same(answers.map((answer) => answer.status), Array(plans).fill(200), 'every request in flight is answered')
  t.same(answers.map((answer) => JSON.parse(answer.body).nodes.length), Array(plans).fill(20_000), 'in full')
  t.same(answers.map((answer) => answer.headers.connection), Array(plans).fill('close'), 'with Connection: close')
  t.ok(await idleClosed < Math.min(...answers.map((answer) => answer.at)), 'the idle keep-alive connection is closed first')
  const exit = await server.exited
  const lastAnswer = Math.max(...answers.map((answer) => answer.at))
  t.same([exit.code, exit.signal], [0, null], 'exit code 0')
  t.ok(exit.at - lastAnswer < 1_000, `exit ${Math.round(exit.at - lastAnswer)} ms after the last answer, ` +
    `${Math.round(exit.at - sigterm)} ms after SIGTERM (in flight until ${Math.round(lastAnswer - sigterm)} ms)`)
  t.match(server.logs.find((line) => line.msg === 'closing'), { signal: 'SIGTERM' })
}
