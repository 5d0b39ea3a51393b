import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { buildTestApp } from './helper.js'
import { blockScript, consoleBlocks, matchesShown, promptsOutsideConsole, splitOutputs, type ConsoleBlock } from './readme/console-blocks.js'
import { ROOT } from './server-child.js'

// Every ```console example of the README and docs/ runs against the app, and its output must be
// the one shown (test/readme/console-blocks.ts: the "…" placeholder and the opt-out markers).
// What an example shows is then what a user gets: the README cannot drift from the service.

const FILES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)]

/** What a terminal shows: the next prompt on a line of its own, after an answer with no final newline. */
const asShown = (output: string) => output === '' || output.endsWith('\n') ? output : output + '\n'

// The CLI from its sources (no build needed), as `node dist/cli/runconfig.js` and `npx runconfig` run its build
const TSX = import.meta.resolve('tsx')
const CLI = `node --import ${TSX} ${join(ROOT, 'cli/runconfig.ts')}`

/** Runs a bash script in `cwd`, asynchronously: the app answering it lives in this process. */
function bash (script: string, cwd: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    execFile('bash', ['--norc', '--noprofile', '-c', script], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 120_000 }, (_error, stdout) => {
      resolve(stdout)
    })
  })
}

const TEXTS = FILES.map((file) => [file, readFileSync(join(ROOT, file), 'utf8')] as const)
const blocks: ConsoleBlock[] = TEXTS.flatMap(([file, text]) => consoleBlocks(file, text))

t.test('the examples are found, and each one not run says why', async (t) => {
  t.ok(blocks.length >= 10, `${blocks.length} console blocks`)
  for (const block of blocks) {
    t.ok(block.commands.length > 0, `${block.file}:${block.line} has commands`)
    if (block.notRun !== undefined) t.ok(block.notRun.length >= 10, `${block.file}:${block.line} is not run: ${block.notRun}`)
  }
  t.strictSame(TEXTS.flatMap(([file, text]) => promptsOutsideConsole(file, text)), [], 'every example with a prompt is in a console block')
  const run = blocks.filter((block) => block.notRun === undefined)
  t.comment(`${run.length} blocks run (${run.reduce((sum, block) => sum + block.commands.length, 0)} commands), ${blocks.length - run.length} not run`)
})

t.test('each example shows what the service answers', async (t) => {
  const app = await buildTestApp(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = `127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const rewrite = (command: string) => command.replaceAll('localhost:8080', address)
    .replaceAll('node dist/cli/runconfig.js', CLI).replaceAll('npx runconfig', CLI)
  for (const block of blocks.filter((block) => block.notRun === undefined)) {
    // each block in a folder of its own, with the repository's examples at hand
    const cwd = mkdtempSync(join(tmpdir(), 'runconfig-readme-'))
    t.teardown(() => rmSync(cwd, { recursive: true, force: true }))
    symlinkSync(join(ROOT, 'examples'), join(cwd, 'examples'))
    // `runconfig` as installed (npm install -g, or on PATH): the same CLI from its sources
    const script = `runconfig () { ${CLI} "$@"; }\n${blockScript(block, rewrite)}`
    const outputs = splitOutputs(await bash(script, cwd, { RUNCONFIG_URL: `http://${address}` }))
    block.commands.forEach(({ command, shown }, index) => {
      const actual = asShown(outputs[index] ?? '').replaceAll(address, 'localhost:8080')
      const where = `${block.file}:${block.line} $ ${command.length > 100 ? command.slice(0, 100) + '…' : command}`
      if (matchesShown(shown, actual)) t.pass(where)
      else t.equal(actual, shown, where)
    })
  }
})

t.test('the conventions: markers, placeholders, and a wrong output is caught', async (t) => {
  const [notRun, setup] = consoleBlocks('x.md', [
    '<!-- not run: needs a cluster of real machines -->',
    '```console',
    '$ ssh host4 true',
    '```',
    '<!-- setup: echo 1 > a -->',
    '```console',
    '$ cat a',
    '1',
    '$ true',
    '```'
  ].join('\n'))
  t.equal(notRun.notRun, 'needs a cluster of real machines')
  t.strictSame(setup.setup, ['echo 1 > a'])
  t.strictSame(setup.commands, [{ command: 'cat a', shown: '1\n' }, { command: 'true', shown: '' }])
  t.strictSame(promptsOutsideConsole('x.md', '```sh\n$ curl x\n```\n```console\n$ curl y\n```\n$ not in a block'), ['x.md:2: $ curl x'])
  t.throws(() => consoleBlocks('x.md', '```console\noutput\n```'), /x\.md:2: output before the first "\$ " command/)
  t.ok(matchesShown('{"lease":"…","port":20000}\n', '{"lease":"kV3p_x","port":20000}\n'))
  t.notOk(matchesShown('{"lease":"…","port":20000}\n', '{"lease":"kV3p_x","port":20001}\n'), 'only … is a wildcard')
  t.notOk(matchesShown('a…\n', 'ab\nc\n'), '… stays within its line')
  t.notOk(matchesShown('{"start_delay_secs":0}\n', '{"start_delay_secs":5}\n'))
  const cwd = mkdtempSync(join(tmpdir(), 'runconfig-readme-'))
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }))
  t.strictSame(splitOutputs(await bash(blockScript(setup, (command) => command), cwd, {})), ['1\n', ''], 'setup runs unshown, each command gets its own output')
})
