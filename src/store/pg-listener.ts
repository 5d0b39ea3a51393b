import pg from 'pg'

export interface ListenerHandlers {
  /** A notification on the channel: its payload. */
  message: (payload: string) => void
  /** Listening, first or again: notifications sent while not listening are lost, so re-read what matters. */
  listening: () => void
  /** The connection failed or was lost; a reconnect is scheduled. */
  error: (err: Error) => void
}

/**
 * One dedicated connection LISTENing on a channel (a pooled connection would drop its LISTEN when
 * returned). When the connection fails or ends it reconnects, after a delay doubling from
 * `reconnectMs.first` to `reconnectMs.last` with jitter, so that replicas do not stampede a
 * database that has just come back.
 */
export class PgListener {
  #client: pg.Client | undefined
  #lostClients = new WeakSet<pg.Client>()
  #closed = false
  #failures = 0
  #timer: NodeJS.Timeout | undefined
  #connecting: Promise<void> | undefined
  #firstListen: Promise<void>
  #resolveFirst!: () => void

  constructor (
    private readonly config: pg.ClientConfig,
    private readonly channel: string,
    private readonly handlers: ListenerHandlers,
    private readonly reconnectMs: { first: number, last: number }
  ) {
    this.#firstListen = new Promise((resolve) => { this.#resolveFirst = resolve })
  }

  /** Whether the LISTEN is in place now. */
  get listening (): boolean {
    return this.#client !== undefined
  }

  /** Starts listening; resolves once the first LISTEN is in place (retrying until then), or on close. */
  async start (): Promise<void> {
    this.#reconnect()
    return await this.#firstListen
  }

  /** Checks the connection with a round trip; a connection that fails it is dropped and reconnected. */
  async ping (timeoutMs: number): Promise<boolean> {
    const client = this.#client
    if (client === undefined) return false
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<never>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error('Query read timeout')), timeoutMs)
    })
    try {
      await Promise.race([client.query('SELECT 1'), late])
      return true
    } catch (err) {
      this.#lost(client, err as Error)
      return false
    } finally {
      clearTimeout(timer)
    }
  }

  /** Stops listening for good (and settles start()). */
  async close (): Promise<void> {
    this.#closed = true
    this.#resolveFirst()
    clearTimeout(this.#timer)
    // a connection being opened is ended as soon as it is
    await this.#connecting
    const client = this.#client
    this.#client = undefined
    await client?.end()
  }

  async #connect (): Promise<void> {
    const client = new pg.Client(this.config)
    client.on('error', (err) => this.#lost(client, err))
    client.on('end', () => this.#lost(client, new Error('Connection terminated')))
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload !== undefined) this.handlers.message(message.payload)
    })
    try {
      await client.connect()
      await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`)
    } catch (err) {
      this.#lost(client, err as Error)
      return
    }
    if (this.#closed) {
      this.#lostClients.add(client)
      await client.end()
      return
    }
    this.#client = client
    this.#failures = 0
    this.handlers.listening()
    this.#resolveFirst()
  }

  #reconnect (): void {
    this.#connecting = this.#connect().catch((err: Error) => this.handlers.error(err))
  }

  #lost (client: pg.Client, err: Error): void {
    // each client reports its end once: the first of its error, end or failed query counts
    if (this.#lostClients.has(client)) return
    this.#lostClients.add(client)
    if (this.#client === client) this.#client = undefined
    client.end().catch(() => {})
    if (this.#closed) return
    this.handlers.error(err)
    const delay = Math.min(this.reconnectMs.last, this.reconnectMs.first * 2 ** this.#failures++)
    this.#timer = setTimeout(() => this.#reconnect(), delay * (0.5 + Math.random() / 2))
  }
}
