// The machine-readable downloads of the site, as bytes: each report's JSON and YAML, each version's
// JSON and YAML from git history, and each 事務's comparison as CSV. Their paths inside the site are
// named here once. Pure: the data comes in (download-files.ts reads it and writes the files), and the
// comparison CSV is built from per-report summaries only.
import type { Organisation } from '../content/content-store.ts';
import type { Version } from './version-history.ts';
import { categories, compareParts, toCsv } from '../report/comparison.ts';
import { organisationName } from './names.ts';
import { inNationalOrder } from './compare-groups.ts';
import type { SiteSummary } from './site-summary.ts';
import { notInForce } from '../report/version-state.ts';
import { byPrefecture } from './prefectures.ts';

/** Where a report's downloads are in the site (the same folder as its page). */
export const reportJsonPath = (id: string) => `reports/${id}/report.json`;
export const sourceYamlPath = (id: string) => `reports/${id}/source.yaml`;
export const versionPath = (id: string, version: string, ext: 'json' | 'yaml') => `reports/${id}/history/${version}.${ext}`;
export const comparisonCsvPath = (category: string) => `compare/${category}/comparison.csv`;
export const organisationsJsonPath = 'organisations.json';

/** Every organisation as its file gives it, with its id and the ids of its reports (to join the
 * reports' downloads on), in the order of the organisation list (by prefecture and 全国地方公共団体コード). */
export function organisationsJson(organisations: Map<string, Organisation>, summaries: Pick<SiteSummary, 'id' | 'org'>[]): string {
  const reports = new Map<string, string[]>();
  for (const s of summaries) reports.set(s.org, [...(reports.get(s.org) ?? []), s.id]);
  const list = byPrefecture(organisations.values()).flatMap((g) => g.organisations).map(({ id, file: _, ...data }) => ({ id, ...data, 評価書: (reports.get(id) ?? []).sort() }));
  return JSON.stringify(list, null, 2);
}

/** The report as JSON (report-json.ts gives the value). */
export const reportJsonText = (value: unknown) => JSON.stringify(value, null, 2);

/** One version as JSON: which version, then its data; a version that was not valid YAML (an early
 * draft) is said to be so, with its text, never dropped. */
export function versionJsonText(reportId: string, version: Pick<Version, 'id' | 'commit' | 'date'>, read: { data?: Record<string, unknown>; problem?: string }, text: string): string {
  // (案: the version was no report in force: no 公表日, or put to comment; version-state.ts notInForce)
  const head = { id: reportId, version: version.id, commit: version.commit, date: version.date, ...(read.data ? { 案: notInForce(read.data) } : {}) };
  const body = read.problem ? { ...head, 読めない版: read.problem, 原文: text } : { ...head, ...read.data };
  return JSON.stringify(body, null, 2);
}

/** The comparison CSV of every 事務 with at least two reports, by 事務, from the summaries. */
export function comparisonCsvs(summaries: SiteSummary[], organisations: Map<string, Organisation>): Map<string, string> {
  const out = new Map<string, string>();
  // (columns in the order of the comparison page's list and table)
  for (const [category, all] of categories(summaries)) {
    const reports = inNationalOrder(organisations, all);
    const names = reports.map((r) => `${organisationName(organisations.get(r.org), r.org)} ${r.form} ${r.number || '評価書番号の記載なし'}`);
    out.set(category, toCsv(compareParts(category, reports), names));
  }
  return out;
}
