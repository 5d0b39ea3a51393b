// Each node's configuration in the form launchers take: shell, dotenv, Kubernetes env, NDJSON
export { shellExports, shellLines, shellQuote } from './shell.js'
export { dotenv, dotenvQuote } from './dotenv.js'
export { kubernetesEnv, type KubernetesEnvVar, type NodeEnv } from './kubernetes.js'
export { ndjsonLines } from './ndjson.js'
export { needsTfConfig, planChunks, planContentType, planRequestFor, renderPlan, type RenderOptions } from './render-plan.js'
export { environmentVariables, nodeVariables, resolutionValues, tfConfigText, withTfConfigFile, type NodeValues } from './node-variables.js'
export {
  commentLabel, planDotenv, planDotenvChunks, planNodeVariables, planShell, planShellChunks, selectedNodeText, type PlanTextOptions
} from './plan-blocks.js'
export { checkVariable, NotRepresentableError, type EnvironmentVariables } from './variables.js'
export { ENV_STRING_LIMIT, environmentStringBytes } from './env-size.js'
export { kubernetesNodeEnv } from './kubernetes-node.js'
export { exportChunks, exportRefusal, parseTaskName, planExport, UnknownTaskError } from './plan-export.js'
