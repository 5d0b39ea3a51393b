import t from 'tap'
import { Type } from 'typebox'
import {
  ARGUMENT_NAMES, dotenv, kubernetesEnv, kubernetesNodeEnv, ndjsonLines, nodeVariables, planCluster, planDotenv, planRequestFor,
  planShell, resolveRunConfig, shellLines, tfConfigText, WARNING_CODES
} from '../../src/index.js'
import {
  ARGUMENT_PROPERTIES, KubernetesEnvSchema, KubernetesNodeEnvSchema, NodeDotenvSchema, NodeShellSchema, PlanDotenvSchema,
  PlanNdjsonSchema, PlanShellSchema, ref, SEED_CLUSTER, SEED_PLAN, SEED_RESOLUTION, SEED_RUN_CONFIG, SEED_TF_CONFIG, RunConfigSchema,
  WarningCodeSchema
} from '../../src/schemas.js'
import { ARGUMENT_DEFAULTS } from '../../src/tensorflow/argument-defaults.js'

const examplesOf = (schema: object) => (schema as { examples: unknown[] }).examples

t.test('the arguments are RunConfig\'s, in constructor order', async (t) => {
  t.same(Object.keys(ARGUMENT_PROPERTIES), ARGUMENT_NAMES)
  t.same(Object.keys(ARGUMENT_DEFAULTS), ARGUMENT_NAMES)
})

t.test('a RunConfig has the 27 properties', async (t) => {
  t.equal(Object.keys(RunConfigSchema.properties).length, 27)
  t.same(Object.keys(RunConfigSchema.properties), Object.keys(SEED_RUN_CONFIG))
})

t.test('the documented examples are what the core answers', async (t) => {
  const resolution = resolveRunConfig({ tf_config: SEED_TF_CONFIG })
  t.strictSame(JSON.parse(JSON.stringify(resolution)), SEED_RESOLUTION)
  const plan = planCluster({ cluster: SEED_CLUSTER })
  t.strictSame(JSON.parse(JSON.stringify(plan)), SEED_PLAN)
  // the renderings are written out in the contract, which does not run the core: rendered here, they must match
  const variables = nodeVariables(resolution, tfConfigText(SEED_TF_CONFIG))
  t.strictSame(examplesOf(NodeShellSchema), [shellLines(variables)])
  t.strictSame(examplesOf(NodeDotenvSchema), [dotenv(variables)])
  t.strictSame(examplesOf(KubernetesNodeEnvSchema), [kubernetesNodeEnv(variables)])
  const textPlan = planCluster(planRequestFor({ cluster: SEED_CLUSTER }, 'shell'))
  t.strictSame(examplesOf(PlanShellSchema), [planShell(textPlan)])
  t.strictSame(examplesOf(PlanDotenvSchema), [planDotenv(textPlan)])
  t.strictSame(examplesOf(KubernetesEnvSchema), [{ nodes: kubernetesEnv(textPlan).slice(0, 2) }])
  t.strictSame(examplesOf(PlanNdjsonSchema), [ndjsonLines({ ...plan, nodes: plan.nodes.slice(0, 2) })])
})

t.test('the contract documents the codes the lint gives', async (t) => {
  t.strictSame((WarningCodeSchema as { enum?: unknown }).enum, [...WARNING_CODES])
})

t.test('ref() needs a published schema', async (t) => {
  t.throws(() => ref(Type.String()), /needs a schema with an \$id/)
  t.same(ref(RunConfigSchema, { description: 'd' }), { description: 'd', $ref: 'RunConfig#' })
})
