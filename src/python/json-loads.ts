import { RunConfigError } from '../errors.js'
import { jsonDecodeError } from './json-error.js'
import { scanScalar } from './json-number.js'
import { scanString } from './json-string.js'
import { isIndexKey, recordKeyOrder, type PyDict, type PyValue } from './value.js'

/**
 * How many arrays and objects, empty ones included, CPython's C scanner opens one inside the other
 * when RunConfig calls json.loads (each `[` or `{` is one recursion level, counted against Python's
 * limit of 1000 with the frames already on the stack): the next one is a RecursionError.
 */
export const MAX_NESTING = 990

/** The same limit when the distribute coordinator reads TF_CONFIG again, two frames deeper. */
export const COORDINATOR_MAX_NESTING = 988

/** The RecursionError CPython raises on opening a container past the limit. */
export function recursionError (opening: string): RunConfigError {
  const kind = opening === '[' ? 'array' : 'object'
  return new RunConfigError('RecursionError', `maximum recursion depth exceeded while decoding a JSON ${kind} from a unicode string`)
}

/** Asks `pyJsonLoads` for the first container it opens deeper than `depth` (a shallower limit's failure). */
export interface NestingProbe {
  readonly depth: number
  opening?: string
}

// An array or object still open while its members are read
// (`order` is kept once a key JavaScript would reorder turns up: see KEY_ORDER)
type Frame = { list: PyValue[] } | { dict: PyDict, key: string, order?: string[] }

/**
 * Python 3.11 `json.loads(text)`: CPython's scanner, message for message and position for
 * position, RecursionError included (MAX_NESTING). Unlike CPython's recursive scanner it keeps
 * open containers on an explicit stack, so deep text costs no JavaScript stack.
 */
export function pyJsonLoads (text: string, probe?: NestingProbe): PyValue {
  if (text.startsWith('\uFEFF')) throw jsonDecodeError('Unexpected UTF-8 BOM (decode using utf-8-sig)', text, 0)
  const [value, end] = scanValue(text, skipWhitespace(text, 0), probe)
  const rest = skipWhitespace(text, end)
  if (rest !== text.length) throw jsonDecodeError('Extra data', text, rest)
  return value
}

function scanValue (text: string, start: number, probe: NestingProbe | undefined): [PyValue, number] {
  const frames: Frame[] = []
  let idx = start
  for (;;) {
    let value: PyValue
    const ch = text[idx]
    if (ch === '"') {
      [value, idx] = scanString(text, idx + 1)
    } else if (ch === '[' || ch === '{') {
      // Python enters a recursion level before it looks inside, even for [] or {}
      if (frames.length >= MAX_NESTING) throw recursionError(ch)
      if (probe !== undefined && probe.opening === undefined && frames.length >= probe.depth) probe.opening = ch
      const frame: Frame = ch === '[' ? { list: [] } : { dict: {}, key: '' }
      idx = skipWhitespace(text, idx + 1)
      if (text[idx] !== (ch === '[' ? ']' : '}')) {
        frames.push(frame)
        if ('dict' in frame) idx = scanKey(text, idx, frame)
        continue
      }
      [value, idx] = [containerOf(frame), idx + 1]
    } else {
      [value, idx] = scanScalar(text, idx)
    }
    // store the value, then close every container that ends right after it
    for (;;) {
      const frame = frames.at(-1)
      if (frame === undefined) return [value, idx]
      if ('list' in frame) frame.list.push(value)
      else setItem(frame, value)
      idx = skipWhitespace(text, idx)
      if (text[idx] !== ('list' in frame ? ']' : '}')) break
      frames.pop()
      value = containerOf(frame)
      idx++
    }
    const frame = frames[frames.length - 1]
    if (text[idx] !== ',') throw jsonDecodeError("Expecting ',' delimiter", text, idx)
    idx = skipWhitespace(text, idx + 1)
    if ('dict' in frame) idx = scanKey(text, idx, frame)
  }
}

// Reads `"key" :` into the frame and returns the index of the value that follows
function scanKey (text: string, start: number, frame: { key: string }): number {
  if (text[start] !== '"') throw jsonDecodeError('Expecting property name enclosed in double quotes', text, start)
  const [key, end] = scanString(text, start + 1)
  const colon = skipWhitespace(text, end)
  if (text[colon] !== ':') throw jsonDecodeError("Expecting ':' delimiter", text, colon)
  frame.key = key
  return skipWhitespace(text, colon + 1)
}

function containerOf (frame: Frame): PyValue {
  if ('list' in frame) return frame.list
  if (frame.order !== undefined) recordKeyOrder(frame.dict, frame.order)
  return frame.dict
}

// A repeated key keeps its first position and takes the last value, as a Python dict does;
// '__proto__' must become an own key, not the object's prototype
function setItem (frame: { dict: PyDict, key: string, order?: string[] }, value: PyValue): void {
  const { dict, key } = frame
  if (frame.order === undefined && isIndexKey(key)) frame.order = Object.keys(dict)
  if (frame.order !== undefined && !Object.hasOwn(dict, key)) frame.order.push(key)
  if (key === '__proto__') Object.defineProperty(dict, key, { value, writable: true, enumerable: true, configurable: true })
  else dict[key] = value
}

function skipWhitespace (text: string, idx: number): number {
  while (text[idx] === ' ' || text[idx] === '\t' || text[idx] === '\n' || text[idx] === '\r') idx++
  return idx
}
