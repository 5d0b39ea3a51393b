import type { HostRow, Interval, LeaseTx } from './lease-store.js'
import type { PortRange } from './lease-rules.js'

// A host's free ports are kept as intervals of its range, so that picking one is an index lookup
// however full the range is (a scan for the first unheld port would read up to 10,000 rows).
// Ports outside the range (asked for by number) are never in an interval: the leases table's
// unique (host, port) index answers for them.

/** The free intervals of range once held (ascending, in range) are taken out. */
export function freeIntervals (range: PortRange, held: readonly number[]): Interval[] {
  const intervals: Interval[] = []
  let next = range.first
  for (const port of held) {
    if (port > next) intervals.push({ first: next, last: port - 1 })
    next = Math.max(next, port + 1)
  }
  if (next <= range.last) intervals.push({ first: next, last: range.last })
  return intervals
}

/** Deletes the host's rows expired at now and frees their ports: an expired lease frees its port at once. */
export async function reclaimExpired (tx: LeaseTx, host: string, now: number): Promise<HostRow | undefined> {
  const row = await tx.getHost(host)
  // a lease row implies its host's row: no expired rows without one
  for (const lease of await tx.expiredLeases(host, now)) {
    await tx.deleteLease(lease.id)
    await givePort(tx, row as HostRow, lease.port)
  }
  return row
}

/** The host's row after reclaiming, its intervals rebuilt when it is new or the configured range changed. */
export async function openHost (tx: LeaseTx, host: string, range: PortRange, now: number): Promise<HostRow> {
  const row = await reclaimExpired(tx, host, now)
  if (row !== undefined && row.rangeFirst === range.first && row.rangeLast === range.last) return row
  await tx.clearFree(host)
  for (const interval of freeIntervals(range, await tx.heldPorts(host, range.first, range.last))) {
    await tx.insertFree(host, interval)
  }
  const updated = { host, rangeFirst: range.first, rangeLast: range.last, lastToken: row?.lastToken ?? 0 }
  await tx.putHost(updated)
  return updated
}

/** Takes the lowest free port of the host's range; undefined when the range is exhausted. */
export async function takeLowest (tx: LeaseTx, host: string): Promise<number | undefined> {
  const interval = await tx.lowestFree(host)
  if (interval === undefined) return undefined
  await tx.deleteFree(host, interval.first)
  if (interval.first < interval.last) await tx.insertFree(host, { first: interval.first + 1, last: interval.last })
  return interval.first
}

/** Takes port if nobody holds it; false when it is held (or quarantined). */
export async function takePort (tx: LeaseTx, row: HostRow, port: number): Promise<boolean> {
  if (port < row.rangeFirst || port > row.rangeLast) return await tx.leaseOnPort(row.host, port) === undefined
  const interval = await tx.freeAtOrBelow(row.host, port)
  if (interval === undefined || interval.last < port) return false
  await tx.deleteFree(row.host, interval.first)
  if (interval.first < port) await tx.insertFree(row.host, { first: interval.first, last: port - 1 })
  if (port < interval.last) await tx.insertFree(row.host, { first: port + 1, last: interval.last })
  return true
}

/** Gives port back to the host's free intervals (merged with its neighbours), if it is in the range. */
export async function givePort (tx: LeaseTx, row: HostRow, port: number): Promise<void> {
  if (port < row.rangeFirst || port > row.rangeLast) return
  const below = await tx.freeEndingAt(row.host, port - 1)
  const above = await tx.freeStartingAt(row.host, port + 1)
  if (below !== undefined) await tx.deleteFree(row.host, below.first)
  if (above !== undefined) await tx.deleteFree(row.host, above.first)
  await tx.insertFree(row.host, { first: below?.first ?? port, last: above?.last ?? port })
}
