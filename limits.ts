// The server's limits, each set on purpose (README "Limits" says why). buildApp applies them;
// tests pass shorter ones through buildApp's options.

const MiB = 1024 * 1024

/** Every body but the cluster plan's: a TF_CONFIG and RunConfig arguments are a few kB. */
export const BODY_LIMIT = 1 * MiB

/**
 * The cluster plan routes' body: MAX_PLAN_TASKS (100,000) tasks with addresses up to 122
 * characters. Measured: 100,000 Kubernetes addresses such as
 * `resnet50-imagenet-worker-99999.ml-training.svc.cluster.local:2222` (65 characters) make 6.5 MiB.
 */
export const PLAN_BODY_LIMIT = 12 * MiB

/**
 * A whole plan's shell, dotenv or kubernetes rendering is streamed in chunks of about this much
 * text, each made as the client reads: a few ms of the event loop each, and memory for a chunk.
 */
export const EXPORT_CHUNK_BYTES = 1 * MiB

/** Node's HTTP server: a slow client is cut off, an idle keep-alive connection outlives the balancer's. */
export const SERVER_TIMEOUTS = {
  /** All the request headers must arrive within this (checked every connectionsCheckingInterval). */
  headersTimeout: 10_000,
  /** How often Node looks for requests past headersTimeout or requestTimeout: headers trickled in are cut off within 12 s. */
  connectionsCheckingInterval: 2_000,
  /** The whole request, body included: 12 MiB at 3.5 Mbit/s. */
  requestTimeout: 30_000,
  /** A socket with no byte in either direction while a request is open (a client that stops reading an answer). */
  connectionTimeout: 60_000,
  /** An idle keep-alive connection: longer than the 60 s of common load balancers, so that they close it first. */
  keepAliveTimeout: 72_000
  // No handlerTimeout: its per-request AbortController and timer cost 10 to 40 % of the throughput
  // of small requests (measured), and the one handler that waits (on a plan worker) has jobTimeoutMs
} as const

/** Overload (@fastify/under-pressure): 503 with Retry-After, rather than a growing latency tail. */
export const PRESSURE_LIMITS = {
  /** Mean event-loop delay over a second: the loop is saturated (the plan workers keep it near 0 otherwise). */
  maxEventLoopDelay: 1_000,
  /** The event loop's V8 heap: 35 to 50 MB while 100,000-task plans run; each waiting plan's body adds about 60 MB. */
  maxHeapUsedBytes: 512 * MiB,
  /** The process: a 100,000-task plan peaks at 570 MB; beyond 900 MiB, shed load before a 1 GiB container limit kills the pod. */
  maxRssBytes: 900 * MiB,
  /** Seconds a client should wait before it retries. */
  retryAfter: 5
} as const

/** The worker threads that plan and lint large clusters off the event loop. */
export const PLAN_WORKERS = {
  /** One: a second would raise the memory peak of two concurrent 100,000-task plans from 570 to 870 MB, for rare requests. */
  size: 1,
  /**
   * Work waiting for a worker (planCost units, about 10 µs each): some 5 s, four 100,000-task plans or a hundred of
   * 5,000. Beyond, 503 with Retry-After: a longer wait would outlast clients' timeouts, and each waiting plan holds its
   * request in memory (60 MB for 100,000 tasks).
   */
  maxQueuedCost: 500_000,
  /** Up to this estimated work (planCost, about 10 µs a unit) a request is answered on the event loop. */
  inProcessMaxCost: 1_000,
  /** An idle worker stops after this, and gives back the hundreds of MB a large plan leaves in its heap. */
  idleMs: 10_000,
  /** The longest job takes 1 to 2 s (100,000 tasks; 1,000 with include): a job past this is stuck, its worker replaced. */
  jobTimeoutMs: 30_000,
  /** A worker's V8 heap: 1,000-task plans with include and 120-character addresses (245 MB of JSON) need 450 MB. */
  maxOldGenerationSizeMb: 512
} as const

/**
 * PostgreSQL (DATABASE_URL=postgres://…), per replica; DATABASE_* variables override the first three
 * (config.ts). Sized for several replicas on one server with PostgreSQL's default max_connections
 * (100): three replicas hold at most 3 × (10 + 1) = 33 connections.
 */
export const POSTGRES_LIMITS = {
  /**
   * A request holds a connection only for its transaction (a few ms: one locked row, one write);
   * long polls and event streams wait on the in-process notifier and hold none. Ten serve
   * thousands of joins a second; more would only queue the same row locks inside PostgreSQL.
   */
  poolMax: 10,
  /**
   * Every statement is a lookup by key or an update of one row: a statement still running after
   * 5 s waits behind a lock held by a frozen replica or an overloaded server. It is cancelled and
   * the request answered 503 (nothing stored) rather than left to outlast the client's timeout.
   */
  statementTimeoutMs: 5_000,
  /**
   * Opening a connection, or waiting for a free one when all ten are busy: past 5 s the request is
   * answered 503 with Retry-After (backpressure) instead of queueing without bound.
   */
  connectTimeoutMs: 5_000,
  /** A replica frozen inside a transaction (a stopped VM) releases its row locks after this. */
  idleInTransactionMs: 10_000,
  /**
   * Notifications are not durable: a replica that loses its LISTEN connection misses those sent
   * meanwhile. Every second it re-reads the version of each job it has waiters on (one indexed
   * query, only while someone waits), so a waiter is answered within a second even then.
   */
  recheckMs: 1_000,
  /** The LISTEN connection's reconnect delay: doubling from 100 ms to 5 s, with jitter, so that replicas do not stampede a database that has just returned. */
  reconnectMs: { first: 100, last: 5_000 },
  /** The 503s of an unavailable database: a restart or failover takes seconds. */
  retryAfterSecs: 2
} as const

/** Rendezvous (COORDINATION.md C.2–C.3): waits, their wake-ups, expiry. */
export const RENDEZVOUS_LIMITS = {
  /**
   * Long polls and event streams open at once, all jobs together; beyond, 503 with Retry-After.
   * Each costs a socket and about 2 kB; 10,000 covers ten 1,000-node jobs assembling at once.
   */
  maxWatches: 10_000,
  /** How often rounds past their deadline are marked expired even if no request touches them. */
  sweepIntervalMs: 1_000,
  /** An event stream's comment line, so that proxies and load balancers keep an idle stream open. */
  heartbeatMs: 15_000,
  /** Retry-After of a 202 (still gathering): the client's next long poll may start at once. */
  gatheringRetryAfter: 1,
  /** Retry-After of the 503 that ends a wait when the server shuts down: another replica, or this one restarted, answers soon. */
  closingRetryAfter: 1
  // too many waits open is load: its 503 has the overload setting's Retry-After (PRESSURE_LIMITS.retryAfter)
} as const
