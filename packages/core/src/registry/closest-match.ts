/** Edit distance between two strings (insertions, deletions, substitutions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, i) => i);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (current[j - 1] as number) + 1,
        (previous[j] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[t.length] as number;
}

/**
 * The candidate closest to `input` for a "did you mean" hint, or undefined when nothing
 * is close: within a third of the input's length (at least 2 edits), or containing it.
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of candidates) {
    const bare = candidate.includes('/') ? candidate.slice(candidate.indexOf('/') + 1) : candidate;
    const distance = Math.min(editDistance(input, candidate), editDistance(input, bare));
    const contains = needle.length >= 3 && candidate.toLowerCase().includes(needle);
    const score = contains ? Math.min(distance, 1) : distance;
    if (best === undefined || score < best.score) best = { candidate, score };
  }
  if (!best) return undefined;
  const limit = Math.max(2, Math.floor(input.length / 3));
  return best.score <= limit ? best.candidate : undefined;
}
