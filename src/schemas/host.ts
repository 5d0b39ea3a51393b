import { Type, type Static } from 'typebox'

// C.3/C.5: a host is an RFC 1123 host name, an IPv4 address or an IPv6 address in brackets. One
// pattern, so that a path segment or body field that is neither is a 400 naming the field.

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])'
const IPV4 = `${OCTET}(?:\\.${OCTET}){3}`
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
// all digits and dots is a (bad) IPv4 address, not a name: "10.0.0.256" is refused, not taken as a name
const NAME = `(?![0-9.]+$)${LABEL}(?:\\.${LABEL})*`

/** RFC 3986's IPv6address: n groups before "::" and m after, n + m ≤ 7 (8 with no "::"; ls32 counts two). */
function ipv6Pattern (): string {
  const h16 = '[0-9A-Fa-f]{1,4}'
  const ls32 = `(?:${h16}:${h16}|${IPV4})`
  const groups = (count: number) => `(?:${h16}:){${count}}`
  const forms = [`${groups(6)}${ls32}`, `::${groups(5)}${ls32}`]
  // "[ *k( h16 ":" ) h16 ] ::" followed by the rest: the RFC's seven shortened forms
  const tails = [`${groups(4)}${ls32}`, `${groups(3)}${ls32}`, `${groups(2)}${ls32}`, `${h16}:${ls32}`, ls32, h16, '']
  tails.forEach((tail, k) => forms.push(`(?:(?:${h16}:){0,${k}}${h16})?::${tail}`))
  return `(?:${forms.join('|')})`
}

export const HOST_PATTERN = `^(?:${IPV4}|${NAME}|\\[${ipv6Pattern()}\\])$`

export const HostSchema = Type.String({
  pattern: HOST_PATTERN,
  maxLength: 253,
  description: 'An RFC 1123 host name, an IPv4 address, or an IPv6 address in brackets (no zone); names are ' +
    'case-insensitive',
  examples: ['node-7.cluster.local', '10.0.0.7', '[fd00::7]']
})
export type Host = Static<typeof HostSchema>
