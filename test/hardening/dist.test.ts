import { join } from 'node:path'
import t from 'tap'
import { bundleServer } from '../../scripts/bundle.js'
import { assertDrains, buildToTemp, startServer } from './server-process.js'

// The production build (tsc, then scripts/bundle.js: the bundle npm start and the image run)
// runs its plan worker from the built JavaScript, and drains on SIGTERM as the source does.
t.test('the build plans on its worker thread and drains on SIGTERM', async (t) => {
  const dir = buildToTemp(t)
  await bundleServer(dir)
  const server = await startServer(t, [join(dir, 'bundle', 'server.js')])
  await assertDrains(t, server, 2)
  t.match(server.logs.find((line) => line.msg === 'planned cluster'), { nodes: 20_000, worker: true })
})
