// Output formats for the routes (not a plugin): which one the client asked for, and how to answer in it
import type { FastifyReply } from 'fastify'
import { dotenv, nodeVariables, shellLines, tfConfigText, type Resolution } from '../../src/index.js'
import { FORMAT_MEDIA_TYPES, type Format } from '../../src/schemas.js'
import { requestError } from '../../plugins/errors.js'

/**
 * The format to answer in: `?format=` when given (the schema has checked it), else the media type
 * of highest quality in Accept that names one of `offered` (ties: Accept's order). Wildcards,
 * `text/plain` (dotenv or shell?) and types the route cannot produce give JSON, the default, rather
 * than a 406: clients send Accept lists they did not write (browsers, HTTP libraries), and JSON is
 * what every caller of this API reads, errors included.
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

/** Vary: Accept, when Accept chose the format (a cache must not give one client's format to another). */
export function varyOnAccept (reply: FastifyReply, query: string | undefined): void {
  if (query !== undefined) return
  const vary = reply.getHeader('vary')
  reply.header('vary', vary === undefined ? 'Accept' : `${String(vary)}, Accept`)
}

/** A text answer in its format's media type, UTF-8. */
export function sendText (reply: FastifyReply, format: Format, text: string): FastifyReply {
  return reply.type(`${FORMAT_MEDIA_TYPES[format]}; charset=utf-8`).send(text)
}

/**
 * One node's environment as shell export lines or dotenv lines. A value no environment can hold
 * (NUL, a lone surrogate) is a 406: the node exists, but not in that format.
 */
export function renderNode (resolution: Resolution, tfConfig: unknown, format: 'shell' | 'dotenv'): string {
  const vars = nodeVariables(resolution, tfConfigText(tfConfig))
  try {
    return format === 'shell' ? shellLines(vars) : dotenv(vars)
  } catch (error) {
    /* c8 ignore next: only a bug raises anything else, and it must surface */
    if (!(error instanceof RangeError)) throw error
    throw requestError(406, 'NOT_REPRESENTABLE', `${error.message}: ask for format json`)
  }
}
