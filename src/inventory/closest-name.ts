// "Did you mean …?" for typos in field, rack and host names.

/** Edit distance with adjacent transpositions counted as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return at(rows - 1, cols - 1);
}

const squash = (s: string): string => s.toLowerCase().replace(/[-_]/g, '');

/** The candidate a mistyped name most likely meant, or undefined when none is close enough to suggest. */
export function closestName(typed: string, candidates: Iterable<string>): string | undefined {
  if (typed.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate.length > 64) continue;
    // Case and separator slips (knownhosts, connect_timeout) cost nothing; other edits count as usual.
    const distance = Math.min(editDistance(typed, candidate), editDistance(squash(typed), squash(candidate)));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.min(2, Math.max(1, Math.floor(typed.length / 3)));
  return best !== undefined && bestDistance <= allowed && best !== typed ? best : undefined;
}
