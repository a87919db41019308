// What lists of reports show (home, organisation, comparison and comment pages, the feed): title,
// form, number and 公表日, read from the light head every Report keeps in memory, never from the
// whole report. Pure.
import type { Report } from '../content/content-store.ts';
import { isMarker, markerOf, type Marker } from '../form/answer-kinds.ts';
import { isIsoDate, parseJapaneseDate, toWareki } from '../form/wareki.ts';

export interface ReportHeadline {
  /** 評価書名 as printed; empty when the cover does not state it. */
  title: string;
  /** The title to show: 評価書名, or the form and number when the title is not known. */
  displayTitle: string;
  form: string;
  number: string;
  /** 公表日 stated as a date. */
  published?: { iso: string; wareki: string };
  /** 公表日 not known (原文欠落, 判読不能): the report may well be published. */
  publishedUnknown?: Marker;
  /** 公表日 marked 不確実 whose 原文 reads as a day: the transcriber's reading, which lists show as a
   * reading (never as a stated date) and date the report by, since the printed report bore a date. */
  publishedReading?: { iso: string; wareki: string };
  /** A draft: only a blank 公表日 says so. */
  draft: boolean;
}

/** The head as lists read it (site-summary.ts): the 表紙 only with what headline() reads of it
 * (評価書名, 評価書番号, 公表日; a 表紙 marked as a whole stays the marker), the rest as it is. A list
 * made from these heads changes only when one of those items does, not when the rest of the cover
 * (the 宣言, the 特記事項) is edited. */
export function listHead(head: Report['head']): Report['head'] {
  const cover = head['表紙'];
  if (!cover || typeof cover !== 'object' || isMarker(cover)) return head;
  const c = cover as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const k of ['評価書名', '評価書番号', '公表日']) if (k in c) kept[k] = c[k];
  return { ...head, 表紙: kept };
}

/** A draft: the cover states no 公表日 (a 公表日 that is not known is not a draft). */
export const isDraft = (head: Report['head']): boolean => headline({ head, form: '基礎項目評価書', number: '' }).draft;

export function headline(report: Pick<Report, 'head' | 'form' | 'number'>): ReportHeadline {
  const cover = report.head['表紙'];
  const coverData = cover && typeof cover === 'object' && !isMarker(cover) ? (cover as Record<string, unknown>) : undefined;
  const rawTitle = coverData?.['評価書名'];
  const title = typeof rawTitle === 'string' ? rawTitle : '';
  const date = coverData?.['公表日'];
  const published = typeof date === 'string' && isIsoDate(date) ? { iso: date, wareki: toWareki(date) } : undefined;
  // A cover marked as a whole, or a 公表日 marked, is not known; only a blank 公表日 means 案.
  const unknown = isMarker(cover) ? markerOf(cover) : isMarker(date) ? markerOf(date) : undefined;
  const reading = unknown?.state === '不確実' && !isMarker(cover) ? readingOf(unknown.raw) : undefined;
  return {
    title,
    displayTitle: title || `${report.form}${report.number ? ` ${report.number}` : ''}`,
    form: report.form,
    number: report.number,
    published,
    publishedUnknown: unknown,
    ...(reading ? { publishedReading: { iso: reading, wareki: toWareki(reading) } } : {}),
    draft: !published && !unknown,
  };
}

/** The day a transcriber's reading (原文) of a date names, as printed (「令和3年4月1日」) or ISO. */
function readingOf(raw: string | undefined): string | undefined {
  if (typeof raw !== 'string') return undefined;
  // (parseJapaneseDate reads 2021-04-01 too; a month alone names no day)
  const iso = parseJapaneseDate(raw);
  return iso && isIsoDate(iso) ? iso : undefined;
}
