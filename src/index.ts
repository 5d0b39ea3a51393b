// Everything routes, the CLI and scripts may import from the core.
export { RunConfigError, type PythonException } from './errors.js'
export { ARGUMENT_NAMES, type ArgumentName, type ArgumentInput } from './tensorflow/arguments.js'
export {
  resolveRunConfig, resolveReplacement,
  type NodeRequest, type ReplaceRequest, type Replacements, type Resolution
} from './tensorflow/resolve.js'
export {
  planCluster, ClusterPlanError, tfConfigTextOf,
  type PlanRequest, type ClusterPlan, type PlanNode, type PlannedCluster, type PlannedNode, type FailedNode, type PlanInclude, type PlanOptions, type TaskName
} from './plan/cluster-plan.js'
export { readCheckedPlanRequest, readPlannedCluster } from './plan/checked-text.js'
export type { CoordinatorMode, ExecutorPath } from './schemas/resolution.js'
export { withTextKeyOrder } from './python/json-body.js'
export { stringifyJson } from './python/json-out.js'
export {
  lintCluster, lintNode, WARNING_CODES, type LintReport, type LintWarning, type NodeLintReport, type WarningCode
} from './lint/index.js'
export {
  commentLabel, dotenv, dotenvQuote, environmentVariables, kubernetesEnv, ndjsonLines, nodeVariables, planDotenv,
  planNodeVariables, planShell, resolutionValues, selectedNodeText, shellExports, shellLines, shellQuote, tfConfigText,
  withTfConfigFile, ENV_STRING_LIMIT, environmentStringBytes, NotRepresentableError,
  type EnvironmentVariables, type KubernetesEnvVar, type NodeEnv, type NodeValues, type PlanTextOptions, type RenderOptions,
  needsTfConfig, planChunks, planContentType, planRequestFor, renderPlan,
  kubernetesNodeEnv, exportChunks, exportRefusal, parseTaskName, planExport, UnknownTaskError
} from './formats/index.js'
export { countTasks, planCost } from './plan/cost.js'
