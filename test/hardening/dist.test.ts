import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import t from 'tap'
import { bundleServer } from '../../scripts/bundle.js'
import { assertDrains, buildToTemp, ROOT, startServer } from './server-process.js'

// builds (tsc) and servers: minutes on a busy machine
t.setTimeout(600_000)

// The production build (tsc, then scripts/bundle.js: the bundle npm start and the image run)
// runs its plan worker from the built JavaScript, and drains on SIGTERM as the source does.
t.test('the build plans on its worker thread and drains on SIGTERM', async (t) => {
  const dir = buildToTemp(t)
  await bundleServer(dir)
  const server = await startServer(t, [join(dir, 'bundle', 'server.js')])
  await assertDrains(t, server, 2)
  t.match(server.logs.find((line) => line.msg === 'planned cluster'), { nodes: 20_000, worker: true })
})

// `npm start` runs the build's server as npm's child: SIGTERM or SIGINT to npm (a process manager,
// Ctrl-C) must reach it, or the server is left listening with no parent: npm signals its child, a
// shell that runs the command unless the script `exec`s it (as with `npm run build && node …`)
t.test('SIGTERM or SIGINT to npm start stops the server', async (t) => {
  const build = buildToTemp(t) // once for both: a build takes a minute on a busy machine
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const project = mkdtempSync(join(tmpdir(), 'runconfig-start-'))
    t.teardown(() => rmSync(project, { recursive: true, force: true }))
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'start', type: 'module', scripts: { start: scripts.start } }))
    // the start script as package.json has it; its scripts/start.js (build if stale, then the
    // server in-process) stands here for the server built above, in-process too
    mkdirSync(join(project, 'scripts'))
    writeFileSync(join(project, 'scripts', 'start.js'), `await import(${JSON.stringify(pathToFileURL(join(build, 'server.js')).href)})\n`)
    const server = await startServer(t, ['start', '--silent'], { command: 'npm', cwd: project })
    const pid = Number(server.logs[0].pid) // the server's (pino logs it), not npm's
    t.teardown(() => { try { process.kill(pid, 'SIGKILL') } catch {} }) // left behind only if the test fails
    server.child.kill(signal)
    const exit = await server.exited
    t.same([exit.code, exit.signal], [0, null], `${signal}: npm exits 0 once the server has`)
    t.match(server.logs.find((line) => line.msg === 'closing'), { signal })
    t.equal(await connectionRefused(server.port), true, `${signal}: nothing listens on the port any more`)
  }
})

function connectionRefused (port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => { socket.destroy(); resolve(false) })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'))
  })
}
