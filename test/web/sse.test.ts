import t from 'tap'
import { createSseParser, type SseEvent } from '../../web/lib/sse.js'

function parse (chunks: string[]): SseEvent[] {
  const events: SseEvent[] = []
  const parser = createSseParser((event) => events.push(event))
  for (const chunk of chunks) parser.push(chunk)
  return events
}

t.test('events, ids, comments and multi-line data', async (t) => {
  t.same(parse([': heartbeat\n\nid: 3\nevent: job\ndata: {"a":1}\n\n', 'data: one\ndata:two\n\n']), [
    { event: 'job', data: '{"a":1}', id: '3' },
    { event: 'message', data: 'one\ntwo', id: '3' }
  ])
})

t.test('an event split anywhere across chunks, \\r\\n included, comes out whole', async (t) => {
  const text = 'id: 7\r\nevent: deleted\r\ndata: {}\r\n\r\n'
  for (let cut = 1; cut < text.length; cut++) {
    t.same(parse([text.slice(0, cut), text.slice(cut)]), [{ event: 'deleted', data: '{}', id: '7' }], `cut at ${cut}`)
  }
  // a \r ending a chunk waits for the next one: it may be half of \r\n
  t.same(parse(['data: a\r', 'data: b\r\r']), [])
  t.same(parse(['data: a\r', 'data: b\r\r', '\n']), [{ event: 'message', data: 'a\nb', id: null }])
})

t.test('a blank line without data dispatches nothing; unknown fields are ignored', async (t) => {
  t.same(parse(['event: job\n\nretry: 5\ndata\n\n']), [{ event: 'message', data: '', id: null }])
})
