// npm run bench:leases — port leases/s and lease-and-release cycles (empty range, 90 % held) with
// 50 requests in flight: in process on SQLite and PostgreSQL (the limits), over HTTP against one
// SQLite server and against 1 and 3 replicas on one PostgreSQL; prints the section and replaces
// the "Port leases" section of bench/RESULTS.md.
//   BENCH_SECONDS (10 a workload), BENCH_LEASE_CONCURRENCY (50), BENCH_LOG_LEVEL (info),
//   DATABASE_URL=postgres://… (else a throwaway PostgreSQL server when its binaries are installed);
//   --no-write leaves bench/RESULTS.md alone.
import { leasesSection, LEASES_HEADING } from './leases-report.js'
import { leaseOptions, measureLeaseRuns } from './leases-run.js'
import { runSectionCommand } from './section-command.js'

await runSectionCommand('leases', LEASES_HEADING, async (log) => leasesSection(await measureLeaseRuns(leaseOptions(), log)))
