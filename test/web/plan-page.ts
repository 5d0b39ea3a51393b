// The plan view (/#plan=…) against the real routes; every wait is on a selector or attribute.
import type { FastifyInstance } from 'fastify'
import type { BrowserContext, Page } from 'playwright-core'
import type { Test } from 'tap'
import { newPage, screenshot } from './browser.js'

const CLUSTER = {
  chief: ['host0:2222'],
  ps: ['host1:2222', 'host2:2222'],
  worker: ['host3:2222', 'host4:2222', 'host5:2222', 'host6:2222']
}
const NO_CHIEF = 'If "cluster" is set in TF_CONFIG, it must have one "chief" node.'

interface Server { app: FastifyInstance, url: string }

async function openPlan (t: Test, context: BrowserContext, url: string, body: unknown): Promise<Page> {
  const page = await newPage(t, context)
  await page.goto(`${url}/#plan=${encodeURIComponent(JSON.stringify(body))}`)
  await page.locator('#plan-result[data-status="ready"]').waitFor()
  return page
}

export async function planPageTests (t: Test, context: BrowserContext, { app, url }: Server): Promise<void> {
  await t.test('a chief, 2 ps, 4 workers and the evaluator: 8 nodes, 8 bars, the API\'s delays', async (t) => {
    const body = { cluster: CLUSTER, evaluator: true }
    const api = await app.inject({ method: 'POST', url: '/v1/cluster-plan', payload: { ...body, include: ['tf_config'] } })
    const planned = api.json().nodes as Array<{ task_type: string, task_id: number, start_delay_secs: number, tf_config: string }>
    const page = await openPlan(t, context, url, body)
    const shown = await page.locator('[data-node]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-node'), el.getAttribute('data-start-delay')]))
    t.same(shown, planned.map((node) => [`${node.task_type}:${node.task_id}`, String(node.start_delay_secs)]))
    const bars = await page.locator('[data-delay-bar]').evaluateAll((els) => els.map((el) => el.getAttribute('data-delay-bar')))
    t.same(bars, planned.map((node) => `${node.task_type}:${node.task_id}`))
    t.equal(await page.locator('[data-node="chief:0"] .badge').textContent(), 'chief')
    await page.locator('[data-node="worker:1"] .node-open').click()
    const worker1 = planned.find((node) => node.task_type === 'worker' && node.task_id === 1)
    t.equal(await page.locator('#details [data-copy-text="tf_config"]').textContent(), worker1?.tf_config)
    t.equal(await page.locator('#details [data-copy-text="export"]').textContent(),
      `export TF_CONFIG='${worker1?.tf_config}'`)
    t.match(await page.locator('#details [data-copy-text="run_config"]').textContent(), /"is_chief": false/)
    await screenshot(page, 'plan')
  })

  await t.test('a duplicate address shows its lint warning on the node', async (t) => {
    const body = { cluster: { chief: ['host0:2222'], worker: ['host3:2222', 'host3:2222'] } }
    const lint = await app.inject({ method: 'POST', url: '/v1/cluster-plan/lint', payload: body })
    const [warning] = lint.json().warnings
    const page = await openPlan(t, context, url, body)
    const shown = page.locator('[data-node="worker:1"] [data-warning="DUPLICATE_ADDRESS"]')
    t.match(await shown.textContent(), warning.message)
    t.equal(await page.locator('[data-node="worker:0"] [data-warning]').count(), 0)
  })

  await t.test('a cluster TensorFlow refuses shows its message on every failing node', async (t) => {
    const page = await openPlan(t, context, url, { cluster: { worker: ['host3:2222', 'host4:2222'], ps: ['host1:2222'] } })
    for (const node of ['worker:0', 'worker:1', 'ps:0']) {
      t.equal(await page.locator(`[data-node="${node}"] .refusal`).textContent(), `ValueError: ${NO_CHIEF}`)
    }
    t.match(await page.locator('.refusal.banner').textContent(), NO_CHIEF)
    t.equal(await page.locator('[data-delay-bar]').count(), 0)
    await screenshot(page, 'plan-refused')
  })

  await t.test('a TF_CONFIG typed with the keyboard opens its node; Escape closes it', async (t) => {
    const page = await newPage(t, context)
    await page.goto(`${url}/`)
    await page.locator('#plan-input').focus()
    await page.keyboard.insertText(JSON.stringify({ cluster: CLUSTER, task: { type: 'worker', index: 2 } }))
    await page.keyboard.press('Control+Enter')
    await page.locator('#details h2:focus').filter({ hasText: 'worker:2' }).waitFor()
    t.match(page.url(), /#plan=%7B%22cluster%22/)
    await page.keyboard.press('Escape')
    await page.locator('#details').waitFor({ state: 'hidden' })
    await page.locator('[data-node="worker:2"] .node-open:focus').waitFor()
  })

  await t.test('errors in plain words: bad JSON, an unreachable server', async (t) => {
    const page = await newPage(t, context)
    await page.goto(`${url}/`)
    await page.locator('#plan-input').fill('{"cluster": {"chief": [')
    await page.getByRole('button', { name: 'Show the plan' }).click()
    await page.locator('#plan-error').filter({ hasText: 'This is not valid JSON' }).waitFor()
    await page.route('**/v1/**', (route) => route.abort('connectionrefused'))
    await page.getByRole('button', { name: 'Example' }).click()
    await page.locator('#plan-error').filter({ hasText: 'Cannot reach the server' }).waitFor()
    t.equal(await page.locator('[data-node]').count(), 0)
  })

  await t.test('readable on a phone: 390×844 without sideways scrolling', async (t) => {
    const page = await newPage(t, context)
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${url}/#plan=${encodeURIComponent(JSON.stringify({ cluster: CLUSTER, evaluator: true }))}`)
    await page.locator('#plan-result[data-status="ready"]').waitFor()
    await page.locator('[data-node="worker:0"] .node-open').click()
    await page.locator('#details h2:focus').waitFor()
    t.ok(await page.evaluate('document.documentElement.scrollWidth <= 390'), 'no horizontal overflow')
    await screenshot(page, 'plan-phone')
  })
}
