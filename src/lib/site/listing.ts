// Lists for the home and organisation pages: every report with its form, number, 公表日 and status.
import type { Content, Report } from '../content/content-store.ts';
import { summarise } from '../report/report-summary.ts';

export interface ReportListing { report: Report; title: string; form: string; number: string; published?: { iso: string; wareki: string }; status: string }

export function statusOf(report: Report): string {
  const title = String(report.head['表紙']?.['評価書名'] ?? '');
  if (/【[^】]*終了】/.test(title)) return '事務終了';
  return typeof report.head['表紙']?.['公表日'] === 'string' ? '公表中' : '案';
}

export function listing(content: Content, org?: string): ReportListing[] {
  return content.reports.filter((r) => !org || r.org === org).map((report) => {
    const s = summarise(report);
    return { report, title: s.title, form: s.form, number: s.number, published: s.published, status: statusOf(report) };
  });
}
