// Cold start: from spawning the process to its first 200, for the service (a second `npm start`:
// nothing to build; and node on the bundle directly) and the two baselines.
import { freePort, spawnNode, stop, waitUntilUp } from './children.js'
import { serverCommand } from './servers.js'
import { sendUntilServed } from './http.js'
import { median, since } from './stats.js'
import { SERVICE_TARGETS } from './targets.js'

export interface ColdStartFigures {
  kind: string
  runs: number[]
  medianMs: number
  /** The service only: from spawn to the first 200 of POST /v1/run-config, sent once /healthz answers. */
  firstResolveMs?: number
  /** The service only: 503s (load shed) before that first 200, over all runs. */
  shedBeforeFirst?: number
}

interface Starter { kind: string, args: string[], readyPath: string, isService: boolean }

const POLL_INTERVAL_MS = 2

/** What is started: `npm start` when the bench runs under npm (npm_execpath), the bundle, the baselines. */
function starters (): Starter[] {
  const node = (kind: 'service' | 'hello-fastify' | 'raw-http') => {
    const { script, readyPath } = serverCommand(kind)
    return { kind: kind === 'service' ? 'service (node dist/bundle/server.js)' : kind, args: [script], readyPath, isService: kind === 'service' }
  }
  const npm = process.env.npm_execpath
  const npmStart = npm === undefined ? [] : [{ kind: 'service (npm start)', args: [npm, 'start', '--silent'], readyPath: '/healthz', isService: true }]
  return [...npmStart, node('service'), node('hello-fastify'), node('raw-http')]
}

/** runs starts of each server, interleaved; the readiness path is polled every few ms. */
export async function measureColdStart (runs: number, logLevel: string, log: (line: string) => void): Promise<ColdStartFigures[]> {
  const list = starters()
  const times = new Map<string, number[]>(list.map(({ kind }) => [kind, []]))
  const firstResolves = new Map<string, number[]>(list.map(({ kind }) => [kind, []]))
  let shed = 0
  const resolve = SERVICE_TARGETS[0]
  for (let run = 0; run < runs; run++) {
    for (const { kind, args, readyPath, isService } of list) {
      const port = await freePort()
      const start = performance.now()
      const child = spawnNode(args, { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: logLevel })
      try {
        await waitUntilUp(child, `http://127.0.0.1:${port}${readyPath}`, 120_000, POLL_INTERVAL_MS)
        times.get(kind)?.push(since(start))
        if (isService) {
          const exchange = await sendUntilServed(`http://127.0.0.1:${port}${resolve.path}`, resolve.method, resolve.body)
          if (exchange.status !== 200) throw new Error(`first ${resolve.name}: ${exchange.status}`)
          firstResolves.get(kind)?.push(since(start))
          shed += exchange.shed
        }
      } finally {
        await stop(child)
      }
    }
    log(`cold start ${run + 1}/${runs}: ${list.map(({ kind }) => `${kind} ${Math.round(times.get(kind)?.at(-1) ?? NaN)} ms`).join(', ')}`)
  }
  return list.map(({ kind, isService }) => ({
    kind,
    runs: times.get(kind) ?? [],
    medianMs: median(times.get(kind) ?? []),
    firstResolveMs: isService ? median(firstResolves.get(kind) ?? []) : undefined,
    shedBeforeFirst: isService ? shed : undefined
  }))
}
