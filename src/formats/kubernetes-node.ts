import type { KubernetesEnvVar } from './kubernetes.js'
import { checkVariable, type EnvironmentVariables } from './variables.js'

/**
 * One node's variables as the `env` entries of its pod spec; one the node must not have (a None,
 * an unset TF_CONFIG) has no entry, as in dotenv. JSON could carry a NUL or a lone surrogate, but
 * the container's environment could not: the same checks as the text formats.
 */
export function kubernetesNodeEnv (vars: EnvironmentVariables): { env: KubernetesEnvVar[] } {
  const env: KubernetesEnvVar[] = []
  for (const [name, value] of Object.entries(vars)) {
    checkVariable(name, value)
    if (value !== null) env.push({ name, value })
  }
  return { env }
}
