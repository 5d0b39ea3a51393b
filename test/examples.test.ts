/* eslint-disable no-template-curly-in-string -- shell text: ${VAR} there is the shell's, not a template */
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

const LAUNCHER = fileURLToPath(new URL('../examples/launcher.sh', import.meta.url))
const CLUSTER_FILE = fileURLToPath(new URL('../examples/cluster.json', import.meta.url))

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

/** What bash sets TF_CONFIG to when it evals the plan `body` and names the node (asynchronously: the app answering the launcher is in this process). */
function nodeTfConfig (body: string, node: [string, number]): Promise<string> {
  return new Promise((resolve, reject) => {
    const script = 'eval "$BODY"; printf %s "${TF_CONFIG-unset}/"; runconfig_node "$1" "$2"; printf %s "$TF_CONFIG"'
    execFile('bash', ['--norc', '--noprofile', '-c', script, 'bash', ...node.map(String)], { env: { BODY: body }, encoding: 'utf8' }, (error, stdout) => {
      if (error === null) resolve(stdout)
      else reject(error)
    })
  })
}

/** Every node's [type, index] and TF_CONFIG, as the plan gives them. */
function tfConfigs (request: PlanRequest): Array<[[string, number], string]> {
  return planCluster({ ...request, include: ['tf_config'] }).nodes.map((node) => [[node.task_type, node.task_id], node.tf_config as string])
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

  t.test('a good cluster: exit 0, a script that sets nothing, and each node\'s TF_CONFIG when it is named', async (t) => {
    const { code, stdout, stderr } = await launch(CLUSTER_FILE, url)
    t.strictSame({ code, stderr }, { code: 0, stderr: '' })
    const expected = tfConfigs({ cluster: SEED_CLUSTER })
    for (const [node, text] of expected) t.equal(await nodeTfConfig(stdout, node), `unset/${text}`, node.join(' '))
  })

  t.test('awkward addresses and shared keys: each node still gets its TF_CONFIG', async (t) => {
    const request = { cluster: { chief: ["it's:1"], worker: ['$(exit 9)`false`:2', 'ü\n✓:3'] }, tf_config: { environment: 'cloud' }, evaluator: true }
    const { code, stdout } = await launch(requestFile(t, JSON.stringify(request, null, 2)), url)
    t.equal(code, 0)
    const expected = tfConfigs(request)
    t.strictSame(await Promise.all(expected.map(([node]) => nodeTfConfig(stdout, node))), expected.map(([, text]) => `unset/${text}`))
  })

  t.test('warnings go to stderr, and do not stop the launch', async (t) => {
    const { code, stdout, stderr } = await launch(requestFile(t, { cluster: { chief: ['h:1'], worker: ['h:1'] } }), url)
    t.equal(code, 0)
    t.match(stdout, /^runconfig_node \(\) \{$/m)
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
