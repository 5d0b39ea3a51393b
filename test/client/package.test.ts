import { execFile } from 'node:child_process'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import t from 'tap'
import { build } from '../helper.js'

const run = promisify(execFile)
// a build, an npm install and its removal: minutes on a busy machine, more than tap's default
t.setTimeout(600_000)
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc')

// What a user writes after `npm install runconfig-service`: the client's import, typed calls, and the core's
const userCode = (url: string) => `
import { createRunConfigClient } from 'runconfig-service/client'
import { lintCluster } from 'runconfig-service'

const client = createRunConfigClient('${url}')
const { data } = await client.POST('/v1/run-config', {
  body: { tf_config: { cluster: { chief: ['host0:2222'], worker: ['host1:2222'] }, task: { type: 'chief', index: 0 } } }
})
const report = lintCluster({ cluster: { chief: ['host0:2222'] } })
console.log(JSON.stringify({ master: data?.run_config.master, ok: report.ok }))
`

// npm pack (which runs prepare: the build), then an install of the tarball into an empty project,
// as `npm install <git url>` does after building in its clone
t.test('the package installs into a scratch project, and its client and core import and type-check there', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'runconfig-package-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error']
  await run('npm', ['pack', '--pack-destination', dir, ...quiet], { cwd: ROOT })
  const [tarball] = (await readdir(dir)).filter((name) => name.endsWith('.tgz'))
  const project = join(dir, 'scratch')
  await run('mkdir', [project])
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }))
  await run('npm', ['install', '--prefer-offline', ...quiet, join(dir, tarball)], { cwd: project })
  await writeFile(join(project, 'user.ts'), userCode('http://127.0.0.1:8080'))

  // the declarations ship and resolve through the package's exports, with the client's types
  const compilerOptions = { noEmit: true, strict: true, module: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], types: [] }
  await writeFile(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['user.ts'] }))
  await run(process.execPath, [TSC, '-p', '.'], { cwd: project }).catch((error) => {
    t.fail(`tsc: ${String(error.stdout)}`)
  })

  const app = await build(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  await writeFile(join(project, 'user.mjs'), userCode(url))
  const { stdout } = await run(process.execPath, ['user.mjs'], { cwd: project })
  t.same(JSON.parse(stdout), { master: 'grpc://host0:2222', ok: true })
})
