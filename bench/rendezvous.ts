// npm run bench:rendezvous — 1,000 members join a job concurrently over HTTP and long-poll their
// configs, on SQLite and on PostgreSQL (1 and 3 replicas), against the same joins and waits in
// process; prints the section and replaces the "Rendezvous" section of bench/RESULTS.md.
//   BENCH_RENDEZVOUS_MEMBERS (1000), BENCH_RENDEZVOUS_CONCURRENCY (50), BENCH_LOG_LEVEL (info),
//   DATABASE_URL=postgres://… (else a throwaway PostgreSQL server when its binaries are installed);
//   --no-write leaves bench/RESULTS.md alone.
import { rendezvousSection, RENDEZVOUS_HEADING } from './rendezvous-report.js'
import { measureRendezvous, rendezvousOptions } from './rendezvous-run.js'
import { runSectionCommand } from './section-command.js'

await runSectionCommand('rendezvous', RENDEZVOUS_HEADING, async (log) => rendezvousSection(await measureRendezvous(rendezvousOptions(), log)))
