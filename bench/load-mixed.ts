// npm run bench:load: a mixed load against a real server process, as a check of behaviour under
// load rather than a measurement. 3,000 requests at concurrency 50, a tenth of them invalid (bad
// JSON, wrong types, unknown fields, wrong content types, bodies too large or too deep, prototype
// poisoning). Passes when no request fails in transport, none gets a 5xx, every valid one a 200 and
// every invalid one a 4xx; prints the figures and exits 1 otherwise.
//   LOAD_REQUESTS (3000), LOAD_CONCURRENCY (50), LOAD_INVALID (0.1), LOAD_SEED (1)
//   LOAD_SERVER: source (node --import tsx server.ts, the default) or dist (node dist/server.js)
//   LOAD_URL: an already running server instead
import { spawn, type ChildProcess } from 'node:child_process'
import { Agent, request } from 'node:http'
import { createServer, type AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TOTAL = Number(process.env.LOAD_REQUESTS ?? 3_000)
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 50)
const INVALID_SHARE = Number(process.env.LOAD_INVALID ?? 0.1)

interface Shot {
  kind: string
  valid: boolean
  method: 'GET' | 'POST'
  path: string
  body?: string | Buffer
  headers?: Record<string, string>
}

/** mulberry32: the same mix on every run for a seed. */
function random (seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let x = Math.imul(state ^ (state >>> 15), 1 | state)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}
const next = random(Number(process.env.LOAD_SEED ?? 1))
const below = (n: number) => Math.floor(next() * n)

const JSON_TYPE = { 'content-type': 'application/json' }
const cluster = (workers: number, ps: number) => ({
  chief: ['chief-0.job.svc:2222'],
  worker: Array.from({ length: workers }, (_, i) => `worker-${i}.job.svc:2222`),
  ...(ps > 0 ? { ps: Array.from({ length: ps }, (_, i) => `ps-${i}.job.svc:2222`) } : {})
})
const node = () => {
  const workers = 1 + below(8)
  return { cluster: cluster(workers, below(3)), task: { type: 'worker', index: below(workers) } }
}
const post = (kind: string, path: string, body: unknown): Shot => ({ kind, valid: true, method: 'POST', path, body: JSON.stringify(body), headers: JSON_TYPE })

/** What a client that means well sends: every one is a 200. */
function validShot (): Shot {
  const pick = below(100)
  if (pick < 30) return post('resolve', '/v1/run-config', { tf_config: node(), config: { save_checkpoints_steps: 100 + below(900) } })
  if (pick < 40) return post('resolve-text', '/v1/run-config', { tf_config: JSON.stringify(node()) })
  if (pick < 50) return { kind: 'get', valid: true, method: 'GET', path: `/v1/run-config?tf_config=${encodeURIComponent(JSON.stringify(node()))}` }
  if (pick < 60) return post('replace', '/v1/run-config/replace', { tf_config: node(), replace: [{ model_dir: '/models/a' }, { keep_checkpoint_max: below(10) }] })
  if (pick < 80) return post('plan', '/v1/cluster-plan', { cluster: cluster(10 + below(190), 1 + below(4)), evaluator: next() < 0.3 })
  if (pick < 85) return post('plan-shell', '/v1/cluster-plan/exports?format=shell', { cluster: cluster(5 + below(20), 1) })
  if (pick < 90) return post('lint', '/v1/cluster-plan/lint', { cluster: cluster(10 + below(100), 2) })
  if (pick < 92) return post('plan-large', '/v1/cluster-plan', { cluster: cluster(5_000 + below(5_000), 50) }) // a worker's
  return { kind: 'health', valid: true, method: 'GET', path: '/healthz' }
}

const INVALID: Array<() => Omit<Shot, 'valid'>> = [
  () => ({ kind: 'bad-json', method: 'POST', path: '/v1/run-config', headers: JSON_TYPE, body: '{"tf_config": {"cluster": ' }),
  () => ({ kind: 'trailing-comma', method: 'POST', path: '/v1/cluster-plan', headers: JSON_TYPE, body: '{"cluster": {"chief": ["c:1"],}}' }),
  () => ({ kind: 'empty', method: 'POST', path: '/v1/run-config/replace', headers: JSON_TYPE, body: '' }),
  () => ({ kind: 'invalid-utf8', method: 'POST', path: '/v1/run-config', headers: JSON_TYPE, body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]) }),
  () => ({ kind: 'wrong-type', method: 'POST', path: '/v1/run-config', headers: JSON_TYPE, body: '{"config": {"tf_random_seed": "42"}}' }),
  () => ({ kind: 'unknown-field', method: 'POST', path: '/v1/run-config', headers: JSON_TYPE, body: '{"config": {"save_checkpoints_step": 10}}' }),
  () => ({ kind: 'text-plain', method: 'POST', path: '/v1/run-config', headers: { 'content-type': 'text/plain' }, body: '{}' }),
  () => ({ kind: 'too-large', method: 'POST', path: '/v1/run-config', headers: JSON_TYPE, body: `{"tf_config": "${'x'.repeat(1_100_000)}"}` }),
  () => ({ kind: 'too-deep', method: 'POST', path: '/v1/run-config', headers: JSON_TYPE, body: `{"tf_config": ${'['.repeat(5_000)}${']'.repeat(5_000)}}` }),
  () => ({ kind: 'proto', method: 'POST', path: '/v1/run-config', headers: JSON_TYPE, body: '{"tf_config": {"__proto__": {"polluted": true}}}' }),
  () => ({ kind: 'bad-query', method: 'GET', path: '/v1/run-config?tf_config=%7B%7D&x=1' }),
  () => ({ kind: 'too-many-tasks', method: 'POST', path: '/v1/cluster-plan', headers: JSON_TYPE, body: JSON.stringify({ cluster: cluster(1_500, 0), include: ['tf_config'] }) })
]

interface Result { shot: Shot, status?: number, code?: string, error?: string, ms: number }

function send (url: URL, agent: Agent, shot: Shot): Promise<Result> {
  const start = performance.now()
  return new Promise((resolve) => {
    const req = request(url.origin + shot.path, { method: shot.method, agent, headers: shot.headers }, (res) => {
      // the error code of a refusal, from the start of its body
      let head = ''
      res.on('data', (chunk: Buffer) => { if ((res.statusCode as number) >= 400 && head.length < 200) head += chunk.toString('utf8', 0, 200) })
      res.on('end', () => resolve({ shot, status: res.statusCode, code: /"code":"([A-Z_0-9]+)"/.exec(head)?.[1], ms: performance.now() - start }))
      res.on('error', (error) => resolve({ shot, error: error.message, ms: performance.now() - start }))
    })
    req.on('error', (error) => resolve({ shot, error: error.message, ms: performance.now() - start }))
    req.end(shot.body)
  })
}

async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function startServer (): Promise<{ url: URL, child?: ChildProcess }> {
  if (process.env.LOAD_URL !== undefined) return { url: new URL(process.env.LOAD_URL) }
  const port = await freePort()
  const args = process.env.LOAD_SERVER === 'dist' ? ['dist/server.js'] : ['--import', 'tsx', 'server.ts']
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit']
  })
  const url = new URL(`http://127.0.0.1:${port}`)
  for (const start = Date.now(); Date.now() - start < 60_000; await sleep(50)) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`)
    if (await fetch(new URL('/healthz', url)).then((res) => res.ok, () => false)) return { url, child }
  }
  throw new Error('the server did not start within 60 s')
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p / 100))]

async function main (): Promise<number> {
  const shots = Array.from({ length: TOTAL }, (): Shot => next() < INVALID_SHARE ? { ...INVALID[below(INVALID.length)](), valid: false } : validShot())
  const { url, child } = await startServer()
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const results: Result[] = []
  let taken = 0
  const start = performance.now()
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (taken < shots.length) results.push(await send(url, agent, shots[taken++]))
    }))
  } finally {
    agent.destroy()
    child?.kill('SIGTERM')
  }
  const seconds = (performance.now() - start) / 1000

  const statuses = new Map<string, number>()
  for (const { status, error } of results) statuses.set(error === undefined ? String(status) : 'transport error', (statuses.get(error === undefined ? String(status) : 'transport error') ?? 0) + 1)
  const violations = results.filter(({ shot, status, error }) => error !== undefined || (status as number) >= 500 ||
    (shot.valid ? status !== 200 : (status as number) < 400 || (status as number) >= 500))
  const latencies = results.map((result) => result.ms).sort((a, b) => a - b)
  const kinds = [...new Set(results.map((result) => result.shot.kind))].sort()

  const print = (line: string) => process.stdout.write(line + '\n')
  print(`${results.length} requests (${results.filter((result) => !result.shot.valid).length} invalid) at concurrency ${CONCURRENCY} in ${seconds.toFixed(2)} s: ${(results.length / seconds).toFixed(0)} req/s`)
  print(`latency: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`)
  print(`statuses: ${[...statuses].sort().map(([status, count]) => `${status}: ${count}`).join(', ')}`)
  print('by kind: (count, statuses, p50 / p99 ms)')
  for (const kind of kinds) {
    const mine = results.filter((result) => result.shot.kind === kind)
    const ms = mine.map((result) => result.ms).sort((a, b) => a - b)
    const seen = [...new Set(mine.map((result) => result.status ?? 'error'))].join('/')
    print(`  ${kind.padEnd(16)} ${String(mine.length).padStart(5)}  ${seen.padEnd(8)} ${percentile(ms, 50).toFixed(1).padStart(7)} / ${percentile(ms, 99).toFixed(1)}`)
  }
  if (violations.length === 0) {
    print('OK: no transport error, no 5xx, every valid request 200, every invalid one 4xx')
    return 0
  }
  print(`FAILED: ${violations.length} violations, the first ones:`)
  for (const { shot, status, code, error } of violations.slice(0, 10)) {
    print(`  ${shot.valid ? 'valid' : 'invalid'} ${shot.kind} ${shot.method} ${shot.path.slice(0, 60)}: ${error ?? `${status} ${code ?? ''}`}`)
  }
  return 1
}

process.exitCode = await main()
