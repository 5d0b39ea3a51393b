import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A new join token: 192 random bits, URL-safe (base64url, 32 characters). */
export function newToken (): string {
  return randomBytes(24).toString('base64url')
}

/**
 * Whether a presented token is the expected one, in time independent of where they differ: both
 * are hashed first, so the comparison does not even reveal the expected token's length.
 */
export function tokenMatches (presented: string | undefined, expected: string | undefined): boolean {
  if (presented === undefined || expected === undefined) return false
  return timingSafeEqual(digest(presented), digest(expected))
}

function digest (text: string): Buffer {
  return createHash('sha256').update(text).digest()
}
