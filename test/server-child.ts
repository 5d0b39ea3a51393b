import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Test } from 'tap'

// The server as production runs it, in a child process: for what only a real process shows
// (signals, kill -9 and a restart on the same database file, the build's entry points).

export const ROOT = fileURLToPath(new URL('../', import.meta.url))

/** What follows `node` to run the server from the sources. */
export const SOURCE = ['--import', 'tsx', 'server.ts']

/** A running `server.ts` (or its build): its port and URL, its log lines so far, and its exit. */
export interface ServerProcess {
  child: ChildProcess
  port: number
  url: string
  logs: Array<Record<string, unknown>>
  /** Resolves once a log line matches (bounded by the test's timeout). */
  logged: (match: (line: Record<string, unknown>) => boolean) => Promise<Record<string, unknown>>
  exited: Promise<{ code: number | null, signal: NodeJS.Signals | null, at: number }>
}

export interface StartOptions {
  /** The program; node by default. */
  command?: string
  /** Its working directory; the repository by default. */
  cwd?: string
  /** Settings on top of production's on a free loopback port with an in-memory database (DATABASE_URL, RUNCONFIG_PORT_RANGE…). */
  env?: Record<string, string>
}

/**
 * Starts the server as production does, on a free loopback port, and resolves once it logs
 * "Server listening" (an event, not a delay). `args` is what follows the command: SOURCE for the
 * sources, [<build>/server.js] for a build, ['start'] for npm. Killed when the test ends.
 */
export async function startServer (t: Test, args: string[], options: StartOptions = {}): Promise<ServerProcess> {
  const { command = process.execPath, cwd = ROOT } = options
  // no coverage from the child: tsx compiles the sources unlike tap's loader (see test/cli/spawn.test.ts)
  const env = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    _TAPJS_PROCESSINFO_COVERAGE_: '0',
    // not the repository's data/runconfig.db, which test files running at once would share
    DATABASE_URL: 'sqlite::memory:',
    ...options.env
  }
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] })
  t.teardown(() => { child.kill('SIGKILL') })
  const logs: Array<Record<string, unknown>> = []
  const waiters: Array<() => void> = []
  let buffered = ''
  // read every line to the end: a child whose stdout pipe fills up would block on its next log line
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    const lines = (buffered + text).split('\n')
    buffered = lines.pop() as string
    for (const line of lines) logs.push(JSON.parse(line))
    for (const wake of waiters.splice(0)) wake()
  })
  const exited = new Promise<{ code: number | null, signal: NodeJS.Signals | null, at: number }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() }))
  })
  // 'close' comes after the last of its output: a line not logged by then never will be
  let closed = false
  child.on('close', () => {
    closed = true
    for (const wake of waiters.splice(0)) wake()
  })
  const logged = async (match: (line: Record<string, unknown>) => boolean) => {
    for (;;) {
      const found = logs.find(match)
      if (found !== undefined) return found
      if (closed) throw new Error(`the server ended (${child.exitCode ?? child.signalCode}) without logging what was awaited`)
      await new Promise<void>((resolve) => waiters.push(resolve))
    }
  }
  const listening = await logged((line) => String(line.msg).startsWith('Server listening at '))
  const url = String(/http:\/\/[0-9.:]+$/.exec(String(listening.msg))?.[0])
  const port = Number(/:(\d+)$/.exec(url)?.[1])
  return { child, port, url, logs, logged, exited }
}

/** SIGKILL (kill -9: no drain, no close of the database), resolved once the process is gone. */
export async function killHard (server: ServerProcess): Promise<void> {
  server.child.kill('SIGKILL')
  await server.exited
}
