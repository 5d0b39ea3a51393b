// The bench's figures as Markdown: printed on the terminal and written to bench/RESULTS.md.
import type { ColdStartFigures } from './cold-start.js'
import type { ProfileSummary } from './cpu-profile.js'
import type { PlanFigures } from './plan-scaling.js'
import type { SerializerComparison } from './serializers.js'
import { formatBytes, formatCount, formatMs, formatRatio, table } from './stats.js'
import type { TargetFigures } from './throughput.js'

const percent = (cores: number) => Number.isFinite(cores) ? `${Math.round(cores * 100)}%` : 'n/a'

export function throughputTable (figures: TargetFigures[]): string {
  return table(
    [
      'target', 'req/s', 'p50', 'p99', 'req/s ÷ floor', 'p99 ÷ floor', 'req/s ÷ hello-world', 'req/s ÷ node:http',
      'server CPU/request', 'CPU/request ÷ hello-world', 'server CPU', 'load gen CPU', 'other CPU', 'failures'
    ],
    figures.map((f) => [
      f.name, formatCount(f.rps), formatMs(f.p50), formatMs(f.p99), formatRatio(f.vsFloor), formatRatio(f.p99VsFloor),
      formatRatio(f.vsHello), formatRatio(f.vsRaw),
      `${Math.round(f.serverUsPerRequest)} µs`, formatRatio(f.costVsHello),
      percent(f.serverCpu), percent(f.loadCpu), percent(f.otherCpu), String(f.failures)
    ])
  )
}

export function planTable (figures: PlanFigures[]): string {
  const rows = figures.map((f) => [
    formatCount(f.nodes), formatMs(f.medianMs), formatMs(f.firstMs), formatBytes(f.requestBytes), formatBytes(f.responseBytes),
    String(Math.round(f.bytesPerNode)), formatBytes(f.idleRss), formatBytes(f.peakRss)
  ])
  return table(['nodes', 'round trip (median)', 'first request', 'request', 'response', 'bytes/node', 'RSS idle', 'peak RSS'], rows)
}

export function serializerTable ({ sizes }: SerializerComparison): string {
  return table(
    ['nodes', 'planCluster', 'JSON.stringify', 'fast-json-stringify', 'fjs ÷ JSON.stringify', 'same text', 'faster'],
    sizes.map((s) => [
      formatCount(s.nodes), formatMs(s.planMs), formatMs(s.jsonStringifyMs), formatMs(s.fastJsonMs),
      formatRatio(s.fastJsonMs / s.jsonStringifyMs), s.sameText ? 'yes' : 'NO', s.winner
    ])
  )
}

/** Growth from 10k to 100k nodes: linear means 10×. */
export function growth (plans: PlanFigures[], serializers: SerializerComparison): { time: number, bytes: number, planMs: number, stringifyMs: number } {
  const at = <T extends { nodes: number }>(list: T[], nodes: number) => list.find((item) => item.nodes === nodes)
  const ratio = <T extends { nodes: number }>(list: T[], pick: (item: T) => number) => {
    const big = at(list, 100_000)
    const small = at(list, 10_000)
    return big === undefined || small === undefined ? NaN : pick(big) / pick(small)
  }
  return {
    time: ratio(plans, (p) => p.medianMs),
    bytes: ratio(plans, (p) => p.responseBytes),
    planMs: ratio(serializers.sizes, (s) => s.planMs),
    stringifyMs: ratio(serializers.sizes, (s) => s.jsonStringifyMs)
  }
}

export function coldStartTable (figures: ColdStartFigures[]): string {
  const hello = figures.find((f) => f.kind === 'hello-fastify')?.medianMs ?? NaN
  return table(
    ['server', 'up (median)', 'runs', 'this ÷ hello-fastify', 'first resolve served (median)', '503s before it (all runs)'],
    figures.map((f) => [
      f.kind, formatMs(f.medianMs), f.runs.map((ms) => Math.round(ms)).join(', '), formatRatio(f.medianMs / hello),
      f.firstResolveMs === undefined ? '' : formatMs(f.firstResolveMs), f.shedBeforeFirst === undefined ? '' : String(f.shedBeforeFirst)
    ])
  )
}

export function profileTables (title: string, summary: ProfileSummary): string {
  const rows = (list: ProfileSummary['self']) => list.map((f) => [f.name, f.location, formatMs(f.ms), `${(f.share * 100).toFixed(1)}%`])
  return [
    `#### ${title}: ${formatMs(summary.busyMs)} busy, ${formatMs(summary.idleMs)} idle (${summary.threads} thread${summary.threads > 1 ? 's' : ''})`,
    '', 'Self time by area:', '', table(['area', '', 'self', 'share'], rows(summary.areas)),
    '', 'Top self-time functions:', '', table(['function', 'location', 'self', 'share'], rows(summary.self)),
    '', "Total time of the service's own functions (dist/):", '', table(['function', 'location', 'total', 'share'], rows(summary.ownTotal))
  ].join('\n')
}

export interface Goal { name: string, target: string, actual: string, met: boolean }

export function goalsTable (goals: Goal[]): string {
  return table(['goal', 'target', 'measured', 'met'], goals.map((g) => [g.name, g.target, g.actual, g.met ? 'yes' : 'NO']))
}
