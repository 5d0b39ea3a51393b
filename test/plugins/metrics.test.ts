import t from 'tap'
import { buildApp } from '../../app.js'
import { addStateGauge } from '../../plugins/metrics.js'
import { build } from '../helper.js'

const cluster = { chief: ['c:1'], worker: ['w0:1', 'w1:1', 'w2:1'], ps: ['p:1'] }

t.test('GET /metrics counts requests by route pattern, method and status, and plans by size', async (t) => {
  const app = await build(t)
  await app.inject({ method: 'POST', url: '/v1/cluster-plan', payload: { cluster } })
  await app.inject({ method: 'POST', url: '/v1/cluster-plan/lint', payload: { cluster } })
  await app.inject({ method: 'POST', url: '/v1/run-config', payload: { config: { nope: 1 } } })
  await app.inject({ method: 'GET', url: '/nowhere' })
  const res = await app.inject({ method: 'GET', url: '/metrics' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/)
  const text = res.body
  t.match(text, /http_request_duration_seconds_count\{method="POST",route="\/v1\/cluster-plan",status_code="200"\} 1\n/)
  t.match(text, /http_request_duration_seconds_count\{method="POST",route="\/v1\/cluster-plan\/lint",status_code="200"\} 1\n/)
  t.match(text, /http_request_duration_seconds_count\{method="POST",route="\/v1\/run-config",status_code="400"\} 1\n/)
  t.match(text, /runconfig_plan_tasks_bucket\{le="1",operation="plan"\} 0\n/)
  t.match(text, /runconfig_plan_tasks_bucket\{le="10",operation="plan"\} 1\n/)
  t.match(text, /runconfig_plan_tasks_sum\{operation="lint"\} 5\n/)
  t.match(text, /process_cpu_seconds_total \d/, 'the runtime metrics')
  t.notMatch(text, /nowhere|route="\/metrics"/, 'neither unknown paths nor the scrapes themselves')
})

t.test('the state gauges read their values at scrape time, and the runtime metrics can be left out', async (t) => {
  const app = await buildApp({ metrics: { defaultMetrics: false } })
  t.teardown(() => app.close())
  let open = 2
  addStateGauge(app, 'runconfig_jobs', 'Jobs by state', ['state'], async () => [[{ state: 'open' }, open], [{ state: 'done' }, 1]])
  const first = (await app.inject({ method: 'GET', url: '/metrics' })).body
  t.match(first, /runconfig_jobs\{state="open"\} 2\n/)
  open = 0
  const second = (await app.inject({ method: 'GET', url: '/metrics' })).body
  t.match(second, /runconfig_jobs\{state="open"\} 0\n/)
  t.match(second, /runconfig_jobs\{state="done"\} 1\n/)
  t.notMatch(second, /process_cpu_seconds_total/)
})

t.test('two apps in one process keep separate registries', async (t) => {
  const one = await build(t)
  const two = await build(t)
  await one.inject({ method: 'GET', url: '/healthz' })
  t.match((await one.inject({ method: 'GET', url: '/metrics' })).body, /route="\/healthz"/)
  t.notMatch((await two.inject({ method: 'GET', url: '/metrics' })).body, /route="\/healthz"/)
})
