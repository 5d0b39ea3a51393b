import { isDict, type PyValue } from '../python/value.js'
import { isTpuStrategyName } from '../tensorflow/strategy.js'
import { nearestName } from '../text/nearest-name.js'
import type { LintWarning } from './types.js'

// tf.distribute strategy classes, by type(strategy).__name__ and by the tf.distribute name
const KNOWN_STRATEGIES = [
  'MirroredStrategy', 'MirroredStrategyV1', 'MultiWorkerMirroredStrategy', 'CollectiveAllReduceStrategy',
  'CollectiveAllReduceStrategyV1', 'ParameterServerStrategy', 'ParameterServerStrategyV1', 'ParameterServerStrategyV2',
  'CentralStorageStrategy', 'CentralStorageStrategyV1', 'OneDeviceStrategy', 'OneDeviceStrategyV1', 'TPUStrategy',
  'TPUStrategyV1', 'TPUStrategyV2', '_DefaultDistributionStrategy', '_DefaultDistributionStrategyV1'
]

// Where RunConfig arguments name a strategy
const PLACES: Array<[string, string[]]> = [
  ['/config/train_distribute', ['train_distribute']],
  ['/config/eval_distribute', ['eval_distribute']],
  ['/config/experimental_distribute/train_distribute', ['experimental_distribute', 'train_distribute']],
  ['/config/experimental_distribute/eval_distribute', ['experimental_distribute', 'eval_distribute']]
]

/**
 * Strategies given by a class name TensorFlow has no class of. The service knows a strategy by its
 * class name only: an unknown one trains in-graph and is no TPU strategy, silently.
 */
export function strategyWarnings (config: unknown): LintWarning[] {
  const warnings: LintWarning[] = []
  for (const [pointer, path] of PLACES) {
    let value = config as PyValue
    for (const key of path) value = isDict(value) && Object.hasOwn(value, key) ? value[key] : null
    if (!isDict(value) || typeof value.strategy !== 'string') continue
    const name = value.strategy
    // (the TPU strategies of every release are known by their name's start)
    if (KNOWN_STRATEGIES.includes(name) || isTpuStrategyName(name)) continue
    const meant = nearestName(name, KNOWN_STRATEGIES)
    warnings.push({
      code: 'UNKNOWN_STRATEGY',
      message: `${JSON.stringify(name)} is no tf.distribute strategy class${meant === undefined ? '' : ` (did you mean ${JSON.stringify(meant)}?)`}: ` +
        'a strategy is known by its class name, which decides whether it trains between graphs, whether it is a TPU ' +
        'strategy and whether Estimator takes it; an unknown name is resolved as an in-graph strategy that is no TPU one',
      pointer: `${pointer}/strategy`,
      hint: meant === undefined
        ? `Write the class name, type(strategy).__name__: ${KNOWN_STRATEGIES.filter((known) => !known.startsWith('_')).join(', ')}`
        : `Write ${JSON.stringify(meant)}`
    })
  }
  return warnings
}
