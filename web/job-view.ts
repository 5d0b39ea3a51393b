// The job view (/jobs/<job>#token=…): the rendezvous round live, from the SSE stream read with
// fetch() (EventSource cannot send the Authorization header, and the token stays out of URLs).
import { UNREACHABLE, describeError } from './api.js'
import { h } from './dom.js'
import { readFragment } from './lib/fragment.js'
import { formatRemaining, jobSlots, type JobView } from './lib/slots.js'
import { createSseParser } from './lib/sse.js'

const RETRY_MS = [1000, 2000, 5000, 10000]

export function startJobView (root: HTMLElement, job: string): void {
  const status = h('p', { id: 'job-status', class: 'muted', role: 'status' }, 'Connecting…')
  const error = h('p', { id: 'job-error', class: 'error', role: 'alert' })
  const summary = h('div', { id: 'job-summary' })
  const grid = h('div', { id: 'slots' })
  root.append(h('section', { class: 'job-view' }, h('h2', {}, 'Job ', h('code', {}, job)), status, error, summary, grid))

  const token = readFragment(location.hash, 'token')
  if (token === null || token === '') {
    error.textContent = `This link has no token: open /jobs/${job}#token=<the job's join token or the admin token>.`
    status.textContent = ''
    return
  }

  document.title = `${job} · runconfig-service`
  let view: JobView | null = null
  // the server's clock minus this one's, from the stream's Date header (whole seconds: ignored below 2 s)
  let skew = 0
  let deadline: HTMLElement | null = null
  const tick = (): void => {
    if (view === null || deadline === null) return
    deadline.textContent = view.state === 'gathering'
      ? `${formatRemaining(Date.parse(view.deadline) - Date.now() - skew)} left`
      : `was ${new Date(view.deadline).toLocaleString()}`
  }
  setInterval(tick, 1000)

  const render = (next: JobView): void => {
    view = next
    deadline = h('span', { id: 'job-deadline' })
    summary.replaceChildren(h('dl', { class: 'job-facts' },
      h('dt', {}, 'state'), h('dd', {}, h('span', { class: `state ${next.state}`, 'data-job-state': next.state }, next.state)),
      h('dt', {}, 'round'), h('dd', {}, String(next.round)),
      h('dt', {}, 'joined'), h('dd', { id: 'job-joined' }, `${next.joined} / ${next.expected}`),
      h('dt', {}, 'deadline'), h('dd', {}, h('time', { datetime: next.deadline }, deadline))))
    tick()
    const roles = new Map<string, HTMLElement>()
    for (const slot of jobSlots(next)) {
      let list = roles.get(slot.role)
      if (list === undefined) {
        list = h('ul', { class: 'slots' })
        roles.set(slot.role, list)
      }
      list.append(h('li', { class: `slot ${slot.state}`, 'data-slot': `${slot.role}:${slot.index}`, 'data-state': slot.state },
        h('span', { class: 'node-key' }, `${slot.role}:${slot.index}`),
        slot.state === 'joined'
          ? h('span', {}, h('span', { class: 'address' }, slot.address), h('br'), h('span', { class: 'member' }, slot.member))
          : h('span', { class: 'muted' }, 'missing')))
    }
    grid.replaceChildren(...[...roles].map(([role, list]) => h('section', { class: 'role' }, h('h3', {}, role), list)))
  }

  let attempt = 0
  const connect = async (): Promise<void> => {
    let res: Response
    try {
      res = await fetch(`/v1/jobs/${encodeURIComponent(job)}/events`, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        cache: 'no-store'
      })
    } catch {
      return retry(UNREACHABLE)
    }
    if (res.status === 404) return stop(`There is no job named ${job} (404): it was never created, or it was deleted.`)
    if (!res.ok || res.body === null) {
      const body = await res.json().catch(() => null)
      if (res.status === 401 || (res.status >= 400 && res.status < 500)) return stop(describeError(res.status, body))
      return retry(describeError(res.status, body))
    }
    const serverNow = Date.parse(res.headers.get('date') ?? '')
    skew = Number.isNaN(serverNow) || Math.abs(serverNow - Date.now()) < 2000 ? 0 : serverNow - Date.now()
    let deleted = false
    const parser = createSseParser((event) => {
      if (event.event === 'deleted') {
        deleted = true
        return
      }
      if (event.event !== 'job') return
      attempt = 0
      error.textContent = ''
      status.textContent = 'Live: updates as members join.'
      render(JSON.parse(event.data) as JobView)
    })
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        parser.push(value)
      }
    } catch {
      // the connection dropped: reconnect below
    }
    if (deleted) return stop('This job was deleted.')
    return retry('The live connection was lost.')
  }
  const stop = (message: string): void => {
    error.textContent = message
    status.textContent = 'Not live.'
  }
  const retry = (message: string): void => {
    const wait = RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]
    error.textContent = `${message} Reconnecting in ${wait / 1000} s…`
    status.textContent = 'Reconnecting…'
    setTimeout(run, wait)
  }
  // an answer the page cannot read (not this service?) ends the view with a message, never silently
  const run = (): void => { connect().catch((err: Error) => stop(`The server sent something the page cannot read: ${err.message}`)) }
  run()
}
