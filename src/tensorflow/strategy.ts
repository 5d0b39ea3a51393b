import { RunConfigError, valueError } from '../errors.js'
import { pyTruthy } from '../python/ops.js'
import { pyTypeName } from '../python/repr.js'
import { isDict, type PyValue } from '../python/value.js'

/** Strategies are given by class name: `{"strategy": "MirroredStrategy", "between_graph"?: bool}`. */
export function strategyClassName (strategy: PyValue): string {
  return isDict(strategy) && typeof strategy.strategy === 'string' ? strategy.strategy : pyTypeName(strategy)
}

/** `_verify_strategy_compatibility`: class equality with the TF2 parameter-server strategy (SPEC §1.2). */
export function checkStrategyCompatibility (trainDistribute: PyValue, evalDistribute: PyValue): void {
  for (const strategy of [trainDistribute, evalDistribute]) {
    if (isDict(strategy) && strategyClassName(strategy) === 'ParameterServerStrategyV2') {
      throw valueError('Please use `tf.compat.v1.distribute.experimental.ParameterServerStrategy` for parameter ' +
        'server strategy with estimator.')
    }
  }
}

// Strategies that train between-graph unless told otherwise (SPEC A.2)
const BETWEEN_GRAPH = new Set([
  'CollectiveAllReduceStrategy', 'CollectiveAllReduceStrategyV1', 'MultiWorkerMirroredStrategy',
  'ParameterServerStrategy', 'ParameterServerStrategyV1'
])

/** `strategy.extended.experimental_between_graph`: as given, else the class's default. */
export function isBetweenGraph (strategy: PyValue): boolean {
  if (isDict(strategy) && typeof strategy.between_graph === 'boolean') return strategy.between_graph
  return BETWEEN_GRAPH.has(strategyClassName(strategy))
}

/** A TPU strategy by its class name: TPUStrategy, TPUStrategyV1, V2, and those of later releases. */
export function isTpuStrategyName (name: string): boolean {
  return name.startsWith('TPUStrategy')
}

/** Whether RunConfig takes the distribution-strategy path (SPEC §1.6): TPU strategies alone do not. */
export function usesStrategyPath (train: PyValue, evaluate: PyValue, experimental: PyValue): boolean {
  const triggers = (strategy: PyValue): boolean =>
    pyTruthy(strategy) && !isTpuStrategyName(strategyClassName(strategy))
  return triggers(train) || triggers(evaluate) || pyTruthy(experimental)
}

/** `experimental_distribute.<field>`: a DistributeConfig's field; anything else has no attributes. */
export function distributeConfigField (config: PyValue, field: string): PyValue {
  if (!isDict(config)) {
    throw new RunConfigError('AttributeError', `'${pyTypeName(config)}' object has no attribute '${field}'`)
  }
  return config[field] ?? null
}
