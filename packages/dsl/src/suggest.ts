// "Did you mean …?" for misspelt names and keys, in one place: the reference checks (unknown app,
// database, input) and unknown keys all pick their suggestion here.

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbours each cost 1, so `myap`→`myapp` and `prot`→`port` are both 1 away.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, prev2[j - 2]! + 1);
      row.push(best);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** Names longer than this are not compared: a typo is short, and the distance is quadratic. */
const MAX_LENGTH = 100;

/**
 * The candidate `name` most likely misspells, or undefined when none is close: at most a third of
 * the name's characters differ (at least one), ignoring case. Ties go to the earlier candidate.
 *
 * ```ts
 * closestName("myap", ["myapp", "otherapp"]); // "myapp"
 * closestName("web", ["myapp"]);              // undefined
 * ```
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > MAX_LENGTH) return undefined;
  const lower = name.toLowerCase();
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === name || candidate.length > MAX_LENGTH) continue;
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
