// Lists for the home and organisation pages: every report with its form, number, 公表日 and status,
// from the reports' summaries (site-summary.ts), never from the reports themselves. Pure.
import type { Report } from '../content/content-store.ts';
import { commentState } from './comment-period.ts';
import { headline } from '../report/report-head.ts';
import type { Marker } from '../form/answer-kinds.ts';
import type { SiteSummary } from './site-summary.ts';

/** `number` is empty when the cover states none; `publishedUnknown` when the 公表日 is not known. */
export interface ReportListing { report: Pick<Report, 'id' | 'org'>; title: string; form: string; number: string; published?: { iso: string; wareki: string }; publishedUnknown?: Marker; publishedReading?: { iso: string; wareki: string }; status: string }

/** What a list shows for a 評価書番号 the cover does not state (a draft, or a cover not known). */
export const NO_NUMBER = '記載なし';

export function statusOf(report: Pick<Report, 'head' | 'form' | 'number'>): string {
  const h = headline(report);
  const c = commentState(report);
  if (/【[^【】]*終了】/.test(h.title) || c.status === '事務終了') return '事務終了';
  // (a report put to comment is a draft, whatever 公表日 its cover keeps: the report page says so too)
  if (c.status === '意見募集中' || c.status === '意見募集予定' || c.status === '意見募集終了・確定待ち') return `${c.status}（案）`;
  // (a 公表日 read with doubt is a date the printed report bore: it was published)
  if (h.publishedUnknown && !h.publishedReading) return `不明（公表日［${h.publishedUnknown.state}］）`;
  return h.draft ? '案' : '公表中';
}

export function listing(summaries: readonly Pick<SiteSummary, 'id' | 'org' | 'head' | 'form' | 'number'>[]): ReportListing[] {
  return summaries.map((s) => {
    const h = headline(s);
    return { report: { id: s.id, org: s.org }, title: h.displayTitle, form: h.form, number: h.number, published: h.published, publishedUnknown: h.publishedUnknown, publishedReading: h.publishedReading, status: statusOf(s) };
  });
}

type Listed = Pick<SiteSummary, 'id' | 'org' | 'head' | 'form' | 'number'>;
const byOrganisation = new WeakMap<readonly Listed[], Map<string, Listed[]>>();
/**
 * listing of one organisation's reports, for a page per organisation: the summaries are grouped by organisation once
 * per list, not filtered again on every page (8,000 pages × 40,000 summaries was 45 s of the sharded
 * build's aggregate step at national size).
 */
export function organisationListing(summaries: readonly Listed[], org: string): ReportListing[] {
  let groups = byOrganisation.get(summaries);
  if (!groups) {
    groups = new Map();
    for (const s of summaries) {
      const group = groups.get(s.org);
      if (group) group.push(s); else groups.set(s.org, [s]);
    }
    byOrganisation.set(summaries, groups);
  }
  return listing(groups.get(org) ?? []);
}
