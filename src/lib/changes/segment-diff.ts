// What changed inside a long text: 変更前 and 変更後 split into word segments (Intl.Segmenter, which
// knows Japanese words), compared with the diff library, and returned as runs marked changed or not.
// Joining the runs of either side gives back that side's text exactly. Pure.
import { diffArrays } from 'diff';

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
  const parts = diffArrays(segmentsOf(before), segmentsOf(after));
  const b: Run[] = [];
  const a: Run[] = [];
  let partial = false;
  for (const p of parts) {
    const text = p.value.join('');
    if (p.added) a.push({ text, changed: true });
    else if (p.removed) b.push({ text, changed: true });
    else { partial ||= /\S/.test(text); b.push({ text, changed: false }); a.push({ text, changed: false }); }
  }
  return { before: merge(b), after: merge(a), partial };
}
