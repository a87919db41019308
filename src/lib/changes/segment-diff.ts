// What changed inside a long text: 変更前 and 変更後 split into word segments (Intl.Segmenter, which
// knows Japanese words), compared by a longest common subsequence of the segments (Jest's linear-space
// Myers diff: six times faster than the diff package on the long rows of real 変更箇所 tables, a tenth
// of a report page's rendering), and returned as runs marked changed or not. Joining the runs of
// either side gives back that side's text exactly. Pure.
import diffSequences from '@jest/diff-sequences';

export interface Run { text: string; changed: boolean }
export interface SegmentDiff { before: Run[]; after: Run[]; /** whether any part is unchanged (else highlighting says nothing) */ partial: boolean }

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
export const segmentsOf = (text: string): string[] => Array.from(segmenter.segment(text), (s) => s.segment);

/** Adjacent runs with the same state become one. */
function merge(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    if (!r.text) continue;
    const last = out.at(-1);
    if (last && last.changed === r.changed) last.text += r.text;
    else out.push({ ...r });
  }
  return out;
}

/** The word-level difference between two texts. */
export function segmentDiff(before: string, after: string): SegmentDiff {
  const x = segmentsOf(before);
  const y = segmentsOf(after);
  const b: Run[] = [];
  const a: Run[] = [];
  // How many letters and digits the two sides share unchanged: a hyphen or a 「の」 in common is no
  // shared part worth marking around (「-」 → 「…2-④…」 marked everything but the hyphen).
  let shared = 0;
  // Between two common stretches: what only `before` has (removed), then what only `after` has (added).
  let i = 0;
  let j = 0;
  const common = (n: number, at: number, bt: number) => {
    b.push({ text: x.slice(i, at).join(''), changed: true });
    a.push({ text: y.slice(j, bt).join(''), changed: true });
    const text = x.slice(at, at + n).join('');
    shared += letters(text);
    b.push({ text, changed: false });
    a.push({ text, changed: false });
    i = at + n;
    j = bt + n;
  };
  diffSequences(x.length, y.length, (p, q) => x[p] === y[q], common);
  common(0, x.length, y.length);
  const partial = shared >= SHARED_AT_LEAST && shared >= SHARED_SHARE * Math.min(letters(before), letters(after));
  return { before: merge(b), after: merge(a), partial };
}

const LETTERS = /[\p{L}\p{N}]/gu;
const letters = (text: string) => text.match(LETTERS)?.length ?? 0;
/** The least a text must keep, in letters and digits, for its change to be marked inside it: two, and a
 * fifth of the shorter side's (less than that, the marks would be scattered over nearly all of it). */
const SHARED_AT_LEAST = 2;
const SHARED_SHARE = 0.2;

/** Two texts that differ only in line breaks and spaces (a paragraph re-wrapped, an indent): a row
 * whose marks would be invisible, so it says so in words. */
export const spacingOnly = (before: string, after: string): boolean => before !== after && before.replace(/\s+/gu, '') === after.replace(/\s+/gu, '');
export const SPACING_ONLY_NOTE = '文字は変わらず、改行や空白の位置だけが変わりました';
