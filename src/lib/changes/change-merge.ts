// The one rule that merges a report's 変更箇所 as published (transcribed into the YAML) with the rows
// generated from git history. The page, report.json and `npm run changes` all use it, so they never
// disagree. Pure.
import type { GeneratedRow } from './change-rows.ts';

export type MergedRow =
  | { origin: 'published'; index: number; row: Record<string, unknown> }
  | { origin: 'generated'; row: GeneratedRow };

// A cell as comparable text: a date by its ISO day, a marked cell by its 原文, a blank cell as empty,
// with white space (line breaks of the transcription, full-width spaces) ignored.
const BLANK = new Set(['', '(空白)', '（空白）', '空白']);
function cellText(v: unknown): string {
  let s = '';
  if (typeof v === 'string') s = v;
  else if (v && typeof v === 'object') { const o = v as Record<string, unknown>; s = String(o['日付'] ?? o['原文'] ?? ''); }
  s = s.replace(/[\s\u3000]+/g, '');
  return BLANK.has(s) ? '' : s;
}
const keyOf = (r: Record<string, unknown>) => ['変更日', '項目', '変更前の記載', '変更後の記載'].map((k) => cellText(r[k])).join('\x1f');

/**
 * Published rows first, in their order; then the generated rows by 変更日 (stable; rows whose date
 * could not be read last). A generated row that a published row already records (same 変更日, 項目,
 * before and after) is left out; each published row accounts for one generated row only, so the
 * same edit made twice (and recorded once) still shows the second time.
 */
export function mergeChangeRows(published: unknown, generated: readonly GeneratedRow[]): MergedRow[] {
  const rows = (Array.isArray(published) ? published : []).flatMap((row: unknown, index) => (row && typeof row === 'object' ? [{ row: row as Record<string, unknown>, index }] : []));
  const unclaimed = new Map<string, number>();
  for (const { row } of rows) { const k = keyOf(row); unclaimed.set(k, (unclaimed.get(k) ?? 0) + 1); }
  // (nothing published: every generated row is new, and no key needs computing)
  const fresh = !unclaimed.size ? generated : generated.filter((g) => {
    const k = keyOf(g as unknown as Record<string, unknown>);
    const n = unclaimed.get(k) ?? 0;
    if (n) unclaimed.set(k, n - 1);
    return n === 0;
  });
  // 変更日 is an ISO date (YYYY-MM-DD): compared by its characters, the order of the days.
  const day = (r: GeneratedRow) => r.変更日 ?? '\uffff';
  const byDate = fresh.map((row, i) => ({ row, i })).sort((x, y) => (day(x.row) < day(y.row) ? -1 : day(x.row) > day(y.row) ? 1 : x.i - y.i));
  return [
    ...rows.map(({ row, index }): MergedRow => ({ origin: 'published', index, row })),
    ...byDate.map(({ row }): MergedRow => ({ origin: 'generated', row })),
  ];
}

/** Only the generated rows that the merged table adds (what a merge adds to a report's 変更箇所). */
export const addedRows = (published: unknown, generated: readonly GeneratedRow[]): GeneratedRow[] =>
  mergeChangeRows(published, generated).flatMap((m) => (m.origin === 'generated' ? [m.row] : []));
