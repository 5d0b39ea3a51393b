// The job view's grid: every slot of the round, joined or missing, in global-id order.
import { compareJobs } from './job-order.js'
import type { JobView } from './types.js'

export type { JobView }

export type Slot =
  | { role: string, index: number, state: 'joined', member: string, address: string }
  | { role: string, index: number, state: 'missing' }

export function jobSlots (view: JobView): Slot[] {
  const slots: Slot[] = [
    ...view.members.map((m) => ({ role: m.role, index: m.index, state: 'joined' as const, member: m.member, address: m.port === null ? `${m.host}, port pending` : `${m.host}:${m.port}` })),
    ...view.missing.map((m) => ({ role: m.role, index: m.index, state: 'missing' as const }))
  ]
  return slots.sort((a, b) => compareJobs(a.role, b.role) || a.index - b.index)
}

/** Time left as m:ss or h:mm:ss; 0:00 once past. */
export function formatRemaining (ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = String(total % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`
}
