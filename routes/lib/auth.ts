import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { requestError } from '../../plugins/errors.js'

/** The token of an `Authorization: Bearer <token>` header, or undefined (never logged: the logger redacts the header). */
export function bearerToken (request: FastifyRequest): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '')
  return match?.[1]
}

/** Compares in constant time (both sides hashed first: no early exit on length either). */
export function tokenMatches (given: string | undefined, expected: string): boolean {
  if (given === undefined) return false
  const digest = (text: string) => createHash('sha256').update(text).digest()
  return timingSafeEqual(digest(given), digest(expected))
}

/** C.1: with an admin token configured, a 401 (with WWW-Authenticate) unless the request bears it. */
export function requireAdmin (request: FastifyRequest, reply: FastifyReply, adminToken: string | undefined): void {
  if (adminToken === undefined || tokenMatches(bearerToken(request), adminToken)) return
  reply.header('www-authenticate', 'Bearer')
  throw requestError(401, 'UNAUTHORIZED', 'This needs Authorization: Bearer <admin token>')
}
