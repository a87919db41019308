// The summary of one report that every global page is built from (home, organisation list and pages,
// comparisons by 事務 and prefecture, their CSVs, the feed, the comments page): its identity, the light
// head lists read (表紙, 事務分類, 様式版, 公開状態, 変更日), the summary card's facts and its part of every
// comparison table. Of the 表紙 it keeps only what lists read (report-head.ts listHead): the global
// pages are made from the summaries alone, and an incremental build renders them again only when a
// summary changed (scripts/build.ts). Plain data (JSON): computed once per report, kept in a cache
// keyed by the digest of the report file and the code that reads it, and written beside a build
// (summary-files.ts) so that a step that builds global pages never reads a report. Pure, except summaryOf, which reads the report.
import { Report, type ReportHead } from '../content/content-store.ts';
import type { FormName } from '../form/form-schema.ts';
import { comparisonOf, type ReportComparison } from '../report/comparison.ts';
import { summarise, type Summary } from '../report/report-summary.ts';
import { listHead } from '../report/report-head.ts';

/** The version of the summary format; readers refuse any other. */
export const SUMMARY_FORMAT = 2;

export interface SiteSummary {
  /** As Report: "<機関ID>/<file name>", the organisation, 評価書番号 as printed ('' when none), 様式. */
  id: string;
  org: string;
  number: string;
  form: FormName;
  /** The report file as content-store names it (relative to the working folder). */
  file: string;
  /** Digest of the file's bytes and of the code and schemas that read them (the cache key). */
  digest: string;
  head: ReportHead;
  card: Summary;
  comparison: ReportComparison;
}

/** The summary of a report (reads its data once: tree, summary card and comparison cells). Identity
 * and head come from that data too, not from the report as it was listed (a record an incremental build
 * took earlier, content-store.ts): a summary is cached by the digest of the bytes, so all of it must be
 * made of the same bytes even when the file changed during the build. */
export function summaryOf(report: Report, digest: string): SiteSummary {
  const read = new Report(report.file, report.data as unknown as Record<string, unknown>);
  return { id: read.id, org: read.org, number: read.number, form: read.form, file: read.file, digest, head: listHead(read.head), card: summarise(read), comparison: comparisonOf(read) };
}

/** The order of every list of all reports (the order content-store gives): organisation, then
 * 評価書番号 in numeric order, then file. */
export function byReportOrder(a: Pick<SiteSummary, 'org' | 'number' | 'file'>, b: Pick<SiteSummary, 'org' | 'number' | 'file'>): number {
  return a.org.localeCompare(b.org) || a.number.localeCompare(b.number, 'en', { numeric: true }) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
}
