import type { ArgumentInput } from './arguments.js'
import { deriveEstimator } from './estimator.js'
import type { PyValue } from '../python/value.js'
import { replaceRunConfig } from './replace.js'
import { constructRunConfig, type CoordinatorMode, type TfRunConfig } from './run-config.js'
import { runConfigFromView, viewRunConfig } from './run-config-view.js'
import { readTfConfig } from './tf-config.js'
import { simulateTrainAndEvaluate } from './train-and-evaluate.js'
import type { Resolution, RunConfig } from '../schemas/resolution.js'

export type { Resolution }

/** One node: its TF_CONFIG (object, raw text, or unset) and its RunConfig arguments. */
export interface NodeRequest {
  tf_config?: unknown
  config?: ArgumentInput
}

/** `replace()` keyword arguments: one call, or several applied in turn. */
export type Replacements = Record<string, unknown> | Array<Record<string, unknown>>

/** Replace on a node resolved now, or on a `run_config` an earlier response returned. */
export type ReplaceRequest =
  | (NodeRequest & { replace: Replacements })
  | { run_config: Partial<RunConfig>, distribute_coordinator_mode?: CoordinatorMode, tf_config?: unknown, replace: Replacements }

/** Resolves the RunConfig TensorFlow builds on one node, and what happens next there. */
export function resolveRunConfig (request: NodeRequest): Resolution {
  const { runConfig, tfConfig } = constructRunConfig(request.config ?? {}, request.tf_config)
  return describe(runConfig, tfConfig)
}

/** Resolves (or takes) a RunConfig, then applies `replace()` calls in turn. */
export function resolveReplacement (request: ReplaceRequest): Resolution {
  let config: TfRunConfig
  let tfConfig: PyValue
  if ('run_config' in request) {
    config = runConfigFromView(request.run_config, request.distribute_coordinator_mode ?? null)
    tfConfig = readTfConfig(request.tf_config)
  } else {
    ({ runConfig: config, tfConfig } = constructRunConfig(request.config ?? {}, request.tf_config))
  }
  const calls = Array.isArray(request.replace) ? request.replace : [request.replace]
  for (const kwargs of calls) config = replaceRunConfig(config, kwargs)
  return describe(config, tfConfig)
}

function describe (config: TfRunConfig, tfConfig: PyValue): Resolution {
  const { start_delay_secs: startDelaySecs, ...trainAndEvaluate } = simulateTrainAndEvaluate(config, tfConfig)
  return {
    run_config: viewRunConfig(config),
    distribute_coordinator_mode: config.distribute_coordinator_mode,
    start_delay_secs: startDelaySecs,
    train_and_evaluate: trainAndEvaluate,
    estimator: deriveEstimator(config)
  } satisfies Resolution
}
