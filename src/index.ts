// Everything routes, the CLI and scripts may import from the core.
export { RunConfigError, type PythonException } from './errors.js'
export { ARGUMENT_NAMES, type ArgumentName, type ArgumentInput } from './tensorflow/arguments.js'
export {
  resolveRunConfig, resolveReplacement,
  type NodeRequest, type ReplaceRequest, type Replacements, type Resolution
} from './tensorflow/resolve.js'
export {
  planCluster, ClusterPlanError, tfConfigTextOf,
  type PlanRequest, type ClusterPlan, type PlanNode, type FailedNode, type PlanInclude, type PlanOptions, type TaskName
} from './plan/cluster-plan.js'
export type { RunConfigView } from './tensorflow/run-config-view.js'
export type { CoordinatorMode } from './tensorflow/run-config.js'
export type { ExecutorPath } from './tensorflow/train-and-evaluate.js'
export { withTextKeyOrder } from './python/json-body.js'
export { stringifyJson } from './python/json-out.js'
export { lintCluster, WARNING_CODES, type LintReport, type LintWarning, type WarningCode } from './lint/index.js'
export {
  commentLabel, dotenv, dotenvQuote, kubernetesEnv, ndjsonLines, nodeVariables, planDotenv, planShell, shellExports,
  shellLines, shellQuote, tfConfigText, type KubernetesEnvVar, type NodeEnv,
  needsTfConfig, planChunks, planContentType, planRequestFor, renderPlan,
  kubernetesNodeEnv, exportChunks, exportRefusal, parseTaskName, planExport, UnknownTaskError
} from './formats/index.js'
export { countTasks, planCost } from './plan/cost.js'
