// The details of one node: its exact TF_CONFIG, the export line, and its resolved RunConfig.
import { shellQuote } from '../src/formats/shell.js'
import { copyBlock } from './copy.js'
import { h } from './dom.js'
import type { NodeModel } from './lib/plan-model.js'

export function nodeDetails (node: NodeModel, onClose: () => void): HTMLElement {
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Close the details' }, '×')
  close.addEventListener('click', onClose)
  const title = h('h2', { tabindex: -1 }, node.key)
  const panel = h('div', { class: 'details-inner' }, h('div', { class: 'details-head' }, title, close))
  const planned = node.planned
  if (node.refusal !== null) {
    panel.append(h('p', { class: 'refusal' }, `TensorFlow refuses this node: ${node.refusal.exception}: ${node.refusal.message}`))
  }
  if (planned === null) {
    panel.append(h('p', {}, 'TensorFlow refuses the cluster, so no node is planned: fix the refusals, then plan again.'))
    return panel
  }
  if (planned.tf_config !== undefined) {
    panel.append(
      copyBlock('TF_CONFIG', planned.tf_config, 'tf_config'),
      copyBlock('Shell', `export TF_CONFIG=${shellQuote(planned.tf_config)}`, 'export'))
  }
  if (planned.run_config !== undefined) {
    panel.append(copyBlock('Resolved RunConfig', JSON.stringify(planned.run_config, null, 2), 'run_config'))
  } else {
    const { tf_config: _t, run_config: _r, ...summary } = planned
    panel.append(
      h('p', {}, 'Over 1,000 tasks: the plan leaves out each node\'s TF_CONFIG and whole RunConfig (POST /v1/run-config gives them for one node).'),
      copyBlock('Plan node', JSON.stringify(summary, null, 2), 'plan_node'))
  }
  return panel
}
