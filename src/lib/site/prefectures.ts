// Organisations grouped by prefecture, in the order of the 全国地方公共団体コード (北海道 01 … 沖縄県 47),
// and within a prefecture by code: the order of every national list. No prefecture list is typed here;
// the groups are those the organisations name.
import type { Organisation } from '../content/content-store.ts';

export interface PrefectureGroup { name: string; code: string; organisations: Organisation[] }

export function byPrefecture(organisations: Iterable<Organisation>): PrefectureGroup[] {
  const groups = new Map<string, PrefectureGroup>();
  for (const o of organisations) {
    const name = String(o.都道府県 ?? '').trim() || '（都道府県の記載なし）';
    let g = groups.get(name);
    if (!g) groups.set(name, (g = { name, code: '99', organisations: [] }));
    g.organisations.push(o);
    const code = String(o.全国地方公共団体コード ?? '').slice(0, 2);
    if (/^\d\d$/.test(code) && code < g.code) g.code = code;
  }
  for (const g of groups.values()) g.organisations.sort((a, b) => String(a.全国地方公共団体コード).localeCompare(String(b.全国地方公共団体コード)) || a.id.localeCompare(b.id));
  return [...groups.values()].sort((a, b) => a.code.localeCompare(b.code) || a.name.localeCompare(b.name));
}

/** The id used for a prefecture's heading on the organisation list (an HTML id, any text allowed). */
export const prefectureAnchor = (name: string) => `pref-${name}`;
