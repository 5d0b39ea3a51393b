import { join } from 'node:path'
import t, { type Test } from 'tap'
import { killHard, SOURCE, startServer, type ServerProcess } from '../server-child.js'
import { tempDir } from '../store/factories.js'

// C.1/C.3: an acknowledged join survives kill -9 of the service mid-round. A real server.ts on a
// SQLite file is killed with SIGKILL (no drain, no close) while a long poll waits, then started
// again on the same file: the members are all there, retries find their slots, and the round
// completes with the members of both lives.

const CLUSTER = { chief: 1, ps: 2, worker: 4 }
const HOST = '127.0.0.1'

interface Answer { status: number, body: Record<string, unknown> }

/** One client of the job: a member's join, its config, the job view, over HTTP with the join token. */
function client (server: ServerProcess, token: string) {
  const call = async (method: string, path: string, body?: object): Promise<Answer> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const res = await fetch(`${server.url}/v1/jobs/demo${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    return { status: res.status, body: await res.json() as Record<string, unknown> }
  }
  return {
    join: (member: string, body: object) => call('PUT', `/members/${member}`, body),
    config: (member: string, wait = 0) => call('GET', `/members/${member}/config?wait=${wait}`),
    view: () => call('GET', '')
  }
}

const startOn = (t: Test, database: string) => startServer(t, SOURCE, { env: { DATABASE_URL: `sqlite:${database}` } })

t.test('every acknowledged join survives SIGKILL mid-round; the round then completes', async (t) => {
  const database = join(tempDir(t), 'runconfig.db')
  const first = await startOn(t, database)
  const created = await fetch(`${first.url}/v1/jobs/demo`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cluster: CLUSTER, join_timeout_secs: 3600 })
  })
  t.equal(created.status, 201)
  const { token } = await created.json() as { token: string }

  // before the kill: four joins acknowledged, with and without an index
  const before: Array<[string, object]> = [
    ['chief', { role: 'chief', host: HOST, port: 2222 }],
    ['ps-b', { role: 'ps', index: 1, host: HOST, port: 2224 }],
    ['worker-a', { role: 'worker', host: HOST, port: 2225 }],
    ['worker-d', { role: 'worker', index: 3, host: HOST, port: 2228 }]
  ]
  const api = client(first, token)
  const acknowledged = []
  for (const [member, body] of before) {
    const res = await api.join(member, body)
    t.equal(res.status, 201, `${member} joined`)
    acknowledged.push(res.body)
  }
  t.same(acknowledged.map(({ role, index }) => [role, index]), [['chief', 0], ['ps', 1], ['worker', 0], ['worker', 3]])
  const viewBefore = await api.view()
  t.match(viewBefore.body, { state: 'gathering', joined: 4, version: 5 })

  // a long poll in flight when the process dies: cut, not answered
  const cutPoll = api.config('worker-a', 60).then(() => 'answered', () => 'cut')
  await first.logged((line) => line.msg === 'incoming request' && String((line.req as { url: string }).url).includes('/config?wait=60'))
  await killHard(first)
  t.equal(await cutPoll, 'cut', 'the long poll in flight ends with the process')

  const second = await startOn(t, database)
  const again = client(second, token)
  const viewAfter = await again.view()
  t.equal(viewAfter.status, 200)
  t.same(viewAfter.body, viewBefore.body, 'the job view after the restart: every acknowledged member, its slot, host, port and join time')
  t.same(viewAfter.body.missing, [{ role: 'worker', index: 1 }, { role: 'worker', index: 2 }, { role: 'ps', index: 0 }], 'in global id order')

  for (const [i, [member, body]] of before.entries()) {
    const retry = await again.join(member, body)
    // the job's version as it is now (C.3), the rest as acknowledged
    t.same(retry, { status: 200, body: { ...acknowledged[i], version: 5 } }, `a retry of ${member}'s join: 200, the same slot`)
  }
  t.same((await again.view()).body, viewBefore.body, 'the retries stored nothing')
  t.match(await again.config('worker-a'), { status: 202, body: { joined: 4, missing: viewBefore.body.missing } })

  // after the restart: a waiter, then the remaining joins complete the round
  const waiting = again.config('worker-a', 60)
  const after: Array<[string, object]> = [
    ['ps-a', { role: 'ps', host: HOST, port: 2223 }],
    ['worker-b', { role: 'worker', host: HOST, port: 2226 }],
    ['worker-c', { role: 'worker', host: HOST, port: 2227 }]
  ]
  const joins = []
  for (const [member, body] of after) joins.push(await again.join(member, body))
  t.same(joins.map(({ status, body }) => [status, body.role, body.index, body.state]),
    [[201, 'ps', 0, 'gathering'], [201, 'worker', 1, 'gathering'], [201, 'worker', 2, 'complete']])
  t.match(await waiting, { status: 200, body: { version: 8 } }, 'the waiter on the restarted server gets its config')

  const cluster = {
    chief: [`${HOST}:2222`],
    ps: [`${HOST}:2223`, `${HOST}:2224`],
    worker: [`${HOST}:2225`, `${HOST}:2226`, `${HOST}:2227`, `${HOST}:2228`]
  }
  const members = [...before, ...after].map(([member]) => member)
  const configs = await Promise.all(members.map((member) => again.config(member)))
  t.same(configs.map(({ status }) => status), members.map(() => 200), 'every member gets its config')
  const tfConfigs = configs.map(({ body }) => body.tf_config as { cluster: object, task: { type: string, index: number } })
  t.same(tfConfigs.map(({ cluster }) => cluster), members.map(() => cluster), 'the same cluster for all, by slot')
  t.same(tfConfigs.map(({ task }) => [task.type, task.index]),
    [['chief', 0], ['ps', 1], ['worker', 0], ['worker', 3], ['ps', 0], ['worker', 1], ['worker', 2]], 'each its own task')
})
