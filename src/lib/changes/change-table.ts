// The rows of a report's 変更箇所 table as the page shows them: the merged rows (change-merge.ts) as
// cells, with the anchors and notes of the published rows.
import type { GeneratedRow } from './change-rows.ts';
import type { Node, Value } from '../report/report-tree.ts';
import { mergeChangeRows } from './change-merge.ts';
import { toWareki } from '../form/wareki.ts';
import { SPACING_ONLY_NOTE, spacingOnly } from './segment-diff.ts';

export interface TableRow { anchor: string; origin: 'published' | 'generated'; cells: Record<string, Value | undefined>; note?: string; flagged?: boolean; commit?: string }

/** 変更日 of a row made by a draft (a version not in force) before it is published again. */
export const PENDING_DATE = '未定（案の公表の日になります）';
/** 変更日 of a row whose change set's Change-Date could not be read. */
export const UNKNOWN_DATE = '不明（変更の記録を確認中）';

const text = (s: string): Value => (s === '' ? { type: 'blank' } : { type: 'text', text: s });

/** The rows of the table: `published` is the report's 変更箇所 data, in the order of `section`'s rows. */
export function changeTableRows(section: Node, generated: GeneratedRow[], published: unknown): TableRow[] {
  const prefix = section.anchor;
  let n = 0;
  return mergeChangeRows(published, generated).map((m): TableRow => {
    if (m.origin === 'published') {
      const node = section.children[m.index];
      const cells: Record<string, Value | undefined> = {};
      for (const c of node?.children ?? []) cells[String(c.key)] = c.value;
      const note = cells['注記'];
      return { anchor: node?.anchor ?? `${prefix}-${m.index + 1}`, origin: 'published', cells, note: note?.type === 'text' ? note.text : undefined };
    }
    const g = m.row;
    const cells: Record<string, Value | undefined> = {
      // (no 変更日: a draft's change, dated when the report is published again; or, 要確認, a
      // Change-Date that could not be read: never shown as a blank of the report's own)
      変更日: g.変更日 ? { type: 'date', iso: g.変更日, wareki: toWareki(g.変更日) } : text(g.要確認 ? UNKNOWN_DATE : PENDING_DATE),
      項目: text(g.項目), 変更前の記載: text(g.変更前の記載), 変更後の記載: text(g.変更後の記載),
      提出時期: g.提出時期 ? text(g.提出時期) : { type: 'blank' }, 提出時期に係る説明: text(g.提出時期に係る説明),
    };
    return { anchor: `${prefix}-履歴${++n}`, origin: 'generated', cells, flagged: g.要確認, commit: g.commit, ...(spacingOnly(g.変更前の記載, g.変更後の記載) ? { note: SPACING_ONLY_NOTE } : {}) };
  });
}
