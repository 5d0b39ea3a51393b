/** A whole number with thousands separators, as messages show counts and sizes: 131,072. */
export function groupDigits (value: number): string {
  return String(value).replace(/\B(?=(?:[0-9]{3})+$)/g, ',')
}
