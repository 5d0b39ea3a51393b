// The lease benchmark's workloads, the same for every run: on a store in this process, or over
// HTTP against server processes (requests spread round-robin over the replicas).
import { Agent } from 'node:http'
import { DEFAULT_PORT_RANGE, parsePortRange } from '../src/coordination/lease-rules.js'
import { createLease, releaseLease } from '../src/coordination/leases.js'
import type { Store } from '../src/coordination/store.js'
import { call, retrying } from './http-call.js'

/** The servers' default range (RUNCONFIG_PORT_RANGE unset): 10,000 ports. */
export const RANGE = parsePortRange(DEFAULT_PORT_RANGE)
const BODY = { holder: 'bench', ttl_secs: 3600 }

/** What a workload needs: lease a port on a host (each call a new Idempotency-Key), release a lease. */
export interface LeaseClient {
  lease: (host: string) => Promise<{ id: string, port: number }>
  release: (id: string) => Promise<void>
  /** The 503s' messages, retried (HTTP only). */
  retried: string[]
  close: () => void
}

/** The lease rules on `store`, in this process: each grant and release one transaction. */
export function storeClient (store: Store, prefix: string): LeaseClient {
  let keys = 0
  return {
    lease: async (host) => {
      const { lease } = await createLease(store.leases, RANGE, Date.now(), host, `${prefix}-k${++keys}`, BODY)
      return { id: lease.lease, port: lease.port }
    },
    release: async (id) => { await releaseLease(store.leases, Date.now(), id) },
    retried: [],
    close: () => {}
  }
}

/** POST /v1/hosts/{host}/leases and DELETE /v1/leases/{lease}, each to the next of `urls`; a 503 retried. */
export function httpClient (urls: string[], concurrency: number, prefix: string): LeaseClient {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  const retried: string[] = []
  const served = retrying(retried)
  let keys = 0
  let next = 0
  const url = () => urls[next++ % urls.length]
  return {
    lease: async (host) => {
      const key = `${prefix}-k${++keys}`
      const answer = await served(() => call(agent, `${url()}/v1/hosts/${host}/leases`, 'POST', undefined, BODY, { 'idempotency-key': key }))
      if (answer.status !== 201) throw new Error(`lease on ${host}: ${answer.status} ${answer.body}`)
      const lease = JSON.parse(answer.body) as { lease: string, port: number }
      return { id: lease.lease, port: lease.port }
    },
    release: async (id) => {
      const answer = await served(() => call(agent, `${url()}/v1/leases/${id}`, 'DELETE', undefined))
      if (answer.status !== 204) throw new Error(`release: ${answer.status} ${answer.body}`)
    },
    retried,
    close: () => agent.destroy()
  }
}

/** `concurrency` loops running `step` for `seconds`: operations per second. */
async function rate (seconds: number, concurrency: number, step: () => Promise<void>): Promise<number> {
  let operations = 0
  const start = performance.now()
  const end = start + seconds * 1000
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      await step()
      operations++
    }
  }))
  return operations / ((performance.now() - start) / 1000)
}

export interface LeaseFigures {
  /** Leases granted per second, spread over 1,000 hosts. */
  grants: number
  /** Lease-and-release cycles per second on one host with an empty range. */
  empty: number
  /** The same on a host with 90 % of its range held. */
  full: number
  /** 503s retried (HTTP), and their distinct messages. */
  retried: number
  retriedBecause: string[]
}

/**
 * The three workloads through `client`, `seconds` each; `prefix` names this run's hosts, so that
 * the runs on one database do not share them — but `fullHost` (see fillFullHost), which a cycle
 * leaves as it found it.
 */
export async function measureLeases (client: LeaseClient, prefix: string, fullHost: string, seconds: number, concurrency: number): Promise<LeaseFigures> {
  let n = 0
  const grants = await rate(seconds, concurrency, async () => { await client.lease(`${prefix}-h-${n++ % 1000}`) })
  const cycle = (host: string) => async () => { await client.release((await client.lease(host)).id) }
  const empty = await rate(seconds, concurrency, cycle(`${prefix}-empty`))
  const full = await rate(seconds, concurrency, cycle(fullHost))
  return { grants, empty, full, retried: client.retried.length, retriedBecause: [...new Set(client.retried)] }
}

/** Takes 90 % of `host`'s range: every port leased, then every tenth released, so the free ones are scattered. */
export async function fillFullHost (client: LeaseClient, host: string, concurrency: number): Promise<void> {
  const size = RANGE.last - RANGE.first + 1
  const held: Array<{ id: string, port: number }> = []
  let taken = 0
  // one host: its lock makes the grants one at a time whatever the concurrency; in flight they overlap their round trips
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (taken++ < size) held.push(await client.lease(host))
  }))
  const freed = held.filter((lease) => lease.port % 10 === 3)
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let lease = freed.pop(); lease !== undefined; lease = freed.pop()) await client.release(lease.id)
  }))
}
