import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t, { type Test } from 'tap'
import { buildIfStale, buildInputs, isStale, STAMP } from '../../scripts/build-if-stale.js'

const SCRIPTS = fileURLToPath(new URL('../../scripts/', import.meta.url))

/**
 * A project in a temporary directory, shaped like this one for the launcher: its "build" copies
 * the sources' text into dist/bundle/server.js (which prints it; npm start runs the bundle) and counts its runs in builds.log.
 */
function project (t: Test): string {
  const root = mkdtempSync(join(tmpdir(), 'runconfig-start-'))
  t.teardown(() => rmSync(root, { recursive: true, force: true }))
  mkdirSync(join(root, 'scripts'))
  mkdirSync(join(root, 'src', 'deep'), { recursive: true })
  for (const file of ['start.js', 'build-if-stale.js']) copyFileSync(join(SCRIPTS, file), join(root, 'scripts', file))
  const build = "import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'\n" +
    "if (readFileSync('server.ts', 'utf8') === 'broken') process.exit(2)\n" +
    "mkdirSync('dist/bundle', { recursive: true }); appendFileSync('builds.log', 'built\\n')\n" +
    "writeFileSync('dist/bundle/server.js', 'console.log(' + JSON.stringify(readFileSync('server.ts', 'utf8')) + ')')\n"
  writeFileSync(join(root, 'build.js'), build)
  writeFileSync(join(root, 'package.json'), JSON.stringify({ type: 'module', scripts: { build: 'node build.js' } }))
  writeFileSync(join(root, 'tsconfig.json'), '{}')
  writeFileSync(join(root, 'tsconfig.build.json'), JSON.stringify({ include: ['*.ts', 'src/**/*.ts'] }))
  writeFileSync(join(root, 'server.ts'), 'v1')
  writeFileSync(join(root, 'src', 'deep', 'core.ts'), '')
  writeFileSync(join(root, 'src', 'deep', 'notes.md'), '')
  for (const file of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'server.ts', 'src/deep/core.ts', 'src/deep/notes.md']) {
    utimesSync(join(root, file), new Date('2000-01-01'), new Date('2000-01-01'))
  }
  return root
}

/** An edit after the last build, without the clock: the stamp goes back to 2001, the file to 2002. */
function touchAfterBuild (root: string, file: string) {
  utimesSync(join(root, STAMP), new Date('2001-01-01'), new Date('2001-01-01'))
  utimesSync(join(root, file), new Date('2002-01-01'), new Date('2002-01-01'))
}

const builds = (root: string) => readFileSync(join(root, 'builds.log'), 'utf8').split('\n').length - 1

t.test('npm start builds a fresh clone, skips the build when nothing changed, rebuilds after an edit', async (t) => {
  const root = project(t)
  // no coverage from the children: they run copies of the scripts (this file covers the originals)
  const env = { ...process.env, _TAPJS_PROCESSINFO_COVERAGE_: '0' }
  const start = () => spawnSync(process.execPath, ['scripts/start.js'], { cwd: root, env, encoding: 'utf8' })
  t.match(start(), { status: 0, stdout: /v1\n$/ }, 'fresh: built, then run')
  t.equal(builds(root), 1)
  t.match(start(), { status: 0, stdout: 'v1\n' }, 'nothing changed: run without a build')
  t.equal(builds(root), 1)
  writeFileSync(join(root, 'server.ts'), 'v2')
  touchAfterBuild(root, 'server.ts')
  t.match(start(), { status: 0, stdout: /v2\n$/ }, 'edited: the edited code runs')
  t.equal(builds(root), 2)
  touchAfterBuild(root, 'src/deep/core.ts')
  t.equal(buildIfStale(root), true, 'the default build: npm run build')
  t.equal(builds(root), 3)
  writeFileSync(join(root, 'server.ts'), 'broken')
  touchAfterBuild(root, 'server.ts')
  t.match(start(), { status: 1, stdout: /^(?!.*v2)/s, stderr: /npm run build failed \(exit status 2\)/ }, 'a failed build runs nothing')
})

t.test('the build inputs are the files tsconfig.build.json includes, and the config files', async (t) => {
  const root = project(t)
  t.same(buildInputs(root)?.map((file) => file.slice(root.length + 1)).sort(), [
    'package.json', 'server.ts', 'src/deep/core.ts', 'tsconfig.build.json', 'tsconfig.json'
  ])
  mkdirSync(join(root, 'web', 'lib'), { recursive: true })
  for (const file of ['web/style.css', 'web/lib/sse.ts']) writeFileSync(join(root, file), '')
  t.same(buildInputs(root)?.map((file) => file.slice(root.length + 1)).filter((file) => file.startsWith('web/')).sort(),
    ['web/lib/sse.ts', 'web/style.css'], 'every file of the web view\'s sources')
  writeFileSync(join(root, 'tsconfig.build.json'), JSON.stringify({ include: ['src/**/*.tsx'] }))
  t.equal(buildInputs(root), undefined, 'a pattern it cannot read: unknown inputs')
})

t.test('isStale and buildIfStale', async (t) => {
  const root = project(t)
  let runs = 0
  const build = () => { runs++; mkdirSync(join(root, 'dist'), { recursive: true }); return 0 }
  t.equal(isStale(root), true, 'never built')
  t.equal(buildIfStale(root, build), true)
  t.equal(isStale(root), false)
  t.equal(buildIfStale(root, build), false)
  t.equal(runs, 1)
  for (const file of ['src/deep/core.ts', 'tsconfig.build.json', 'package.json']) {
    touchAfterBuild(root, file)
    t.equal(isStale(root), true, `${file} edited`)
    buildIfStale(root, build)
  }
  t.equal(runs, 4)
  utimesSync(join(root, 'src/deep/notes.md'), new Date('2100-01-01'), new Date('2100-01-01'))
  t.equal(isStale(root), false, 'not a build input')
  writeFileSync(join(root, 'tsconfig.build.json'), JSON.stringify({ include: ['lib/*.mts'] }))
  t.equal(isStale(root), true, 'unknown inputs: always stale')
  t.throws(() => buildIfStale(root, () => 1), /npm run build failed \(exit status 1\)/)
})
