// Throughput and latency of every target in interleaved rounds, as ratios to the baselines of the same round.
import { fetchJson } from './http.js'
import { runLoad, type LoadResult } from './load.js'
import type { Server, ServerKind } from './servers.js'
import { median } from './stats.js'
import { FLOOR, HELLO_FASTIFY, RAW_HTTP, SERVICE_TARGETS, SHORT_CIRCUIT, type BenchTarget } from './targets.js'

export interface ThroughputOptions {
  rounds: number
  durationSeconds: number
  warmupSeconds: number
  connections: number
}

export interface TargetFigures {
  name: string
  runs: LoadResult[]
  /** Medians over the rounds. */
  rps: number
  p50: number
  p99: number
  /** Median over the rounds of this target's req/s divided by the baseline's in the same round. */
  vsHello: number
  vsRaw: number
  /** Likewise against the floor (a bare Fastify route giving the same answer), and the same for p99. */
  vsFloor: number
  p99VsFloor: number
  failures: number
  serverCpu: number
  loadCpu: number
  otherCpu: number
  serverUsPerRequest: number
  /** Median over the rounds of this target's server CPU per request divided by hello-world's. */
  costVsHello: number
}

export const TARGETS = [HELLO_FASTIFY, RAW_HTTP, FLOOR, SHORT_CIRCUIT, ...SERVICE_TARGETS]

export async function measureThroughput (
  servers: Record<ServerKind, Server>, options: ThroughputOptions, log: (line: string) => void
): Promise<TargetFigures[]> {
  for (const target of TARGETS) {
    const body = await fetchJson(servers[target.server].url + target.path, target.method, target.body)
    if (!target.expect(body)) throw new Error(`${target.name}: unexpected answer ${JSON.stringify(body).slice(0, 300)}`)
  }
  const load = (target: BenchTarget, durationSeconds: number) => {
    const server = servers[target.server]
    return runLoad(server.url, target, server.child.pid, { connections: options.connections, durationSeconds })
  }
  if (options.warmupSeconds > 0) {
    log(`warm-up: ${options.warmupSeconds} s per target`)
    for (const target of TARGETS) await load(target, options.warmupSeconds)
  }
  const runs = new Map<BenchTarget, LoadResult[]>(TARGETS.map((target) => [target, []]))
  for (let round = 0; round < options.rounds; round++) {
    // each round starts one target further on, so that no target always follows the same one
    const order = TARGETS.map((_, i) => TARGETS[(i + round) % TARGETS.length])
    for (const target of order) {
      const result = await load(target, options.durationSeconds)
      runs.get(target)?.push(result)
      log(`round ${round + 1}/${options.rounds} ${target.name}: ${Math.round(result.rps)} req/s, ` +
        `p99 ${result.p99.toFixed(2)} ms, server CPU ${Math.round(result.serverCpu * 100)}% ` +
        `(${Math.round(result.serverUsPerRequest)} µs/request), ` +
        `load generator CPU ${Math.round(result.loadCpu * 100)}%, other processes ${Math.round(result.otherCpu * 100)}%`)
    }
  }
  const hello = runs.get(HELLO_FASTIFY) ?? []
  const raw = runs.get(RAW_HTTP) ?? []
  const floor = runs.get(FLOOR) ?? []
  return TARGETS.map((target) => {
    const results = runs.get(target) ?? []
    const of = (pick: (result: LoadResult) => number) => median(results.map(pick))
    return {
      name: target.name,
      runs: results,
      rps: of((result) => result.rps),
      p50: of((result) => result.p50),
      p99: of((result) => result.p99),
      vsHello: median(results.map((result, round) => result.rps / hello[round].rps)),
      vsRaw: median(results.map((result, round) => result.rps / raw[round].rps)),
      vsFloor: median(results.map((result, round) => result.rps / floor[round].rps)),
      p99VsFloor: median(results.map((result, round) => result.p99 / floor[round].p99)),
      failures: results.reduce((sum, result) => sum + result.failures, 0),
      serverCpu: of((result) => result.serverCpu),
      loadCpu: of((result) => result.loadCpu),
      otherCpu: of((result) => result.otherCpu),
      serverUsPerRequest: of((result) => result.serverUsPerRequest),
      costVsHello: median(results.map((result, round) => result.serverUsPerRequest / hello[round].serverUsPerRequest))
    }
  })
}
