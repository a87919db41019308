// Which reports a comparison page shows. At national size one 事務 has a report from nearly every
// municipality, and a table with 1,800 columns helps nobody: a 事務 is compared whole only while it is
// small, and otherwise prefecture by prefecture (a reader's own city and its neighbours), each a static
// page that needs no JavaScript.
import type { Organisation, Report } from '../content/content-store.ts';
import { byPrefecture } from './prefectures.ts';

/** Above this many reports a 事務 is compared by prefecture only. */
export const WHOLE_LIMIT = 12;

/** Every 事務分類 that some report names, with its reports (one report is listed, not compared). */
export function jimuGroups<R extends { head: { 事務分類?: unknown } }>(reports: R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of reports) {
    const c = String(r.head['事務分類'] ?? '').trim();
    if (c) out.set(c, [...(out.get(c) ?? []), r]);
  }
  return new Map([...out].sort((a, b) => a[0].localeCompare(b[0], 'ja')));
}

export interface PrefectureReports<R> { name: string; reports: R[] }

/** The reports of one 事務 by the prefecture of their organisation, in national order. */
export function byPrefectureOf<R extends Pick<Report, 'org' | 'number'>>(organisations: Map<string, Organisation>, reports: R[]): PrefectureReports<R>[] {
  const orgs = new Set(reports.map((r) => r.org));
  return byPrefecture([...organisations.values()].filter((o) => orgs.has(o.id))).map((g) => {
    const order = new Map(g.organisations.map((o, i) => [o.id, i]));
    return { name: g.name, reports: reports.filter((r) => order.has(r.org)).sort((a, b) => order.get(a.org)! - order.get(b.org)! || a.number.localeCompare(b.number, 'ja', { numeric: true })) };
  });
}

/** The reports of one 事務 in national order, the order its page lists them in (by prefecture, then
 * organisation code, then 評価書番号); reports whose organisation has no file come last, in their order. */
export function inNationalOrder<R extends Pick<Report, 'org' | 'number'>>(organisations: Map<string, Organisation>, reports: R[]): R[] {
  const ordered = byPrefectureOf(organisations, reports).flatMap((g) => g.reports);
  const placed = new Set(ordered);
  return [...ordered, ...reports.filter((r) => !placed.has(r))];
}
