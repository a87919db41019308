// 新旧対照: what a draft under public comment changes against the report as last published (from git
// history: site/version-history.ts publishedVersion); without one, the draft's own 変更箇所 rows that
// have no 変更日 yet (the changes put to comment) are used, linked to their items where they resolve.
// Pure.
import type { Report } from '../content/content-store.ts';
import { diffReports } from './report-diff.ts';
import { itemPath } from './change-rows.ts';
import { anchorsByItemKey, itemKey } from '../report/item-resolve.ts';
import { treeOf } from '../report/tree-of.ts';

export interface DraftRow { item: string; anchor?: string; before: string; after: string }
/** `history`: against the last published version; `report`: the draft's own pending 変更箇所 rows;
 * `other-form`: the last published version is of another 様式 (a re-evaluation in a fuller form),
 * which has other items and cannot be compared item by item. */
export interface DraftComparison { source: 'history' | 'report' | 'other-form'; rows: DraftRow[]; /** the 様式 of the published version and of the draft, for `other-form` */ publishedForm?: string; draftForm?: string }

const raw = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>)['原文'] : undefined);
const cell = (v: unknown) => (typeof v === 'string' && v.trim() ? v : raw(v) ? String(raw(v)) : '(空白)');

export function draftComparison(report: Report, published: Record<string, unknown> | undefined): DraftComparison {
  if (published && published['様式'] !== report.data['様式']) return { source: 'other-form', rows: [], publishedForm: String(published['様式'] ?? ''), draftForm: report.form };
  if (published) {
    // (a removed entry's anchor is the place another entry holds in the draft: no link)
    const rows = diffReports(published, report.data, report.schema).map((c) => ({ item: itemPath(c.ancestors, c.node), ...(c.kind === 'removed' ? {} : { anchor: c.node.anchor }), before: c.before, after: c.after }));
    return { source: 'history', rows };
  }
  const anchors = anchorsByItemKey(treeOf(report));
  // (a 変更箇所 marked as a whole, 原文欠落 …, lists no row)
  const listed = report.data['変更箇所'] as unknown;
  const pending = (Array.isArray(listed) ? (listed as Record<string, unknown>[]) : []).filter((r) => r && !r['変更日']);
  return {
    source: 'report',
    rows: pending.map((r) => ({ item: String(r['項目'] ?? ''), anchor: anchors.get(itemKey(String(r['項目'] ?? ''))), before: cell(r['変更前の記載']), after: cell(r['変更後の記載']) })),
  };
}
