// One HTTP request of the coordination benchmarks, and the retry of a 503 that clients do.
import { Agent, request } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'

export interface Answer { status: number, retryAfter: number, body: string }

/** `method url` with a JSON body and a bearer token when given; `headers` added. */
export function call (agent: Agent, url: string, method: string, token: string | undefined, body?: object, extra: Record<string, string> = {}): Promise<Answer> {
  const text = body === undefined ? undefined : JSON.stringify(body)
  const headers: Record<string, string> = { ...extra }
  if (token !== undefined) headers.authorization = `Bearer ${token}`
  if (text !== undefined) headers['content-type'] = 'application/json'
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.once('error', reject)
      res.once('end', () => resolve({
        status: res.statusCode ?? 0,
        retryAfter: Number(res.headers['retry-after'] ?? 0),
        body: Buffer.concat(chunks).toString('utf8')
      }))
    })
    req.once('error', reject)
    req.end(text)
  })
}

/**
 * A sender that retries a 503 (overload shedding, a busy pool) after a short pause, as
 * `runconfig join` does, and pushes each 503's message onto `retried`.
 */
export function retrying (retried: string[]): (send: () => Promise<Answer>) => Promise<Answer> {
  return async (send) => {
    for (let attempt = 0; ; attempt++) {
      const answer = await send()
      if (answer.status !== 503) return answer
      retried.push(String((JSON.parse(answer.body) as { message?: string }).message))
      await sleep(Math.min(1000, 50 * 2 ** attempt))
    }
  }
}
