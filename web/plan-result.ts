// The plan's answer drawn: a summary, the refusal, the general warnings, the start-delay
// timeline and the nodes grouped by job.
import { h } from './dom.js'
import { nodeCard, warningList } from './node-card.js'
import type { NodeModel, PlanModel } from './lib/plan-model.js'
import { timelineSvg } from './timeline-svg.js'

/** More nodes than this would make the page slow to draw; the API has them all. */
const MAX_SHOWN = 1000

export function renderPlan (model: PlanModel, onOpen: (node: NodeModel) => void): HTMLElement[] {
  const shown = model.nodes.slice(0, MAX_SHOWN)
  const warningCount = model.nodes.reduce((n, node) => n + node.warnings.length, model.general.length) +
    model.groups.reduce((n, group) => n + group.warnings.length, 0)
  const parts: HTMLElement[] = [h('p', { class: 'summary' },
    `${model.nodes.length} node${model.nodes.length === 1 ? '' : 's'} in ${model.groups.length} job${model.groups.length === 1 ? '' : 's'}` +
    ` · ${warningCount} lint warning${warningCount === 1 ? '' : 's'}` +
    (shown.length < model.nodes.length ? ` · showing the first ${shown.length}` : ''))]
  if (model.refusal !== null) {
    const failing = model.nodes.filter((node) => node.refusal !== null).length
    parts.push(h('div', { class: 'refusal banner', role: 'alert' },
      h('strong', {}, 'TensorFlow refuses this cluster'), ` (${failing} of ${model.nodes.length} nodes fail): `,
      `${model.refusal.exception}: ${model.refusal.message}`))
  }
  const general = warningList(model.general)
  if (general !== null) parts.push(h('section', { class: 'general' }, h('h2', {}, 'Warnings about the whole request'), general))
  if (model.refusal === null) {
    parts.push(h('section', { class: 'timeline-box' }, h('h2', {}, 'Start delays'),
      h('p', { class: 'help' }, 'train_and_evaluate makes each worker wait before it starts: one bar per node, in seconds.'),
      timelineSvg(shown.map((node) => ({ key: node.key, delay: node.planned?.start_delay_secs ?? null })))))
  }
  const shownKeys = new Set(shown.map((node) => node.key))
  for (const group of model.groups) {
    const nodes = group.nodes.filter((node) => shownKeys.has(node.key))
    if (nodes.length === 0) continue
    parts.push(h('section', { class: 'job', 'data-job': group.job },
      h('h2', {}, group.job, h('span', { class: 'muted' }, ` × ${group.nodes.length}`)),
      warningList(group.warnings),
      h('ul', { class: 'nodes' }, ...nodes.map((node) => nodeCard(node, onOpen)))))
  }
  return parts
}
