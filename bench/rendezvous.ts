// npm run bench:rendezvous — 1,000 members join a job concurrently over HTTP and long-poll their
// configs, on SQLite and on PostgreSQL (1 and 3 replicas), against the same joins and waits in
// process; prints the section and replaces the "Rendezvous" section of bench/RESULTS.md.
//   BENCH_RENDEZVOUS_MEMBERS (1000), BENCH_RENDEZVOUS_CONCURRENCY (50), BENCH_LOG_LEVEL (info),
//   DATABASE_URL=postgres://… (else a throwaway PostgreSQL server when its binaries are installed);
//   --no-write leaves bench/RESULTS.md alone.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { killChildrenOnExit } from './children.js'
import { rendezvousSection, RENDEZVOUS_HEADING } from './rendezvous-report.js'
import { measureRendezvous, rendezvousOptions } from './rendezvous-run.js'
import { replaceSection } from './sections.js'
import { ROOT } from './servers.js'

const log = (line: string) => process.stderr.write(`[bench:rendezvous] ${line}\n`)

async function main () {
  killChildrenOnExit()
  const section = rendezvousSection(await measureRendezvous(rendezvousOptions(), log))
  process.stdout.write(section)
  if (!process.argv.includes('--no-write')) {
    const file = join(ROOT, 'bench', 'RESULTS.md')
    writeFileSync(file, replaceSection(readFileSync(file, 'utf8'), RENDEZVOUS_HEADING, section))
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
