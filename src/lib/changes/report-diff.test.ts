// Pairing the entries left over after identity matching (report-diff.ts inGaps): each old and each new
// entry is given at most once, and only between its paired neighbours, whatever the pairs (seeded).
import { describe, expect, it } from 'vitest';
import { inGaps } from './report-diff.ts';
import { seeded } from '../../../tests/support/seeded.ts';

describe('entries left unpaired are paired within their gaps', () => {
  it('an entry inserted before a rewritten one does not shift it', () => {
    // old: A B C D E(rewritten) F; new: X A B C D E' F → E' is new 5, paired with old 4
    expect(inGaps(6, 7, new Map([[1, 0], [2, 1], [3, 2], [4, 3], [6, 5]]))).toEqual([[5, 4]]);
  });
  it('never gives an entry twice, nor one already paired, even where pairs cross (seeded)', () => {
    const r = seeded(31);
    for (let run = 0; run < 2000; run++) {
      const oldCount = r.int(8);
      const newCount = r.int(8);
      const pairs = new Map<number, number>();
      const olds = Array.from({ length: oldCount }, (_, i) => i).filter(() => r.next() < 0.5);
      for (const i of olds) { const j = r.int(newCount + 1); if (j < newCount && !pairs.has(j)) pairs.set(j, i); }
      const got = inGaps(oldCount, newCount, pairs);
      const label = JSON.stringify([oldCount, newCount, [...pairs]]);
      const js = got.map(([j]) => j);
      const is = got.map(([, i]) => i);
      expect(new Set(js).size, label).toBe(js.length);
      expect(new Set(is).size, label).toBe(is.length);
      for (const [j, i] of got) {
        expect(pairs.has(j) || [...pairs.values()].includes(i), label).toBe(false);
        expect(j < newCount && i < oldCount, label).toBe(true);
      }
    }
  });
});
