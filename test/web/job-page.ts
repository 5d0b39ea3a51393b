// The job view (/jobs/<job>#token=…): how the page reads the SSE stream, on canned answers
// (playwright's route fulfils the request: no server involved), every wait on a selector.
import type { BrowserContext } from 'playwright-core'
import type { Test } from 'tap'
import { newPage } from './browser.js'

const VIEW = {
  job: 'resnet',
  round: 1,
  state: 'gathering',
  cluster: { chief: 1, worker: 2 },
  join_timeout_secs: 600,
  deadline: '2099-01-01T00:00:00.000Z',
  version: 2,
  expected: 3,
  joined: 1,
  members: [{ member: 'pod-w1', role: 'worker', index: 1, host: '10.0.0.7', port: 2222, joined_at: '2026-12-02T10:00:00.000Z' }],
  missing: [{ role: 'chief', index: 0 }, { role: 'worker', index: 0 }]
}

export async function jobPageStreamTests (t: Test, context: BrowserContext, url: string): Promise<void> {
  await t.test('the stream is read with the token as a Bearer header; a deleted job says so', async (t) => {
    const page = await newPage(t, context)
    let authorization: string | undefined
    await page.route('**/v1/jobs/resnet/events', (route) => {
      authorization = route.request().headers().authorization
      return route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        body: `: heartbeat\n\nid: 2\nevent: job\ndata: ${JSON.stringify(VIEW)}\n\nevent: deleted\ndata: {}\n\n`
      })
    })
    await page.goto(`${url}/jobs/resnet#token=tok-123`)
    await page.locator('#job-error').filter({ hasText: 'This job was deleted.' }).waitFor()
    t.equal(authorization, 'Bearer tok-123')
    const slots = await page.locator('[data-slot]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-slot'), el.getAttribute('data-state')]))
    t.same(slots, [['chief:0', 'missing'], ['worker:0', 'missing'], ['worker:1', 'joined']])
    t.match(await page.locator('[data-slot="worker:1"]').textContent(), /10\.0\.0\.7:2222.*pod-w1/)
    t.equal(await page.locator('#job-joined').textContent(), '1 / 3')
    t.match(await page.locator('#job-deadline').textContent(), /^\d+:\d\d:\d\d left$/)
  })

  await t.test('a refused token, an unknown job, a link without a token: plain words', async (t) => {
    const page = await newPage(t, context)
    await page.route('**/v1/jobs/*/events', (route) => {
      const unknown = route.request().url().includes('/ghost/')
      return route.fulfill({
        status: unknown ? 404 : 401,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: unknown ? 404 : 401, error: unknown ? 'Not Found' : 'Unauthorized', message: 'no' })
      })
    })
    await page.goto(`${url}/jobs/resnet#token=wrong`)
    await page.locator('#job-error').filter({ hasText: 'The token was refused (401)' }).waitFor()
    await page.goto(`${url}/jobs/ghost#token=x`)
    await page.locator('#job-error').filter({ hasText: 'There is no job named ghost (404)' }).waitFor()
    await page.goto(`${url}/jobs/resnet`)
    await page.locator('#job-error').filter({ hasText: 'This link has no token' }).waitFor()
    t.equal(await page.locator('[data-slot]').count(), 0)
  })
}
