// Makes docs/web-view.png (the README's picture): the plan view at 1280×800 in Debian's Chromium.
// npx tsx scripts/web-screenshot.ts
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { buildApp } from '../app.js'
import { buildWeb } from './web-bundle.js'

const BODY = {
  cluster: {
    chief: ['host0:2222'],
    ps: ['host1:2222', 'host2:2222'],
    worker: ['host3:2222', 'host3:2222', 'host4:2222', 'host5:2222']
  },
  evaluator: true
}

const root = await mkdtemp(join(tmpdir(), 'runconfig-web-'))
await buildWeb(root)
const app = await buildApp({ web: { root } })
const url = await app.listen({ host: '127.0.0.1', port: 0 })
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] })
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.goto(`${url}/#plan=${encodeURIComponent(JSON.stringify(BODY))}`)
  await page.locator('#plan-result[data-status="ready"]').waitFor()
  await page.locator('[data-node="worker:1"] .node-open').click()
  await page.locator('#details h2:focus').waitFor()
  await page.evaluate('document.querySelector(".timeline-box").scrollIntoView()')
  await page.screenshot({ path: fileURLToPath(new URL('../docs/web-view.png', import.meta.url)) })
} finally {
  await browser.close()
  await app.close()
  await rm(root, { recursive: true, force: true })
}
