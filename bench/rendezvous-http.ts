// The rendezvous over HTTP: `members` nodes join one job on the server(s) at `urls` (round-robin:
// each member joins and long-polls on the same replica, so with several replicas most waiters are
// woken by a join on another one), `concurrency` joins in flight on keep-alive connections, every
// member's long poll on a connection of its own, as real nodes would hold them.
import { Agent, request } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { benchJob, bounded, joinBody, summarise, type RendezvousFigures } from './rendezvous-core.js'

interface Answer { status: number, retryAfter: number, body: string }

function call (agent: Agent, url: string, method: string, token: string | undefined, body?: object): Promise<Answer> {
  const text = body === undefined ? undefined : JSON.stringify(body)
  const headers: Record<string, string> = {}
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

/** The figures of one run against `urls`, 503s retried included. */
export async function measureHttp (urls: string[], name: string, members: number, concurrency: number): Promise<RendezvousFigures> {
  const joins = new Agent({ keepAlive: true, maxSockets: concurrency })
  const polls = new Agent({ keepAlive: true })
  const retried: string[] = []
  // a 503 (overload shedding, a busy pool) is retried as runconfig join does, after a short pause
  const served = async (send: () => Promise<Answer>): Promise<Answer> => {
    for (let attempt = 0; ; attempt++) {
      const answer = await send()
      if (answer.status !== 503) return answer
      retried.push(String((JSON.parse(answer.body) as { message?: string }).message))
      await sleep(Math.min(1000, 50 * 2 ** attempt))
    }
  }
  const job = benchJob(members)
  const created = await served(() => call(joins, `${urls[0]}/v1/jobs/${name}`, 'PUT', undefined, job))
  if (created.status !== 201) throw new Error(`PUT /v1/jobs/${name}: ${created.status} ${created.body}`)
  const { token } = JSON.parse(created.body) as { token: string }
  const sent: number[] = []
  const acknowledged: number[] = []
  const delivered: number[] = []
  const slots: string[] = []
  const waits: Array<Promise<void>> = []
  let completingSent = NaN
  try {
    await bounded(members, concurrency, async (i) => {
      const member = `${urls[i % urls.length]}/v1/jobs/${name}/members/m-${i}`
      sent[i] = performance.now()
      const joined = await served(() => call(joins, member, 'PUT', token, joinBody(job, i)))
      acknowledged[i] = performance.now()
      if (joined.status !== 201) throw new Error(`join m-${i}: ${joined.status} ${joined.body}`)
      if ((JSON.parse(joined.body) as { state: string }).state === 'complete') completingSent = sent[i]
      waits.push((async () => {
        for (;;) {
          const answer = await served(() => call(polls, `${member}/config?wait=60`, 'GET', token))
          if (answer.status === 202) continue
          if (answer.status !== 200) throw new Error(`config of m-${i}: ${answer.status} ${answer.body}`)
          delivered.push(performance.now())
          const { task } = (JSON.parse(answer.body) as { tf_config: { task: { type: string, index: number } } }).tf_config
          slots.push(`${task.type} ${task.index}`)
          return
        }
      })())
    })
    await Promise.all(waits)
  } finally {
    await call(joins, `${urls[0]}/v1/jobs/${name}`, 'DELETE', undefined).catch(() => {})
    joins.destroy()
    polls.destroy()
  }
  return summarise(members, concurrency, { sent, acknowledged, completingSent, delivered, slots, retried })
}
