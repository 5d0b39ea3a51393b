import type { Gathering, JobView } from '../schemas/jobs.js'
import type { JobSnapshot } from './store.js'
import { arrangeMembers, countSlots } from './slots.js'

/** RFC 3339 UTC text with milliseconds, as every time in the contract. */
export const isoTime = (ms: number): string => new Date(ms).toISOString()

/** The job view of C.2 (no token). */
export function jobView ({ job, members }: JobSnapshot): JobView {
  const cluster = job.definition.cluster
  const arranged = arrangeMembers(cluster, members)
  return {
    job: job.job,
    round: job.round,
    state: job.state,
    cluster,
    join_timeout_secs: job.definition.join_timeout_secs,
    deadline: isoTime(job.deadline),
    version: job.version,
    expected: countSlots(cluster),
    joined: members.length,
    members: arranged.members.map((m) => ({ member: m.member, role: m.role, index: m.index, host: m.host, port: m.port, joined_at: isoTime(m.joined_at) })),
    missing: arranged.missing
  }
}

/** A wait that ended before the round completed (C.3's 202). */
export function gatheringView ({ job, members }: JobSnapshot): Gathering {
  const cluster = job.definition.cluster
  return {
    state: 'gathering',
    expected: countSlots(cluster),
    joined: members.length,
    missing: arrangeMembers(cluster, members).missing,
    deadline: isoTime(job.deadline)
  }
}
