import { readFileSync } from 'node:fs'

/**
 * The package's version, from its package.json: next to cli/ when run from the sources, one level
 * up from dist/cli/ in the build.
 */
export function packageVersion (from: string = import.meta.url): string {
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, from), 'utf8')) as { name?: string, version?: string }
      if (pkg.name === 'runconfig-service' && pkg.version !== undefined) return pkg.version
    } catch {}
  }
  return 'unknown'
}
