// The job view against the real rendezvous routes: a fresh job shows every slot missing, and
// each member that joins over HTTP turns its slot joined, without a reload.
import type { FastifyInstance } from 'fastify'
import type { BrowserContext } from 'playwright-core'
import type { Test } from 'tap'
import { newPage, screenshot } from './browser.js'

const JOINS = [
  { member: 'pod-worker-b', role: 'worker', index: 1, host: '10.0.0.8', port: 2222 },
  { member: 'pod-chief', role: 'chief', index: 0, host: '10.0.0.5', port: 2222 },
  { member: 'pod-ps', role: 'ps', index: 0, host: '10.0.0.6', port: 2222 },
  { member: 'pod-worker-a', role: 'worker', index: 0, host: '10.0.0.7', port: 2222 }
]

export async function jobPageLiveTests (t: Test, context: BrowserContext, { app, url }: { app: FastifyInstance, url: string }): Promise<void> {
  await t.test('a fresh job: every slot missing, then joined one by one as members join over HTTP', async (t) => {
    const created = await app.inject({ method: 'PUT', url: '/v1/jobs/web-live', payload: { cluster: { chief: 1, ps: 1, worker: 2 } } })
    t.equal(created.statusCode, 201)
    const { token } = created.json() as { token: string }
    const page = await newPage(t, context)
    await page.goto(`${url}/jobs/web-live#token=${encodeURIComponent(token)}`)
    await page.locator('[data-job-state="gathering"]').waitFor()
    const slots = () => page.locator('[data-slot]').evaluateAll((els) => els.map((el) => `${el.getAttribute('data-slot')}=${el.getAttribute('data-state')}`))
    t.same(await slots(), ['chief:0=missing', 'worker:0=missing', 'worker:1=missing', 'ps:0=missing'])
    await screenshot(page, 'job-fresh')
    for (const [n, { member, ...slot }] of JOINS.entries()) {
      const res = await fetch(`${url}/v1/jobs/web-live/members/${member}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(slot)
      })
      t.equal(res.status, 201, `${member} joins`)
      const shown = page.locator(`[data-slot="${slot.role}:${slot.index}"][data-state="joined"]`)
      await shown.waitFor()
      t.match(await shown.textContent(), `${slot.host}:${slot.port}${member}`)
      t.equal(await page.locator('#job-joined').textContent(), `${n + 1} / 4`)
    }
    await page.locator('[data-job-state="complete"]').waitFor()
    t.same(await slots(), ['chief:0=joined', 'worker:0=joined', 'worker:1=joined', 'ps:0=joined'])
    await screenshot(page, 'job-complete')
  })
}
