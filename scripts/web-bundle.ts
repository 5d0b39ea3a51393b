// Builds the web view (web/) into one folder the service serves: index.html, app.js, app.css.
// esbuild bundles and minifies in well under a second, so every build runs it again.
import { copyFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
/** Where `npm run build:web` writes the page, and where routes/web.ts looks for it. */
export const WEB_OUT = join(ROOT, 'dist', 'public')

export async function buildWeb (outdir: string = WEB_OUT): Promise<void> {
  await mkdir(outdir, { recursive: true })
  await build({
    absWorkingDir: ROOT,
    entryPoints: [{ in: 'web/main.ts', out: 'app' }, { in: 'web/style.css', out: 'app' }],
    outdir,
    bundle: true,
    minify: true,
    format: 'esm',
    // what the page uses (:has(), TextDecoderStream, CSS.escape): browsers of 2023 on
    target: ['chrome110', 'firefox121', 'safari16.4'],
    legalComments: 'none',
    logLevel: 'warning'
  })
  await copyFile(join(ROOT, 'web', 'index.html'), join(outdir, 'index.html'))
}
