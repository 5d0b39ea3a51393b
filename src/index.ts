// Everything routes, the CLI and scripts may import from the core.
export { RunConfigError, type PythonException } from './errors.js'
export { ARGUMENT_NAMES, type ArgumentName, type ArgumentInput } from './arguments.js'
export {
  resolveRunConfig, resolveReplacement,
  type NodeRequest, type ReplaceRequest, type Replacements, type Resolution
} from './resolve.js'
export {
  planCluster, ClusterPlanError,
  type PlanRequest, type ClusterPlan, type PlanNode, type FailedNode, type PlanInclude
} from './cluster-plan.js'
export type { RunConfigView } from './run-config-view.js'
export type { CoordinatorMode } from './run-config.js'
export type { ExecutorPath } from './train-and-evaluate.js'
export { withTextKeyOrder } from './json-body.js'
export { stringifyJson } from './python/json-out.js'
export { lintCluster, WARNING_CODES, type LintReport, type LintWarning, type WarningCode } from './lint/index.js'
export {
  commentLabel, dotenv, dotenvQuote, kubernetesEnv, ndjsonLines, nodeVariables, planDotenv, planShell, shellExports,
  shellLines, shellQuote, tfConfigText, type KubernetesEnvVar, type NodeEnv
} from './formats/index.js'
