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

describe('a reordered entry says where it moved', () => {
  // Files named with their own number (「(3)送付先情報ファイル」, as reports print them) read the same at
  // either place: their move must still say something, never the same text before and after.
  it('no row has the same text before and after, whatever the order (seeded)', async () => {
    const fs = await import('node:fs');
    const { parseYaml } = await import('../content/yaml-source.ts');
    const { FORM_SCHEMAS } = await import('../form/form-schema.ts');
    const { diffReports } = await import('./report-diff.ts');
    const base = parseYaml(fs.readFileSync('tests/fixtures/content/reports/test-shi/3.yaml', 'utf8')).data as Record<string, any>;
    const files = base['特定個人情報ファイルの概要'] as any[];
    while (files.length < 4) files.push(structuredClone(files[files.length - 1]));
    files.forEach((f, i) => { f['特定個人情報ファイル名'] = `(${i + 1})ファイル${'ABCD'[i]}`; f['基本情報']['対象となる本人の数'] = `${i + 1}万人以上`; });
    const r = seeded(4707);
    let moves = 0;
    for (let n = 0; n < 40; n++) {
      const after = structuredClone(base);
      const list = after['特定個人情報ファイルの概要'] as any[];
      for (let i = list.length - 1; i > 0; i--) { const j = r.int(i + 1); [list[i], list[j]] = [list[j], list[i]]; }
      const rows = diffReports(base, after, FORM_SCHEMAS['全項目評価書'].schema);
      for (const c of rows) expect(c.before, `${c.kind} ${c.node.anchor}`).not.toBe(c.after);
      const changedOrder = list.some((f, i) => f !== undefined && f['特定個人情報ファイル名'] !== `(${i + 1})ファイル${'ABCD'[i]}`);
      // a reorder always gives a row
      expect(rows.some((c) => c.kind === 'moved')).toBe(changedOrder);
      moves += rows.filter((c) => c.kind === 'moved').length;
    }
    expect(moves).toBeGreaterThan(10);
  });
});
