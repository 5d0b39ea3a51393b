import t from 'tap'
import { HELP } from '../../cli/help.js'
import { cli, usage } from './helper.js'

t.test('--help and -h print the help, whatever else is given', async (t) => {
  for (const argv of [['--help'], ['-h'], ['plan', '--help'], ['bogus', '-h']]) {
    t.strictSame(await cli(argv), { code: 0, stdout: HELP, stderr: '' }, argv.join(' '))
  }
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
  [['resolve', '--format', 'kubernetes'], 'resolve has no format kubernetes: json, ndjson, env, shell'],
  [['plan', '-', '--format', 'yaml'], 'plan has no format yaml: json, ndjson, env, shell, kubernetes']
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
