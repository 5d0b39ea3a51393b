import { readFileSync } from 'node:fs'
import t from 'tap'
import { resolveRunConfig, RunConfigError, stringifyJson, withTextKeyOrder } from '../../src/index.js'
import { pyJsonLoads } from '../../src/python/json-loads.js'
import { PyFloat } from '../../src/python/value.js'

// TensorFlow's own answers (its real code, through ../shared/oracle: scripts/fuzz-oracle.ts wrote
// them) for the six rules of issue 14: cases.jsonl written per rule, fuzz.jsonl drawn at random.
// Each request goes through the body reading of the HTTP layer (withTextKeyOrder) and the answer
// through its serializer (stringifyJson), so exact integers are checked end to end.
const RULES: Record<number, string> = {
  1: 'remote_cluster is any value (SPEC A.2, B §10 step 4)',
  2: 'integers are exact at any size; NaN and ±Infinity echo as text (B §14)',
  3: 'negative sparse keys: job_tasks and as_dict with Python list semantics (B §7)',
  4: 'errors on the coordinator path (B §10, worker context)',
  5: 'UTF-8 encoding of job names and addresses: lone surrogates (B §7)',
  6: 'nesting depth like Python\'s parser (B §1.3)'
}

interface Fixture {
  id: string
  rule: number
  request: { body: { tf_config?: unknown, config?: Record<string, unknown> } }
  expect: Record<string, unknown>
}

const COMPARED = ['model_dir', 'tf_random_seed', 'cluster_spec', 'task_type', 'task_id', 'master', 'evaluation_master',
  'is_chief', 'num_ps_replicas', 'num_worker_replicas', 'global_id_in_cluster', 'service']

/** JSON text with big integers exact; past Python's nesting limit, as JSON.parse reads it. */
function parseExact (text: string): unknown {
  try {
    return pyJsonLoads(text)
  } catch {
    return JSON.parse(text)
  }
}

function load (name: string): Fixture[] {
  const text = readFileSync(new URL(`../fixtures/exactness/${name}`, import.meta.url), 'utf8')
  return text.split('\n').filter((line) => line !== '').map((line) => parseExact(line) as Fixture)
}

/** The answer's fields a fixture lists, as JSON data (strategies by class name). */
function answerFields (body: Fixture['request']['body']): Record<string, unknown> {
  const text = stringifyJson(body)
  let answer
  try {
    answer = resolveRunConfig(withTextKeyOrder(text, JSON.parse(text)) as Fixture['request']['body'])
  } catch (error) {
    if (!(error instanceof RunConfigError)) throw error
    return { status: 422, exception: error.exception, message: error.message }
  }
  const json = parseExact(stringifyJson(answer)) as Record<string, Record<string, unknown>>
  const distribute = json.run_config.experimental_distribute as Record<string, unknown> | null
  const byName = (strategy: unknown) => strategy === null ? null : { strategy: (strategy as { strategy: string }).strategy }
  return {
    status: 200,
    run_config: Object.fromEntries(COMPARED.map((key) => [key, json.run_config[key]])),
    experimental_distribute: distribute === null
      ? null
      : { ...distribute, train_distribute: byName(distribute.train_distribute), eval_distribute: byName(distribute.eval_distribute) },
    distribute_coordinator_mode: json.distribute_coordinator_mode,
    start_delay_secs: json.start_delay_secs,
    train_and_evaluate: json.train_and_evaluate,
    estimator: json.estimator
  }
}

/** Keys sorted, integral numbers as integers (a JSON body holds 1.0 as 1), bigints as digits. */
function canonical (value: unknown): string {
  if (value instanceof PyFloat) return canonical(value.value)
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value)
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    return `{${Object.keys(record).sort().map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`).join(',')}}`
  }
  return JSON.stringify(value)
}

for (const file of ['cases.jsonl', 'fuzz.jsonl']) {
  for (const fixture of load(file)) {
    t.test(`rule ${fixture.rule}, ${RULES[fixture.rule]}: ${fixture.id}`, async (t) => {
      t.equal(canonical(answerFields(fixture.request.body)), canonical(fixture.expect))
    })
  }
}

t.test('every rule has written cases and random ones', async (t) => {
  for (const file of ['cases.jsonl', 'fuzz.jsonl']) {
    const rules = new Set(load(file).map((fixture) => fixture.rule))
    t.strictSame([...rules].sort(), [1, 2, 3, 4, 5, 6], file)
  }
})

t.test('a comparison can fail: an answer one digit off is told apart', async (t) => {
  const [fixture] = load('cases.jsonl').filter((f) => f.id === 'rule2.evaluator_index_2_64')
  const wrong = structuredClone(fixture.expect) as { run_config: { task_id: bigint } }
  wrong.run_config.task_id += 1n
  t.not(canonical(answerFields(fixture.request.body)), canonical(wrong))
})
