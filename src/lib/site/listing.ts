// Lists for the home and organisation pages: every report with its form, number, 公表日 and status.
import type { Content, Report } from '../content/content-store.ts';
import { headline } from '../report/report-head.ts';

export interface ReportListing { report: Report; title: string; form: string; number: string; published?: { iso: string; wareki: string }; status: string }

export function statusOf(report: Report): string {
  const h = headline(report);
  if (/【[^】]*終了】/.test(h.title)) return '事務終了';
  return h.draft ? '案' : '公表中';
}

export function listing(content: Content, org?: string): ReportListing[] {
  return content.reports.filter((r) => !org || r.org === org).map((report) => {
    const h = headline(report);
    return { report, title: h.displayTitle, form: h.form, number: h.number, published: h.published, status: statusOf(report) };
  });
}
