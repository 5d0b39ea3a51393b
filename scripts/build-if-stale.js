// Plain JavaScript (no TypeScript loader): npm start runs it before anything is built.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Written after each build that npm start ran; its mtime is when that build began. */
export const STAMP = 'dist/.build-stamp'

/** Files that change the build besides the sources: a change there rebuilds too. */
const CONFIG_FILES = ['package.json', 'tsconfig.json', 'tsconfig.build.json']
/** Folders whose every file is an input: the web view's sources (npm run build:web bundles its .ts, .css, .html). */
const SOURCE_DIRS = ['web']

/**
 * The build's inputs: the files tsconfig.build.json includes. Its patterns are `*.ts` (the root's)
 * and `dir/**\/*.ts`; another kind of pattern returns undefined (always rebuild), rather than
 * miss an input.
 * @param {string} root
 * @returns {string[] | undefined}
 */
export function buildInputs (root) {
  const { include } = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8'))
  const files = CONFIG_FILES.map((file) => join(root, file))
  for (const pattern of include) {
    const dir = pattern === '*.ts' ? '' : /^([\w.-]+)\/\*\*\/\*\.ts$/.exec(pattern)?.[1]
    if (dir === undefined) return undefined
    const entries = readdirSync(join(root, dir), { recursive: dir !== '', withFileTypes: true })
    for (const entry of entries) {
      if (entry.isFile() && entry.name.endsWith('.ts')) files.push(join(entry.parentPath, entry.name))
    }
  }
  for (const dir of SOURCE_DIRS) {
    let entries
    try {
      entries = readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    } catch {
      continue // a project without that folder
    }
    for (const entry of entries) if (entry.isFile()) files.push(join(entry.parentPath, entry.name))
  }
  return files
}

/**
 * Whether dist/ is older than a build input (or missing): mtimes, so a source edit, a checkout
 * or a pull rebuilds, and a second start with nothing changed costs a few ms, not a compilation.
 * @param {string} root
 */
export function isStale (root) {
  let builtAt
  try {
    builtAt = statSync(join(root, STAMP)).mtimeMs
  } catch {
    return true
  }
  const inputs = buildInputs(root)
  return inputs === undefined || inputs.some((file) => statSync(file).mtimeMs > builtAt)
}

/**
 * Runs `npm run build` if dist/ is stale; returns whether it did. A failed build throws: a
 * server from a half-built dist/ would run code other than the sources'.
 * @param {string} root
 * @param {() => number | null} build runs the build, returns its exit status
 */
export function buildIfStale (root, build = () => npmRunBuild(root)) {
  if (!isStale(root)) return false
  // an edit made while the build runs is newer than the stamp: the next start rebuilds
  const began = new Date()
  const status = build()
  if (status !== 0) throw new Error(`npm run build failed (exit status ${status})`)
  writeFileSync(join(root, STAMP), '')
  utimesSync(join(root, STAMP), began, began)
  return true
}

/** @param {string} root */
function npmRunBuild (root) {
  return spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status
}
