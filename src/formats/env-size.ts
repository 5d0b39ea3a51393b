/**
 * Linux's limit on one environment string (and one argument): MAX_ARG_STRLEN, 32 pages of 4 KiB,
 * counting `NAME=value` and its terminating NUL. execve refuses a longer one with E2BIG, which
 * shells report as "Argument list too long" (test/src/formats/env-size.test.ts finds it so).
 */
export const ENV_STRING_LIMIT = 131_072

/** The bytes execve counts for `NAME=value`: its UTF-8 length and the terminating NUL. */
export function environmentStringBytes (name: string, value: string): number {
  return utf8Length(name) + 1 + utf8Length(value) + 1
}

/** The length of the text in UTF-8 (a lone surrogate counted as 3 bytes, as WTF-8 would). */
export function utf8Length (text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    // a UTF-16 unit below 0x80 is one byte, below 0x800 two, a surrogate pair four (two units), else three
    if (code >= 0x80) bytes += code < 0x800 || (code >= 0xD800 && code <= 0xDFFF) ? 1 : 2
  }
  return bytes
}
