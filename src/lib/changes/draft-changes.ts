// 新旧対照: what a draft under public comment changes against the report as last published. The
// published version comes from git history; without one, the draft's own 変更箇所 rows that have
// no 変更日 yet (the changes put to comment) are used, linked to their items where they resolve.
import type { Report } from '../content/content-store.ts';
import { diffReports } from './report-diff.ts';
import { itemPath } from './change-rows.ts';
import { publishedVersion } from './published-version.ts';
import { anchorsByItemKey, itemKey } from '../report/item-resolve.ts';
import { treeOf } from '../report/tree-of.ts';

export interface DraftRow { item: string; anchor?: string; before: string; after: string }
export interface DraftComparison { source: 'history' | 'report'; rows: DraftRow[] }

const raw = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>)['原文'] : undefined);
const cell = (v: unknown) => (typeof v === 'string' && v.trim() ? v : raw(v) ? String(raw(v)) : '(空白)');

export async function draftComparison(report: Report): Promise<DraftComparison> {
  const published = await publishedVersion(report.file);
  if (published) {
    const rows = diffReports(published, report.data, report.schema).map((c) => ({ item: itemPath(c.ancestors, c.node), anchor: c.node.anchor, before: c.before, after: c.after }));
    return { source: 'history', rows };
  }
  const anchors = anchorsByItemKey(treeOf(report));
  const pending = ((report.data['変更箇所'] ?? []) as unknown as Record<string, unknown>[]).filter((r) => r && !r['変更日']);
  return {
    source: 'report',
    rows: pending.map((r) => ({ item: String(r['項目'] ?? ''), anchor: anchors.get(itemKey(String(r['項目'] ?? ''))), before: cell(r['変更前の記載']), after: cell(r['変更後の記載']) })),
  };
}
