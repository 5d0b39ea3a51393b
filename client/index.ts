// The package's typed client of the HTTP API: openapi-fetch, typed by the types npm run client generates
import createClient, { type Client, type ClientOptions } from 'openapi-fetch'
import type { paths } from './api.js'

export type { components, operations, paths } from './api.js'

/** A media type, as openapi-fetch selects response types by. */
export type MediaType = `${string}/${string}`

/**
 * A client of runconfig-service at `baseUrl`, typed from its OpenAPI document. Answers are typed
 * as their JSON form (`Media`); for the renderings of the …/exports operations pass
 * `parseAs: 'text'` (shell, dotenv, ndjson), and for kubernetes narrow with `typeof data ===
 * 'object'` or make a client of that format's media type.
 */
export function createRunConfigClient<Media extends MediaType = 'application/json'> (
  baseUrl: string,
  options: Omit<ClientOptions, 'baseUrl'> = {}
): Client<paths, Media> {
  return createClient<paths, Media>({ ...options, baseUrl })
}
