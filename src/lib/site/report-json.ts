// The JSON download of a report: its data, with the 変更箇所 merged from the published rows and the
// rows generated from git history.
import path from 'node:path';
import type { Report } from '../content/content-store.ts';
import type { GeneratedRow } from '../changes/change-rows.ts';
import { mergeChangeRows } from '../changes/change-merge.ts';
import { SPACING_ONLY_NOTE, spacingOnly } from '../changes/segment-diff.ts';

export function reportJson(report: Report, generated: GeneratedRow[] = []) {
  const published = report.data['変更箇所'];
  // A 変更箇所 marked as a whole (原文欠落 …) stays as it is when there is nothing to add.
  const merged = mergeChangeRows(published, generated);
  const rows = merged.map((m) => {
    if (m.origin === 'published') return m.row;
    const { report: _, ...row } = m.row;
    return { ...row, 出典: 'git', ...(spacingOnly(row.変更前の記載, row.変更後の記載) ? { 注記: SPACING_ONLY_NOTE } : {}) };
  });
  return { id: report.id, source: path.relative(process.cwd(), report.file), ...report.data, 変更箇所: Array.isArray(published) || rows.length ? rows : published };
}
