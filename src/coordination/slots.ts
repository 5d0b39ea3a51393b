import { planNodeTasks } from '../plan/plan-tasks.js'
import type { JobCluster, Slot } from '../schemas/jobs.js'
import type { JobSnapshot, MemberRow } from './store.js'

const EVALUATOR = 'evaluator'

/**
 * The roles in TensorFlow's global id order (chief or master first, other jobs sorted, ps last),
 * the evaluator last — the order of the job view's members and missing slots (C.2), taken from
 * the planner itself so that it never disagrees with a plan.
 */
export function roleOrder (cluster: JobCluster): string[] {
  const oneEach: Record<string, string[]> = {}
  for (const role of Object.keys(cluster)) if (role !== EVALUATOR) oneEach[role] = ['']
  const roles = planNodeTasks(oneEach, false).map((task) => task.type)
  if (Object.hasOwn(cluster, EVALUATOR)) roles.push(EVALUATOR)
  return roles
}

/** Slots in the cluster, the evaluator included (C.2's `expected`). */
export function countSlots (cluster: JobCluster): number {
  return Object.values(cluster).reduce((sum, n) => sum + n, 0)
}

/** The members in global id order, and the free slots in the same order. */
export function arrangeMembers (cluster: JobCluster, members: MemberRow[]): { members: MemberRow[], missing: Slot[] } {
  const byRole = new Map<string, Array<MemberRow | undefined>>()
  for (const role of Object.keys(cluster)) byRole.set(role, new Array(cluster[role]).fill(undefined))
  for (const member of members) {
    const slots = byRole.get(member.role)
    if (slots !== undefined && member.index < slots.length) slots[member.index] = member
  }
  const ordered: MemberRow[] = []
  const missing: Slot[] = []
  for (const role of roleOrder(cluster)) {
    const slots = byRole.get(role) as Array<MemberRow | undefined>
    slots.forEach((member, index) => {
      if (member === undefined) missing.push({ role, index })
      else ordered.push(member)
    })
  }
  return { members: ordered, missing }
}

/**
 * The index a member asking for none gets (C.2–C.3): its index of the previous round if free; else
 * the lowest index no one holds, preferring those no member of the previous round may come back
 * to claim; undefined when the role is full.
 */
export function chooseIndex (count: number, taken: Set<number>, previous: number | undefined, reserved: Set<number>): number | undefined {
  if (previous !== undefined && previous < count && !taken.has(previous)) return previous
  let fallback: number | undefined
  for (let index = 0; index < count; index++) {
    if (taken.has(index)) continue
    if (!reserved.has(index)) return index
    fallback ??= index
  }
  return fallback
}

// one index per snapshot, shared by everyone who reads it: the woken waiters of a job all get
// the same snapshot object, so each finds its member in O(1) rather than scanning the round
const memberIndexes = new WeakMap<JobSnapshot, Map<string, MemberRow>>()

/** The member of the snapshot's round with this key, if it has joined. */
export function memberOf (snapshot: JobSnapshot, key: string): MemberRow | undefined {
  let index = memberIndexes.get(snapshot)
  if (index === undefined) memberIndexes.set(snapshot, index = new Map(snapshot.members.map((m) => [m.member, m])))
  return index.get(key)
}
