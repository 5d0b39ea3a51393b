// The page state in the URL fragment (#plan=<URL-encoded JSON>, #token=<token>): never sent to
// the server, so a link reproduces the view and a token stays out of access logs.

/** The value of `name` in a fragment such as `#plan=%7B%7D`; null when absent or badly encoded. */
export function readFragment (hash: string, name: string): string | null {
  const prefix = `${name}=`
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (!part.startsWith(prefix)) continue
    try {
      // decodeURIComponent leaves + alone, unlike URLSearchParams: JSON text keeps its + signs
      return decodeURIComponent(part.slice(prefix.length))
    } catch {
      return null
    }
  }
  return null
}

export function planFragment (text: string): string {
  return `#plan=${encodeURIComponent(text)}`
}
