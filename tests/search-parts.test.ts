// A large site's search index is written in parts (src/lib/site/search-index.ts). Here content/ is built
// with parts of two pages, so its five reports land in several bundles, and Chromium must find each
// report by a word only that report has: every part is merged.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch } from './support/browser.ts';
import { serve } from './support/static-server.ts';
import { buildSite } from './support/global-setup.ts';
import { readBundleList } from '../src/lib/site/search-index.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'search-parts-'));
const site = path.join(root, 'site');
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let output = '';
beforeAll(async () => {
  const r = buildSite('content', site, { PAGEFIND_PART_PAGES: '2', BUILD_TIMINGS: '1' });
  output = r.output;
  if (r.status !== 0) throw new Error(r.output);
  [browser, server] = await Promise.all([launch(), serve(site)]);
}, 180_000);
afterAll(async () => { await browser?.close(); await server?.close(); fs.rmSync(root, { recursive: true, force: true }); });

const bundles = () => fs.readdirSync(site).filter((d) => /^pagefind(-[0-9a-f]+)?$/.test(d)).sort();

describe('a search index in parts', () => {
  it('writes one bundle per part, lists them, and names them all on the search page', () => {
    const listed = readBundleList(site);
    expect(listed.length).toBeGreaterThan(1);
    expect([...listed].sort()).toEqual(bundles());
    expect(output).toMatch(new RegExp(`\\[timing\\] 検索索引（${listed.length} 部、`));
    const html = fs.readFileSync(path.join(site, 'search/index.html'), 'utf8');
    expect(html).toContain(`data-bundle="/${listed[0]}/" data-merge="${listed.slice(1).map((b) => `/${b}/`).join(' ')}"`);
    // no work folder is left in the site
    expect(fs.readdirSync(site).filter((d) => /\.(part|search-pages)$/.test(d))).toEqual([]);
  });

  it.each([
    ['川崎市', 'kawasaki-shi/16'],
    ['倉敷市', 'kurashiki-shi/11'],
    ['松阪市', 'matsusaka-shi/8'],
    ['住民基本台帳ネットワークシステム', 'kumamoto-shi/1'],
    ['熊本市 国民年金', 'kumamoto-shi/13'],
  ])('finds 「%s」 in whichever part holds %s, and only reports that have every word', async (query, report) => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/search/?q=${encodeURIComponent(query)}`);
    await page.locator('#search-status', { hasText: '件' }).waitFor({ timeout: 20_000 });
    await page.locator('.search-result-link').first().waitFor({ timeout: 20_000 });
    const hrefs = await page.locator('.search-result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.some((h) => h.startsWith(`/reports/${report}/`)), hrefs.join(' ')).toBe(true);
    // every report listed has every word of the query in its page (Pagefind alone would also list, from
    // a part that lacks one of the words, reports that have only the others)
    for (const href of hrefs) {
      const html = fs.readFileSync(path.join(site, href.replace(/#.*$/, ''), 'index.html'), 'utf8');
      for (const word of query.split(' ')) expect(html.includes(word), `${href} has 「${word}」`).toBe(true);
    }
    await page.close();
  });

  it('finds nothing when one word of the query occurs in no report', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/search/?q=${encodeURIComponent('倉敷市 ペンギン')}`);
    await expect.poll(() => page.locator('#search-status').textContent(), { timeout: 20_000 }).toContain('見つかりませんでした');
    expect(await page.locator('.search-result').count()).toBe(0);
    await page.close();
  });
});
