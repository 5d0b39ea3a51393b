// Calls to the service, with every failure turned into one sentence a person can act on.
import type { ErrorBody } from './lib/types.js'

export class ApiError extends Error {}

export const UNREACHABLE = 'Cannot reach the server: is runconfig-service running? Check the connection and try again.'

/** What an error answer means, in plain words. */
export function describeError (status: number, body: ErrorBody | null): string {
  const detail = body?.message !== undefined ? `: ${body.message}` : '.'
  if (status === 401) return 'The token was refused (401): check the #token=… part of the link.'
  if (status === 413) return `The request is too large (413)${detail}`
  if (status === 503) return 'The server is busy or shutting down (503): try again in a few seconds.'
  if (status >= 500) return `The server failed (${status}): try again, and report it if it persists.`
  return `The server refused the request (${status})${detail}`
}

export async function postJson (url: string, body: string): Promise<{ status: number, json: unknown }> {
  let res: Response
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body })
  } catch {
    throw new ApiError(UNREACHABLE)
  }
  try {
    return { status: res.status, json: await res.json() }
  } catch {
    throw new ApiError(`The server answered ${res.status} with something that is not JSON: is this runconfig-service?`)
  }
}
