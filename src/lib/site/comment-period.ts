// Where a report stands in its public-comment (意見聴取) cycle on a given day, from its 公開状態 and
// 表紙. The declared state can go stale (a period ends while the YAML still says 意見募集中), so dates win.
import type { Report } from '../content/content-store.ts';
import { toWareki } from '../form/wareki.ts';
import { isDraft } from '../report/report-head.ts';
import { mailtoLink, webUrl } from '../content/value-rules.ts';

export type Status = '公表中' | '意見募集中' | '意見募集終了・確定待ち' | '事務終了' | '案' | '意見募集予定';
export interface Period { start: string; end: string; startWareki: string; endWareki: string }
export interface Route { method?: string; url?: string; mail?: string; address?: string; contact?: string }
export interface CommentState { status: Status; period?: Period; open: boolean; daysLeft?: number; route?: Route; endedOn?: string }

/** Today in Japan (YYYY-MM-DD); SITE_TODAY fixes it for reproducible builds and tests. */
export function today(): string {
  if (process.env.SITE_TODAY) return process.env.SITE_TODAY;
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
}

const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export function commentState(report: Pick<Report, 'head'>, on = today()): CommentState {
  const s = report.head['公開状態'] as { 状態?: Status; 事務終了日?: string; 意見募集?: Record<string, string> } | undefined;
  const p = s?.['意見募集'];
  const period = p ? { start: p['開始日'], end: p['終了日'], startWareki: toWareki(p['開始日']), endWareki: toWareki(p['終了日']) } : undefined;
  const route = p ? { method: p['提出方法'], url: p['提出先URL'], mail: p['提出先メール'], address: p['提出先住所'], contact: p['問合せ先'] } : undefined;
  const declared = s?.['状態'];
  if (declared === '事務終了') return { status: '事務終了', period, open: false, route, endedOn: s?.['事務終了日'] };
  if (period && on >= period.start && on <= period.end && declared !== '公表中') {
    return { status: '意見募集中', period, open: true, daysLeft: days(on, period.end), route };
  }
  if (period && on < period.start && declared !== '公表中') return { status: '意見募集予定', period, open: false, route };
  if (period && on > period.end && (declared === '意見募集中' || declared === '意見募集終了・確定待ち')) return { status: '意見募集終了・確定待ち', period, open: false, route };
  return { status: declared ?? (isDraft(report.head) ? '案' : '公表中'), period, open: false, route };
}

/** The states in which the report a page shows is a proposal put (or about to be put) to comment: its
 * page, search and lists say 案, and it is compared with the report in force (新旧対照). */
const PROPOSAL: ReadonlySet<Status> = new Set(['意見募集予定', '意見募集中', '意見募集終了・確定待ち']);
export const isProposal = (state: Pick<CommentState, 'status'>): boolean => PROPOSAL.has(state.status);
/** Whether the report a page shows is not the one in force: a proposal, or a draft that states no 公表日
 * (a revision of a 重点項目 or 基礎項目 評価書 is seldom put to comment). The report in force, when git has
 * it, then has a page of its own (report-routes.ts inForceRoutes). */
export const showsDraft = (state: Pick<CommentState, 'status'>): boolean => isProposal(state) || state.status === '案';

/** The days left as the built page says them (the browser's script says the same from its own clock). */
export const daysLeftText = (daysLeft: number | undefined): string => (daysLeft === 0 ? '本日締切' : `締切まであと${daysLeft}日`);

/** Whether a route names a way to send an opinion (a method, a form, an address to write or mail to). */
export const hasRoute = (route: Route | undefined): boolean => !!(route && (route.method || route.url || route.mail || route.address));

/** The item a comment is about, as its link names it: its whole number and label, and the entries it is
 * in by name (numbers of entries change between the report in force and a draft). */
export const commentItemLabel = (itemLabel: string, within: readonly string[]): string => (within.length ? `${itemLabel}（${within.join('、')}）` : itemLabel);

/** The link behind 「この項目について意見を書く」: the report and item prefilled in the submission route. */
export function commentLink(route: Route | undefined, reportTitle: string, reportUrl: string, itemLabel: string, anchor: string): string | undefined {
  if (!route) return undefined;
  const subject = `【意見】${reportTitle} ${itemLabel}`;
  // The validator's own rules (value-rules.ts): a value they refuse never becomes a link.
  const u = route.url ? webUrl(route.url) : undefined;
  if (u) {
    u.searchParams.set('report', reportUrl);
    u.searchParams.set('item', anchor);
    u.searchParams.set('subject', subject);
    return u.toString();
  }
  if (route.mail) {
    const body = `評価書: ${reportTitle}\n項目: ${itemLabel}\nリンク: ${reportUrl}#${encodeURIComponent(anchor)}\n\nご意見:\n`;
    return mailtoLink(route.mail, { subject, body });
  }
  return undefined;
}
