// Each node's configuration in the form launchers take: shell, dotenv, Kubernetes env, NDJSON
export { shellExports, shellLines, shellQuote } from './shell.js'
export { dotenv, dotenvQuote } from './dotenv.js'
export { kubernetesEnv, type KubernetesEnvVar, type NodeEnv } from './kubernetes.js'
export { ndjsonLines } from './ndjson.js'
export { needsTfConfig, planChunks, planContentType, planRequestFor, renderPlan } from './render-plan.js'
export { nodeVariables, tfConfigText } from './node-variables.js'
export { commentLabel, planDotenv, planShell } from './plan-blocks.js'
