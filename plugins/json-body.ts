import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { withTextKeyOrder } from '../src/index.js'
import { jsonSyntaxError } from '../src/text/json-syntax.js'
import { requestError } from './errors.js'

/**
 * Deepest nesting of arrays and objects a body may have. Above the 990 levels past which Python
 * cannot read a TF_CONFIG (the core answers TensorFlow's RecursionError, 422, for those), below
 * what echoing values back could overflow the stack with.
 */
export const MAX_JSON_DEPTH = 1024

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body's text, as it came ('' without one): the plan workers read it again, key order included. */
    jsonText: string
  }
}

// JSON text is UTF-8 (RFC 8259 §8.1): invalid bytes are refused rather than read as U+FFFD
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * How request bodies are read: Fastify's own JSON parser (same errors: empty body, invalid JSON,
 * __proto__ and constructor.prototype keys) after a UTF-8 and a nesting check, plus the key order
 * of the text. JavaScript lists keys like "0" first, and Python's dict order decides some of
 * TensorFlow's answers (a sparse job {"-1": ..., "0": ...}). JSON only: without Fastify's
 * text/plain parser, other bodies are a 415.
 */
export default fp(async function jsonBody (app) {
  app.decorateRequest('jsonText', '')
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, function (request: FastifyRequest, body: string | Buffer, done) {
    let text: string
    try {
      text = utf8.decode(body as Buffer) // parseAs: 'buffer'
    } catch {
      return done(requestError(400, 'INVALID_UTF8', 'body is not valid UTF-8'), undefined)
    }
    if (nestingDepth(text) > MAX_JSON_DEPTH) {
      return done(requestError(400, 'JSON_TOO_DEEP', `body nests deeper than ${MAX_JSON_DEPTH} levels`), undefined)
    }
    parseJson(request, text, (err: Error | null, parsed?: unknown) => {
      if (err !== null) return done(locateJsonError(err, text), undefined)
      request.jsonText = text
      done(null, withTextKeyOrder(text, parsed))
    })
  })
}, { name: 'json-body' })

const QUOTE = 0x22
const BACKSLASH = 0x5c

/** Deepest nesting of arrays and objects in JSON text; brackets inside strings do not count. */
export function nestingDepth (text: string): number {
  let depth = 0
  let deepest = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === QUOTE) {
      i = closingQuote(text, i)
    } else if (code === 0x5b || code === 0x7b) { // [ {
      if (++depth > deepest) deepest = depth
    } else if (code === 0x5d || code === 0x7d) { // ] }
      depth--
    }
  }
  return deepest
}

/** Where the string opened at `open` ends (text.length if it does not): a quote after an even run of backslashes. */
function closingQuote (text: string, open: number): number {
  let quote = text.indexOf('"', open + 1)
  while (quote !== -1) {
    let backslashes = 0
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++
    if (backslashes % 2 === 0) return quote
    quote = text.indexOf('"', quote + 1)
  }
  return text.length
}

/**
 * Invalid JSON, located: JSON.parse's message has no line and column (none at all in Node 22 and
 * later), Python's json.loads says what it expected where (`Expecting ',' delimiter: line 3
 * column 5 (char 20)`). Fastify's parser gives the same error for keys it refuses (__proto__,
 * constructor.prototype): those are told apart here. The empty body keeps Fastify's message.
 */
function locateJsonError (err: Error & { code?: string }, text: string): Error {
  if (err.code !== 'FST_ERR_CTP_INVALID_JSON_BODY') return err
  const syntax = jsonSyntaxError(text)
  if (syntax !== undefined) return requestError(400, err.code, `body is not valid JSON: ${syntax}`)
  return requestError(400, err.code, 'body has a __proto__ or constructor.prototype key, which is refused')
}
