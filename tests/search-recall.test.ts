// Search over generated pages in Chromium, through the real indexer (src/lib/site/search-index.ts,
// real Pagefind) and the real public/search.js: every page that contains a term is found, whatever
// words surround the term; a query word that some parts of the index never saw still counts; filters
// and item numbers work across parts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch } from './support/browser.ts';
import { serve } from './support/static-server.ts';
import { SearchIndexer, setSearchPageBundles } from '../src/lib/site/search-index.ts';
import { writeFilterCounts } from '../src/lib/site/pagefind-bundle.ts';
import { orderFilterCounts } from '../src/lib/site/filter-order.ts';
import type { Organisation } from '../src/lib/content/content-store.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'search-recall-'));
const site = path.join(root, 'site');
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let bundles: string[] = [];

// A seeded generator (the same pages on every run).
let seed = 20231;
const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
const pick = <T,>(a: T[]) => a[Math.floor(random() * a.length)];
const BEFORE = ['本市は', '当該事務において', '住民基本台帳の', '、', '。', '令和6年度から', 'システムを', '委託先の', '（', '「', 'なお', '及び', '国の', '標準準拠システムは', 'データを'];
const AFTER = ['を利用する。', 'へ移行する', 'の', '上で', '環境において', 'に', '）', '」', '、', 'で運用し', 'を活用', '事業者', '。', 'への'];
const FILLER = ['特定個人情報ファイルを取り扱う', '評価実施機関は', '番号法に基づき', '職員が端末を操作する', '記録を保存する', '申請書を受け付ける'];
const PREFECTURES = ['岡山県', '熊本県', '北海道'];
// (national order, by 全国地方公共団体コード: not the order of their readings, おかやま くまもと ほっかいどう)
const PREFECTURE_CODES: Record<string, string> = { 北海道: '01', 岡山県: '33', 熊本県: '43' };
const TERMS = ['ガバメントクラウド', '住民基本台帳ネットワークシステム', '中間サーバー・プラットフォーム'];
const N = 90;
const pages = Array.from({ length: N }, (_, i) => ({
  url: `/reports/org-${i}/1/`,
  prefecture: pick(PREFECTURES),
  // about one page in six has the rare word, so some parts of the index never see it
  rare: random() < 1 / 6,
  // (long runs of repeated words before a term: the index is given only a word's first occurrences,
  // so the term's place among the words given is far from its place in the text)
  text: TERMS.map((t) => `${Array.from({ length: Math.floor(random() * 40) }, () => pick(FILLER)).join('')}${pick(BEFORE)}${t}${pick(AFTER)}${pick(FILLER)}`),
}));

// Each page's organisation, its code in its prefecture numbered from the last page (so that neither the
// pages' order nor the names' text is the national order).
const organisations = pages.map((p, i) => ({ id: `org-${i}`, file: '', 名称: `団体${i}`, 都道府県: p.prefecture, 全国地方公共団体コード: `${PREFECTURE_CODES[p.prefecture]}${String(9000 - i).padStart(4, '0')}` }) as unknown as Organisation);
const inNationalOrder = (list: typeof organisations) => list.slice().sort((a, b) => String(a.全国地方公共団体コード).localeCompare(String(b.全国地方公共団体コード)));

const reportPage = (p: (typeof pages)[number], i: number) => `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>評価書 ${i}</title></head><body>
<main data-pagefind-body><div class="print-stamp" data-pagefind-ignore>印刷日: ${new Date().toISOString()}</div>
<article><p><span data-pagefind-filter="都道府県">${p.prefecture}</span> <span data-pagefind-meta="organisation" data-pagefind-filter="評価実施機関">団体${i}</span>（<span data-pagefind-meta="form" data-pagefind-filter="様式">全項目評価書</span>）</p>
<h1 data-pagefind-meta="title">事務${i}</h1>${i % 7 === 3 ? '<span data-pagefind-meta="status:案"></span>' : ''}
<p>ZW: a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf RTL: 左\u202Egnp.exe\u202C ${'W'.repeat(10_000)} &lt;a href="javascript:1"&gt;ここを押す&lt;/a&gt;</p>
${p.text.map((t, k) => `<section><h2 id="Ⅱ(1)-3-${'①②③'[k]}">項目${k}</h2><p>${t}${p.rare && k === 1 ? '倉敷市に委託する。' : ''}</p></section>`).join('\n')}
</article></main></body></html>
`;

beforeAll(async () => {
  for (const [i, p] of pages.entries()) {
    fs.mkdirSync(path.join(site, p.url), { recursive: true });
    fs.writeFileSync(path.join(site, p.url, 'index.html'), reportPage(p, i));
  }
  const indexer = new SearchIndexer({ site, pagefind: path.resolve('node_modules/.bin/pagefind'), env: process.env, args: [], partPages: 40, jobs: 2 });
  ({ bundles } = await indexer.finish());
  // The search page of the site, naming the bundles as the build does.
  const searchPage = fs.readFileSync(path.resolve('src/pages/search/index.astro'), 'utf8');
  const form = /<form[\s\S]*?<\/form>/.exec(searchPage)![0].replace(/\{url\('search\/'\)\}/, '"/search/"').replace(/action=\{[^}]*\}/, 'action="/search/"');
  const html = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>検索</title></head><body>${form}
<div id="search" data-bundle="/pagefind/"><p id="search-status" role="status"></p><ol id="search-results"></ol><button id="search-more" type="button" hidden>さらに表示</button></div>
<script src="/search.js"></script></body></html>`;
  fs.mkdirSync(path.join(site, 'search'), { recursive: true });
  fs.writeFileSync(path.join(site, 'search/index.html'), setSearchPageBundles(html, bundles, writeFilterCounts(site, bundles, [], (counts) => orderFilterCounts(counts, organisations))));
  // the same page without the file of filter counts (a site built before it): the filters come from Pagefind
  fs.mkdirSync(path.join(site, 'search-old'), { recursive: true });
  fs.writeFileSync(path.join(site, 'search-old/index.html'), setSearchPageBundles(html, bundles));
  fs.copyFileSync(path.resolve('public/search.js'), path.join(site, 'search.js'));
  [browser, server] = await Promise.all([launch(), serve(site)]);
}, 180_000);
afterAll(async () => { await browser?.close(); await server?.close(); fs.rmSync(root, { recursive: true, force: true }); });

/** The number of reports the search page says it found, and the links of every result. */
async function search(query: string, at = 'search'): Promise<{ count: number; hrefs: string[]; page: Page; fetched: string[] }> {
  const page = await browser.newPage();
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(`${server.origin}/${at}/?${query}`);
  await expect.poll(() => page.locator('#search-status').textContent(), { timeout: 20_000 }).toMatch(/件|見つかりませんでした/);
  const status = (await page.locator('#search-status').textContent())!;
  const count = Number(/(\d+) 件/.exec(status)?.[1] ?? 0);
  // every result, pressing 「さらに表示」 while it is offered
  await expect.poll(async () => {
    const more = page.locator('#search-more');
    if (await more.isVisible()) await more.click({ timeout: 1000 }).catch(() => {});
    return page.locator('.search-result').count();
  }, { timeout: 30_000 }).toBe(count);
  const hrefs = await page.locator('.search-result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  return { count, hrefs, page, fetched };
}

describe('search over generated pages, in parts', () => {
  it('「さらに表示」 pressed with the keyboard adds results and goes on at the first one added', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/search/?q=${encodeURIComponent(TERMS[0])}`);
    await page.locator('.search-result').nth(9).waitFor({ timeout: 20_000 });
    await page.locator('#search-more').focus();
    await page.keyboard.press('Enter');
    await page.locator('.search-result').nth(10).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.evaluate(() => document.activeElement === document.querySelectorAll('.search-result')[10].querySelector('a'))).toBe(true);
    // (and the next Tab goes on through the results, not from the page's footer)
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('#search-results'))).toBe(true);
    await page.close();
  });

  it('indexes the pages in several parts', () => {
    expect(bundles.length).toBeGreaterThan(1);
  });

  it.each(TERMS)('finds every page that contains 「%s」', async (term) => {
    const { count, hrefs, page } = await search(`q=${encodeURIComponent(term)}`);
    expect(count).toBe(N);
    expect(new Set(hrefs.map((h) => h.replace(/#.*$/, '')))).toEqual(new Set(pages.map((p) => p.url)));
    // metadata and filter values read as written (they are not segmented)
    const i = pages.findIndex((p) => p.url === hrefs[0]);
    expect(await page.locator('.search-result-meta').first().textContent()).toBe(`団体${i}・全項目評価書${i % 7 === 3 ? '（案）' : ''}`);
    // (every result on the page: a draft says so, no other does)
    const metas = await page.locator('.search-result').evaluateAll((items) => items.map((li) => [li.querySelector('.search-result-link')!.getAttribute('href')!, li.querySelector('.search-result-meta')!.textContent!]));
    for (const [href, who] of metas) { const k = pages.findIndex((p) => p.url === href.replace(/#.*$/, '')); expect(who, href).toBe(`団体${k}・全項目評価書${k % 7 === 3 ? '（案）' : ''}`); }
    // (the link names whose report it is, in words only a screen reader reads)
    expect(await page.locator('.search-result-link').first().textContent()).toBe(`事務${i}（団体${i}${i % 7 === 3 ? '・案' : ''}）`);
    // the excerpt reads as the text: no segment separators or spaces were added
    const excerpt = (await page.locator('.search-excerpt').first().textContent())!;
    expect(excerpt).not.toMatch(/[\u200B]/);
    expect((await page.locator('.search-excerpt').first().locator('mark').allTextContents()).join('')).toContain(term.replace(/\p{P}/gu, ''));
    const piece = excerpt.replace(/…/g, '').split('. ').find((s) => s.includes(term))!;
    const around = piece.slice(Math.max(0, piece.indexOf(term) - 2), piece.indexOf(term) + term.length + 1);
    expect(pages.some((p) => p.text.some((t) => t.includes(around))), around).toBe(true);
    // Every excerpt shown (results and sections) is a piece of its page's text, and every word marked
    // in it is a word of the query: the marks are where Pagefind found the words.
    const queryWords: string[] = await page.evaluate((q) => Array.from(new Intl.Segmenter('ja', { granularity: 'word' }).segment(q), (x) => x.segment.replace(/[\p{P}\s]/gu, '').toLowerCase()).filter(Boolean), term);
    const shown = await page.locator('.search-result').evaluateAll((items) => items.map((li) => ({
      href: li.querySelector('.search-result-link')!.getAttribute('href')!,
      excerpts: Array.from(li.querySelectorAll('.search-excerpt'), (p) => ({ text: p.textContent!, marks: Array.from(p.querySelectorAll('mark'), (m) => m.textContent!) })),
    })));
    const plain = (t: string) => t.replace(/[\s\u200B…]/g, '');
    let marks = 0;
    for (const r of shown) {
      const i = pages.findIndex((p) => p.url === r.href.replace(/#.*$/, ''));
      const text = plain(reportPage(pages[i], i).replace(/<div class="print-stamp"[^]*?<\/div>/, '').replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
      expect(r.excerpts.length).toBeGreaterThan(0);
      for (const e of r.excerpts) {
        for (const piece of e.text.split('…').map(plain).filter(Boolean)) expect(text, piece).toContain(piece);
        for (const m of e.marks) { marks++; expect(queryWords.some((w) => m.toLowerCase().startsWith(w)), `${m} / ${queryWords}`).toBe(true); }
      }
    }
    expect(marks).toBeGreaterThan(shown.length);
    await page.close();
  });

  it('finds words beside hostile text (zero-width characters, a 10,000-character word, markup as text)', async () => {
    const { count, page } = await search(`q=${encodeURIComponent('ここを押す')}`);
    expect(count).toBe(N);
    expect(await page.locator('.search-excerpt').first().textContent()).toContain('ここを押す');
    await page.close();
  });

  it('lists only pages with every word, although most parts never saw one of them', async () => {
    const { count, hrefs, page } = await search(`q=${encodeURIComponent('ガバメントクラウド 倉敷市')}`);
    const expected = pages.filter((p) => p.rare).map((p) => p.url);
    expect(expected.length).toBeGreaterThan(0);
    expect(count).toBe(expected.length);
    expect(new Set(hrefs)).toEqual(new Set(expected));
    await page.close();
  });

  it.each(['search', 'search-old'])('filters by prefecture across parts (%s/: filter counts from the build\'s file, else from Pagefind)', async (at) => {
    const { count, hrefs, page, fetched } = await search(`q=${encodeURIComponent('ガバメントクラウド')}&${encodeURIComponent('都道府県')}=${encodeURIComponent('岡山県')}`, at);
    const expected = pages.filter((p) => p.prefecture === '岡山県').map((p) => p.url);
    expect(count).toBe(expected.length);
    expect(new Set(hrefs)).toEqual(new Set(expected));
    // The build's file lists the values in national order; Pagefind's own counts come in the order of their text.
    const prefectures = at === 'search' ? ['北海道', '岡山県', '熊本県'] : PREFECTURES.slice().sort((a, b) => a.localeCompare(b, 'ja'));
    expect(await page.locator('#filter-都道府県 option').allTextContents()).toEqual(['すべて', ...prefectures.map((p) => `${p}（${pages.filter((x) => x.prefecture === p).length}）`)]);
    const names = at === 'search' ? inNationalOrder(organisations).map((o) => o.名称) : organisations.map((o) => o.名称).sort((a, b) => a.localeCompare(b, 'ja'));
    expect(await page.locator('#filter-評価実施機関 option').allTextContents()).toEqual(['すべて', ...names.map((n) => `${n}（1）`)]);
    // with the file, Pagefind loads the filter files of the filter chosen only (one a part)
    if (at === 'search') expect(fetched.filter((f) => f.endsWith('.pf_filter')).length).toBe(bundles.length);
    else expect(fetched.filter((f) => f.endsWith('.pf_filter')).length).toBe(bundles.flatMap((b) => fs.readdirSync(path.join(site, b, 'filter'))).length);
    await page.close();
  });

  it('names the sections with matches under each result (sub-results), linked to their headings, with excerpts of their own', async () => {
    const { hrefs, page } = await search(`q=${encodeURIComponent('倉敷市')}`);
    const rare = pages.filter((p) => p.rare);
    expect(new Set(hrefs)).toEqual(new Set(rare.map((p) => p.url)));
    const subs = await page.locator('.search-result').evaluateAll((items) => items.map((li) => ({
      href: li.querySelector('.search-result-link')!.getAttribute('href')!,
      sections: Array.from(li.querySelectorAll('.search-subresults li'), (s) => ({ href: s.querySelector('a')!.getAttribute('href')!, title: s.querySelector('a')!.textContent!, marked: Array.from(s.querySelectorAll('mark'), (m) => m.textContent!).join('') })),
    })));
    for (const r of subs) {
      // 「倉敷市」 is in the second section only (heading 項目1, id Ⅱ(1)-3-②)
      // (its link's name adds whose report it is, in words only a screen reader reads)
      const org = /^\/reports\/org-(\d+)\//.exec(r.href)![1];
      expect(r.sections, `${r.href}: ${JSON.stringify(r.sections)}`).toEqual([{ href: `${r.href}#${encodeURIComponent('Ⅱ(1)-3-②')}`, title: `項目1（団体${org}${+org % 7 === 3 ? '・案' : ''}）`, marked: '倉敷市' }]);
    }
    await page.close();
  });

  it('links every result to the item an item number names', async () => {
    const { hrefs, page } = await search(`q=${encodeURIComponent('Ⅱ(1)-3-② 倉敷市')}`);
    expect(new Set(hrefs)).toEqual(new Set(pages.filter((p) => p.rare).map((p) => `${p.url}#${encodeURIComponent('Ⅱ(1)-3-②')}`)));
    await page.close();
  });
});
