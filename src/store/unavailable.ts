/**
 * The database cannot answer now (down, unreachable, restarting, out of connections, too slow).
 * Whatever the request was, nothing of it is stored — its transaction rolled back or never began —
 * so the client may retry it as it is: the errors plugin answers 503 with Retry-After.
 */
export class StoreUnavailableError extends Error {
  constructor (readonly retryAfterSecs: number, options?: ErrorOptions) {
    // contention is not an outage: a client (or its operator) reading "unavailable" looks at the wrong thing
    super(isContention(options?.cause) ? BUSY : 'The database is unavailable; retry later', options)
    this.name = 'StoreUnavailableError'
  }
}

const BUSY = 'The database is busy: this request waited too long for a lock or a statement; retry later'

// the statement timeout (here: mostly a queue behind a job's row lock), a lock not available, a
// serialization failure or deadlock: the database answers, but this request lost a race for it
const CONTENTION_STATES = new Set(['57014', '55P03', '40001', '40P01'])

function isContention (err: unknown): boolean {
  return err instanceof Error && CONTENTION_STATES.has(String((err as { code?: unknown }).code))
}

// Node's socket errors: no server, a connection cut, a name that does not resolve (yet)
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  'EHOSTUNREACH', 'ENETUNREACH', 'ENOENT'])

// SQLSTATEs that say "not now" rather than "wrong": 57014 the statement timeout (a queue behind a
// lock or an overloaded server), 57P01–57P03 shutdown and start-up, 53xxx out of resources
// (53300 too many connections), 25P03 idle-in-transaction timeout, 40001/40P01 a serialization
// failure or deadlock that a retry resolves, 55P03 a lock not available
const TRANSIENT_STATES = new Set(['57014', '57P01', '57P02', '57P03', '25P03', '40001', '40P01', '55P03'])

// node-postgres raises these as plain Errors, without a code
const CLIENT_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Query read timeout'
]

/** Whether `err` means the database is unavailable for now (a retry may succeed), not a bug or a refusal. */
export function isUnavailable (err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || TRANSIENT_STATES.has(code)) return true
    // class 08: connection exception; class 53: insufficient resources
    if (/^(08|53)[0-9A-Z]{3}$/.test(code)) return true
  }
  if (CLIENT_MESSAGES.some((message) => err.message.startsWith(message))) return true
  // pg-pool and net wrap the first cause of a failed connect in an AggregateError (IPv4 and IPv6 both refused)
  if (err instanceof AggregateError) return err.errors.length > 0 && err.errors.every(isUnavailable)
  return err.cause !== undefined && isUnavailable(err.cause)
}

/** `err` as a StoreUnavailableError when the database is unavailable, else `err` itself. */
export function asStoreError (err: unknown, retryAfterSecs: number): unknown {
  if (err instanceof StoreUnavailableError || !isUnavailable(err)) return err
  return new StoreUnavailableError(retryAfterSecs, { cause: err })
}
