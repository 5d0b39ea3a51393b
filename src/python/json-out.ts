/**
 * A Python int for a JSON answer: a number while it is exact as one, else the bigint itself,
 * which `stringifyJson` prints as an exact integer literal (Python ints are unbounded, SPEC §14).
 */
export function exactInt (value: bigint): number | bigint {
  const number = Number(value)
  return Number.isSafeInteger(number) ? number : value
}

/**
 * How a float that JSON cannot hold is shown: as proto3 JSON shows them, the strings "NaN",
 * "Infinity" and "-Infinity" (never null, which would read as "absent").
 */
export function nonFiniteFloat (value: number): string {
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity'
}

/**
 * `JSON.stringify`, except that bigints print as exact integer literals. Answers without one (all
 * but a few) take JSON.stringify's own path; the others are written with each bigint in a marker
 * string no answer can already contain (a fresh random UUID), then unquoted.
 */
export function stringifyJson (value: unknown, indent?: number): string {
  try {
    return JSON.stringify(value, null, indent)
  } catch {
    // JSON.stringify's TypeError for a bigint (anything else, such as a cycle, fails again here)
    const marker = globalThis.crypto.randomUUID()
    const text = JSON.stringify(value, (_key, item: unknown) => typeof item === 'bigint' ? `${marker}${item}` : item, indent)
    return text.replace(new RegExp(`"${marker}(-?[0-9]+)"`, 'g'), '$1')
  }
}
