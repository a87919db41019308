// The search page's filter values in the order of every national list, not in the order of their
// readings: 都道府県 and 評価実施機関 by 全国地方公共団体コード (北海道 … 沖縄県), 様式 as the 指針 numbers
// them (様式2 基礎, 様式3 重点, 様式4 全項目), any other filter by its text. Pure.
import type { Organisation } from '../content/content-store.ts';
import { FORM_NAMES } from '../form/form-schema.ts';
import { organisationName } from './names.ts';
import { byPrefecture } from './prefectures.ts';

export type FilterCounts = Record<string, Record<string, number>>;
/** Each filter's values with their counts, in order. (A list, not an object: an object would put
 * values that read as integers, 「13」, before the others.) */
export type OrderedFilterCounts = Record<string, [string, number][]>;

export function orderFilterCounts(counts: FilterCounts, organisations: Iterable<Organisation>): OrderedFilterCounts {
  const groups = byPrefecture(organisations);
  const ranks: Record<string, Map<string, number>> = {
    都道府県: rankOf(groups.map((g) => g.name)),
    評価実施機関: rankOf(groups.flatMap((g) => g.organisations.map((o) => organisationName(o, o.id)))),
    様式: rankOf(FORM_NAMES),
  };
  const out: OrderedFilterCounts = Object.create(null);
  for (const [filter, values] of Object.entries(counts)) {
    const rank = ranks[filter] ?? new Map<string, number>();
    // (a value no list knows, 「（都道府県の記載なし）」 or a name that is no organisation's, comes after those it knows)
    const at = (v: string) => rank.get(v) ?? Infinity;
    out[filter] = Object.entries(values).sort(([a], [b]) => (at(a) === at(b) ? a.localeCompare(b, 'ja') : at(a) < at(b) ? -1 : 1));
  }
  return out;
}

/** Each text's first place in a list. */
function rankOf(list: readonly string[]): Map<string, number> {
  const rank = new Map<string, number>();
  list.forEach((v, i) => { if (!rank.has(v)) rank.set(v, i); });
  return rank;
}
