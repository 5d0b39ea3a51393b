import type { FastifyReply, FastifyRequest } from 'fastify'
import { CoordinationError } from '../../src/coordination/errors.js'
import { Unavailable } from '../../src/coordination/rendezvous.js'
import { sendError } from '../../plugins/errors.js'

/**
 * Answers a refusal of the rendezvous rules in the error shape (plus `holder` or `missing`) and
 * returns true; anything else (TensorFlow's 422, a bug) goes on to the error handler.
 */
export function sendRefusal (reply: FastifyReply, error: unknown): boolean {
  if (error instanceof CoordinationError) {
    const { statusCode, message, holder, missing } = error
    sendError(reply, statusCode, message, { details: { holder, missing } })
    return true
  }
  if (error instanceof Unavailable) {
    sendError(reply, 503, error.message, { retryAfter: error.retryAfterSecs })
    return true
  }
  return false
}

/** Runs a rule; its refusals become answers. */
export async function answer<T> (reply: FastifyReply, rule: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await rule()
  } catch (error) {
    if (sendRefusal(reply, error)) return reply
    throw error
  }
}

/** Sets the connection's idle timeout (0: none) for a long answer; app.inject's fake socket has none to set. */
export function holdConnection (request: FastifyRequest, ms: number): void {
  const socket = request.socket as { setTimeout?: (ms: number) => void }
  socket.setTimeout?.(ms)
}
