// The three servers the bench measures, started as separate processes on the server core.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { resolveRunConfig } from '../src/index.js'
import { SEED_TF_CONFIG } from '../src/schemas/examples.js'
import { freePort, spawnNode, waitUntilUp, type Child } from './children.js'

export type ServerKind = 'service' | 'hello-fastify' | 'raw-http' | 'floor-fastify' | 'service-short-circuit'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
const CACHE = `${ROOT}node_modules/.cache/runconfig-bench/`

export interface Server {
  kind: ServerKind
  url: string
  child: Child
}

export interface StartOptions {
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[]
  /** The service's LOG_LEVEL. */
  logLevel?: string
}

/** The service's answer to the resolve target: what the floor and the short-circuited service return as a constant. */
export const RESOLVE_ANSWER = JSON.stringify(resolveRunConfig({ tf_config: SEED_TF_CONFIG }))

/**
 * The baselines as plain JavaScript, so that no TypeScript loader weighs on their start-up:
 * transpiled once per run into node_modules/.cache (where `fastify` still resolves; the
 * short-circuited service's import of dist/ is made absolute).
 */
function baselineScript (kind: Exclude<ServerKind, 'service'>): string {
  const source = readFileSync(`${ROOT}bench/servers/${kind}.ts`, 'utf8').replace("'../../dist/", `'${ROOT}dist/`)
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
  })
  mkdirSync(CACHE, { recursive: true })
  const file = `${CACHE}${kind}.mjs`
  writeFileSync(file, outputText)
  return file
}

/** Node arguments and the path answering 200 once the server is up. */
export function serverCommand (kind: ServerKind): { script: string, readyPath: string } {
  // what npm start and the image run (scripts/bundle.js)
  if (kind === 'service') return { script: `${ROOT}dist/bundle/server.js`, readyPath: '/healthz' }
  if (kind === 'service-short-circuit') return { script: baselineScript(kind), readyPath: '/healthz' }
  return { script: baselineScript(kind), readyPath: '/' }
}

/** Spawns a server on a free port and waits until it answers. */
export async function startServer (kind: ServerKind, options: StartOptions = {}): Promise<Server> {
  const port = await freePort()
  const { script, readyPath } = serverCommand(kind)
  const child = spawnNode([...(options.nodeArgs ?? []), script], {
    PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: options.logLevel ?? 'info', BENCH_ANSWER: RESOLVE_ANSWER
  })
  const url = `http://127.0.0.1:${port}`
  await waitUntilUp(child, url + readyPath, 60_000, 10)
  return { kind, url, child }
}
