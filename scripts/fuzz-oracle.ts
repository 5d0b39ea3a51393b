// Differential fuzzer (a development tool, not part of CI): random requests aimed at the rules of
// issue 14, answered by TensorFlow's own code (the oracle of ../shared/oracle, which needs the
// upstream sources: see its README) and by the service's core, compared field by field.
//
//   npx tsx scripts/fuzz-oracle.ts --oracle ../shared/oracle/oracle.py --upstream DIR [--count 500]
//     [--seed 1] [--rules 1,2,3,4,5,6] [--fixtures test/fixtures/exactness/cases.jsonl] [--cases FILE]
//
// --fixtures appends every case whose answer matched (with TensorFlow's answer) as a fixture;
// --cases takes written cases ({"id", "rule", "body"} per line) instead of random ones.
import { spawnSync } from 'node:child_process'
import { appendFileSync, readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { resolveRunConfig, RunConfigError, stringifyJson, withTextKeyOrder } from '../src/index.js'
import { pyJsonLoads } from '../src/python/json-loads.js'
import { isDict, PyFloat, type PyValue } from '../src/python/value.js'

const { values: options } = parseArgs({
  options: {
    oracle: { type: 'string' },
    upstream: { type: 'string' },
    count: { type: 'string', default: '300' },
    seed: { type: 'string', default: '1' },
    rules: { type: 'string', default: '1,2,3,4,5,6' },
    fixtures: { type: 'string' },
    cases: { type: 'string' },
    show: { type: 'string', default: '5' }
  }
})
if (options.oracle === undefined || options.upstream === undefined) {
  console.error('usage: tsx scripts/fuzz-oracle.ts --oracle PATH/oracle.py --upstream DIR [--count N] [--seed S] [--rules 1,2,...] [--fixtures FILE]')
  process.exit(2)
}

// ---- a seeded random source (mulberry32) -------------------------------------------------------
let state = Number(options.seed) >>> 0
function random (): number {
  state = (state + 0x6D2B79F5) >>> 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
const chance = (p: number): boolean => random() < p
const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1))

// ---- generators --------------------------------------------------------------------------------
type Body = { tf_config?: PyValue, config?: Record<string, PyValue> }
interface Case { rule: number, body: Body, id?: string }

const STRATEGIES = ['MirroredStrategy', 'MultiWorkerMirroredStrategy', 'ParameterServerStrategyV1', 'CollectiveAllReduceStrategy', 'OneDeviceStrategy']
const JOBS = ['chief', 'worker', 'ps', 'evaluator', 'a', 'zeta', 'master']
const SURROGATES = ['\uD800', '\uDFFF', 'a\uDC00b', '\uD83D\uDE00\uD800', '\uDC00\uD800', 'x']

function address (i: number): PyValue {
  if (chance(0.04)) return pick([null, 5, true, ['a'], 12345678901234567890n])
  if (chance(0.04)) return `h${i}:1${pick(SURROGATES)}`
  return `h${i}:${1000 + i}`
}

function sparseKey (): string {
  return String(pick([-4, -3, -2, -1, 0, 0, 1, 1, 2, 3, 4, 5, 7]))
}

// Jobs whose highest index + 1 is their number of keys, with negative keys: as_dict() is job_tasks()
const DENSE_BY_COUNT: Array<Array<[string, number]>> = [
  [['-1', 0], ['1', 1]], [['1', 0], ['-1', 1]], [['-2', 0], ['1', 1]], [['-3', 0], ['1', 1]], [['0', 0], ['-1', 1]],
  [['-1', 0], ['2', 1], ['0', 2]], [['2', 0], ['-3', 1], ['1', 2]], [['-4', 0], ['2', 1], ['1', 2]], [['0', 0], ['-2', 1]]
]

function holeyJob (): PyValue {
  return Object.fromEntries(pick(DENSE_BY_COUNT).map(([key, i]) => [key, `n${i}:1`]))
}

function job (withNegatives: boolean): PyValue {
  if (chance(0.1)) return chance(0.5) ? [] : {}
  if (withNegatives && chance(0.35)) return holeyJob()
  if (!withNegatives && chance(0.5)) return Array.from({ length: int(1, 3) }, (_, i) => address(i))
  const out: Record<string, PyValue> = {}
  for (let i = int(1, 4); i > 0; i--) out[withNegatives ? sparseKey() : String(int(0, 5))] = address(i)
  return out
}

function cluster (withNegatives: boolean, names = JOBS): Record<string, PyValue> {
  const out: Record<string, PyValue> = {}
  if (chance(0.85)) out.chief = chance(0.8) ? [address(0)] : job(withNegatives)
  for (const name of names) {
    if (name === 'chief' || name === 'master') continue
    if (chance(name === 'worker' ? 0.9 : 0.35)) out[name] = job(withNegatives)
  }
  if (chance(0.05)) out.master = [address(9)]
  return out
}

function task (jobs: string[], huge = false): PyValue {
  if (chance(0.05)) return pick<PyValue>([{}, { type: 'worker' }, null])
  const type = chance(0.85) && jobs.length > 0 ? pick(jobs) : pick(['evaluator', 'ps', 'aux', 'worker'])
  const index: PyValue = huge && chance(0.6)
    ? pick([2n ** 64n, -(2n ** 70n), 12345678901234567890123n, BigInt('9'.repeat(int(20, 60))), 2n ** 53n + 1n])
    : pick([0, 0, 1, 2, -1, 3, '1', ' 2 '])
  return { type, index }
}

function strategy (): PyValue {
  const out: Record<string, PyValue> = { strategy: pick(STRATEGIES) }
  if (chance(0.3)) out.between_graph = chance(0.5)
  return out
}

function extras (tfConfig: Record<string, PyValue>): void {
  if (chance(0.25)) tfConfig.rpc_layer = pick(['grpc', '', 'grpc+verbs', 5, ['x'], null])
  if (chance(0.15)) tfConfig.environment = pick(['google', 'cloud'])
  if (chance(0.1)) tfConfig.session_master = pick(['grpc://m:1', 12345678901234567890n, ''])
}

function ruleCase (rule: number): Case {
  switch (rule) {
    case 1: { // remote_cluster is any value
      const remote = pick<PyValue>(['grpc://remote:1', '', 0, 7, 2.5, [], ['a'], {}, { worker: ['r:1'] }, true, false, null, { x: 1 }])
      const experimental: Record<string, PyValue> = { remote_cluster: remote }
      if (chance(0.7)) experimental.train_distribute = strategy()
      const config: Record<string, PyValue> = { experimental_distribute: experimental }
      if (chance(0.2) && experimental.train_distribute === undefined) config.train_distribute = strategy()
      const tfConfig: Record<string, PyValue> = chance(0.3) ? { cluster: cluster(false), task: { type: 'chief', index: 0 } } : {}
      return { rule, body: { tf_config: chance(0.5) ? tfConfig : stringifyJson(tfConfig), config } }
    }
    case 2: { // integers exact at any size
      const spec = cluster(false)
      const tfConfig: Record<string, PyValue> = { cluster: spec, task: task(Object.keys(spec), true) }
      if (chance(0.3)) tfConfig.model_dir = pick([12345678901234567890123n, BigInt('7'.repeat(4300)), -(2n ** 63n)])
      if (chance(0.3)) (spec.worker = { [String(pick([2n ** 31n, 2n ** 40n, 10n ** 25n, 3n]))]: 'w:1' })
      if (chance(0.2)) tfConfig.service = { n: 2n ** 80n, f: 1.5 }
      const config: Record<string, PyValue> = chance(0.3) ? { train_distribute: strategy() } : {}
      return { rule, body: { tf_config: chance(0.5) ? tfConfig : stringifyJson(tfConfig), config } }
    }
    case 3: { // negative sparse keys
      const spec = cluster(true)
      const tfConfig: Record<string, PyValue> = { cluster: spec, task: task(Object.keys(spec)) }
      const config: Record<string, PyValue> = chance(0.2) ? { train_distribute: strategy() } : {}
      return { rule, body: { tf_config: stringifyJson(tfConfig), config } }
    }
    case 4: { // coordinator path
      const spec = cluster(chance(0.5))
      const tfConfig: Record<string, PyValue> = { cluster: spec }
      if (chance(0.9)) tfConfig.task = task(Object.keys(spec))
      extras(tfConfig)
      const config: Record<string, PyValue> = { train_distribute: strategy() }
      if (chance(0.2)) config.eval_distribute = strategy()
      return { rule, body: { tf_config: stringifyJson(tfConfig), config } }
    }
    case 5: { // lone surrogates
      const spec: Record<string, PyValue> = {}
      for (const name of ['chief', 'worker', `w${pick(SURROGATES)}`, pick(SURROGATES), 'ps']) {
        if (chance(0.6)) spec[name] = chance(0.5) ? [address(1), `s${pick(SURROGATES)}:1`] : { [pick(['0', '1', '2147483648', '-1'])]: pick([`s${pick(SURROGATES)}`, 'ok:1', 5]) }
      }
      const tfConfig = { cluster: spec, task: task(Object.keys(spec)) }
      return { rule, body: { tf_config: chance(0.5) ? tfConfig : stringifyJson(tfConfig) } }
    }
    default: { // nesting depth like Python's parser
      const depth = int(984, 994)
      const opening = () => pick(['[', '{"k":'])
      let head = ''
      let tail = ''
      for (let i = 0; i < depth; i++) {
        const o = opening()
        head += o
        tail = (o === '[' ? ']' : '}') + tail
      }
      const inner = pick(['', '1', '[]', '{}'])
      const core = inner === '' && head.endsWith(':') ? '1' : inner
      const key = pick(['model_dir', 'other', 'service'])
      const coordinator = chance(0.4)
      const text = `{"cluster":{"worker":["w:1"]},"task":{"type":"worker","index":0},"${key}":${head}${core}${tail}}`
      const body: Body = { tf_config: coordinator || chance(0.5) ? text : JSON.parse(text) as PyValue }
      if (coordinator) body.config = { train_distribute: strategy() }
      return { rule, body }
    }
  }
}

// ---- the oracle's case format ------------------------------------------------------------------
function oracleStrategy (value: PyValue): PyValue {
  if (!isDict(value) || typeof value.strategy !== 'string') return value
  const out: Record<string, PyValue> = { $strategy: value.strategy }
  if ('between_graph' in value) out.between_graph = value.between_graph
  return out
}

function oracleCase (id: string, body: Body): Record<string, PyValue> {
  const out: Record<string, PyValue> = { id }
  if (body.tf_config !== undefined && body.tf_config !== null) out.tf_config = body.tf_config
  if (body.config !== undefined) {
    const config: Record<string, PyValue> = {}
    for (const [key, value] of Object.entries(body.config)) {
      if (key === 'experimental_distribute' && isDict(value)) {
        const fields: Record<string, PyValue> = {}
        for (const [field, item] of Object.entries(value)) fields[field] = field === 'remote_cluster' ? { $literal: item } : oracleStrategy(item)
        config[key] = { $DistributeConfig: fields }
      } else {
        config[key] = key.endsWith('_distribute') ? oracleStrategy(value) : value
      }
    }
    out.config = config
  }
  return out
}

// The oracle's own runner writes non-ASCII as is, which a lone surrogate cannot be: this one escapes
// (cases and answers nested past Python's limit are read and written with a raised limit; each case
// runs with the default one, one frame below main(), exactly as under the oracle's own main())
const RUNNER = `
import json, sys
sys.path.insert(0, sys.argv[1])
import oracle
up = oracle.Upstream(sys.argv[2])
def main():
  for line in sys.stdin:
    if line.strip():
      sys.setrecursionlimit(100000)
      case = json.loads(line)
      sys.setrecursionlimit(1000)
      try:
        result = oracle.run_case(up, case)
      except RecursionError as e:  # json.dumps of an object TF_CONFIG, before TensorFlow runs
        result = {'id': case.get('id'), 'ok': False, 'oracle_error': {'type': 'RecursionError', 'message': str(e)}}
      sys.setrecursionlimit(100000)
      sys.stdout.write(json.dumps(result) + '\\n')
main()
`

function askOracle (cases: Array<Record<string, PyValue>>): PyValue[] {
  const oracleDir = (options.oracle as string).replace(/\/[^/]*$/, '') || '.'
  const run = spawnSync('python3', ['-c', RUNNER, oracleDir, options.upstream as string], {
    input: cases.map((c) => stringifyJson(c)).join('\n') + '\n', maxBuffer: 1 << 30, encoding: 'utf8'
  })
  if (run.status !== 0) throw new Error(`oracle failed: ${run.stderr}`)
  return run.stdout.split('\n').filter((line) => line !== '').map(parseExact)
}

/** JSON text with its big integers exact (past Python's nesting limit, as JSON.parse reads it). */
function parseExact (text: string): PyValue {
  try {
    return pyJsonLoads(text)
  } catch {
    return JSON.parse(text) as PyValue
  }
}

// ---- expected answers and comparison -----------------------------------------------------------
type Json = unknown

function plainFromOracle (value: PyValue): Json {
  if (value instanceof PyFloat) return value.value
  if (Array.isArray(value)) return value.map(plainFromOracle)
  if (isDict(value)) {
    if ('$float' in value) return ({ nan: 'NaN', inf: 'Infinity', '-inf': '-Infinity' } as Record<string, string>)[value.$float as string]
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainFromOracle(v)]))
  }
  return value
}

const COMPARED = ['model_dir', 'tf_random_seed', 'cluster_spec', 'task_type', 'task_id', 'master', 'evaluation_master',
  'is_chief', 'num_ps_replicas', 'num_worker_replicas', 'global_id_in_cluster', 'service']

/** What the API answers when TensorFlow answers `result` (the fields compared). */
function expected (result: Record<string, PyValue>): Json {
  if (result.ok !== true) {
    const error = result.error as Record<string, PyValue>
    return { status: 422, exception: error.type, message: error.message }
  }
  const runConfig = result.run_config as Record<string, PyValue>
  const tae = result.train_and_evaluate as Record<string, PyValue>
  const estimator = result.estimator as Record<string, PyValue>
  const device = estimator.device_fn
  return {
    status: 200,
    run_config: Object.fromEntries(COMPARED.map((key) => [key, plainFromOracle(runConfig[key])])),
    experimental_distribute: plainFromOracle(runConfig.experimental_distribute),
    distribute_coordinator_mode: (result.extras as Record<string, PyValue>).distribute_coordinator_mode,
    start_delay_secs: result.start_delay_secs,
    train_and_evaluate: {
      path: tae.path,
      ...(tae.error !== undefined ? { error: { exception: (tae.error as Record<string, PyValue>).type, message: (tae.error as Record<string, PyValue>).message } } : {})
    },
    estimator: {
      session_config: plainFromOracle(estimator.session_config),
      device_fn: device === 'user_device_fn' ? 'user' : isDict(device) ? { ps_tasks: device.ps_tasks, ps_device: device.ps_device, worker_device: device.worker_device, merge_devices: device.merge_devices } : device
    }
  }
}

function remoteFromDescriptor (value: Json): Json {
  if (!isDict(value as PyValue)) return value
  const fields = (value as Record<string, Json>).$DistributeConfig as Record<string, Json>
  const strategyOf = (s: Json): Json => isDict(s as PyValue) ? { strategy: (s as Record<string, Json>).$strategy } : s
  return { train_distribute: strategyOf(fields.train_distribute), eval_distribute: strategyOf(fields.eval_distribute), remote_cluster: fields.remote_cluster }
}

/** What the service answers for the body, read as the HTTP layer reads it, in the compared fields. */
function actual (body: Body): Json {
  const text = stringifyJson(body)
  const parsed = withTextKeyOrder(text, JSON.parse(text)) as Body
  let answer
  try {
    answer = resolveRunConfig(parsed)
  } catch (error) {
    if (!(error instanceof RunConfigError)) throw error
    return { status: 422, exception: error.exception, message: error.message }
  }
  const json = plainFromOracle(parseExact(stringifyJson(answer))) as Record<string, Record<string, Json>>
  const distribute = json.run_config.experimental_distribute as Record<string, Json> | null
  return {
    status: 200,
    run_config: Object.fromEntries(COMPARED.map((key) => [key, json.run_config[key]])),
    experimental_distribute: distribute === null ? null : { ...distribute, train_distribute: strategyName(distribute.train_distribute), eval_distribute: strategyName(distribute.eval_distribute) },
    distribute_coordinator_mode: json.distribute_coordinator_mode,
    start_delay_secs: json.start_delay_secs,
    train_and_evaluate: json.train_and_evaluate,
    estimator: json.estimator
  }
}

const strategyName = (s: Json): Json => isDict(s as PyValue) ? { strategy: (s as Record<string, Json>).strategy } : s

/** A canonical text: keys sorted, integral numbers as integers (JSON bodies lose 1.0's float-ness). */
function canonical (value: Json): string {
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value)
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, Json>)[key])}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'undefined'
}

// ---- the run ------------------------------------------------------------------------------------
const rules = options.rules.split(',').map(Number)
const count = Number(options.count)
const cases: Case[] = []
if (options.cases !== undefined) {
  for (const line of readFileSync(options.cases, 'utf8').split('\n')) if (line !== '') cases.push(parseExact(line) as unknown as Case)
} else {
  for (let i = 0; i < count; i++) cases.push(ruleCase(rules[i % rules.length]))
}
const results = askOracle(cases.map((c, i) => oracleCase(`fuzz.${i}`, c.body))) as Array<Record<string, PyValue>>

const tally = new Map<number, { tried: number, compared: number, differ: number, skipped: number }>()
let shown = 0
for (const [i, c] of cases.entries()) {
  const result = results[i]
  const row = tally.get(c.rule) ?? { tried: 0, compared: 0, differ: 0, skipped: 0 }
  tally.set(c.rule, row)
  row.tried++
  if ('oracle_error' in result || 'input_error' in result) {
    row.skipped++
    if (process.env.FUZZ_SHOW_SKIPPED !== undefined) console.log(`skipped rule ${c.rule}: ${stringifyJson(result).slice(0, 300)}`)
    continue
  }
  row.compared++
  const want = expected(result) as Record<string, Json>
  if (want.status === 200) want.experimental_distribute = remoteFromDescriptor(want.experimental_distribute)
  const got = actual(c.body)
  if (canonical(want) !== canonical(got)) {
    row.differ++
    if (shown++ < Number(options.show)) {
      console.log(`--- rule ${c.rule}, case ${c.id ?? i}\nbody:     ${stringifyJson(c.body).slice(0, 600)}\nexpected: ${canonical(want).slice(0, 900)}\nactual:   ${canonical(got).slice(0, 900)}`)
    }
  } else if (options.fixtures !== undefined) {
    appendFileSync(options.fixtures, stringifyJson({ id: c.id ?? `fuzz.rule${c.rule}.seed${options.seed}.${i}`, rule: c.rule, request: { method: 'POST', url: '/v1/run-config', body: c.body }, expect: want }) + '\n')
  }
}
for (const [rule, row] of [...tally].sort((a, b) => a[0] - b[0])) {
  console.log(`rule ${rule}: ${row.tried} tried, ${row.compared} compared, ${row.differ} differ, ${row.skipped} the oracle could not answer`)
}
