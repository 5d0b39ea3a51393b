// npm run bench:wakeup — how soon a long-polling member is answered once the join completing its
// round lands on the same server or on another replica (see wakeup-run.ts); prints the section
// and replaces the "Wake-up of a waiting member" section of bench/RESULTS.md.
//   BENCH_WAKEUP_REPETITIONS (50), BENCH_LOG_LEVEL (info), DATABASE_URL=postgres://… (else a
//   throwaway PostgreSQL server when its binaries are installed); --no-write leaves RESULTS.md alone.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { killChildrenOnExit } from './children.js'
import { replaceSection } from './sections.js'
import { ROOT } from './servers.js'
import { measureWakeups, WAKEUP_HEADING, wakeupRepetitions, wakeupSection } from './wakeup-run.js'

const log = (line: string) => process.stderr.write(`[bench:wakeup] ${line}\n`)

async function main () {
  killChildrenOnExit()
  const section = wakeupSection(await measureWakeups(wakeupRepetitions(), process.env.BENCH_LOG_LEVEL ?? 'info', log))
  process.stdout.write(section)
  if (!process.argv.includes('--no-write')) {
    const file = join(ROOT, 'bench', 'RESULTS.md')
    writeFileSync(file, replaceSection(readFileSync(file, 'utf8'), WAKEUP_HEADING, section))
    log('wrote its section of bench/RESULTS.md')
  }
}

try {
  await main()
  process.exit(0) // kept-alive sockets; children are killed on exit
} catch (error) {
  console.error(error)
  process.exit(1)
}
