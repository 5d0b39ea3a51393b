// A Server-Sent Events parser for text read from a fetch() stream (the page sends an
// Authorization header, which EventSource cannot). The WHATWG event-stream rules, minus retry.

export interface SseEvent { event: string, data: string, id: string | null }

export function createSseParser (onEvent: (event: SseEvent) => void) {
  let buffer = ''
  let event = ''
  let data: string[] = []
  let id: string | null = null

  function line (text: string): void {
    if (text === '') {
      if (data.length > 0) onEvent({ event: event === '' ? 'message' : event, data: data.join('\n'), id })
      event = ''
      data = []
      return
    }
    if (text.startsWith(':')) return // a comment: the heartbeat
    const colon = text.indexOf(':')
    const field = colon === -1 ? text : text.slice(0, colon)
    let value = colon === -1 ? '' : text.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'event') event = value
    else if (field === 'data') data.push(value)
    else if (field === 'id') id = value
  }

  return {
    /** Feed decoded text as it arrives; whole events are passed to onEvent. */
    push (chunk: string): void {
      buffer += chunk
      const lines = buffer.split(/\r\n|\r|\n/)
      buffer = lines.pop() as string
      // a \r at the end of a chunk may be the first half of \r\n: keep it for the next chunk
      if (buffer === '' && chunk.endsWith('\r')) {
        const last = lines.pop() as string
        buffer = `${last}\r`
      }
      for (const text of lines) line(text)
    }
  }
}
