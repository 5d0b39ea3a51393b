import type { KubernetesEnvVar } from './kubernetes.js'
import { checkVariable } from './variables.js'

/**
 * One node's variables as the `env` entries of its pod spec. JSON could carry a NUL or a lone
 * surrogate, but the container's environment could not: the same checks as the text formats.
 */
export function kubernetesNodeEnv (vars: Record<string, string>): { env: KubernetesEnvVar[] } {
  return {
    env: Object.entries(vars).map(([name, value]) => {
      checkVariable(name, value)
      return { name, value }
    })
  }
}
