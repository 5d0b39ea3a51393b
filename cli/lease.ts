import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { UsageError, type CliEnv, type CliIo } from './io.js'

export const LEASE_HELP = `Usage: runconfig lease --host HOST [--ttl SECS] [--port PORT] [--holder TEXT] [--format F]
       runconfig lease --renew LEASE [--ttl SECS] [--format F]
       runconfig lease --conflict LEASE [--format F]
       runconfig lease --release LEASE

Leases a port on HOST from the server (C.5) and prints it: PORT=$(runconfig lease --host "$(hostname)").
--format json prints the whole lease; shell prints RUNCONFIG_PORT=... and RUNCONFIG_LEASE=... for eval
(the lease id is the capability to renew, report and release it: keep it out of logs).
--conflict reports that the port could not be bound, and prints the replacement's port.

  --server URL   the service (default $RUNCONFIG_SERVER); $RUNCONFIG_ADMIN_TOKEN is sent when set
  --ttl SECS     5 to 86400 (default 300)
Exit codes: 0 ok, 2 usage error, 4 the server refused (its message on stderr), 5 unreachable.
`

const OPTIONS = {
  server: { type: 'string' },
  host: { type: 'string' },
  ttl: { type: 'string' },
  port: { type: 'string' },
  holder: { type: 'string' },
  format: { type: 'string' },
  renew: { type: 'string' },
  conflict: { type: 'string' },
  release: { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const

/** What the command needs from outside, replaceable in tests. */
export interface LeaseDeps {
  fetch: typeof fetch
  sleep: (ms: number) => Promise<unknown>
}

/** Transient failures (network, 503) are retried this many times, the wait doubling from RETRY_MS. */
const RETRIES = 4
const RETRY_MS = 250

/** `runconfig lease ...` (argv after "lease"). */
export async function leaseCommand (argv: string[], env: CliEnv, io: CliIo, deps: LeaseDeps = { fetch, sleep }): Promise<number> {
  const values = parse(argv)
  if (values.help === true) {
    io.stdout.write(LEASE_HELP)
    return 0
  }
  const server = values.server ?? env.RUNCONFIG_SERVER
  if (server === undefined) throw new UsageError('lease needs --server URL (or RUNCONFIG_SERVER)')
  const format = values.format ?? 'port'
  if (!['port', 'json', 'shell'].includes(format)) throw new UsageError(`lease has no format ${format}: port, json, shell`)
  const actions = (['host', 'renew', 'conflict', 'release'] as const).filter((name) => values[name] !== undefined)
  if (actions.length !== 1) throw new UsageError('lease takes one of --host, --renew, --conflict, --release')
  const request = buildRequest(actions[0], values, env)
  const answer = await send(new URL(request.path, server), request.init, deps)
  if (answer === undefined) {
    io.stderr.write(`runconfig: ${server} is unreachable\n`)
    return 5
  }
  const body = answer.status === 204 ? undefined : await answer.json() as Record<string, unknown>
  if (answer.status >= 400) {
    io.stderr.write(`runconfig: ${String(body?.message)}\n`)
    return 4
  }
  if (body !== undefined) io.stdout.write(render(format, body))
  return 0
}

type Values = ReturnType<typeof parse>

function parse (argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: false, strict: true }).values
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

function integer (name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  if (!/^[0-9]{1,6}$/.test(text)) throw new UsageError(`--${name} must be a whole number, not ${text}`)
  return Number(text)
}

function buildRequest (action: 'host' | 'renew' | 'conflict' | 'release', values: Values, env: CliEnv): { path: string, init: RequestInit } {
  const json = (body: object) => JSON.stringify(body)
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const ttl = integer('ttl', values.ttl)
  switch (action) {
    case 'host': {
      if (env.RUNCONFIG_ADMIN_TOKEN !== undefined) headers.authorization = `Bearer ${env.RUNCONFIG_ADMIN_TOKEN}`
      // one key for every attempt: a retry after a lost answer gets the same lease, not a second one
      headers['idempotency-key'] = randomUUID()
      const body = { holder: values.holder ?? `runconfig lease on ${hostname()}`, ttl_secs: ttl ?? 300, port: integer('port', values.port) }
      return { path: `/v1/hosts/${encodeURIComponent(values.host as string)}/leases`, init: { method: 'POST', headers, body: json(body) } }
    }
    case 'renew':
      return { path: `/v1/leases/${encodeURIComponent(values.renew as string)}`, init: { method: 'PUT', headers, body: json({ ttl_secs: ttl ?? 300 }) } }
    case 'conflict':
      return { path: `/v1/leases/${encodeURIComponent(values.conflict as string)}/conflict`, init: { method: 'POST' } }
    default:
      return { path: `/v1/leases/${encodeURIComponent(values.release as string)}`, init: { method: 'DELETE' } }
  }
}

/** The answer, retrying network failures and 503s; undefined when the server stays unreachable. */
async function send (url: URL, init: RequestInit, deps: LeaseDeps): Promise<Response | undefined> {
  for (let attempt = 0; ; attempt++) {
    const answer = await deps.fetch(url, init).catch(() => undefined)
    if (answer !== undefined && answer.status !== 503) return answer
    if (attempt === RETRIES) return answer
    await deps.sleep(RETRY_MS * 2 ** attempt)
  }
}

function render (format: string, lease: Record<string, unknown>): string {
  if (format === 'json') return JSON.stringify(lease) + '\n'
  if (format === 'shell') return `RUNCONFIG_PORT=${String(lease.port)}\nRUNCONFIG_LEASE=${String(lease.lease)}\n`
  return `${String(lease.port)}\n`
}
