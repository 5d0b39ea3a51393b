// The rendezvous over HTTP: `members` nodes join one job on the server(s) at `urls` (round-robin:
// each member joins and long-polls on the same replica, so with several replicas most waiters are
// woken by a join on another one), `concurrency` joins in flight on keep-alive connections, every
// member's long poll on a connection of its own, as real nodes would hold them.
import { Agent } from 'node:http'
import { call, retrying } from './http-call.js'
import { benchJob, bounded, joinBody, summarise, type RendezvousFigures } from './rendezvous-core.js'

/** The figures of one run against `urls`, 503s retried included. */
export async function measureHttp (urls: string[], name: string, members: number, concurrency: number): Promise<RendezvousFigures> {
  const joins = new Agent({ keepAlive: true, maxSockets: concurrency })
  const polls = new Agent({ keepAlive: true })
  const retried: string[] = []
  const served = retrying(retried)
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
