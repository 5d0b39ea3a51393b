import { RunConfigError } from '../errors.js'

// A UTF-16 unit that is half of no pair: Python holds it as a lone surrogate code point
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * Python 3.11 `text.encode('utf-8')` for its failure only: a lone surrogate (legal in JSON text
 * as `"\ud800"`) raises UnicodeEncodeError, naming the first run of surrogates by code-point
 * position, as CPython's UTF-8 encoder does.
 */
export function checkUtf8Encodable (text: string): void {
  const found = LONE_SURROGATE.exec(text)
  if (found === null) return
  // positions count code points: a surrogate pair before the run is one Python character
  const start = [...text.slice(0, found.index)].length
  let end = start + 1
  for (const ch of text.slice(found.index + 1)) {
    if (!isSurrogate(ch)) break
    end++
  }
  const what = end === start + 1
    ? `character '\\u${(text.charCodeAt(found.index)).toString(16).padStart(4, '0')}' in position ${start}`
    : `characters in position ${start}-${end - 1}`
  throw new RunConfigError('UnicodeEncodeError', `'utf-8' codec can't encode ${what}: surrogates not allowed`)
}

// After a lone surrogate, any further surrogate unit continues the run (a pair there cannot start
// with a low surrogate, and a high one followed by a low one is a pair: one non-surrogate character)
function isSurrogate (ch: string): boolean {
  return ch.length === 1 && ch.charCodeAt(0) >= 0xD800 && ch.charCodeAt(0) <= 0xDFFF
}
