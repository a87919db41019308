// The report an embed names (report="<org>/<評価書番号>"); a missing one stops the build with a
// Japanese message naming the guide. (A shard of a sharded build, which sees only its own reports,
// makes no guide: src/lib/build/global-routes.ts.)
import { loadContent } from '../../lib/content/content-store.ts';

export function findReport(id: string | undefined, guide: string) {
  const report = loadContent().reports.find((r) => r.id === id);
  if (!report) throw new Error(`${guide}: 埋め込む評価書 ${id} がありません（report="機関/評価書番号"、例: ${loadContent().reports[0]?.id ?? 'kawasaki-shi/16'}）`);
  return report;
}
