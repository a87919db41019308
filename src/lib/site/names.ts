// How the site names things it links to. Pure.
import type { Organisation } from '../content/content-store.ts';

/** An organisation's name as pages print it: its official 名称, or its id when the file is missing. */
export const organisationName = (organisation: Pick<Organisation, '名称'> | undefined, id: string): string => organisation?.名称 ?? id;

/** The body an organisation belongs to, with its prefecture (「熊本県 熊本市」), named once where the body is
 * the prefecture itself (「熊本県」, not 「熊本県 熊本県」); '' when its file says neither. */
export const bodyName = (organisation: Pick<Organisation, '都道府県' | '団体名'>): string =>
  [...new Set([organisation.都道府県, organisation.団体名].map((s) => (typeof s === 'string' ? s.trim() : '')).filter(Boolean))].join(' ');

/** A report's number as pages print it: 「評価書番号 12」, or that it states none (a draft not numbered yet). */
export const numberText = (number: string): string => (number ? `評価書番号 ${number}` : '評価書番号の記載なし');

/** The column names of a comparison: an organisation and its form (「熊本市（全項目）」), the 評価書番号
 * too where one organisation has two reports of one form, and where even that repeats (two drafts not
 * numbered yet) the 評価書名, else the file: two columns never read alike. */
export function columnNames(columns: { id: string; org: string; organisation: string; form: string; number: string; title: string }[]): string[] {
  const form = (c: (typeof columns)[number]) => c.form.replace('評価書', '');
  const numbered = (c: (typeof columns)[number]) => `${form(c)}・${numberText(c.number)}`;
  const count = <T>(keys: T[]) => { const m = new Map<T, number>(); for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1); return m; };
  const byForm = count(columns.map((c) => `${c.org}\u0000${c.form}`));
  const byNumber = count(columns.map((c) => `${c.org}\u0000${c.form}\u0000${c.number}`));
  const byTitle = count(columns.map((c) => `${c.org}\u0000${c.form}\u0000${c.number}\u0000${c.title}`));
  return columns.map((c) => {
    if (byForm.get(`${c.org}\u0000${c.form}`)! === 1) return `${c.organisation}（${form(c)}）`;
    if (byNumber.get(`${c.org}\u0000${c.form}\u0000${c.number}`)! === 1) return `${c.organisation}（${numbered(c)}）`;
    const own = c.title && byTitle.get(`${c.org}\u0000${c.form}\u0000${c.number}\u0000${c.title}`)! === 1 ? `「${c.title}」` : c.id.slice(c.id.indexOf('/') + 1);
    return `${c.organisation}（${numbered(c)}・${own}）`;
  });
}
