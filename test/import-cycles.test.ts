import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
// The production tree: what the package ships
const PRODUCTION = ['app.ts', 'server.ts', 'config.ts', 'limits.ts', 'start-server.ts', 'cli', 'routes', 'plugins', 'workers', 'src']
// `import … from './x.js'` and `export … from './x.js'`, type-only ones included: a cycle of types is still one unit split in two
const RELATIVE_IMPORT = /^\s*(?:import|export)\b[^'"]*?\sfrom\s+['"](\.[^'"]+)['"]/gm

function sourceFiles (path: string): string[] {
  if (!existsSync(path)) return []
  if (statSync(path).isDirectory()) return readdirSync(path).flatMap((name) => sourceFiles(join(path, name)))
  return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : []
}

/** Every import cycle a depth-first walk meets, each as the files around it. */
function importCycles (): string[] {
  const files = new Set(PRODUCTION.flatMap((path) => sourceFiles(join(ROOT, path))))
  const imports = new Map([...files].map((file) => [file, [...readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)]
    .map((match) => resolve(dirname(file), match[1].replace(/\.js$/, '.ts')))
    .filter((target) => files.has(target))]))
  const done = new Set<string>()
  const path: string[] = []
  const cycles: string[] = []
  const visit = (file: string): void => {
    path.push(file)
    for (const target of imports.get(file) ?? []) {
      if (path.includes(target)) cycles.push(path.slice(path.indexOf(target)).map((step) => relative(ROOT, step)).join(' -> '))
      else if (!done.has(target)) visit(target)
    }
    path.pop()
    done.add(file)
  }
  for (const file of files) if (!done.has(file)) visit(file)
  return cycles
}

t.test('no production module imports itself through others', async (t) => {
  t.same(importCycles(), [])
})
