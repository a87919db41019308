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
  let s = toHalfWidthDigits(text.trim()).replace(/\s+/g, '').replace(/[－‐―]/g, '-').replace(/／/g, '/').replace(/．/g, '.');
  // 和暦 written short, as forms and spreadsheets print it: R7.4.25, H31/4/30, R7.4 (the era's initial).
  const short = /^([RHSTM])(元|\d{1,2})[./-](\d{1,2})(?:[./-](\d{1,2}))?$/i.exec(s);
  if (short) s = `${SHORT_ERA[short[1].toUpperCase()]}${short[2]}年${short[3]}月${short[4] ? `${short[4]}日` : ''}`;
  const pad = (n: number) => String(n).padStart(2, '0');
  let m = /^(令和|平成|昭和|大正|明治)(元|\d{1,2})年(\d{1,2})月(?:(\d{1,2})日)?$/.exec(s);
  if (m) {
    const era = ERAS.find((e) => e.name === m![1])!;
    // (an era has no year 0, and no day before it began: 令和0年5月1日 or 令和元年4月30日 names no day)
    if (m[2] !== '元' && Number(m[2]) === 0) return null;
    const y = Number(era.start.slice(0, 4)) + (m[2] === '元' ? 1 : Number(m[2])) - 1;
    const iso = `${y}-${pad(Number(m[3]))}` + (m[4] ? `-${pad(Number(m[4]))}` : '');
    return isIsoDateOrMonth(iso) && iso >= era.start.slice(0, iso.length) ? iso : null;
  }
  m = /^(\d{4})(?:年|\/|-)(\d{1,2})(?:月|\/|-)?(?:(\d{1,2})日?)?$/.exec(s);
  if (m) {
    const iso = `${m[1]}-${pad(Number(m[2]))}` + (m[3] ? `-${pad(Number(m[3]))}` : '');
    return isIsoDateOrMonth(iso) ? iso : null;
  }
  return null;
}
