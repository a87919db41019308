// 「もしかして」: the nearest official label for a mistyped key or choice.

/** Width, bracket and spacing differences are not real differences for a clerk typing a label. */
export function looseForm(s: string): string {
  return s.normalize('NFKC').replace(/[\s　]/g, '').replace(/[()（）［］\[\]「」]/g, '').toLowerCase();
}

/** Levenshtein distance, by code point. */
export function editDistance(a: string, b: string): number {
  const A = [...a];
  const B = [...b];
  let prev = Array.from({ length: B.length + 1 }, (_, i) => i);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    for (let j = 1; j <= B.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (A[i - 1] === B[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[B.length];
}

/** Whether a text has a letter or digit: a long-vowel mark 「ー」 alone is a dash as a clerk types it. */
export const hasWord = (s: string) => /[\p{L}\p{N}]/u.test(s.replace(/[\u30FC\uFF70]/g, ''));

/** The candidate closest to `input`, or undefined when nothing is reasonably close. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const li = looseForm(input);
  // (a dash, a ○ or a mark copied from a blank cell is close to every short label: no guess)
  if (!hasWord(li)) return undefined;
  let best: { c: string; d: number; rank: number } | undefined;
  for (const c of candidates) {
    const lc = looseForm(c);
    if (lc === li) return c;
    // (a choice the text is the start of, then one it is part of or that is part of it, before any
    // merely alike: 「1,000人以上」 is the start of 「1,000人以上1万人未満」, and one edit from
    // 「1,000人未満」, which means the opposite)
    const within = lc.includes(li) || li.includes(lc);
    const rank = lc.startsWith(li) ? 0 : within ? 1 : 2;
    const d = within ? Math.abs(lc.length - li.length) / 2 : editDistance(li, lc);
    if (!best || rank < best.rank || (rank === best.rank && d < best.d)) best = { c, d, rank };
  }
  if (!best) return undefined;
  const limit = Math.max(2, Math.ceil(Math.min([...li].length, [...looseForm(best.c)].length) / 3));
  return best.d <= limit ? best.c : undefined;
}
