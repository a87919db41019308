// The organisation pages' lists (listing.ts): each page lists its organisation's reports in the order of
// the summaries, and the pages together look at each summary a bounded number of times, not once per
// page (at national size, 8,000 pages × 40,000 summaries).
import { describe, expect, it } from 'vitest';
import { listing, organisationListing } from './listing.ts';
import type { SiteSummary } from './site-summary.ts';
import { seeded } from '../../../tests/support/seeded.ts';

type Listed = Pick<SiteSummary, 'id' | 'org' | 'head' | 'form' | 'number'>;
function summaries(seed: number, count?: number): Listed[] {
  const rnd = seeded(seed);
  return Array.from({ length: count ?? 1 + rnd.int(400) }, (_, i) => {
    const org = `org-${rnd.int(40)}`;
    return { id: `${org}/${i}`, org, form: '基礎項目評価書', number: String(i), head: { 表紙: { 評価書番号: i, 評価書名: `事務${i} 基礎項目評価書`, 公表日: rnd.next() < 0.8 ? '2025-04-01' : undefined }, 変更日: [] } } as Listed;
  });
}

describe('organisationListing', () => {
  it('gives each organisation the listing of its own reports, in order (seeded)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const all = summaries(seed);
      for (const org of [...new Set(all.map((s) => s.org)), 'no-such-org']) expect(organisationListing(all, org), `seed ${seed} ${org}`).toEqual(listing(all.filter((s) => s.org === org)));
    }
  });

  it('reads the summaries once for all the pages, not once per page', () => {
    const all = summaries(7, 1000);
    const orgs = [...new Set(all.map((s) => s.org))];
    let reads = 0;
    const counted = new Proxy(all, { get(target, key, receiver) { if (typeof key === 'string' && /^\d+$/.test(key)) reads++; return Reflect.get(target, key, receiver); } });
    for (const org of orgs) organisationListing(counted, org);
    expect(orgs.length).toBeGreaterThan(10);
    expect(reads).toBeLessThanOrEqual(all.length);
  });
});
