// The JSON download of a report: its data, with the 変更箇所 merged from the published rows and the
// rows generated from git history.
import path from 'node:path';
import type { Report } from '../content/content-store.ts';
import type { GeneratedRow } from '../changes/change-rows.ts';

export function reportJson(report: Report, generated: GeneratedRow[] = []) {
  const rows = report.data['変更箇所'];
  const published: unknown[] = Array.isArray(rows) ? rows : [];
  const key = (r: any): string => [r['変更日'], r['項目'], r['変更前の記載'], r['変更後の記載']].map((s) => String(s ?? '').replace(/\s+/g, '')).join('\x1f');
  const seen = new Set(published.map(key));
  const fresh = generated.filter((g) => !seen.has(key(g))).map(({ report: _, ...row }) => ({ ...row, 出典: 'git' }));
  return { id: report.id, source: path.relative(process.cwd(), report.file), ...report.data, 変更箇所: [...published, ...fresh] };
}
