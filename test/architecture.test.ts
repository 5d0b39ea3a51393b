// The arrows of ../shared/ARCHITECTURE.md, checked on the production sources: a change that makes
// the core depend on the framework, a route on another route or the contract on the core fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const TOP_FILES = ['app.ts', 'server.ts', 'config.ts', 'limits.ts', 'start-server.ts']
const FOLDERS = ['src', 'routes', 'plugins', 'workers', 'cli']
const GENERATED = new Set(['plugins/validators.generated.ts'])

function sourcesUnder (folder: string): string[] {
  return readdirSync(join(ROOT, folder)).flatMap((name) => {
    const path = join(folder, name)
    if (statSync(join(ROOT, path)).isDirectory()) return sourcesUnder(path)
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : []
  })
}

/** Every module a file names in an import or export, type-only ones included: relative ones as tree paths, packages by name. */
function importsOf (file: string): { local: string[], packages: string[] } {
  const text = readFileSync(join(ROOT, file), 'utf8')
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)|(?:^|\n)import\s*'([^']+)'/g)]
    .map((match) => match[1] ?? match[2] ?? match[3])
  const local: string[] = []
  const packages: string[] = []
  for (const specifier of specifiers) {
    if (specifier.startsWith('.')) local.push(relative(ROOT, resolve(ROOT, dirname(file), specifier)).replace(/\.js$/, '.ts'))
    else packages.push(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0])
  }
  return { local, packages }
}

const files = [...TOP_FILES, ...FOLDERS.flatMap(sourcesUnder)].filter((file) => !GENERATED.has(file))
const graph = new Map(files.map((file) => [file, importsOf(file)]))
const within = (file: string, folder: string) => file.startsWith(`${folder}/`)

t.test('the sources parse into a graph whose local imports all exist', async (t) => {
  t.ok(files.length > 100, `${files.length} production files`)
  const missing = [...graph].flatMap(([file, { local }]) => local.filter((target) => !graph.has(target) && !GENERATED.has(target))
    .map((target) => `${file} -> ${target}`))
  t.same(missing, [])
})

t.test('no import cycle', async (t) => {
  // depth-first search; a back edge closes a cycle
  const state = new Map<string, 'open' | 'done'>()
  const cycles: string[] = []
  const visit = (file: string, path: string[]) => {
    state.set(file, 'open')
    for (const next of graph.get(file)?.local ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next].join(' -> '))
      else if (!state.has(next) && graph.has(next)) visit(next, [...path, next])
    }
    state.set(file, 'done')
  }
  for (const file of files) if (!state.has(file)) visit(file, [file])
  t.same(cycles, [])
})

t.test('the core imports no framework, setting or process layer', async (t) => {
  const FRAMEWORK = /^(fastify|@fastify\/|fastify-|pino|close-with-grace|piscina)/
  const wrong = [...graph].filter(([file]) => within(file, 'src')).flatMap(([file, { local, packages }]) => [
    ...local.filter((target) => !within(target, 'src')).map((target) => `${file} -> ${target}`),
    ...packages.filter((name) => FRAMEWORK.test(name)).map((name) => `${file} -> ${name}`)
  ])
  t.same(wrong, [])
})

t.test('workers import only the core and each other', async (t) => {
  const wrong = [...graph].filter(([file]) => within(file, 'workers')).flatMap(([file, { local }]) =>
    local.filter((target) => !within(target, 'src') && !within(target, 'workers')).map((target) => `${file} -> ${target}`))
  t.same(wrong, [])
})

t.test('no route imports another route', async (t) => {
  const isRoute = (file: string) => within(file, 'routes') && !within(file, 'routes/lib')
  const wrong = [...graph].filter(([file]) => within(file, 'routes')).flatMap(([file, { local }]) =>
    local.filter(isRoute).map((target) => `${file} -> ${target}`))
  t.same(wrong, [])
})

// The data tables the contract may read: ConfigProto's fields and schema, RunConfig's argument defaults (constants, no code)
const DATA_TABLES = new Set(['src/proto/config-proto-fields.ts', 'src/proto/config-proto-schema.ts', 'src/tensorflow/argument-defaults.ts'])

t.test('the contract is a leaf: src/schemas imports only schemas and data tables', async (t) => {
  const allowed = (target: string) => within(target, 'src/schemas') || DATA_TABLES.has(target)
  const wrong = [...graph].filter(([file]) => allowed(file)).flatMap(([file, { local, packages }]) => [
    ...local.filter((target) => !allowed(target)).map((target) => `${file} -> ${target}`),
    ...packages.filter((name) => name !== 'typebox').map((name) => `${file} -> ${name}`)
  ])
  t.same(wrong, [])
})

t.test('coordination is written against the Store interface, not its adapters', async (t) => {
  const wrong = [...graph].filter(([file]) => within(file, 'src/coordination')).flatMap(([file, { local }]) =>
    local.filter((target) => within(target, 'src/store')).map((target) => `${file} -> ${target}`))
  t.same(wrong, [])
})
