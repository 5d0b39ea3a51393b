// The web view in a real browser. Without Chromium (apt-get install chromium) this file says so
// in one line and runs nothing.
import { existsSync } from 'node:fs'
import t from 'tap'
import { CHROMIUM, openBrowser, startServer } from './browser.js'
import { jobPageLiveTests } from './job-live.js'
import { jobPageStreamTests } from './job-page.js'
import { planPageTests } from './plan-page.js'

if (!existsSync(CHROMIUM)) {
  t.plan(0, `browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`)
} else {
  // a real browser on a shared machine: more than tap's 120 s per file (every step waits on a selector, not a clock)
  t.setTimeout(600_000)
  const context = await openBrowser(t)
  const server = await startServer(t)
  await planPageTests(t, context, server)
  await jobPageStreamTests(t, context, server.url)
  await jobPageLiveTests(t, context, server)
}
