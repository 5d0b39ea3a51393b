import { Readable } from 'node:stream'
import t from 'tap'
import type { CliIo } from '../../cli/io.js'
import * as core from '../../src/index.js'

// A core failing in a way TensorFlow never does is a bug: the commands pass it on, and runCli
// answers it with exit code 70 (see serve.test.ts)
const bug = new Error('core bug')
const broken = { ...core, resolveRunConfig: () => { throw bug }, planCluster: () => { throw bug } }
const io: CliIo = {
  stdin: Readable.from([]),
  stdout: { write: () => true },
  stderr: { write: () => true },
  graceful: () => undefined
}

t.test('resolve passes on an error that is not TensorFlow\'s', async (t) => {
  const { resolveCommand } = await t.mockImport<typeof import('../../cli/resolve.js')>('../../cli/resolve.js', { '../../src/index.js': broken })
  t.throws(() => resolveCommand({ format: 'json' }, {}, io), bug)
})

t.test('plan passes on an error that is not TensorFlow\'s', async (t) => {
  const { planCommand } = await t.mockImport<typeof import('../../cli/plan.js')>('../../cli/plan.js', { '../../src/index.js': broken })
  t.throws(() => planCommand({ cluster: {} }, { format: 'json' }, io), bug)
})
