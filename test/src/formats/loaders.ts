import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from 'tap'

// The real readers of the dotenv format, each in a child process: what a variable is after loading
// (null: not set). PATH is minimal: should quoting ever break, a `$(rm -rf /)` finds no `rm`.

const PYTHON_PARSER = new URL('dotenv_values.py', import.meta.url).pathname
const PYTHON_PATH = process.env.PATH ?? '/usr/bin:/bin'

/** Whether python3 has python-dotenv itself (else only the test's copy of its parser runs). */
export const HAS_PYTHON_DOTENV = (() => {
  try {
    execFileSync('python3', ['-c', 'import dotenv'], { stdio: 'ignore', env: { PATH: PYTHON_PATH } })
    return true
  } catch {
    return false
  }
})()

/** A file holding `content`, removed after the test. */
export function tempFile (t: Test, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'runconfig-loaders-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'vars')
  writeFileSync(file, content)
  return file
}

export type Loaded = Record<string, string | null>

/** The variables as `node --env-file` sets them. */
export function loadWithNode (t: Test, content: string, names: string[]): Loaded {
  const print = `process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(names)}.map((n) => [n, process.env[n] ?? null]))))`
  return JSON.parse(execFileSync(process.execPath, [`--env-file=${tempFile(t, content)}`, '-e', print], { env: {}, encoding: 'utf8' }))
}

/** The variables as python-dotenv's dotenv_values() reads them (the test's stdlib copy, or the real one). */
export function loadWithPython (t: Test, content: string, names: string[], real = false): Loaded {
  const args = real ? [PYTHON_PARSER, '--real', tempFile(t, content)] : [PYTHON_PARSER, tempFile(t, content)]
  const values = JSON.parse(execFileSync('python3', args, { env: { PATH: PYTHON_PATH }, encoding: 'utf8' }))
  return Object.fromEntries(names.map((name) => [name, values[name] ?? null]))
}

/** The variables after bash runs `script` on the file (`$1`), e.g. `set -a; . "$1"`. */
export function loadWithBash (t: Test, content: string, names: string[], script: string): Loaded {
  const print = names.map((name) => `if [ -n "\${${name}+set}" ]; then printf 's%s\\0' "$${name}"; else printf 'u\\0'; fi`).join('; ')
  const out = execFileSync('/bin/bash', ['--norc', '--noprofile', '-c', `${script}; ${print}`, 'bash', tempFile(t, content)], {
    env: { PATH: '' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']
  })
  const fields = out.split('\0').slice(0, -1)
  return Object.fromEntries(names.map((name, i) => [name, fields[i].startsWith('s') ? fields[i].slice(1) : null]))
}
