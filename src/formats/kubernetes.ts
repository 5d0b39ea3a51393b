import type { PlannedCluster } from '../plan/cluster-plan.js'

/** A container's environment variable, as a pod spec's `env` lists it. */
export interface KubernetesEnvVar {
  name: string
  value: string
}

/** One node's environment, for the pod that runs it. */
export interface NodeEnv {
  task_type: string
  task_id: number
  env: KubernetesEnvVar[]
}

/** Each node's pod `env` entries: its TF_CONFIG. The plan must be made with `include: ['tf_config']`. */
export function kubernetesEnv (plan: PlannedCluster): NodeEnv[] {
  return plan.nodes.map((node) => {
    if (node.tf_config === undefined) throw new TypeError('kubernetesEnv needs a plan made with include: ["tf_config"]')
    return { task_type: node.task_type, task_id: node.task_id, env: [{ name: 'TF_CONFIG', value: node.tf_config }] }
  })
}
