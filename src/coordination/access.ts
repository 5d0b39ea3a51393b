import type { JobRow } from './store.js'
import { CoordinationError } from './errors.js'
import { tokenMatches } from './tokens.js'

/** Who asks: the bearer token they sent, and the admin token the server was given (if any). */
export interface Caller {
  bearer?: string
  adminToken?: string
}

/** Job creation, listing, rounds and deletion: the admin token when one is configured, else open (C.1). */
export function checkAdmin (caller: Caller): void {
  if (caller.adminToken === undefined) return
  if (!tokenMatches(caller.bearer, caller.adminToken)) {
    throw new CoordinationError(401, 'This route needs Authorization: Bearer <admin token>')
  }
}

/** Member routes and the job view: the job's join token, or the admin token (C.2). */
export function checkJobAccess (caller: Caller, job: JobRow): void {
  if (tokenMatches(caller.bearer, job.token)) return
  if (caller.adminToken !== undefined && tokenMatches(caller.bearer, caller.adminToken)) return
  throw new CoordinationError(401, `Job ${job.job} needs Authorization: Bearer <its join token or the admin token>`)
}
