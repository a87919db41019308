// Dependency keys: one digest of everything a set of pages is made from. A report's key covers its
// pages and downloads below /reports/<id>/; the global key covers the global pages (src/global-pages/:
// home, organisations, comparisons, comments, feed, guides, 404) and the comparison CSVs. Two builds
// that give pages the same key write the same bytes for them (apart from the print stamp's date), so
// the later build can hard-link the earlier one's files. Pure.
import crypto from 'node:crypto';
import type { SiteSummary } from '../site/site-summary.ts';

/** Inputs shared by every report page. */
export interface SiteInputs {
  /** Digest of the code and schemas (build-inputs.ts codeVersion). */
  code: string;
  siteUrl: string;
  basePath: string;
  /** Digest of every content file that is neither a report nor an organisation (glossary, guides,
   * notices, history imports): report pages link the glossary and show their notice. */
  shared: string;
  /** The content folder (absolute) and the settings pages read from the environment (GLOSSARY_LINKS). */
  contentDir: string;
  glossaryLinks: string;
}

export interface ReportInputs {
  id: string;
  /** Digest of the report file's bytes. */
  file: string;
  /** Digest of its notice (<name>.notice.md beside the report file), or '' when there is none. */
  notice: string;
  /** Digest of its organisation's file (name, 都道府県 in the page), or '' when there is none. */
  organisation: string;
  /** The commits that touched the file, renames followed (versions, 変更箇所, 新旧対照 come from them). */
  commits: string[];
  /** The comment-period state on the build's day (SITE_TODAY or today in Japan), as JSON. */
  dateState: string;
}

export function reportKey(site: SiteInputs, report: ReportInputs): string {
  return crypto.createHash('sha256').update(JSON.stringify([1, site, report])).digest('hex');
}

/** What a report's summary (site-summary.ts) shows, as one digest: the summary without its `digest`
 * (of the file's bytes, a cache key), so that an edit no summary shows keeps the same key. */
export function summaryKey(s: SiteSummary): string {
  return crypto.createHash('sha256').update(JSON.stringify({ ...s, digest: undefined })).digest('hex');
}

/** Inputs of the global pages besides those every page has. They are made from the reports' summaries
 * (site-summary.ts: head, summary card, comparison cells), not from the reports: an edit that no summary
 * shows (most free text) leaves them as they were. Besides: the 変更箇所 made from git (the home page's
 * recent changes), every organisation (its file and notice, with or without reports), the reports
 * guides embed, and the build's day (what is open for comment, what is new). A report's own notice is
 * not one: only its page shows it (and a guide that embeds the report has the report's whole key). */
export interface GlobalInputs {
  /** Every published report's summaryKey, by id. */
  summaries: Map<string, string>;
  /** The commits that touched each published report's file, by id. */
  commits: Map<string, string[]>;
  /** The key of each report a guide embeds (an item of it: its whole data, not only its summary), by id. */
  embedded: Map<string, string>;
  /** Digest of each report file not published (an untouched scaffold), by path below the content. */
  unfilled: Map<string, string>;
  /** Digest of the organisations folder. */
  organisations: string;
  /** The build's day (SITE_TODAY or today in Japan). */
  today: string;
}

const byKey = <T>(entries: Iterable<[string, T]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export function globalKey(site: SiteInputs, g: GlobalInputs): string {
  const hash = crypto.createHash('sha256').update(JSON.stringify([2, 'global', site, g.organisations, g.today, byKey(g.unfilled), byKey(g.embedded)]));
  for (const [id, summary] of byKey(g.summaries)) hash.update('\0').update(JSON.stringify([id, summary, g.commits.get(id) ?? []]));
  return hash.digest('hex');
}
