// The trailers of a change set's message (Submission:, Reason:, Change-Date:, Change-Log:), read
// leniently where the meaning is certain (full-width colon and spaces, full-width digits, 和暦) and
// refused with a Japanese error where it is not (an unknown Submission value, an impossible date):
// a wrong 提出時期 or 変更日 in a published table must never come from a silent fallback. Pure.
import { isIsoDate, parseJapaneseDate } from '../form/wareki.ts';

export interface Trailers {
  submission?: '事前' | '事後';
  reason?: string;
  /** YYYY-MM-DD */
  changeDate?: string;
  changeLog?: string;
}
export interface TrailerError { key: keyof Trailers; message: string }
export interface TrailerResult { trailers: Trailers; errors: TrailerError[] }

const KEYS: Record<string, keyof Trailers> = { submission: 'submission', reason: 'reason', 'change-date': 'changeDate', 'change-log': 'changeLog' };
// 「Submission：事前」「Ｓｕｂｍｉｓｓｉｏｎ: 事前」「Change-Date : 2025-08-28」: a key, a colon, the value.
const LINE = /^[\s\u3000]*([A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ\-－]*)[\s\u3000]*[:：][\s\u3000]*(.*?)[\s\u3000]*$/;
// 和暦 written short: R7.8.28, H31/4/30 (the era's initial, as forms and Excel print it).
const SHORT_ERA: Record<string, string> = { R: '令和', H: '平成', S: '昭和' };

/**
 * Reads the trailers of the message's last paragraph (as git does). A key may repeat with the same
 * value; with different values it is an error (the table cannot have two 提出時期).
 */
export function parseTrailers(message: string): TrailerResult {
  const paragraphs = message.replace(/\r\n?/g, '\n').trim().split(/\n[\s\u3000]*\n/);
  const last = paragraphs.length > 1 ? paragraphs[paragraphs.length - 1] : '';
  const raw = new Map<keyof Trailers, string[]>();
  for (const line of last.split('\n')) {
    const m = LINE.exec(line);
    const key = m ? KEYS[m[1].normalize('NFKC').toLowerCase()] : undefined;
    if (!m || !key) continue;
    raw.set(key, [...(raw.get(key) ?? []), m[2]]);
  }
  const trailers: Trailers = {};
  const errors: TrailerError[] = [];
  const one = (key: keyof Trailers, label: string): string | undefined => {
    const values = [...new Set((raw.get(key) ?? []).filter((v) => v !== ''))];
    if (values.length > 1) errors.push({ key, message: `${label}: が ${values.length} 回、違う値で書かれています（${values.map((v) => `「${v}」`).join('、')}）。1 つにしてください` });
    return values.length === 1 ? values[0] : undefined;
  };
  const submission = one('submission', 'Submission');
  if (submission !== undefined) {
    const v = submission.normalize('NFKC').replace(/[。.]$/, '').trim();
    if (v === '事前' || v === '事後') trailers.submission = v;
    else errors.push({ key: 'submission', message: `Submission: の「${submission}」は使えません。「事前」か「事後」のどちらかを書いてください` });
  }
  const reason = one('reason', 'Reason');
  if (reason !== undefined) trailers.reason = reason;
  const date = one('changeDate', 'Change-Date');
  if (date !== undefined) {
    const parsed = readChangeDate(date);
    if ('iso' in parsed) trailers.changeDate = parsed.iso;
    else errors.push({ key: 'changeDate', message: `Change-Date: の「${date}」は${parsed.error}。2025-08-28 や 令和7年8月28日 のように年月日を書いてください` });
  }
  const changeLog = one('changeLog', 'Change-Log');
  if (changeLog !== undefined) trailers.changeLog = changeLog;
  return { trailers, errors };
}

/** A Change-Date value as YYYY-MM-DD, or why it is not one day. */
export function readChangeDate(text: string): { iso: string } | { error: string } {
  let s = text.normalize('NFKC').replace(/\s+/g, '');
  const short = /^([RHS])(元|\d{1,2})[./-](\d{1,2})[./-](\d{1,2})$/i.exec(s);
  if (short) s = `${SHORT_ERA[short[1].toUpperCase()]}${short[2]}年${short[3]}月${short[4]}日`;
  const ymd = /^(\d{4})[./](\d{1,2})[./](\d{1,2})$/.exec(s);
  if (ymd) s = `${ymd[1]}-${ymd[2]}-${ymd[3]}`;
  const loose = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (loose) {
    const iso = `${loose[1]}-${loose[2].padStart(2, '0')}-${loose[3].padStart(2, '0')}`;
    return isIsoDate(iso) ? { iso } : { error: '存在しない日付です' };
  }
  const jp = parseJapaneseDate(s);
  if (jp && isIsoDate(jp)) return { iso: jp };
  if (jp) return { error: '日がありません（変更日は年月日で書きます）' };
  // Shaped like a date but not a real one (令和7年2月30日, 2025年13月1日): say so rather than "not a date".
  if (/^(令和|平成|昭和|大正|明治)?(元|\d{1,4})年\d{1,2}月(\d{1,2}日)?$/.test(s)) return { error: /日$/.test(s) ? '存在しない日付です' : '日がありません（変更日は年月日で書きます）' };
  return { error: '日付として読めません' };
}
