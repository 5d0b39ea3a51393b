import { ClusterSpec } from './cluster-spec.js'
import type { PyValue } from '../python/value.js'

// Every node of a planned cluster shares one `cluster` object: building its ClusterSpec (or its
// error) once keeps a plan linear in the cluster's size. Callers never mutate a cluster they pass.
const built = new WeakMap<object, { spec?: ClusterSpec, error?: unknown }>()

/** `tf.train.ClusterSpec(cluster)`, memoised per cluster object. */
export function clusterSpecOf (cluster: PyValue): ClusterSpec {
  if (typeof cluster !== 'object' || cluster === null) return new ClusterSpec(cluster)
  let result = built.get(cluster)
  if (result === undefined) {
    try {
      result = { spec: new ClusterSpec(cluster) }
    } catch (error) {
      result = { error }
    }
    built.set(cluster, result)
  }
  if (result.spec === undefined) throw result.error
  return result.spec
}
