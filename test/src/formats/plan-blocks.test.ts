import t from 'tap'
import {
  commentLabel, nodeVariables, planCluster, planDotenv, planRequestFor, planShell, renderPlan, resolveRunConfig, selectedNodeText,
  tfConfigText, type PlanRequest
} from '../../../src/index.js'
import { bashOnFile } from './bash.js'
import { loadWithBash, loadWithNode, loadWithPython } from './loaders.js'

const REQUEST: PlanRequest = {
  cluster: { chief: ['c:1'], worker: ["it's:2", '$(rm -rf /)`id`:3'], ps: ['p:1'], 'x\necho broken': ['x:1'] },
  tf_config: { environment: 'cloud' },
  config: { model_dir: '/m' },
  evaluator: true
}
const shellPlan = planCluster(planRequestFor(REQUEST, 'shell'))
const dotenvPlan = planCluster(planRequestFor(REQUEST, 'dotenv'))

// What `runconfig resolve` gives each node for its TF_CONFIG: the plan's blocks must carry the same
const expectedVariables = shellPlan.nodes.map((node) => nodeVariables(resolveRunConfig({ tf_config: node.tf_config, config: REQUEST.config }), node.tf_config))
const NAMES = Object.keys(expectedVariables[0])

t.test('commentLabel: a job name as it is, unless a character would end the comment line', async (t) => {
  t.equal(commentLabel('worker'), 'worker')
  t.equal(commentLabel('hôte ✓ "x"'), 'hôte ✓ "x"')
  t.equal(commentLabel('x\nrm -rf ~'), '"x\\nrm -rf ~"')
  t.equal(commentLabel('a\rb\u0085c\u2028d\u2029e\u007f'), '"a\\rb\\u0085c\\u2028d\\u2029e\\u007f"')
  t.equal(commentLabel('\ud800'), '"\\ud800"')
})

t.test('the plan\'s nodes have the RUNCONFIG_ values of the one-node output, None ones unset', async (t) => {
  t.equal(expectedVariables.length, 6)
  t.equal(expectedVariables[5].RUNCONFIG_TASK_TYPE, 'evaluator')
  t.equal(expectedVariables[5].RUNCONFIG_GLOBAL_ID_IN_CLUSTER, null, 'the evaluator has no global id: None')
  t.equal(expectedVariables[0].RUNCONFIG_MODEL_DIR, '/m')
})

t.test('shell: sourcing the whole plan sets no variable, in bash and in sh', async (t) => {
  const text = planShell(shellPlan)
  const none = Object.fromEntries(NAMES.map((name) => [name, null]))
  t.strictSame(loadWithBash(t, text, NAMES, '. "$1"'), none)
  t.strictSame(loadWithBash(t, text, NAMES, 'eval "$(/bin/cat "$1")"'), none)
  t.equal(bashOnFile(t, '/bin/sh -c \'. "$1"; runconfig_node ps 0; printf %s "$RUNCONFIG_TASK_TYPE"\' sh "$1"', text), 'ps', 'POSIX sh')
})

t.test('shell: runconfig_node TYPE INDEX exports exactly that node\'s variables, unsetting its None ones', async (t) => {
  const text = planShell(shellPlan)
  shellPlan.nodes.forEach((node, i) => {
    const script = `export RUNCONFIG_MODEL_DIR=stale RUNCONFIG_GLOBAL_ID_IN_CLUSTER=stale; . "$1"; runconfig_node '${node.task_type.replaceAll("'", "'\\''")}' ${node.task_id}`
    t.strictSame(loadWithBash(t, text, NAMES, script), expectedVariables[i], `${node.task_type} ${node.task_id}`)
  })
})

t.test('shell: runconfig_node refuses what names no node of the plan', async (t) => {
  const text = planShell(shellPlan)
  const run = (args: string) => bashOnFile(t, `. "$1"; runconfig_node ${args} 2>&1; echo "exit $?"`, text)
  t.equal(run('worker 7'), 'runconfig_node: this plan has no node worker 7\nexit 1\n')
  t.equal(run('worker'), 'usage: runconfig_node TYPE INDEX, e.g. runconfig_node worker 0\nexit 2\n')
  t.equal(run("'worker 0' ''"), 'runconfig_node: INDEX must be a number, not \nexit 2\n')
  t.equal(run("worker '0 x'"), 'runconfig_node: INDEX must be a number, not 0 x\nexit 2\n')
  t.equal(run("'x' 'echo broken 0'"), 'runconfig_node: INDEX must be a number, not echo broken 0\nexit 2\n')
})

t.test('dotenv: a header, then a block per node whose lines load as that node\'s variables', async (t) => {
  const text = planDotenv(dotenvPlan)
  const [header, ...blocks] = text.split('\n\n')
  t.match(header, /^# A cluster plan of 6 node\(s\)/)
  t.strictSame(blocks.map((block) => block.split('\n')[0]), dotenvPlan.nodes.map((node) => `# ${commentLabel(node.task_type)} ${node.task_id}`))
  blocks.forEach((block, i) => {
    const expected = expectedVariables[i]
    for (const [reader, loaded] of [
      ['node', loadWithNode(t, block, NAMES)], ['python', loadWithPython(t, block, NAMES)], ['bash', loadWithBash(t, block, NAMES, 'set -a; . "$1"')]
    ] as const) {
      t.strictSame({ ...loaded, TF_CONFIG: JSON.parse(loaded.TF_CONFIG as string) }, { ...expected, TF_CONFIG: JSON.parse(expected.TF_CONFIG as string) }, `${i}: ${reader}`)
    }
  })
})

t.test('a selected node: its variables directly, as the one-node formats give them', async (t) => {
  const worker = shellPlan.nodes[2]
  const shell = renderPlan({ ...shellPlan, nodes: [worker] }, 'shell', { selected: true })
  t.equal(shell, selectedNodeText(worker, 'shell'))
  t.match(shell, /^# worker 1\nexport TF_CONFIG=/)
  t.strictSame(loadWithBash(t, shell, NAMES, 'eval "$(/bin/cat "$1")"'), expectedVariables[2])
  const dotenv = renderPlan({ ...dotenvPlan, nodes: [dotenvPlan.nodes[2]] }, 'dotenv', { selected: true })
  t.strictSame(loadWithNode(t, dotenv, NAMES).RUNCONFIG_MASTER, expectedVariables[2].RUNCONFIG_MASTER)
})

t.test('TF_CONFIG in files: the nodes name their file rather than carry the text', async (t) => {
  const text = planShell(shellPlan, { tfConfigFile: (node) => `/tfc/${node.task_type}-${node.task_id}.json` })
  const loaded = loadWithBash(t, text, ['TF_CONFIG', 'RUNCONFIG_TF_CONFIG_FILE', 'RUNCONFIG_TASK_ID'], 'export TF_CONFIG=stale; . "$1"; runconfig_node worker 1')
  t.strictSame(loaded, { TF_CONFIG: null, RUNCONFIG_TF_CONFIG_FILE: '/tfc/worker-1.json', RUNCONFIG_TASK_ID: '1' })
})

t.test('the text formats need the plan planRequestFor makes', async (t) => {
  t.throws(() => planShell(planCluster({ ...REQUEST, include: ['tf_config'] })), TypeError)
  t.throws(() => planDotenv(planCluster(REQUEST)), TypeError)
})

t.test('tfConfigText: a text as it is, an object as JSON text in its key order, unset as undefined', async (t) => {
  t.equal(tfConfigText(' {"a": 1} '), ' {"a": 1} ')
  t.equal(tfConfigText({ b: [1, { c: null }], a: 'é' }), '{"b":[1,{"c":null}],"a":"é"}')
  t.equal(tfConfigText(null), undefined)
  t.equal(tfConfigText(undefined), undefined)
})
