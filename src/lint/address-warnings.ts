import { hasValidPort, hostOf, isLoopbackHost } from './address.js'
import { taskPointer, type LintJob } from './cluster-jobs.js'
import type { LintWarning } from './types.js'

/** Checks task i's address; adds what it finds to `warnings`. */
export type AddressCheck = (job: LintJob, i: number, warnings: LintWarning[]) => void

/**
 * A checker of task addresses, called once per task in the request's order: it remembers the
 * addresses seen (a Map, so a whole cluster is checked in linear time). Only strings are checked:
 * TensorFlow's TypeError covers any other address (SPEC §7).
 */
export function addressChecker (taskCount: number): AddressCheck {
  const seen = new Map<string, string>()
  return function checkAddress (job, i, warnings) {
    const address = job.addresses[i]
    if (typeof address !== 'string') return
    const pointer = taskPointer(job, i)
    if (!hasValidPort(address)) {
      warnings.push({
        code: 'INVALID_HOST_PORT',
        message: `${JSON.stringify(address)} is not host:port with a port from 1 to 65535: the node's server listens on its address and ` +
          `the other nodes reach it as grpc://${address}`,
        pointer,
        hint: 'Write host:port, IPv6 hosts in brackets: [::1]:2222'
      })
    }
    if (taskCount > 1 && isLoopbackHost(hostOf(address))) {
      warnings.push({
        code: 'LOOPBACK_ADDRESS',
        message: `${JSON.stringify(address)} is a loopback address in a cluster of ${taskCount} tasks: the other nodes use it as ` +
          `grpc://${address}, which names their own machine`,
        pointer,
        hint: 'Use a name or address the other machines can reach, unless every task runs on this machine'
      })
    }
    // host names are case-insensitive
    const key = address.toLowerCase()
    const first = seen.get(key)
    if (first === undefined) {
      seen.set(key, pointer)
    } else {
      warnings.push({
        code: 'DUPLICATE_ADDRESS',
        message: `${JSON.stringify(address)} is also the address of ${first}: both tasks' servers would listen on it, and both tasks ` +
          'would be reached at the same master target',
        pointer,
        hint: 'Give every task its own host:port'
      })
    }
  }
}
