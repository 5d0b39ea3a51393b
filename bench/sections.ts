// bench/RESULTS.md is written by several commands: each replaces its own "## " section only.

/** `text` with the section that starts with `heading` replaced by `section` (appended when absent). */
export function replaceSection (text: string, heading: string, section: string): string {
  const start = text.indexOf(`\n${heading}`)
  if (start === -1) return `${text.trimEnd()}\n\n${section.trimEnd()}\n`
  const next = text.indexOf('\n## ', start + 1)
  return `${text.slice(0, start + 1)}${section.trimEnd()}\n${next === -1 ? '' : text.slice(next)}`
}

/** The section of `text` that starts with `heading`, up to the next one; undefined when absent. */
export function findSection (text: string, heading: string): string | undefined {
  const start = text.indexOf(`\n${heading}`)
  if (start === -1) return undefined
  const next = text.indexOf('\n## ', start + 1)
  return text.slice(start + 1, next === -1 ? undefined : next + 1)
}
