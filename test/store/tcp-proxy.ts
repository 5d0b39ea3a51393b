import { createServer, connect, type Socket } from 'node:net'
import type { Test } from 'tap'

/**
 * A TCP proxy in front of the test's PostgreSQL server, standing in for a network or a database
 * host that fails without closing anything: what the service sees when the machine running
 * PostgreSQL loses power and reboots, or a failover moves its address.
 */
export interface TcpProxy {
  port: number
  /** The host is gone: every connection stays open on the service's side, and nothing more passes either way. */
  freeze: () => void
  /**
   * The host is back, knowing nothing of the connections it had: each of those is reset on its
   * next byte (as a rebooted host answers with RST), and new connections reach the server again.
   */
  thaw: () => void
}

/** A proxy to 127.0.0.1:`target` on a free loopback port, closed when `t` ends. */
export async function startProxy (t: Test, target: number): Promise<TcpProxy> {
  // the client sockets of the connections open when the host was lost
  const lost = new Set<Socket>()
  const live = new Set<{ client: Socket, upstream: Socket }>()
  let frozen = false
  const server = createServer((client) => {
    if (frozen) {
      // a connect to a host that is down: no answer at all
      lost.add(client)
      client.on('error', () => {})
      return
    }
    const upstream = connect(target, '127.0.0.1')
    const pair = { client, upstream }
    live.add(pair)
    client.pipe(upstream).pipe(client)
    const end = () => { live.delete(pair); client.destroy(); upstream.destroy() }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => {
    for (const { client, upstream } of live) { client.destroy(); upstream.destroy() }
    for (const client of lost) client.destroy()
    server.close()
  })
  return {
    port: (server.address() as { port: number }).port,
    freeze () {
      frozen = true
      for (const pair of live) {
        const { client, upstream } = pair
        live.delete(pair)
        client.unpipe(upstream)
        upstream.unpipe(client)
        client.removeAllListeners('close').removeAllListeners('error').on('error', () => {})
        upstream.removeAllListeners('close').removeAllListeners('error').on('error', () => {})
        // the server's side goes with the host; the service's side hears nothing of it
        upstream.destroy()
        lost.add(client)
        // unpipe paused it: read and drop
        client.removeAllListeners('data')
        client.on('data', () => {}).resume()
      }
    },
    thaw () {
      frozen = false
      for (const client of lost) {
        client.removeAllListeners('data')
        client.once('data', () => { lost.delete(client); client.resetAndDestroy() }).resume()
      }
    }
  }
}
