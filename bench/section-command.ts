// The entry of a bench command that owns one section of bench/RESULTS.md (bench:leases,
// bench:rendezvous, bench:wakeup): measure, print the section, replace it in the file.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { killChildrenOnExit } from './children.js'
import { replaceSection } from './sections.js'
import { ROOT } from './servers.js'

/**
 * Runs `measure` (which returns the section's text), prints the section and, unless --no-write,
 * replaces the section under `heading` in bench/RESULTS.md; then exits (0, or 1 on a failure):
 * kept-alive sockets and pools' timers would keep the process alive, and children die on exit.
 */
export async function runSectionCommand (name: string, heading: string, measure: (log: (line: string) => void) => Promise<string>): Promise<never> {
  const log = (line: string) => process.stderr.write(`[bench:${name}] ${line}\n`)
  try {
    killChildrenOnExit()
    const section = await measure(log)
    process.stdout.write(section)
    if (!process.argv.includes('--no-write')) {
      const file = join(ROOT, 'bench', 'RESULTS.md')
      writeFileSync(file, replaceSection(readFileSync(file, 'utf8'), heading, section))
      log('wrote its section of bench/RESULTS.md')
    }
    process.exit(0)
  } catch (error) {
    console.error(error)
    process.exit(1)
  }
}
