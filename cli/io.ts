import { readFile } from 'node:fs/promises'
import type { Graceful } from '../start-server.js'

/** Where the CLI reads and writes: the process's streams, or a test's captures. */
export interface CliIo {
  stdin: AsyncIterable<Buffer>
  stdout: { write (text: string): unknown }
  stderr: { write (text: string): unknown }
  /** close-with-grace, or a test's stand-in: `serve` runs until SIGINT or SIGTERM. */
  graceful: Graceful
}

/** The environment, as `process.env` gives it. */
export type CliEnv = Record<string, string | undefined>

/** A command line the CLI cannot run: exit code 2, with the message on stderr. */
export class UsageError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** The text of FILE, or of stdin for `-`. */
export async function readInput (file: string, io: CliIo): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = []
    for await (const chunk of io.stdin) chunks.push(chunk)
    return Buffer.concat(chunks).toString('utf8')
  }
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`)
  }
}
