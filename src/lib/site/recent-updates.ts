// 「最近更新された評価書」: what a reader can trust as a date. A report counts as updated on its 公表日
// (from the report), on the 変更日 of a row of its published 変更箇所, and on the 変更日 of the rows
// generated from git history (which never come from import commits, see changes/history-imports.ts).
// The date a file was last committed is never used: importing a transcription is not a change.
import type { GeneratedRow } from '../changes/change-rows.ts';
import { isIsoDate } from '../form/wareki.ts';

export interface UpdateSource {
  id: string;
  /** 表紙.公表日 when it is an ISO date, or the transcriber's reading of it (publishedUncertain). */
  published?: string;
  publishedUncertain?: boolean;
  /** The file holds a draft put to comment (version-state.ts notInForce): a 公表日 on its cover is the
   * report in force's, not this draft's; its comment period, if any, starts on `commentStart`. */
  proposal?: boolean;
  commentStart?: string;
  /** 変更日 of the rows of the published 変更箇所 (anything that is not an ISO date is ignored). */
  changeDates: unknown[];
  generated: GeneratedRow[];
}

export interface RecentUpdate { id: string; date: string; kind: '公表' | '変更' | '意見募集'; items: number; /** the 公表日 is a reading marked 不確実 */ uncertain?: boolean }

/** The newest dated event of every report, newest first, at most `limit`. */
export function recentUpdates(sources: UpdateSource[], limit: number, on?: string): RecentUpdate[] {
  const out: RecentUpdate[] = [];
  for (const s of sources) {
    const events: RecentUpdate[] = [];
    // (a period that starts after the build's day has not happened: it is no recent update)
    if (s.proposal && s.commentStart && isIsoDate(s.commentStart) && (!on || s.commentStart <= on)) events.push({ id: s.id, date: s.commentStart, kind: '意見募集', items: 0 });
    if (!s.proposal && s.published && isIsoDate(s.published)) events.push({ id: s.id, date: s.published, kind: '公表', items: 0, ...(s.publishedUncertain ? { uncertain: true } : {}) });
    const changes = new Map<string, number>();
    for (const d of s.changeDates) if (typeof d === 'string' && isIsoDate(d)) changes.set(d, (changes.get(d) ?? 0) + 1);
    for (const r of s.generated) if (r.変更日 && isIsoDate(r.変更日)) changes.set(r.変更日, (changes.get(r.変更日) ?? 0) + 1);
    for (const [date, items] of changes) events.push({ id: s.id, date, kind: '変更', items });
    // On one day a change outranks the 公表 it may have come with: it says more.
    events.sort((a, b) => b.date.localeCompare(a.date) || (a.kind === '変更' ? -1 : 1));
    if (events[0]) out.push(events[0]);
  }
  return out.sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id)).slice(0, limit);
}
