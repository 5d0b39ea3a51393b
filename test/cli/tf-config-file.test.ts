import { execFile } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t, { type Test } from 'tap'
import { ENV_STRING_LIMIT, environmentStringBytes, planCluster } from '../../src/index.js'
import { cli } from './helper.js'

// A TF_CONFIG too large for the environment reaches a real python3 trainer through a file and
// examples/tf_config_shim.py, byte for byte

const SHIM = new URL('../../examples/tf_config_shim.py', import.meta.url).pathname
const EXAMPLES = new URL('../../examples/', import.meta.url).pathname
const PATH = process.env.PATH ?? '/usr/bin:/bin'
const run = promisify(execFile)

// 2,100 workers with Kubernetes DNS names, and one address with what breaks quoting: ' " \ $ ` ü and an escaped newline
const CLUSTER = {
  chief: ['chief-0.trainer.ml.svc.cluster.local:2222'],
  worker: [
    ...Array.from({ length: 2100 }, (_, i) => `trainer-worker-${i}.trainer-workers.ml-team.svc.cluster.local:2222`),
    'it\'s "$(x)" `y` \\ ü\n:1'
  ]
}
const WORKER_1 = planCluster({ cluster: CLUSTER, include: ['tf_config'] }).nodes[2]

function tempDir (t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'runconfig-tf-config-file-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** What a Python trainer sees: TF_CONFIG as os.environ has it when its code starts. */
const PRINT_TF_CONFIG = 'import os, sys; sys.stdout.write(os.environ.get("TF_CONFIG", "<unset>"))'

t.test('the node\'s TF_CONFIG is over the limit: in the environment, the trainer cannot even start', async (t) => {
  t.equal(WORKER_1.task_type, 'worker')
  t.ok(environmentStringBytes('TF_CONFIG', WORKER_1.tf_config as string) > ENV_STRING_LIMIT)
  // bash holds it (a shell variable has no limit); exec'ing python3 with it exported fails
  const file = join(tempDir(t), 'tf_config.json')
  writeFileSync(file, WORKER_1.tf_config as string)
  const script = 'export TF_CONFIG="$(< "$1")"; python3 -c "print(1)"'
  const failed = await run('/bin/bash', ['--norc', '--noprofile', '-c', script, 'bash', file], { env: { PATH } })
    .then(() => undefined, (error: { code: number, stderr: string }) => error)
  t.equal(failed?.code, 126)
  t.match(failed?.stderr, /Argument list too long/)
})

t.test('runconfig plan --tf-config-dir, plan.sh, runconfig_node, the shim: python3 gets the exact JSON', async (t) => {
  const dir = tempDir(t)
  const request = join(dir, 'cluster.json')
  writeFileSync(request, JSON.stringify({ cluster: CLUSTER }))
  const planned = await cli(['plan', request, '--format', 'shell', '--tf-config-dir', join(dir, 'tf_config')])
  t.strictSame([planned.code, planned.stderr], [0, ''], 'no warning: the TF_CONFIGs are in files')
  t.equal(readdirSync(join(dir, 'tf_config')).length, 2102)
  t.equal(readFileSync(join(dir, 'tf_config', 'worker-1.json'), 'utf8'), WORKER_1.tf_config)
  writeFileSync(join(dir, 'plan.sh'), planned.stdout)
  // the plan sets RUNCONFIG_TF_CONFIG_FILE, no TF_CONFIG: python3 starts, and the shim loads the file
  const script = `. "$1/plan.sh" && runconfig_node worker 1 && exec python3 -c 'import tf_config_shim; ${PRINT_TF_CONFIG}'`
  const { stdout } = await run('/bin/bash', ['--norc', '--noprofile', '-c', script, 'bash', dir], { env: { PATH, PYTHONPATH: EXAMPLES }, maxBuffer: 1 << 24 })
  t.equal(stdout, WORKER_1.tf_config)
  t.strictSame(JSON.parse(stdout).task, { type: 'worker', index: 1 })
})

t.test('the shim runs a script or a module as python3 would, TF_CONFIG loaded first', async (t) => {
  const dir = tempDir(t)
  const file = join(dir, 'tf_config.json')
  writeFileSync(file, WORKER_1.tf_config as string)
  writeFileSync(join(dir, 'trainer.py'), 'import json, os, sys\nprint(json.dumps([sys.argv, json.loads(os.environ["TF_CONFIG"])["task"], __name__]))\n')
  const env = { PATH, RUNCONFIG_TF_CONFIG_FILE: file, TF_CONFIG: '{"task": "stale"}' }
  const script = await run('python3', [SHIM, join(dir, 'trainer.py'), 'a', '--b'], { env })
  t.strictSame(JSON.parse(script.stdout), [[join(dir, 'trainer.py'), 'a', '--b'], { type: 'worker', index: 1 }, '__main__'], 'the file wins')
  const module = await run('python3', [SHIM, '-m', 'trainer', 'c'], { env: { ...env, PYTHONPATH: dir } })
  t.strictSame(JSON.parse(module.stdout)[1], { type: 'worker', index: 1 })
  t.equal(JSON.parse(module.stdout)[0][1], 'c')
})

t.test('as sitecustomize.py on PYTHONPATH it loads in every python3', async (t) => {
  const dir = tempDir(t)
  copyFileSync(SHIM, join(dir, 'sitecustomize.py'))
  const file = join(dir, 'tf_config.json')
  writeFileSync(file, WORKER_1.tf_config as string)
  const { stdout } = await run('python3', ['-c', PRINT_TF_CONFIG], { env: { PATH, PYTHONPATH: dir, RUNCONFIG_TF_CONFIG_FILE: file }, maxBuffer: 1 << 24 })
  t.equal(stdout, WORKER_1.tf_config)
})

t.test('the shim does nothing without RUNCONFIG_TF_CONFIG_FILE, and fails on a file it cannot read', async (t) => {
  const unset = await run('python3', ['-c', `import tf_config_shim; ${PRINT_TF_CONFIG}`], { env: { PATH, PYTHONPATH: EXAMPLES, TF_CONFIG: '{}' } })
  t.equal(unset.stdout, '{}')
  const missing = await run('python3', ['-c', 'import tf_config_shim'], { env: { PATH, PYTHONPATH: EXAMPLES, RUNCONFIG_TF_CONFIG_FILE: '/nonexistent/tf.json' } })
    .then(() => undefined, (error: { code: number, stderr: string }) => error)
  t.equal(missing?.code, 1)
  t.match(missing?.stderr, /FileNotFoundError: .*\/nonexistent\/tf\.json/)
})

t.test('runconfig plan warns on stderr when the TF_CONFIGs are too large for the environment', async (t) => {
  const dir = tempDir(t)
  const request = join(dir, 'cluster.json')
  writeFileSync(request, JSON.stringify({ cluster: CLUSTER }))
  const planned = await cli(['plan', request, '--format', 'dotenv', '--task', 'worker:1'])
  t.equal(planned.code, 0)
  t.equal(planned.stderr, `runconfig: warning: the TF_CONFIG of 1 of 1 node(s) is too large for an environment variable: ${
    environmentStringBytes('TF_CONFIG', WORKER_1.tf_config as string).toLocaleString('en-US')} bytes as TF_CONFIG=... (with its NUL), Linux ` +
    'takes at most 131,072; starting such a node fails with "Argument list too long". Write the TF_CONFIGs to files ' +
    'instead (--tf-config-dir DIR) and load them with examples/tf_config_shim.py (docs/large-tf-config.md)\n')
  t.equal((await cli(['plan', request, '--format', 'json', '--tf-config-dir', dir])).code, 2, '--tf-config-dir is for shell and dotenv')
})
