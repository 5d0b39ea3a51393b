// npm run bench:leases — the lease rules and queries on a SQLite file (WAL, synchronous=NORMAL, as
// the server opens it), in process: leases/s with 50 requests in flight on 1,000 hosts, and a
// lease-and-release cycle on one host whose range is empty, then 90 % taken with the free ports
// scattered. Prints the figures and replaces the "Port leases" section of bench/RESULTS.md.
// (In process rather than over HTTP: on the shared machine of this session the server's overload
// shedding answered most HTTP requests 503; the HTTP layer adds the same cost to every row.)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createLease, releaseLease } from '../src/coordination/leases.js'
import { openSqliteStore } from '../src/store/index.js'
import { replaceSection } from './sections.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const CONCURRENCY = 50
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const RANGE = { first: 20000, last: 29999 }
const log = (line: string) => process.stderr.write(`[bench:leases] ${line}\n`)

interface Run { perSecond: number, operations: number }

/** CONCURRENCY loops running `step` for SECONDS: operations per second. */
async function run (step: () => Promise<void>): Promise<Run> {
  let operations = 0
  const start = performance.now()
  const end = start + SECONDS * 1000
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < end) {
      await step()
      operations++
    }
  }))
  return { perSecond: Math.round(operations / ((performance.now() - start) / 1000)), operations }
}

async function main () {
  const dir = mkdtempSync(join(tmpdir(), 'bench-leases-'))
  const store = await openSqliteStore(join(dir, 'runconfig.db'))
  let keys = 0
  const lease = async (host: string) => await createLease(store.leases, RANGE, Date.now(), host, `k${++keys}`, { holder: 'bench', ttl_secs: 3600 })
  try {
    log('grants on 1,000 hosts')
    let n = 0
    const grants = await run(async () => { await lease(`h-${n++ % 1000}`) })
    const cycle = (host: string) => async () => {
      const { lease: granted } = await lease(host)
      await releaseLease(store.leases, Date.now(), granted.lease)
    }
    log('lease and release on an empty host')
    const empty = await run(cycle('empty-host'))
    log('90 % of a host\'s range taken: 10,000 leases, then every tenth port released')
    const held = []
    for (let i = 0; i < 10_000; i++) held.push((await lease('full-host')).lease)
    for (const granted of held.filter((g) => g.port % 10 === 3)) await releaseLease(store.leases, Date.now(), granted.lease)
    const full = await run(cycle('full-host'))
    const results = { grants, empty, full, machine: `${cpus().length} × ${cpus()[0].model}`, load: readFileSync('/proc/loadavg', 'utf8').trim() }
    log(JSON.stringify(results))
    writeResults(results)
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

function writeResults (r: { grants: Run, empty: Run, full: Run, machine: string, load: string }) {
  const file = join(ROOT, 'bench', 'RESULTS.md')
  const section = `## Port leases (npm run bench:leases)

The lease rules and their queries on a SQLite file (WAL, synchronous=NORMAL, as the server opens it), in
process, ${CONCURRENCY} requests in flight, ${SECONDS} s a row, on ${r.machine}; load average at the end
${r.load.split(' ').slice(0, 3).join(' ')}: a machine shared with other builds, so compare the rows rather than
trust the absolute figures. Each grant is one transaction (BEGIN IMMEDIATE … COMMIT).

| what | per second |
| --- | ---: |
| grants (POST /v1/hosts/{host}/leases' work), 1,000 hosts, range 20000-29999 | ${r.grants.perSecond} leases |
| lease + release, one host, its range empty | ${r.empty.perSecond} cycles |
| lease + release, one host, 90 % of its 10,000 ports held, the free ones scattered | ${r.full.perSecond} cycles |

A full range costs no more than an empty one: a host's free ports are intervals, the lowest found by one
index lookup (finding the first unheld port by scanning would read up to 9,000 rows a request here).
`
  writeFileSync(file, replaceSection(readFileSync(file, 'utf8'), '## Port leases', section))
}

await main()
