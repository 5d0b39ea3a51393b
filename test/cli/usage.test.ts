import { readFileSync } from 'node:fs'
import t from 'tap'
import { HELP } from '../../cli/help.js'
import { packageVersion } from '../../cli/version.js'
import { cli, usage } from './helper.js'

t.test('--help and -h print the help, whatever else is given', async (t) => {
  for (const argv of [['--help'], ['-h'], ['plan', '--help'], ['bogus', '-h']]) {
    t.strictSame(await cli(argv), { code: 0, stdout: HELP, stderr: '' }, argv.join(' '))
  }
})

t.test('--version and -V print the package\'s version', async (t) => {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
  for (const argv of [['--version'], ['-V'], ['plan', '--version']]) {
    t.strictSame(await cli(argv), { code: 0, stdout: `runconfig ${version}\n`, stderr: '' }, argv.join(' '))
  }
  t.equal(packageVersion(new URL('file:///nowhere/cli/version.js').href), 'unknown', 'no package.json found')
})

t.test('--format dotenv is the HTTP API\'s name; env, the CLI\'s first one, is the same', async (t) => {
  const env = { TF_CONFIG: '{}' }
  t.strictSame(await cli(['resolve', '--format', 'env'], { env }), await cli(['resolve', '--format', 'dotenv'], { env }))
})

const USAGE_ERRORS: Array<[string[], string]> = [
  [[], 'missing command: resolve, plan, lint, serve, join or lease'],
  [['bogus'], 'unknown command: bogus'],
  [['toString'], 'unknown command: toString'],
  [['lint', 'f.json', '--task', 'worker:1'], 'lint takes no --task'],
  [['serve', '--format', 'json'], 'serve takes no --format'],
  [['plan', '-', '--config', '{}'], 'plan takes no --config'],
  [['resolve', 'extra'], 'resolve takes no operand'],
  [['plan'], 'plan takes one FILE (- for stdin)'],
  [['lint', 'a.json', 'b.json'], 'lint takes one FILE (- for stdin)'],
  [['resolve', '--format', 'kubernetes'], 'resolve has no format kubernetes: json, ndjson, dotenv, shell'],
  [['plan', '-', '--format', 'yaml'], 'plan has no format yaml: json, ndjson, dotenv, shell, kubernetes']
]

for (const [argv, message] of USAGE_ERRORS) {
  t.test(`usage error: runconfig ${argv.join(' ')}`, async (t) => {
    t.strictSame(await cli(argv), { code: 2, stdout: '', stderr: usage(message) })
  })
}

// parseArgs' own messages, which Node may reword
t.test('usage error: options parseArgs rejects', async (t) => {
  for (const [argv, message] of [[['resolve', '--bogus'], /^runconfig: Unknown option '--bogus'/], [['resolve', '--format'], /^runconfig: Option '-f, --format <value>' argument missing/]] as const) {
    const run = await cli([...argv])
    t.strictSame([run.code, run.stdout], [2, ''])
    t.match(run.stderr, message)
  }
})
