import { describe, expect, it } from 'vitest';
import { recentUpdates, type UpdateSource } from './recent-updates.ts';
import type { GeneratedRow } from '../changes/change-rows.ts';

const row = (変更日: string | null): GeneratedRow => ({ report: 'r.yaml', 変更日, 項目: 'Ⅰ 1. ①', 変更前の記載: 'a', 変更後の記載: 'b', 提出時期: '事後', 提出時期に係る説明: '', 要確認: false, commit: 'c' });

describe('recentUpdates', () => {
  it('uses 公表日 and 変更日, the newest per report, newest report first', () => {
    const list = recentUpdates([
      { id: 'a/1', published: '2024-03-01', changeDates: ['2024-11-01', null, { 原文: '令和' }], generated: [] },
      { id: 'b/2', published: '2025-01-10', changeDates: [], generated: [row('2025-02-01'), row('2025-02-01')] },
      { id: 'c/3', published: undefined, changeDates: [], generated: [] },
    ], 10);
    expect(list).toEqual([
      { id: 'b/2', date: '2025-02-01', kind: '変更', items: 2 },
      { id: 'a/1', date: '2024-11-01', kind: '変更', items: 1 },
    ]);
  });

  it("never counts a proposal's 公表日 (the report in force's) as a publication: its comment period starts instead", () => {
    expect(recentUpdates([
      { id: 'a/1', published: '2025-04-25', proposal: true, commentStart: '2025-12-01', changeDates: [], generated: [] },
      { id: 'b/2', published: '2025-04-25', proposal: true, changeDates: [], generated: [] },
    ], 10)).toEqual([{ id: 'a/1', date: '2025-12-01', kind: '意見募集', items: 0 }]);
    // (a period that starts after the build's day is no recent update)
    expect(recentUpdates([{ id: 'a/1', published: '2025-04-25', proposal: true, commentStart: '2025-12-01', changeDates: [], generated: [] }], 10, '2025-11-30')).toEqual([]);
  });

  it('for any inputs: one entry per dated report, each the latest of its own dates, sorted, at most limit', () => {
    let seed = 7;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const day = () => `20${10 + rand(15)}-${String(1 + rand(12)).padStart(2, '0')}-${String(1 + rand(28)).padStart(2, '0')}`;
    for (let round = 0; round < 50; round++) {
      const sources: UpdateSource[] = Array.from({ length: 1 + rand(30) }, (_, i) => ({
        id: `r/${i}`, published: rand(3) ? day() : undefined, proposal: rand(4) === 0, commentStart: rand(2) ? day() : undefined,
        changeDates: Array.from({ length: rand(4) }, () => (rand(4) ? day() : null)),
        generated: Array.from({ length: rand(3) }, () => row(day())),
      }));
      const limit = 1 + rand(20);
      const list = recentUpdates(sources, limit);
      // (a proposal's 公表日 is the report in force's; its comment period's start is its own)
      const own = (s: UpdateSource) => [s.proposal ? s.commentStart : s.published, ...s.changeDates, ...s.generated.map((g) => g.変更日)].filter((d): d is string => typeof d === 'string');
      const dated = sources.filter((s) => own(s).length);
      expect(list.length).toBe(Math.min(limit, dated.length));
      for (const u of list) {
        const s = sources.find((x) => x.id === u.id)!;
        expect(u.date).toBe(own(s).sort().pop());
        if (s.proposal) expect(u.kind).not.toBe('公表');
      }
      expect(list.map((u) => u.date)).toEqual([...list.map((u) => u.date)].sort().reverse());
    }
  });
});
