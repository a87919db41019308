// The search page's filter values come in national order (filter-order.ts): a citizen looking for 北海道
// finds it first, as on every national list, not after 岡山県 and 熊本県 as their readings would put it.
import { describe, expect, it } from 'vitest';
import { orderFilterCounts, type FilterCounts } from './filter-order.ts';
import type { Organisation } from '../content/content-store.ts';
import { seeded } from '../../../tests/support/seeded.ts';

const org = (id: string, 名称: string, 都道府県: string, code: string) => ({ id, file: '', 名称, 都道府県, 全国地方公共団体コード: code }) as unknown as Organisation;

describe('the search filters in national order', () => {
  it('puts prefectures and organisations by 全国地方公共団体コード, forms as the 指針 numbers them', () => {
    const organisations = [org('kumamoto-shi', '熊本市', '熊本県', '431001'), org('sapporo-shi', '札幌市', '北海道', '011002'), org('kurashiki-shi', '倉敷市', '岡山県', '332020'), org('okayama-shi', '岡山市', '岡山県', '331007')];
    const counts: FilterCounts = {
      都道府県: { 熊本県: 2, 岡山県: 3, 北海道: 1, '（都道府県の記載なし）': 1 },
      評価実施機関: { 熊本市: 2, 倉敷市: 1, 岡山市: 2, 札幌市: 1, 不明な団体: 1 },
      様式: { 全項目評価書: 2, 基礎項目評価書: 1, 重点項目評価書: 4 },
      事務分類: { 住民基本台帳: 3, 国民年金: 2 },
    };
    expect(orderFilterCounts(counts, organisations)).toEqual({
      都道府県: [['北海道', 1], ['岡山県', 3], ['熊本県', 2], ['（都道府県の記載なし）', 1]],
      評価実施機関: [['札幌市', 1], ['岡山市', 2], ['倉敷市', 1], ['熊本市', 2], ['不明な団体', 1]],
      様式: [['基礎項目評価書', 1], ['重点項目評価書', 4], ['全項目評価書', 2]],
      事務分類: [['国民年金', 2], ['住民基本台帳', 3]],
    });
  });

  it('keeps every value with its count, known ones in code order before unknown ones in text order (seeded)', () => {
    const PREFS = ['北海道', '青森県', '東京都', '大阪府', '岡山県', '熊本県', '沖縄県'];
    for (let seed = 1; seed <= 200; seed++) {
      const r = seeded(seed);
      const organisations = Array.from({ length: 1 + r.int(12) }, (_, i) => {
        const p = r.int(PREFS.length);
        return org(`o${i}`, `団体${r.int(6)}`, PREFS[p], `${String(p + 1).padStart(2, '0')}${String(r.int(10_000)).padStart(4, '0')}`);
      });
      const names = [...new Set([...organisations.map((o) => o.名称), ...(r.next() < 0.3 ? ['知らない団体'] : [])])];
      const prefs = [...new Set([...organisations.map((o) => String(o.都道府県)), ...(r.next() < 0.3 ? ['（都道府県の記載なし）'] : [])])];
      const counts: FilterCounts = { 都道府県: Object.fromEntries(prefs.map((p) => [p, 1 + r.int(9)])), 評価実施機関: Object.fromEntries(names.map((n) => [n, 1 + r.int(9)])) };
      const ordered = orderFilterCounts(counts, organisations);
      for (const k of Object.keys(counts)) expect(Object.fromEntries(ordered[k]), `seed ${seed} ${k}`).toEqual(counts[k]);
      // a prefecture's place is its code; an organisation's, its prefecture's then its own code
      const prefCode = (p: string) => Math.min(...organisations.filter((o) => o.都道府県 === p).map((o) => Number(String(o.全国地方公共団体コード).slice(0, 2))));
      const prefKeys = ordered.都道府県.map(([p]) => prefCode(p));
      expect(prefKeys, `seed ${seed}`).toEqual([...prefKeys].sort((a, b) => a - b));
      const firstPlace = (n: string) => {
        const known = organisations.filter((o) => o.名称 === n).map((o) => [prefCode(String(o.都道府県)), String(o.全国地方公共団体コード), o.id] as const);
        return known.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]) || a[2].localeCompare(b[2]))[0];
      };
      const places = ordered.評価実施機関.map(([n]) => firstPlace(n));
      const known = places.filter(Boolean);
      expect(places.slice(0, known.length).every(Boolean), `seed ${seed}: unknown names come last`).toBe(true);
      for (let i = 1; i < known.length; i++) expect(known[i - 1]![0] < known[i]![0] || (known[i - 1]![0] === known[i]![0] && known[i - 1]![1] <= known[i]![1]), `seed ${seed} at ${i}`).toBe(true);
    }
  });
});
