/**
 * The known name a misspelt one most likely meant: the closest by edit distance (insertions,
 * deletions, substitutions, transpositions; case ignored), if it is close enough to be a typo
 * (at most 1 edit for names up to 4 characters, 2 up to 12, then 3). Ties: the first in `known`.
 */
export function nearestName (name: string, known: Iterable<string>): string | undefined {
  const limit = name.length <= 4 ? 1 : name.length <= 12 ? 2 : 3
  let best: string | undefined
  let bestDistance = limit + 1
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}

/** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring). */
export function editDistance (a: string, b: string): number {
  let previous2: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], previous2[j - 2] + 1)
    }
    previous2 = previous
    previous = current
  }
  return previous[b.length]
}
