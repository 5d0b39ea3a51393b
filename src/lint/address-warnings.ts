import { hasValidPort, hostOf, isLoopbackHost } from './address.js'
import { taskPointer, type LintJob } from './cluster-jobs.js'
import { isValidHost, unsafeCharacters } from './host-name.js'
import type { LintWarning } from './types.js'

/** Checks task i's address; adds what it finds to `warnings`. */
export type AddressCheck = (job: LintJob, i: number, warnings: LintWarning[]) => void

/**
 * A checker of task addresses, called once per task in the request's order: it remembers the
 * addresses seen (a Map, so a whole cluster is checked in linear time). Only strings are checked:
 * TensorFlow's TypeError covers any other address.
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
    const unsafe = unsafeCharacters(address)
    if (unsafe.length > 0) {
      warnings.push({
        code: 'UNSAFE_ADDRESS_CHARACTERS',
        message: `${JSON.stringify(address)} holds ${unsafe.join(', ')}: no host name or IP address does, and launch ` +
          'scripts that pass the address through a shell (ssh, eval, a command line) split it at whitespace or ' +
          'run what follows a shell metacharacter',
        pointer,
        hint: 'Use a DNS name (letters, digits, hyphens, dots) or an IP address: worker-0.example.com:2222, 10.0.0.5:2222, [fd00::5]:2222'
      })
    } else if (hasValidPort(address) && !isValidHost(address)) {
      warnings.push({
        code: 'INVALID_HOST_NAME',
        message: `The host of ${JSON.stringify(address)} is neither an RFC 1123 host name (labels of letters, digits and ` +
          'hyphens, 1 to 63 characters each, not starting or ending with a hyphen) nor an IPv4 or bracketed IPv6 ' +
          `address: the other nodes dial grpc://${address}, and resolvers may not find it`,
        pointer,
        hint: 'Use the name DNS gives the machine (on Kubernetes: pod.service.namespace.svc) or its IP address; ' +
          'ignore this warning if the name does resolve on your network'
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
