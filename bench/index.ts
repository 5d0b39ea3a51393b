// npm run bench: the service against a Fastify hello world and raw node:http, plan scaling, cold
// start, CPU profiles, the rendezvous, port leases and the wake-up of a waiting member; prints the
// figures and writes bench/RESULTS.md (see options.ts).
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { buildIfStale } from '../scripts/build-if-stale.js'
import { killChildrenOnExit, pinSelf, stop } from './children.js'
import { measureColdStart } from './cold-start.js'
import { leasesSection, LEASES_HEADING } from './leases-report.js'
import { leaseOptions, measureLeaseRuns } from './leases-run.js'
import { readOptions } from './options.js'
import { measurePlanScaling } from './plan-scaling.js'
import { profilePlan, profileResolve, profileStartup } from './profile.js'
import { rendezvousSection, RENDEZVOUS_HEADING } from './rendezvous-report.js'
import { measureRendezvous, rendezvousOptions } from './rendezvous-run.js'
import { renderResults, type BenchResults } from './results.js'
import { compareSerializers } from './serializers.js'
import { ROOT, startServer, type Server, type ServerKind } from './servers.js'
import { measureThroughput } from './throughput.js'
import { measureWakeups, WAKEUP_HEADING, wakeupRepetitions, wakeupSection } from './wakeup-run.js'

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`)

/** npm run build if a build input changed since the last one, as npm start does (so that the cold starts measure a second npm start). */
function build (): string {
  const built = buildIfStale(ROOT, () => {
    log('npm run build')
    const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' })
    if (result.status !== 0) log(`npm run build failed:\n${result.stdout}${result.stderr}`)
    return result.status
  })
  return built ? 'npm run build, clean' : 'dist/ up to date (npm start\'s check), not rebuilt'
}

async function main (): Promise<void> {
  const options = readOptions()
  killChildrenOnExit()
  pinSelf()
  const buildNote = options.build ? build() : 'skipped (BENCH_SKIP_BUILD=1), dist/ as found'

  const servers: Partial<Record<ServerKind, Server>> = {}
  let throughput: BenchResults['throughput']
  try {
    for (const kind of ['service', 'hello-fastify', 'raw-http', 'floor-fastify', 'service-short-circuit'] as const) servers[kind] = await startServer(kind, { logLevel: options.logLevel })
    throughput = await measureThroughput(servers as Record<ServerKind, Server>, options, log)
  } finally {
    for (const server of Object.values(servers)) await stop(server.child)
  }

  const plans = await measurePlanScaling(options.quick, options.logLevel, log)
  const serializers = compareSerializers(options.quick, log)
  const coldStarts = await measureColdStart(options.coldStartRuns, options.logLevel, log)
  let profiles: BenchResults['profiles']
  if (options.profile) {
    const profileOptions = { ...options, planRequests: 3, keepDir: options.profileDir }
    log('CPU profile: start-up')
    const startup = await profileStartup(profileOptions)
    log('CPU profile: resolve under load')
    const resolve = await profileResolve(profileOptions)
    log('CPU profile: 100,000-node plans')
    // a plan that fails under the profiler (a worker's job timeout on an overloaded machine) leaves that profile out
    const plan = await profilePlan(100_000, profileOptions).catch((error: unknown) => { log(`plan profile failed: ${String(error)}`) })
    profiles = plan === undefined ? undefined : { startup, resolve, plan }
  }

  // each measured on its own (a throwaway PostgreSQL server each); one that fails leaves a line saying why
  const section = async (heading: string, measure: () => Promise<string>): Promise<string> => {
    try {
      return await measure()
    } catch (error) {
      log(`${heading.slice(3)} failed: ${String(error)}`)
      return `${heading}\n\nNot measured in this run: ${String(error)}\n`
    }
  }
  const rendezvous = await section(RENDEZVOUS_HEADING, async () => rendezvousSection(await measureRendezvous(rendezvousOptions(options.quick), log)))
  const leases = await section(LEASES_HEADING, async () => leasesSection(await measureLeaseRuns(leaseOptions(options.quick), log)))
  const wakeup = await section(WAKEUP_HEADING, async () => wakeupSection(await measureWakeups(wakeupRepetitions(options.quick), options.logLevel, log)))

  const file = `${ROOT}bench/RESULTS.md`
  const markdown = [renderResults({ options, buildNote, throughput, plans, serializers, coldStarts, profiles }), rendezvous, leases, wakeup].join('\n')
  process.stdout.write(markdown)
  if (options.write) {
    writeFileSync(file, markdown)
    log('wrote bench/RESULTS.md')
  }
}

try {
  await main()
  process.exit(0) // autocannon may keep timers alive; children are killed on exit
} catch (error) {
  console.error(error)
  process.exit(1)
}
