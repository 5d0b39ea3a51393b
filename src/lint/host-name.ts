// What a host in an address should be: an RFC 1123 host name, or an IP literal (IPv6 in brackets)

// What splits or runs an address in a shell or a launch script: whitespace, control and format
// characters (bidi overrides included), and the shell's metacharacters, quotes and glob characters
const UNSAFE = /[\s\p{Cc}\p{Cf}\p{Cs}`$&;|<>()'"\\*?!#~{}^]/gu
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])'
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`)

/** The address's unsafe characters, each once, in order of appearance: `"$"`, `a space`, or `U+000A` for the other invisible ones. */
export function unsafeCharacters (address: string): string[] {
  const found = new Set<string>()
  for (const [char] of address.matchAll(UNSAFE)) found.add(char)
  return [...found].map((char) => {
    if (char === ' ') return 'a space'
    if (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char)) return JSON.stringify(char)
    return `U+${(char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`
  })
}

/** Whether the host of a `host:port` address is an RFC 1123 name, an IPv4 address or a bracketed IPv6 address. */
export function isValidHost (address: string): boolean {
  if (address.startsWith('[')) return isIPv6(address.slice(1, address.indexOf(']')))
  const host = address.slice(0, address.lastIndexOf(':'))
  return IPV4.test(host) || isHostName(host)
}

/**
 * RFC 1123 §2.1: labels of letters, digits and hyphens, 1 to 63 characters, not starting or ending
 * with a hyphen; at most 253 characters (a final dot aside). The last label is not all digits, so
 * that a malformed IPv4 address (`10.0.0.256`, `010.1.1.1`) is not taken for a name.
 */
export function isHostName (host: string): boolean {
  const name = host.endsWith('.') ? host.slice(0, -1) : host
  if (name.length === 0 || name.length > 253) return false
  const labels = name.split('.')
  return labels.every((label) => LABEL.test(label)) && !/^[0-9]+$/.test(labels[labels.length - 1])
}

/** An IPv6 address (RFC 4291 text forms, an embedded IPv4 address, a zone such as `%eth0`). */
export function isIPv6 (text: string): boolean {
  const [address, ...zone] = text.split('%')
  if (zone.length > 1 || (zone.length === 1 && !/^[A-Za-z0-9._~-]+$/.test(zone[0]))) return false
  // an IPv4 tail stands for the last two groups
  const tail = /(?:^|:)([0-9.]+)$/.exec(address)
  let groups = address
  if (tail !== null && tail[1].includes('.')) {
    if (!IPV4.test(tail[1])) return false
    groups = address.slice(0, address.length - tail[1].length) + '0:0'
  }
  const halves = groups.split('::')
  if (halves.length > 2) return false
  const parts = halves.map((half) => half === '' ? [] : half.split(':'))
  if (!parts.every((list) => list.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group)))) return false
  const count = parts.reduce((sum, list) => sum + list.length, 0)
  return halves.length === 2 ? count <= 7 : count === 8
}
