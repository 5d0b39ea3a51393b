// One node of the plan: its job, address, ids, master, start delay, lint warnings, refusal.
import { h } from './dom.js'
import type { NodeModel } from './lib/plan-model.js'
import type { LintWarning } from './lib/types.js'

export function warningList (warnings: LintWarning[]): HTMLElement | null {
  if (warnings.length === 0) return null
  return h('ul', { class: 'warnings' }, ...warnings.map((warning) => h('li', { 'data-warning': warning.code },
    h('strong', {}, warning.code), ' ', warning.message, h('br'), h('span', { class: 'hint' }, `Fix: ${warning.hint}`))))
}

function field (name: string, value: string): HTMLElement[] {
  return [h('dt', {}, name), h('dd', {}, value)]
}

function text (value: unknown): string {
  return typeof value === 'string' ? (value === '' ? '""' : value) : JSON.stringify(value)
}

export function nodeCard (node: NodeModel, onOpen: (node: NodeModel) => void): HTMLElement {
  const planned = node.planned
  const classes = ['node', planned?.is_chief === true ? 'chief' : '', node.refusal !== null ? 'refused' : '', node.warnings.length > 0 ? 'warned' : '']
  const open = h('button', { type: 'button', class: 'node-open', 'aria-controls': 'details' },
    h('span', { class: 'node-key' }, node.key),
    planned?.is_chief === true ? h('span', { class: 'badge' }, 'chief') : null,
    node.refusal !== null ? h('span', { class: 'badge refused-badge' }, 'refused') : null)
  open.addEventListener('click', () => onOpen(node))
  const delay = planned?.start_delay_secs
  const fields = [...field('address', node.address ?? 'none (outside the cluster)')]
  if (planned !== null) {
    fields.push(...field('global id', planned.global_id_in_cluster === null ? 'none' : String(planned.global_id_in_cluster)))
    fields.push(...field('master', text(planned.master)))
    fields.push(...field('starts after', delay === null ? 'no delay' : `${delay} s`))
  }
  return h('li', {
    class: classes.filter(Boolean).join(' '),
    'data-node': node.key,
    'data-start-delay': typeof delay === 'number' ? delay : undefined
  },
  open,
  h('dl', {}, ...fields),
  node.refusal !== null ? h('p', { class: 'refusal' }, `${node.refusal.exception}: ${node.refusal.message}`) : null,
  warningList(node.warnings))
}
