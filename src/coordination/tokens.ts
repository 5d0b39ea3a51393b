import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A new join token: 192 random bits, URL-safe (base64url, 32 characters). */
export function newToken (): string {
  return randomSecret(24)
}

/**
 * `bytes` random bytes as base64url text that does not start with '-': a secret that starts with
 * one cannot follow a command-line flag (`--token -x…` is an ambiguous option to the CLI's parser,
 * and to most others). Drawing again when it does costs 1/64 of one character's entropy.
 */
export function randomSecret (bytes: number): string {
  for (;;) {
    const secret = randomBytes(bytes).toString('base64url')
    if (!secret.startsWith('-')) return secret
  }
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
