// The JSON download of a report: its data, with the 変更箇所 merged from the published rows and the
// rows generated from git history, and what the page says of it on the build's day (サイトでの状態):
// the file holds a draft (案: no 公表日, or put to comment with the old 公表日 kept) and where it stands in
// its comment period, so that a reader of the data never takes a draft for the report in force.
import path from 'node:path';
import type { Report } from '../content/content-store.ts';
import type { GeneratedRow } from '../changes/change-rows.ts';
import { mergeChangeRows } from '../changes/change-merge.ts';
import { SPACING_ONLY_NOTE, spacingOnly } from '../changes/segment-diff.ts';
import { commentState, today } from './comment-period.ts';
import { statusOf } from './listing.ts';
import { notInForce } from '../report/version-state.ts';

export function reportJson(report: Report, generated: GeneratedRow[] = [], on = today()) {
  const published = report.data['変更箇所'];
  // A 変更箇所 marked as a whole (原文欠落 …) stays as it is when there is nothing to add.
  const merged = mergeChangeRows(published, generated);
  const rows = merged.map((m) => {
    if (m.origin === 'published') return m.row;
    const { report: _, ...row } = m.row;
    return { ...row, 出典: 'git', ...(spacingOnly(row.変更前の記載, row.変更後の記載) ? { 注記: SPACING_ONLY_NOTE } : {}) };
  });
  const state = commentState(report, on);
  return {
    id: report.id, source: path.relative(process.cwd(), report.file),
    // (no day in it: a report's downloads are reused while its state stays the same, build-plan.ts)
    // (状態 as the lists say it: a title 【…終了】 is 事務終了, a proposal 意見募集中（案） …)
    サイトでの状態: { 状態: statusOf(report), 案: notInForce(report.data), ...(state.period ? { 意見募集中: state.open } : {}) },
    ...report.data, 変更箇所: Array.isArray(published) || rows.length ? rows : published,
  };
}
