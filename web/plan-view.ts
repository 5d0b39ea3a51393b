// The plan view: paste a cluster plan body or a TF_CONFIG, see every node, its start delay,
// its lint warnings and TensorFlow's refusals; the text lives in the URL fragment (#plan=…).
import { ApiError, describeError, postJson } from './api.js'
import { h } from './dom.js'
import { nodeDetails } from './node-details.js'
import { planFragment, readFragment } from './lib/fragment.js'
import { parsePlanInput } from './lib/plan-input.js'
import { planModel, type NodeModel } from './lib/plan-model.js'
import type { ClusterPlan, ErrorBody, LintReport } from './lib/types.js'
import { renderPlan } from './plan-result.js'
const EXAMPLE = JSON.stringify({
  cluster: { chief: ['host0:2222'], ps: ['host1:2222', 'host2:2222'], worker: ['host3:2222', 'host4:2222', 'host5:2222', 'host6:2222'] },
  evaluator: true
}, null, 2)

export function startPlanView (root: HTMLElement): void {
  const input = h('textarea', { id: 'plan-input', rows: 6, spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'plan-help' })
  const submit = h('button', { type: 'submit' }, 'Show the plan')
  const example = h('button', { type: 'button', class: 'secondary' }, 'Example')
  const error = h('p', { id: 'plan-error', class: 'error', role: 'alert' })
  const result = h('section', { id: 'plan-result', 'aria-live': 'polite' })
  const details = h('aside', { id: 'details', hidden: '', 'aria-label': 'Node details' })
  const form = h('form', { class: 'plan-form' },
    h('label', { for: 'plan-input' }, 'Cluster plan body or TF_CONFIG'),
    h('p', { id: 'plan-help', class: 'help' },
      'A POST /v1/cluster-plan body ({"cluster": …, "config"?, "tf_config"?, "evaluator"?}) or one node\'s TF_CONFIG. Ctrl+Enter plans.'),
    input, h('div', { class: 'actions' }, submit, example), error)
  root.append(h('div', { class: 'plan-layout' }, h('div', { class: 'plan-main' }, form, result), details))

  let selected: string | null = null
  const highlight = (key: string | null): void => {
    for (const element of document.querySelectorAll('.selected')) element.classList.remove('selected')
    if (key === null) return
    for (const element of document.querySelectorAll(`[data-node="${CSS.escape(key)}"], [data-delay-bar="${CSS.escape(key)}"]`)) {
      element.classList.add('selected')
    }
  }
  const closeDetails = (): void => {
    highlight(null)
    details.hidden = true
    details.replaceChildren()
    document.querySelector<HTMLElement>(`[data-node="${CSS.escape(selected ?? '')}"] .node-open`)?.focus()
    selected = null
  }
  const openDetails = (node: NodeModel): void => {
    selected = node.key
    highlight(node.key)
    details.replaceChildren(nodeDetails(node, closeDetails))
    details.hidden = false
    details.querySelector<HTMLElement>('h2')?.focus()
  }
  details.addEventListener('keydown', (event) => { if (event.key === 'Escape') closeDetails() })

  let generation = 0
  const show = async (text: string): Promise<void> => {
    const current = ++generation
    error.textContent = ''
    details.hidden = true
    const parsed = parsePlanInput(text)
    if (!parsed.ok) {
      error.textContent = parsed.message
      result.replaceChildren()
      return
    }
    result.setAttribute('data-status', 'loading')
    result.replaceChildren(h('p', { class: 'muted' }, 'Planning…'))
    try {
      const [plan, lint] = await Promise.all([postJson('/v1/cluster-plan', parsed.body), postJson('/v1/cluster-plan/lint', parsed.body)])
      if (current !== generation) return
      if (plan.status !== 200 && plan.status !== 422) {
        throw new ApiError(describeError(plan.status, plan.json as ErrorBody))
      }
      const model = planModel({
        plan: plan.status === 200 ? plan.json as ClusterPlan : null,
        refusal: plan.status === 422 ? plan.json as ErrorBody : null,
        lint: lint.status === 200 ? lint.json as LintReport : null,
        cluster: parsed.cluster,
        evaluator: parsed.evaluator
      })
      result.replaceChildren(...renderPlan(model, openDetails))
      result.setAttribute('data-status', 'ready')
      const chosen = model.nodes.find((node) => node.key === parsed.selected)
      if (chosen !== undefined) openDetails(chosen)
    } catch (err) {
      if (current !== generation) return
      error.textContent = (err as Error).message
      result.replaceChildren()
      result.setAttribute('data-status', 'error')
    }
  }

  const plan = (): void => {
    history.replaceState(null, '', planFragment(input.value))
    show(input.value)
  }
  form.addEventListener('submit', (event) => { event.preventDefault(); plan() })
  input.addEventListener('keydown', (event) => { if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) plan() })
  example.addEventListener('click', () => { input.value = EXAMPLE; plan() })
  const fromFragment = (): void => {
    const text = readFragment(location.hash, 'plan')
    if (location.hash.startsWith('#plan=') && text === null) error.textContent = 'The link\'s #plan=… is not valid URL encoding.'
    if (text === null) return
    input.value = text
    show(text)
  }
  window.addEventListener('hashchange', fromFragment)
  fromFragment()
}
