// npm run bench:wakeup — how soon a long-polling member is answered once the join completing its
// round lands on the same server or on another replica (see wakeup-run.ts); prints the section
// and replaces the "Wake-up of a waiting member" section of bench/RESULTS.md.
//   BENCH_WAKEUP_REPETITIONS (50), BENCH_LOG_LEVEL (info), DATABASE_URL=postgres://… (else a
//   throwaway PostgreSQL server when its binaries are installed); --no-write leaves RESULTS.md alone.
import { runSectionCommand } from './section-command.js'
import { measureWakeups, WAKEUP_HEADING, wakeupRepetitions, wakeupSection } from './wakeup-run.js'

await runSectionCommand('wakeup', WAKEUP_HEADING, async (log) =>
  wakeupSection(await measureWakeups(wakeupRepetitions(), process.env.BENCH_LOG_LEVEL ?? 'info', log)))
