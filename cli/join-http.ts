// The HTTP side of `runconfig join`: one request, its answer or a transient failure to retry.

export interface Answer {
  status: number
  body: Record<string, unknown>
}

/** An answer, or undefined for a failure worth retrying (network error, timeout, 503). */
export async function call (url: string, init: { method?: string, token: string, body?: unknown, timeoutMs: number }): Promise<Answer | undefined> {
  try {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${init.token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs)
    })
    if (res.status === 503) return undefined
    return { status: res.status, body: await res.json() as Record<string, unknown> }
  } catch {
    return undefined
  }
}

/** The missing slots of a 202 or 410 body, as `worker 1, ps 0`. */
export function describeMissing (body: Record<string, unknown>): string {
  const missing = (body.missing ?? []) as Array<{ role: string, index: number }>
  return missing.length === 0 ? 'none' : missing.map((slot) => `${slot.role} ${slot.index}`).join(', ')
}
