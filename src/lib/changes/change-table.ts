// The rows of a report's 変更箇所 table: those transcribed from the published report, then those
// generated from git history (without the ones the published table already has).
import type { GeneratedRow } from './change-rows.ts';
import type { Node, Value } from '../report/report-tree.ts';
import { plainValue } from '../report/plain-value.ts';
import { toWareki } from '../form/wareki.ts';

export interface TableRow { anchor: string; origin: 'published' | 'generated'; cells: Record<string, Value | undefined>; note?: string; flagged?: boolean; commit?: string }

const text = (s: string): Value => (s === '' ? { type: 'blank' } : { type: 'text', text: s });

export function changeTableRows(section: Node, generated: GeneratedRow[]): TableRow[] {
  const published: TableRow[] = section.children.map((row) => {
    const cells: Record<string, Value | undefined> = {};
    for (const c of row.children) cells[String(c.key)] = c.value;
    const note = cells['注記'];
    return { anchor: row.anchor, origin: 'published', cells, note: note?.type === 'text' ? note.text : undefined };
  });
  const key = (cells: Record<string, Value | undefined>) => ['変更日', '項目', '変更前の記載', '変更後の記載'].map((k) => plainValue(cells[k]).replace(/\s+/g, '')).join('\x1f');
  const seen = new Set(published.map((r) => key(r.cells)));
  const prefix = section.anchor;
  const fresh: TableRow[] = [];
  generated.forEach((g, i) => {
    const cells: Record<string, Value | undefined> = {
      変更日: g.変更日 ? { type: 'date', iso: g.変更日, wareki: toWareki(g.変更日) } : { type: 'blank' },
      項目: text(g.項目), 変更前の記載: text(g.変更前の記載), 変更後の記載: text(g.変更後の記載),
      提出時期: g.提出時期 ? text(g.提出時期) : { type: 'blank' }, 提出時期に係る説明: text(g.提出時期に係る説明),
    };
    if (seen.has(key(cells))) return;
    seen.add(key(cells));
    fresh.push({ anchor: `${prefix}-履歴${i + 1}`, origin: 'generated', cells, flagged: g.要確認, commit: g.commit });
  });
  return [...published, ...fresh];
}
