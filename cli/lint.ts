import type { ArgumentInput, PlanRequest } from '../src/index.js'
import { lintCluster, lintNode, type LintWarning } from '../src/lint/index.js'
import { writeError, writeFailedNodes } from './failures.js'
import type { CliIo } from './io.js'

/** Options of `runconfig lint`. */
export interface LintOptions {
  format: 'json' | 'ndjson'
}

/** `runconfig lint FILE`: the report on stdout (ndjson: one warning per line); fails when a node fails. */
export function lintCommand (request: PlanRequest, options: LintOptions, io: CliIo): number {
  const report = lintCluster(request)
  writeReport(report, report.warnings, options, io)
  // (ok is false exactly when error is set)
  if (report.error === null) return 0
  writeFailedNodes(io, report.error, report.failed_nodes)
  return 1
}

/** `runconfig lint --node FILE`: one node's lint, FILE holding its TF_CONFIG text; fails when TensorFlow raises on it. */
export function lintNodeCommand (tfConfig: string, config: ArgumentInput, options: LintOptions, io: CliIo): number {
  const report = lintNode({ tf_config: tfConfig, config })
  writeReport(report, report.warnings, options, io)
  if (report.error === null) return 0
  writeError(io, report.error)
  return 1
}

function writeReport (report: object, warnings: LintWarning[], options: LintOptions, io: CliIo): void {
  io.stdout.write(options.format === 'json'
    ? JSON.stringify(report, null, 2) + '\n'
    : warnings.map((warning) => JSON.stringify(warning) + '\n').join(''))
}
