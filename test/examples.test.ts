import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t, { type Test } from 'tap'
import { planCluster, type PlanRequest } from '../src/index.js'
import { SEED_CLUSTER } from '../src/schemas.js'
import { build } from './helper.js'
import { killHard, ROOT, SOURCE, startServer } from './server-child.js'

const LAUNCHER = fileURLToPath(new URL('../examples/launcher.sh', import.meta.url))
const CLUSTER_FILE = fileURLToPath(new URL('../examples/cluster.json', import.meta.url))
const LOCAL_CLUSTER = fileURLToPath(new URL('../examples/local-cluster.sh', import.meta.url))

interface Run { code: number, stdout: string, stderr: string }

/** Runs the launcher on a file, asynchronously: the app answering it lives in this process. */
function launch (file: string, url: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile('bash', [LAUNCHER, file], { env: { PATH: process.env.PATH, RUNCONFIG_URL: url }, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr })
    })
  })
}

function requestFile (t: Test, request: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'runconfig-launcher-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'cluster.json')
  writeFileSync(file, typeof request === 'string' ? request : JSON.stringify(request))
  return file
}

/** What bash sets TF_CONFIG to when it evals `body` (asynchronously: the app answering the launcher is in this process). */
function evalTfConfig (body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', ['--norc', '--noprofile', '-c', 'eval "$BODY"; printf %s "$TF_CONFIG"'], { env: { BODY: body }, encoding: 'utf8' }, (error, stdout) => {
      if (error === null) resolve(stdout)
      else reject(error)
    })
  })
}

/** Every node's TF_CONFIG, as the plan gives it. */
function tfConfigs (request: PlanRequest): Array<[string, string]> {
  return planCluster({ ...request, include: ['tf_config'] }).nodes.map((node) => [`# ${node.task_type} ${node.task_id}`, node.tf_config as string])
}

// Not skipped when jq is missing: the launcher needs it, and .ci/run installs it
const hasJq = (() => {
  try {
    execFileSync('jq', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
t.ok(hasJq, 'jq is installed (Debian: apt-get install -y jq; .ci/run installs it)', { bail: true })

t.test('examples/cluster.json is the seed cluster', async (t) => {
  t.strictSame(JSON.parse(readFileSync(CLUSTER_FILE, 'utf8')), { cluster: SEED_CLUSTER })
})

t.test('examples/launcher.sh against the app', async (t) => {
  const app = await build(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`

  t.test('a good cluster: exit 0, each node\'s environment, each TF_CONFIG the node\'s when bash evals it', async (t) => {
    const { code, stdout, stderr } = await launch(CLUSTER_FILE, url)
    t.strictSame({ code, stderr }, { code: 0, stderr: '' })
    const blocks = stdout.split('\n\n')
    const expected = tfConfigs({ cluster: SEED_CLUSTER })
    t.strictSame(blocks.map((block) => block.split('\n')[0]), expected.map(([comment]) => comment))
    for (const [i, block] of blocks.entries()) t.equal(await evalTfConfig(block), expected[i][1], expected[i][0])
  })

  t.test('awkward addresses and shared keys: the environments still eval to each node\'s TF_CONFIG', async (t) => {
    const request = { cluster: { chief: ["it's:1"], worker: ['$(exit 9)`false`:2', 'ü\n✓:3'] }, tf_config: { environment: 'cloud' }, evaluator: true }
    const { code, stdout } = await launch(requestFile(t, JSON.stringify(request, null, 2)), url)
    t.equal(code, 0)
    const expected = tfConfigs(request)
    t.strictSame(await Promise.all(stdout.split('\n\n').map(evalTfConfig)), expected.map(([, text]) => text))
  })

  t.test('warnings go to stderr, and do not stop the launch', async (t) => {
    const { code, stdout, stderr } = await launch(requestFile(t, { cluster: { chief: ['h:1'], worker: ['h:1'] } }), url)
    t.equal(code, 0)
    t.equal(stdout.split('\n\n').length, 2)
    t.equal(stderr, 'warning: DUPLICATE_ADDRESS at /cluster/worker/0: "h:1" is also the address of /cluster/chief/0: both ' +
      'tasks\' servers would listen on it, and both tasks would be reached at the same master target\n' +
      '  hint: Give every task its own host:port\n')
  })

  t.test('a failing cluster: exit 1, every failed node, nothing on stdout', async (t) => {
    const message = 'If "cluster" is set in TF_CONFIG, it must have one "chief" node.'
    t.strictSame(await launch(requestFile(t, { cluster: { worker: ['host3:2222', 'host4:2222'], ps: ['host1:2222'] } }), url), {
      code: 1,
      stdout: '',
      stderr: 'launcher: TensorFlow would fail on 3 node(s); nothing is started:\n' +
        `  worker 0: ValueError: ${message}\n  worker 1: ValueError: ${message}\n  ps 0: ValueError: ${message}\n`
    })
  })

  t.test('a cluster TensorFlow cannot read: exit 1 with its error', async (t) => {
    t.strictSame(await launch(requestFile(t, { cluster: { worker: { a: 'w:1' } } }), url), {
      code: 1,
      stdout: '',
      stderr: 'launcher: TensorFlow cannot read the cluster; nothing is started: ValueError: invalid literal for int() with base 10: \'a\'\n'
    })
  })

  t.test('a file the service refuses: exit 2 with its message', async (t) => {
    t.strictSame(await launch(requestFile(t, { cluster: SEED_CLUSTER, evaluator: 'yes' }), url), {
      code: 2,
      stdout: '',
      stderr: 'launcher: runconfig-service answered 400 to POST /v1/cluster-plan/lint: body/evaluator must be boolean\n'
    })
  })

  t.test('usage errors: exit 2', async (t) => {
    t.strictSame(await launch(join(tmpdir(), 'no-such-cluster.json'), url),
      { code: 2, stdout: '', stderr: `launcher: cannot read ${join(tmpdir(), 'no-such-cluster.json')}\n` })
  })
})

t.test('a service that cannot be reached: exit 3', async (t) => {
  const app = await build(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  await app.close()
  const { code, stdout, stderr } = await launch(CLUSTER_FILE, url)
  t.strictSame({ code, stdout }, { code: 3, stdout: '' })
  t.match(stderr, `launcher: cannot reach runconfig-service at ${url}\n`)
})

/** Runs examples/local-cluster.sh with the CLI from the sources (as test/cli/spawn.test.ts runs it), in the repository. */
function localCluster (env: Record<string, string>, args: string[] = []): Promise<Run> {
  // no coverage from the nodes: tsx compiles the sources unlike tap's loader
  const runconfig = `${process.execPath} --import tsx ${join(ROOT, 'cli', 'runconfig.ts')}`
  return new Promise((resolve) => {
    execFile('bash', [LOCAL_CLUSTER, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, RUNCONFIG: runconfig, _TAPJS_PROCESSINFO_COVERAGE_: '0', ...env },
      encoding: 'utf8'
    }, (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }))
  })
}

t.test('examples/local-cluster.sh: seven local processes rendezvous, each in its own slot', async (t) => {
  const server = await startServer(t, SOURCE)
  const { code, stdout, stderr } = await localCluster({ RUNCONFIG_SERVER: server.url, RUNCONFIG_JOB: 'local' })
  t.equal(code, 0, stderr)
  // "[member] {task}": a member is named role-port, its task is the slot the service gave it
  const lines = stdout.trimEnd().split('\n').map((line) => /^\[([a-z]+)-(\d+)\] (.*)$/.exec(line))
  t.ok(lines.every((match) => match !== null), stdout)
  const nodes = lines.map((match) => ({ role: String(match?.[1]), port: Number(match?.[2]), task: JSON.parse(String(match?.[3])) }))
  t.same(nodes.map(({ port }) => port).sort(), [2222, 2223, 2224, 2225, 2226, 2227, 2228], 'one line from each of the seven nodes')
  t.ok(nodes.every(({ role, task }) => task.type === role), 'each node runs as its role')
  t.same(nodes.map(({ task }) => `${task.type as string} ${task.index as number}`).sort(),
    ['chief 0', 'ps 0', 'ps 1', 'worker 0', 'worker 1', 'worker 2', 'worker 3'], 'every slot once: distinct slots')
  t.match(stderr, /\[worker-2225\] runconfig: joined local as worker \d \(round 1\)/, 'runconfig\'s progress on stderr, prefixed')
  const after = await fetch(`${server.url}/v1/jobs/local`)
  t.equal(after.status, 404, 'the job is deleted at exit')
})

t.test('examples/local-cluster.sh: failures', async (t) => {
  const server = await startServer(t, SOURCE)
  const chiefOnly = { RUNCONFIG_SERVER: server.url, CLUSTER: '{"chief": 1}' }

  const failing = await localCluster({ ...chiefOnly, RUNCONFIG_JOB: 'failing' }, ['sh', '-c', 'echo "$TF_CONFIG" | grep -o chief; exit 7'])
  t.match(failing, { code: 1, stdout: '[chief-2222] chief\n' }, 'a node\'s command fails: exit 1')
  t.match(failing.stderr, 'local-cluster: chief-2222 exited 7\n', 'naming the node and its status')

  const refused = await localCluster({ ...chiefOnly, RUNCONFIG_JOB: 'refused', CLUSTER: '{"chief": 2}' })
  t.match(refused, { code: 2, stdout: '', stderr: /^local-cluster: runconfig-service answered 422 to PUT \/v1\/jobs\/refused: .*chief/ }, 'a cluster the service refuses: exit 2')

  t.strictSame(await localCluster({ ...chiefOnly, CLUSTER: 'chief=1' }),
    { code: 2, stdout: '', stderr: 'local-cluster: CLUSTER must be a JSON object of task counts, not chief=1\n' }, 'a CLUSTER that is not JSON: exit 2')

  await killHard(server)
  const gone = await localCluster(chiefOnly)
  t.match(gone, { code: 3, stdout: '', stderr: `local-cluster: cannot reach runconfig-service at ${server.url}\n` }, 'no service: exit 3')
})
