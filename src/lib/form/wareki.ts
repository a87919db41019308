// Japanese era (和暦) formatting and parsing. Reports print dates in 和暦; the YAML stores ISO 8601.

interface Era { name: string; start: string }
// Start dates of the modern eras (first day of each era).
const ERAS: Era[] = [
  { name: '令和', start: '2019-05-01' },
  { name: '平成', start: '1989-01-08' },
  { name: '昭和', start: '1926-12-25' },
  { name: '大正', start: '1912-07-30' },
  { name: '明治', start: '1868-01-25' },
];

/** The eras by the initial that short dates use (R7.4.25). */
export const SHORT_ERA: Record<string, string> = { R: '令和', H: '平成', S: '昭和', T: '大正', M: '明治' };

const ISO_DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** True for YYYY-MM-DD or YYYY-MM (month precision, e.g. 保有開始日 「平成27年10月」). */
export function isIsoDateOrMonth(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  if (m[3]) return isIsoDate(s);
  const mo = Number(m[2]);
  return mo >= 1 && mo <= 12;
}

/** 2025-04-25 → 令和7年4月25日; 2015-10 → 平成27年10月; 2019-05-01 → 令和元年5月1日. */
export function toWareki(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  // For month precision compare with the last day of the month, so 2019-05 is 令和.
  const probe = m[3] ? iso : `${m[1]}-${m[2]}-31`;
  const era = ERAS.find((e) => probe >= e.start);
  if (!era) return iso;
  const n = y - Number(era.start.slice(0, 4)) + 1;
  const year = n === 1 ? '元' : String(n);
  return `${era.name}${year}年${mo}月` + (m[3] ? `${Number(m[3])}日` : '');
}

export const toHalfWidthDigits = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/**
 * Reads a printed date such as 「令和7年4月25日」, 「平成２７年１２月」, 「2024年11月1日」 or 「2015/7/8」.
 * Returns YYYY-MM-DD (or YYYY-MM without a day), or null when the text is not one date.
 */
export function parseJapaneseDate(text: string): string | null {
  const read = readJapaneseDate(text);
  return read && 'iso' in read ? read.iso : null;
}

/** The date a text begins with (「平成29年4月1日予定」 → 2017-04-01, 「令和7年4月中」 → 2025-04), as
 * YYYY-MM-DD or YYYY-MM; null when it begins with none. The longest beginning that reads as one. */
export function dateWithin(text: string): string | null {
  const t = text.trim();
  for (let end = t.length; end >= 4; end--) {
    const head = t.slice(0, end);
    const iso = parseJapaneseDate(head) ?? (/^\d{4}-\d{2}(-\d{2})?$/.test(head) ? head : null);
    if (iso) return iso;
  }
  return null;
}

/** Why a date written in 和暦 or as 年月日 names no day (「令和元年4月30日」, 「昭和64年1月8日」,
 * 「令和7年2月30日」), in words for a clerk; undefined for a real date or for text that is no date. */
export function japaneseDateProblem(text: string): string | undefined {
  const read = readJapaneseDate(text);
  return read && 'problem' in read ? read.problem : undefined;
}

function readJapaneseDate(text: string): { iso: string } | { problem: string } | null {
  let s = toHalfWidthDigits(text.trim()).replace(/\s+/g, '').replace(/[－‐―]/g, '-').replace(/／/g, '/').replace(/．/g, '.');
  // 和暦 written short, as forms and spreadsheets print it: R7.4.25, H31/4/30, R7.4 (the era's initial).
  const short = /^([RHSTM])(元|\d{1,2})[./-](\d{1,2})(?:[./-](\d{1,2}))?$/i.exec(s);
  if (short) s = `${SHORT_ERA[short[1].toUpperCase()]}${short[2]}年${short[3]}月${short[4] ? `${short[4]}日` : ''}`;
  const pad = (n: number) => String(n).padStart(2, '0');
  let m = /^(令和|平成|昭和|大正|明治)(元|\d{1,2})年(\d{1,2})月(?:(\d{1,2})日)?$/.exec(s);
  if (m) {
    const at = ERAS.findIndex((e) => e.name === m![1]);
    const era = ERAS[at];
    const next = ERAS[at - 1];
    // (an era has no year 0, and no day before it began or after the next began)
    if (m[2] !== '元' && Number(m[2]) === 0) return { problem: `${era.name}0年という年はありません（最初の年は${era.name}元年です）` };
    const y = Number(era.start.slice(0, 4)) + (m[2] === '元' ? 1 : Number(m[2])) - 1;
    const iso = `${y}-${pad(Number(m[3]))}` + (m[4] ? `-${pad(Number(m[4]))}` : '');
    const written = `${era.name}${m[2]}年${Number(m[3])}月${m[4] ? `${Number(m[4])}日` : ''}`;
    const day = calendarProblem(iso, written);
    if (day) return { problem: day };
    if (iso < era.start.slice(0, iso.length)) return { problem: `「${written}」という日はありません（${era.name}は${toWareki(era.start)}からです。それより前は${ERAS[at + 1]?.name ?? '別の元号'}）` };
    if (next && iso >= next.start.slice(0, iso.length) && !(iso.length === 7 && iso === next.start.slice(0, 7))) {
      const last = new Date(Date.parse(`${next.start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      return { problem: `「${written}」という日はありません（${era.name}は${era.name}${Number(last.slice(0, 4)) - Number(era.start.slice(0, 4)) + 1}年${Number(last.slice(5, 7))}月${Number(last.slice(8))}日までで、その翌日からは${next.name}元年です）` };
    }
    return { iso };
  }
  m = /^(\d{4})(?:年|\/|-)(\d{1,2})(?:月|\/|-)?(?:(\d{1,2})日?)?$/.exec(s);
  if (m) {
    const iso = `${m[1]}-${pad(Number(m[2]))}` + (m[3] ? `-${pad(Number(m[3]))}` : '');
    const day = calendarProblem(iso, text.trim());
    return day ? { problem: day } : { iso };
  }
  return null;
}

/** A month that does not exist, or a day the month does not have, in words. */
function calendarProblem(iso: string, written: string): string | undefined {
  const [y, mo, d] = iso.split('-').map(Number);
  if (mo < 1 || mo > 12) return `「${written}」の${mo}月という月はありません`;
  if (d === undefined) return undefined;
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d < 1 || d > last ? `「${written}」という日はありません（この年の${mo}月は${last}日までです）` : undefined;
}
