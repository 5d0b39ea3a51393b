// npm run bench:leases — port leases/s and lease-and-release cycles (empty range, 90 % held) with
// 50 requests in flight: in process on SQLite and PostgreSQL (the limits), over HTTP against one
// SQLite server and against 1 and 3 replicas on one PostgreSQL; prints the section and replaces
// the "Port leases" section of bench/RESULTS.md.
//   BENCH_SECONDS (10 a workload), BENCH_LEASE_CONCURRENCY (50), BENCH_LOG_LEVEL (info),
//   DATABASE_URL=postgres://… (else a throwaway PostgreSQL server when its binaries are installed);
//   --no-write leaves bench/RESULTS.md alone.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { killChildrenOnExit } from './children.js'
import { leasesSection, LEASES_HEADING } from './leases-report.js'
import { leaseOptions, measureLeaseRuns } from './leases-run.js'
import { replaceSection } from './sections.js'
import { ROOT } from './servers.js'

const log = (line: string) => process.stderr.write(`[bench:leases] ${line}\n`)

async function main () {
  killChildrenOnExit()
  const section = leasesSection(await measureLeaseRuns(leaseOptions(), log))
  process.stdout.write(section)
  if (!process.argv.includes('--no-write')) {
    const file = join(ROOT, 'bench', 'RESULTS.md')
    writeFileSync(file, replaceSection(readFileSync(file, 'utf8'), LEASES_HEADING, section))
    log('wrote its section of bench/RESULTS.md')
  }
}

try {
  await main()
  process.exit(0) // kept-alive sockets and the pools' timers; children are killed on exit
} catch (error) {
  console.error(error)
  process.exit(1)
}
