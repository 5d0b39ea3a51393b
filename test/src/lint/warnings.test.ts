import { readFile } from 'node:fs/promises'
import t from 'tap'
import { WARNING_CODES } from '../../../src/lint/index.js'
import { lintCase, WARNINGS } from './warning-cases.js'

for (const [code, lintCaseOf] of Object.entries(WARNINGS)) {
  t.test(`${code}: the whole warning`, async (t) => {
    t.strictSame(lintCase(lintCaseOf).filter((found) => found.code === code), [lintCaseOf[1]])
  })
}

t.test('docs/lint.md has one table row per code, in order', async (t) => {
  const docs = await readFile(new URL('../../../docs/lint.md', import.meta.url), 'utf8')
  const rows = [...docs.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1])
  t.strictSame(rows, [...WARNING_CODES])
  t.strictSame(Object.keys(WARNINGS), [...WARNING_CODES])
})
