import { spawnSync } from 'node:child_process'
import t from 'tap'
import { ENV_STRING_LIMIT, environmentStringBytes } from '../../../src/index.js'

t.test('environmentStringBytes: NAME=value in UTF-8, and the terminating NUL', async (t) => {
  t.equal(environmentStringBytes('TF_CONFIG', ''), 11)
  t.equal(environmentStringBytes('A', 'é✓🚀'), 2 + 2 + 3 + 4 + 1)
})

// The limit is Linux's, not ours: a real execve takes a string of the limit and refuses one byte more
t.test('ENV_STRING_LIMIT is where execve starts refusing one environment string (E2BIG)', { skip: process.platform !== 'linux' && 'Linux only' }, async (t) => {
  const run = (bytes: number) => {
    // bytes counts TF_CONFIG=, the value and the NUL; the value is ASCII, 1 byte a character
    const value = 'x'.repeat(bytes - environmentStringBytes('TF_CONFIG', ''))
    t.equal(environmentStringBytes('TF_CONFIG', value), bytes)
    const child = spawnSync('/bin/sh', ['-c', 'exit 0'], { env: { TF_CONFIG: value } })
    return child.error === undefined ? child.status : (child.error as NodeJS.ErrnoException).code
  }
  t.equal(run(ENV_STRING_LIMIT), 0)
  t.equal(run(ENV_STRING_LIMIT + 1), 'E2BIG')
})
