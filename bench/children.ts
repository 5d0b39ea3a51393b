// Child processes of the bench: spawned pinned to the server core, always killed on exit.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

const children = new Set<ChildProcess>()
const STDERR_KEPT = 4096

/** The cores this process may use (Cpus_allowed_list), e.g. "0-1" → [0, 1]. */
function allowedCpus (): number[] {
  const line = readFileSync('/proc/self/status', 'utf8').match(/^Cpus_allowed_list:\s*(.+)$/m)?.[1] ?? ''
  return line.split(',').flatMap((part) => {
    const [from, to = from] = part.split('-').map(Number)
    return Number.isInteger(from) && Number.isInteger(to) ? Array.from({ length: to - from + 1 }, (_, i) => from + i) : []
  })
}

const cpus = allowedCpus()
const hasTaskset = spawnSync('taskset', ['-V']).status === 0

/** Server on one core, load generator (this process) on another, when the machine allows it. */
export const PINNING = hasTaskset && cpus.length >= 2 ? { server: cpus[0], load: cpus[1] } : undefined

/** Pins this process (all its threads) to the load generator's core. */
export function pinSelf (): void {
  if (PINNING !== undefined) spawnSync('taskset', ['-a', '-pc', String(PINNING.load), String(process.pid)], { stdio: 'ignore' })
}

export interface Child {
  process: ChildProcess
  pid: number
  /** The last few KB of its stderr, for error messages. */
  stderr: () => string
}

/**
 * Starts `node ...args` on the server core (anywhere with `pin: false`: several servers and a
 * database share the machine); stdout (the logs) goes to /dev/null.
 */
export function spawnNode (args: string[], env: Record<string, string> = {}, { pin = true } = {}): Child {
  const command = pin && PINNING !== undefined ? ['taskset', '-c', String(PINNING.server), process.execPath] : [process.execPath]
  const child = spawn(command[0], [...command.slice(1), ...args], {
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'ignore', 'pipe']
  })
  children.add(child)
  child.once('exit', () => children.delete(child))
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { stderr = (stderr + chunk).slice(-STDERR_KEPT) })
  // taskset execs node: the pid is the server's own
  return { process: child, pid: child.pid ?? -1, stderr: () => stderr }
}

/** Stops a child: SIGTERM (the service drains and writes its CPU profile), SIGKILL after graceMs. */
export async function stop (child: Child, graceMs = 5000): Promise<void> {
  const { process: proc } = child
  if (proc.exitCode !== null || proc.signalCode !== null) return
  const exited = once(proc, 'exit')
  proc.kill('SIGTERM')
  const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

function killAll (): void {
  for (const child of children) child.kill('SIGKILL')
}

/** Kills every child on exit, on Ctrl-C and on a crash of the bench itself. */
export function killChildrenOnExit (): void {
  process.once('exit', killAll)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll()
      process.exit(130)
    })
  }
}

/** A free TCP port on 127.0.0.1. */
export async function freePort (): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** Status code of one GET, or undefined when the connection fails (the server is not up yet). */
export function probe (url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume()
      res.once('end', () => resolve(res.statusCode))
    })
    req.once('error', () => resolve(undefined))
    req.setTimeout(1000, () => req.destroy())
    req.end()
  })
}

/** Polls url every intervalMs until it answers 200; throws if the child exits or timeoutMs passes. */
export async function waitUntilUp (child: Child, url: string, timeoutMs = 30_000, intervalMs = 5): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`server exited (${child.process.exitCode ?? child.process.signalCode}) before answering ${url}\n${child.stderr()}`)
    }
    if (await probe(url) === 200) return
    await sleep(intervalMs)
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms\n${child.stderr()}`)
}
