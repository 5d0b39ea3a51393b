// Cluster plans of growing size against the running service: round-trip time, bytes per node, peak RSS.
import { stop } from './children.js'
import { send, sendUntilServed } from './http.js'
import { currentRss, peakRss } from './proc.js'
import { startServer } from './servers.js'
import { median } from './stats.js'

export const PLAN_SIZES = [10, 1_000, 10_000, 100_000]

/** A cluster of n tasks shaped like a real job: one chief, 1% ps (at least 2), the rest workers. */
export function makeCluster (nodes: number): Record<string, string[]> {
  const ps = Math.max(2, Math.round(nodes / 100))
  const addresses = (job: string, count: number) => Array.from({ length: count }, (_, i) => `${job}-${i}.trainer.svc:2222`)
  return { chief: addresses('chief', 1), ps: addresses('ps', ps), worker: addresses('worker', nodes - 1 - ps) }
}

export interface PlanFigures {
  nodes: number
  requestBytes: number
  responseBytes: number
  bytesPerNode: number
  /** Round trip on loopback of the first request to a fresh server, and the median of the next ones. */
  firstMs: number
  medianMs: number
  /** The server's RSS once up, and its peak after these requests (VmHWM). */
  idleRss: number
  peakRss: number
}

/** Repetitions per size: more for small plans, whose times are short and noisy. */
export function repetitions (nodes: number, quick: boolean): number {
  if (quick) return nodes >= 100_000 ? 1 : 3
  return nodes >= 100_000 ? 5 : nodes >= 10_000 ? 7 : 15
}

/** Each size on a fresh service process, so that its peak RSS is that plan's. */
export async function measurePlanScaling (quick: boolean, logLevel: string, log: (line: string) => void): Promise<PlanFigures[]> {
  const figures: PlanFigures[] = []
  for (const nodes of PLAN_SIZES) {
    const body = JSON.stringify({ cluster: makeCluster(nodes) })
    const server = await startServer('service', { logLevel })
    try {
      const idleRss = currentRss(server.child.pid)
      const times: number[] = []
      let firstMs = NaN
      let responseBytes = NaN
      for (let i = 0; i <= repetitions(nodes, quick); i++) {
        // the first waits out any 503 of a service still settling after start-up
        const exchange = i === 0
          ? await sendUntilServed(`${server.url}/v1/cluster-plan`, 'POST', body)
          : await send(`${server.url}/v1/cluster-plan`, 'POST', body)
        if (exchange.status !== 200) throw new Error(`plan of ${nodes} nodes: ${exchange.status} ${exchange.body.toString('utf8', 0, 300)}`)
        responseBytes = exchange.bytes
        if (i === 0) firstMs = exchange.ms
        else times.push(exchange.ms)
      }
      const result = {
        nodes,
        requestBytes: Buffer.byteLength(body),
        responseBytes,
        bytesPerNode: responseBytes / nodes,
        firstMs,
        medianMs: median(times),
        idleRss,
        peakRss: peakRss(server.child.pid)
      }
      figures.push(result)
      log(`plan ${nodes} nodes: ${result.medianMs.toFixed(1)} ms (first ${firstMs.toFixed(1)} ms), ` +
        `${Math.round(result.bytesPerNode)} B/node, peak RSS ${Math.round(result.peakRss / 2 ** 20)} MiB`)
    } catch (error) {
      // a size that fails (a worker's job timeout on an overloaded machine) is reported, not fatal
      log(`plan ${nodes} nodes failed: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      await stop(server.child)
    }
  }
  return figures
}
