// Output formats for the routes (not a plugin): the JSON operations' guard, and how to answer in a rendering
import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  dotenv, kubernetesNodeEnv, nodeVariables, NotRepresentableError, shellLines, stringifyJson, tfConfigText, type Resolution
} from '../../src/index.js'
import { FORMAT_MEDIA_TYPES, type Format, type NodeExportFormat } from '../../src/schemas.js'
import { requestError } from '../../plugins/errors.js'

/**
 * The format an Accept header prefers among `offered`: the media type of highest quality in it
 * that names one (ties: Accept's order), else JSON. Wildcards, `text/plain` and types no route
 * produces give JSON: clients send Accept lists they did not write (browsers, HTTP libraries).
 */
export function chooseFormat<F extends Format> (query: F | undefined, accept: string | undefined, offered: readonly F[]): F | 'json' {
  if (query !== undefined) return query
  if (accept === undefined) return 'json'
  const ranges = accept.split(',').map((range) => {
    const [type, ...params] = range.split(';').map((part) => part.trim().toLowerCase())
    const q = params.find((param) => param.startsWith('q='))
    return { type, quality: q === undefined ? 1 : Number(q.slice(2)) }
  }).filter((range) => range.quality > 0) // NaN (an unreadable q) too
  ranges.sort((a, b) => b.quality - a.quality) // stable: ties keep Accept's order
  for (const { type } of ranges) {
    const format = offered.find((name) => FORMAT_MEDIA_TYPES[name] === type)
    if (format !== undefined) return format
  }
  return 'json'
}

/** Vary: Accept, when Accept decides the answer (a cache must not give one client's answer to another). */
export function varyOnAccept (reply: FastifyReply, query: unknown): void {
  if (query !== undefined) return
  const vary = reply.getHeader('vary')
  reply.header('vary', vary === undefined ? 'Accept' : `${String(vary)}, Accept`)
}

/**
 * The preValidation hook of a JSON operation: it answers application/json only, so that a
 * generated client types its answer; the renderings are `${path}/exports`, with the same body
 * or query. `?format=` other than json is a 400 that names where the format is; an Accept that
 * prefers a rendering's media type is a 406 that names it (that client would misread JSON).
 */
export function jsonOnly (method: 'GET' | 'POST', path: string, renderings: readonly Format[]) {
  const exportsPath = `${path}/exports`
  const same = method === 'GET' ? 'the same query' : 'the same body'
  return async function refuseRenderings (request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const { format } = request.query as { format?: unknown }
    if (typeof format === 'string' && (renderings as readonly string[]).includes(format)) {
      throw requestError(400, 'FORMAT_MOVED',
        `querystring/format: ${method} ${path} answers JSON only; ${format} is ${method} ${exportsPath}?format=${format}, with ${same}`)
    }
    if (format !== undefined && format !== 'json') {
      throw requestError(400, 'FST_ERR_VALIDATION', `querystring/format must be json (or absent) here, not ${JSON.stringify(format)}; ` +
        `the renderings (${renderings.join(', ')}) are ${method} ${exportsPath}?format=…, with ${same}`)
    }
    varyOnAccept(reply, format)
    // JSON offered too: a client that prefers it, or ranks it first among equals, gets it
    const accepted = chooseFormat(undefined, request.headers.accept, ['json', ...renderings])
    if (format === undefined && accepted !== 'json') {
      throw requestError(406, 'FORMAT_MOVED', `Accept: ${FORMAT_MEDIA_TYPES[accepted]}: ${method} ${path} answers ` +
        `application/json only; ${accepted} is ${method} ${exportsPath}?format=${accepted}, with ${same}`)
    }
  }
}

/**
 * One node's environment as shell export lines, dotenv lines or a pod's env entries. A value no
 * environment can hold (NUL, a lone surrogate) is a 406: the node exists, but not in that format.
 */
export function renderNode (resolution: Resolution, tfConfig: unknown, format: NodeExportFormat, jsonPath: string): string {
  const vars = nodeVariables(resolution, tfConfigText(tfConfig))
  try {
    switch (format) {
      case 'shell': return shellLines(vars)
      case 'dotenv': return dotenv(vars)
      case 'kubernetes': return stringifyJson(kubernetesNodeEnv(vars))
    }
  } catch (error) {
    // anything else (a bad variable name: a RangeError too) is a bug, and it must surface
    if (!(error instanceof NotRepresentableError)) throw error
    throw requestError(406, 'NOT_REPRESENTABLE', `${error.message}: ask ${jsonPath} (JSON) for it`)
  }
}
