// Shared by the browser tests: Debian's Chromium driven by playwright-core (never a downloaded
// browser), a fresh profile each run, and the service on a free port with the page built for it.
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import type { Test } from 'tap'
import { buildApp } from '../../app.js'
import { buildWeb } from '../../scripts/web-bundle.js'

export const CHROMIUM = '/usr/bin/chromium'
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-quic', '--disable-sync']
/** tap's output folder (git-ignored): the screenshots of each view land here. */
export const SCREENSHOTS = fileURLToPath(new URL('../../.tap/screenshots/', import.meta.url))

/** The browser, closed (and its profile removed) when the test ends. */
export async function openBrowser (t: Test): Promise<BrowserContext> {
  const profile = await mkdtemp(join(tmpdir(), 'runconfig-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 800 }
  })
  t.teardown(async () => {
    await context.close()
    await rm(profile, { recursive: true, force: true })
  })
  return context
}

/** The service listening on 127.0.0.1 with a freshly built page; closed when the test ends. */
export async function startServer (t: Test) {
  const root = await mkdtemp(join(tmpdir(), 'runconfig-web-'))
  await buildWeb(root)
  const app = await buildApp({ web: { root } })
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(async () => {
    await app.close()
    await rm(root, { recursive: true, force: true })
  })
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return { app, url: `http://127.0.0.1:${port}` }
}

/** A new tab, closed when the subtest ends; a page error fails the test. */
export async function newPage (t: Test, context: BrowserContext): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (err) => t.fail(`page error: ${err.message}`))
  t.teardown(() => page.close())
  return page
}

export async function screenshot (page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })
}
