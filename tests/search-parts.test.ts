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
import { fragmentIds, readBundleList, setSearchPageBundles } from '../src/lib/site/search-index.ts';
import { pagefindFile, readPagefindFile, sharedPageIds } from '../src/lib/site/pagefind-bundle.ts';

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

  // Pagefind's page ids are 7 hex digits, unique within one bundle only: at a national size (40,000
  // pages) a few pairs of pages in different bundles share one. A two-word search keeps a result only if
  // each word alone finds it; compared by id, a page with the first word could pass because another
  // page of the same id has the second. Here one report's id is given to a report of another bundle.
  it('does not take a page of another bundle with the same id for the page found (data-shared)', async () => {
    const copy = path.join(root, 'clash');
    // (a copy of every file: the site is a link to the published build, whose files are links into the
    // build's caches, which must not be written through)
    fs.cpSync(fs.realpathSync(site), copy, { recursive: true, dereference: true });
    const listed = readBundleList(copy);
    const idsOf = new Map(listed.map((b) => [b, fragmentIds(path.join(copy, b))]));
    const bundleOf = (url: string) => listed.find((b) => idsOf.get(b)!.has(url));
    const pageText = (url: string) => fs.readFileSync(path.join(copy, url, 'index.html'), 'utf8');
    // Two reports of different bundles, each with a word that no page of the other's bundle has.
    const candidates = [['川崎市', '/reports/kawasaki-shi/16/'], ['倉敷市', '/reports/kurashiki-shi/11/'], ['松阪市', '/reports/matsusaka-shi/8/'], ['熊本市', '/reports/kumamoto-shi/13/'], ['熊本市', '/reports/kumamoto-shi/1/']];
    const pair = candidates.flatMap((x) => candidates.map((y) => [x, y])).find(([[wx, x], [wy, y]]) => x !== y && bundleOf(x) !== bundleOf(y)
      && ![...idsOf.get(bundleOf(x)!)!.keys()].some((u) => pageText(u).includes(wy)) && !pageText(y).includes(wx));
    expect(pair, 'two reports in different bundles with words of their own').toBeDefined();
    const [[wx, x], [wy, y]] = pair!;
    // The page of y takes x's id: its fragment file and its entry in its bundle's page list.
    const [bx, by] = [bundleOf(x)!, bundleOf(y)!];
    const [idX, idY] = [idsOf.get(bx)!.get(x)!, idsOf.get(by)!.get(y)!];
    fs.renameSync(path.join(copy, by, 'fragment', `${idY}.pf_fragment`), path.join(copy, by, 'fragment', `${idX}.pf_fragment`));
    const entry = JSON.parse(fs.readFileSync(path.join(copy, by, 'pagefind-entry.json'), 'utf8'));
    const metaFile = path.join(copy, by, `pagefind.${(Object.values(entry.languages)[0] as { hash: string }).hash}.pf_meta`);
    const meta = readPagefindFile(metaFile) as [string, [string, ...unknown[]][], ...unknown[]];
    meta[1].find((p) => p[0] === idY)![0] = idX;
    fs.writeFileSync(metaFile, pagefindFile(meta));
    expect(sharedPageIds(copy, listed)).toEqual([idX]);

    const searchPage = path.join(copy, 'search', 'index.html');
    const published = fs.readFileSync(searchPage, 'utf8');
    const filters = /data-filter-list="\/([^"]*)"/.exec(published)?.[1];
    // (the page as Astro wrote it, before the build named the bundles)
    const built = published.replace(/data-bundle="[^"]*"(?: data-(?:merge|filter-list|hidden|shared)="[^"]*")*/, 'data-bundle="/pagefind/"');
    const found = async (html: string) => {
      fs.writeFileSync(searchPage, html);
      const clashServer = await serve(copy);
      const page = await browser.newPage();
      try {
        await page.goto(`${clashServer.origin}/search/?q=${encodeURIComponent(`${wx} ${wy}`)}`);
        await expect.poll(async () => (await page.locator('.search-result-link').count()) > 0 || /見つかりませんでした/.test(await page.locator('#search-status').textContent() ?? ''), { timeout: 20_000 }).toBe(true);
        return await page.locator('.search-result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      } finally { await page.close(); await clashServer.close(); }
    };
    // Without the ids that several bundles hold, the report with only the first word is listed…
    expect((await found(setSearchPageBundles(built, listed, filters, []))).some((h) => h.startsWith(x))).toBe(true);
    // …with them (as the build writes the page), no report has both words.
    expect(await found(setSearchPageBundles(built, listed, filters, [], sharedPageIds(copy, listed)))).toEqual([]);
  }, 60_000);
});
