// How the site names things it links to. Pure.
import type { Organisation } from '../content/content-store.ts';

/** An organisation's name as pages print it: its official 名称, or its id when the file is missing. */
export const organisationName = (organisation: Pick<Organisation, '名称'> | undefined, id: string): string => organisation?.名称 ?? id;

/** The column names of a comparison: an organisation and its form (「熊本市（全項目）」), and the
 * 評価書番号 too where one organisation has two reports of one form, which would otherwise read alike. */
export function columnNames(columns: { org: string; organisation: string; form: string; number: string }[]): string[] {
  const short = (c: (typeof columns)[number]) => `${c.organisation}（${c.form.replace('評価書', '')}）`;
  const seen = new Map<string, number>();
  for (const c of columns) seen.set(`${c.org}\u0000${c.form}`, (seen.get(`${c.org}\u0000${c.form}`) ?? 0) + 1);
  return columns.map((c) => (seen.get(`${c.org}\u0000${c.form}`)! > 1 ? `${c.organisation}（${c.form.replace('評価書', '')}・${c.number ? `評価書番号 ${c.number}` : '評価書番号の記載なし'}）` : short(c)));
}
