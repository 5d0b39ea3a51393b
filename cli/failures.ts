import type { FailedNode, Raised } from '../src/schemas.js'
import type { CliIo } from './io.js'

/** `Exception: message`, as Python prints what it raises. */
export function writeError (io: CliIo, error: Raised): void {
  io.stderr.write(`${error.exception}: ${error.message}\n`)
}

/** The first failure as `Exception: message`, then every failing node on a line of its own. */
export function writeFailedNodes (io: CliIo, first: Raised, nodes: FailedNode[]): void {
  writeError(io, first)
  io.stderr.write(nodes.map((node) => `  ${node.task_type} ${node.task_id}: ${node.exception}: ${node.message}\n`).join(''))
}
