// The one rule that merges a report's 変更箇所 as published (transcribed into the YAML) with the rows
// generated from git history. The page, report.json and `npm run changes` all use it, so they never
// disagree. Pure.
import crypto from 'node:crypto';
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
const COLUMNS = ['変更日', '項目', '変更前の記載', '変更後の記載'];
// The four cells as compared, as a digest (128 bits): what a published row records is kept by
// `npm run changes` in its cache without the rows' whole texts.
const keyOf = (r: Record<string, unknown>) => crypto.createHash('sha256').update(COLUMNS.map((k) => cellText(r[k])).join('\x1f')).digest('base64url').slice(0, 22);

/** What a published row records, as the merge compares it: its 変更日 as text and its key. */
export interface Recorded { day: string; key: string }
const publishedRows = (published: unknown) => (Array.isArray(published) ? published : []).flatMap((row: unknown, index) => (row && typeof row === 'object' ? [{ row: row as Record<string, unknown>, index }] : []));
/** What the rows of a report's 変更箇所 item (as read from its YAML) record. */
export const recordedOf = (published: unknown): Recorded[] => publishedRows(published).map(({ row }) => ({ day: cellText(row['変更日']), key: keyOf(row) }));

/**
 * The generated rows that no published row already records (same 変更日, 項目, before and after), in
 * the order the changes were made. Not re-sorted by 変更日: a change dated ahead, then corrected or
 * reverted by a change dated before it, would read backwards (the last 変更後 not what the report
 * says). Each published row accounts for one generated row only, so the same edit made twice (and
 * recorded once) still shows the second time.
 */
export function addedRows(recorded: readonly Recorded[], generated: readonly GeneratedRow[]): GeneratedRow[] {
  // Keys by day: a generated row on a day no published row has needs no key (its texts can be long).
  const byDay = new Map<string, string[]>();
  for (const { day, key } of recorded) { const keys = byDay.get(day); if (keys) keys.push(key); else byDay.set(day, [key]); }
  const unclaimed = new Map<string, number>();
  const fresh = !byDay.size ? generated : generated.filter((g) => {
    const day = cellText(g.変更日);
    const keys = byDay.get(day);
    if (!keys) return true;
    if (keys.length) { for (const k of keys) unclaimed.set(k, (unclaimed.get(k) ?? 0) + 1); byDay.set(day, []); }
    const k = keyOf(g as unknown as Record<string, unknown>);
    const n = unclaimed.get(k) ?? 0;
    if (n) unclaimed.set(k, n - 1);
    return n === 0;
  });
  return fresh === generated ? [...generated] : (fresh as GeneratedRow[]);
}

/** Published rows first, in their order; then the generated rows they do not record (addedRows). */
export function mergeChangeRows(published: unknown, generated: readonly GeneratedRow[]): MergedRow[] {
  return [
    ...publishedRows(published).map(({ row, index }): MergedRow => ({ origin: 'published', index, row })),
    ...addedRows(recordedOf(published), generated).map((row): MergedRow => ({ origin: 'generated', row })),
  ];
}
