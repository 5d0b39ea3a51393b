// The ```console examples of a Markdown file, as the README test runs them.
//
// A block is a list of commands (lines starting with "$ ") each followed by the output shown for
// it. An HTML comment on the lines right above the fence says how the block is treated:
//   <!-- not run: REASON -->   the block is not run (say why: an opt-out must be honest)
//   <!-- setup: COMMAND -->    COMMAND runs first, unshown (e.g. creates a file the block cats)
// In shown output, "…" matches any run of characters within a line: for what differs on every
// run (random tokens, lease ids, timestamps).
// test/readme.test.ts runs each block in a folder of its own (examples/ linked in), against the app:
// localhost:8080 is the app's address (so is RUNCONFIG_URL, which the launcher reads), and
// `node dist/cli/runconfig.js` and `npx runconfig` the CLI from its sources; stderr shows between
// stdout lines as in a terminal, and an answer with no final newline is shown with one (the next
// prompt's line). Blocks share nothing: each runs in one bash, so variables carry within it.

export interface ConsoleCommand {
  command: string
  /** The output shown under it, each line ending with "\n" ('' when none is shown). */
  shown: string
}

export interface ConsoleBlock {
  file: string
  /** 1-based line of the opening fence. */
  line: number
  commands: ConsoleCommand[]
  /** Why the block is not run, or undefined when it is. */
  notRun?: string
  setup: string[]
}

const MARKER = /^<!--\s*(not run|setup):\s*(.*?)\s*-->$/

/**
 * Lines of other fenced blocks that look like a session ("$ command"): examples with their output
 * belong in ```console blocks, where they are run, not in ```sh blocks, where they would drift.
 */
export function promptsOutsideConsole (file: string, text: string): string[] {
  const found: string[] = []
  let fence: string | undefined
  text.split('\n').forEach((line, i) => {
    if (line.trim().startsWith('```')) fence = fence === undefined ? line.trim() : undefined
    else if (fence !== undefined && fence !== '```console' && line.startsWith('$ ')) found.push(`${file}:${i + 1}: ${line}`)
  })
  return found
}

export function consoleBlocks (file: string, text: string): ConsoleBlock[] {
  const lines = text.split('\n')
  const blocks: ConsoleBlock[] = []
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```console') continue
    const block: ConsoleBlock = { file, line: i + 1, commands: [], setup: [] }
    // the comments right above the fence, nearest last
    for (let j = i - 1; j >= 0; j--) {
      const marker = MARKER.exec(lines[j].trim())
      if (marker === null) break
      if (marker[1] === 'not run') block.notRun = marker[2]
      else block.setup.unshift(marker[2])
    }
    for (i++; i < lines.length && lines[i].trim() !== '```'; i++) {
      const line = lines[i]
      if (line.startsWith('$ ')) block.commands.push({ command: line.slice(2), shown: '' })
      else if (block.commands.length === 0) throw new Error(`${file}:${i + 1}: output before the first "$ " command`)
      else block.commands[block.commands.length - 1].shown += line + '\n'
    }
    blocks.push(block)
  }
  return blocks
}

/** Whether `actual` is the `shown` output, "…" matching any run of characters within a line. */
export function matchesShown (shown: string, actual: string): boolean {
  if (!shown.includes('…')) return shown === actual
  const pattern = shown.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^\\n]*')
  return new RegExp(`^${pattern}$`).test(actual)
}

const SEPARATOR = '\x1e'

/**
 * One bash script for a block, so that variables and files carry from command to command:
 * stderr joins stdout (as a terminal shows them), and a separator before each command's output
 * lets `splitOutputs` give each command its own.
 */
export function blockScript (block: ConsoleBlock, rewrite: (command: string) => string): string {
  return [
    'exec 2>&1',
    ...block.setup.map(rewrite),
    ...block.commands.flatMap(({ command }) => [`printf '${SEPARATOR}'`, rewrite(command)])
  ].join('\n') + '\n'
}

export function splitOutputs (output: string): string[] {
  return output.split(SEPARATOR).slice(1)
}
