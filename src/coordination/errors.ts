import type { Slot } from '../schemas/jobs.js'

/** A refusal of the rendezvous rules (COORDINATION.md C.2–C.3): its HTTP status and what the body adds. */
export class CoordinationError extends Error {
  readonly statusCode: 401 | 403 | 404 | 409 | 410 | 422
  /** 409: the member in the way. */
  readonly holder?: string
  /** 410: the slots nobody took before the deadline. */
  readonly missing?: Slot[]

  constructor (statusCode: CoordinationError['statusCode'], message: string, details: { holder?: string, missing?: Slot[] } = {}) {
    super(message)
    this.name = 'CoordinationError'
    this.statusCode = statusCode
    if (details.holder !== undefined) this.holder = details.holder
    if (details.missing !== undefined) this.missing = details.missing
  }
}

export const notFound = (job: string) => new CoordinationError(404, `Job ${job} not found`)
export const expired = (job: string, round: number, missing: Slot[]) =>
  new CoordinationError(410, `Round ${round} of job ${job} expired before every slot was taken`, { missing })
