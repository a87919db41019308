// What a citizen does with the built site, in Debian's Chromium: reads lists on a phone and a desktop,
// searches (organisation first, filters, item numbers), prints a long report, and finds sitemap.xml,
// robots.txt and the 404 page.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { launch } from './support/browser.ts';
import { serve } from './support/static-server.ts';
import { buildSite } from './support/global-setup.ts';

const sites = inject('sites');
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => { [browser, server] = await Promise.all([launch(), serve(sites.content)]); });
afterAll(async () => { await browser?.close(); await server?.close(); });

/** Table cells whose short text (a number, a date, a state: at most 12 characters) is broken over lines. */
const brokenCells = (page: Page) => page.evaluate(() => [...document.querySelectorAll('main td, main th')].flatMap((cell) => {
  const text = (cell.textContent ?? '').trim();
  if (!text || text.length > 10 || cell.getClientRects().length === 0) return [];
  // Each piece of text on its own: a value and the column name above it (a card on a phone) are two lines.
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  const broken: string[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent!.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    if (lines.size > 1) broken.push(`${n.textContent!.trim()} (${lines.size} lines)`);
  }
  return broken;
}));

describe('tables keep numbers, dates and states whole', () => {
  it.each([320, 390, 1280])('at %i px', async (width) => {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    const broken: string[] = [];
    for (const url of ['/organisations/kumamoto-shi/', '/reports/kumamoto-shi/1/', '/compare/国民年金/', '/reports/kumamoto-shi/1/history/']) {
      await page.goto(`${server.origin}${url}`);
      broken.push(...(await brokenCells(page)).map((c) => `${url}: ${c}`));
      expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(width);
    }
    await page.close();
    expect(broken).toEqual([]);
  });

  it('the check finds a cell squeezed to one character per line', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
    await page.goto(`${server.origin}/organisations/kumamoto-shi/`);
    await page.evaluate(() => document.querySelectorAll('td').forEach((td) => { td.style.setProperty('white-space', 'normal', 'important'); td.style.setProperty('overflow-wrap', 'anywhere', 'important'); td.style.setProperty('display', 'table-cell', 'important'); td.style.setProperty('width', '1em', 'important'); td.style.setProperty('max-width', '1em', 'important'); }));
    expect((await brokenCells(page)).length).toBeGreaterThan(0);
    await page.close();
  });
});

async function results(page: Page, query: string) {
  await page.goto(`${server.origin}/search/?${query}`);
  await page.locator('#search-status', { hasText: '件' }).waitFor({ timeout: 20_000 });
  await page.locator('.search-result').first().waitFor({ timeout: 20_000 });
  return page.locator('.search-result').evaluateAll((lis) => lis.map((li) => ({
    href: li.querySelector('a')!.getAttribute('href')!, who: li.querySelector('.search-result-meta')?.textContent ?? '', text: li.textContent ?? '',
  })));
}

describe('search', () => {
  it('names the organisation, form and number of each result, and a query naming a report lists it first', async () => {
    const page = await browser.newPage();
    const list = await results(page, `q=${encodeURIComponent('熊本市 住民基本台帳')}`);
    // (熊本市 1 ends with a revision put to comment: a draft, said so)
    expect(list[0].who).toMatch(/^熊本市長・全項目評価書・評価書番号 1（案）$/);
    expect(list[0].href).toMatch(/^\/reports\/kumamoto-shi\/1\//);
    const nenkin = await results(page, `q=${encodeURIComponent('倉敷市 国民年金')}`);
    expect(nenkin[0].who).toContain('倉敷市長');
    // no interface text in the excerpts
    for (const r of [...list, ...nenkin]) expect(r.text).not.toMatch(/#|選択肢をすべて見る|（選択）/);
    await page.close();
  });

  it('a filter narrows the results', async () => {
    const page = await browser.newPage();
    const all = await results(page, `q=${encodeURIComponent('年金')}`);
    const one = await results(page, `q=${encodeURIComponent('年金')}&${encodeURIComponent('都道府県')}=${encodeURIComponent('岡山県')}`);
    expect(all.length).toBeGreaterThan(one.length);
    expect(one.length).toBeGreaterThan(0);
    for (const r of one) expect(r.href).toMatch(/^\/reports\/kurashiki-shi\//);
    // the filter is offered as a control, with the prefecture chosen
    expect(await page.locator('#filter-都道府県').inputValue()).toBe('岡山県');
    await page.close();
  });

  it('a filter changed applies at once, and is reached with Tab before the 検索 button', async () => {
    const page = await browser.newPage();
    const all = await results(page, `q=${encodeURIComponent('年金')}`);
    await page.locator('#filter-都道府県').selectOption('岡山県');
    await expect.poll(async () => page.locator('.search-result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')!)), { timeout: 20_000 })
      .toSatisfy((hrefs: string[]) => hrefs.length > 0 && hrefs.length < all.length && hrefs.every((h) => h.startsWith('/reports/kurashiki-shi/')));
    expect(new URL(page.url()).searchParams.get('都道府県')).toBe('岡山県');
    // Tab order: the words, the filters, then the button
    await page.locator('#search-input').focus();
    const order: string[] = [];
    for (let i = 0; i < 6; i++) { await page.keyboard.press('Tab'); order.push(await page.evaluate(() => document.activeElement!.id || document.activeElement!.textContent!.trim())); }
    expect(order.indexOf('検索')).toBeGreaterThan(order.indexOf('filter-都道府県'));
    expect(order.indexOf('filter-都道府県')).toBeGreaterThanOrEqual(0);
    await page.close();
  });

  it('an item number leads to that item in the report chosen', async () => {
    const page = await browser.newPage();
    const list = await results(page, `q=${encodeURIComponent('熊本市 Ⅱ（1）3.④')}`);
    const hit = list.find((r) => r.href.startsWith('/reports/kumamoto-shi/1/'))!;
    expect(decodeURIComponent(hit.href)).toBe('/reports/kumamoto-shi/1/#Ⅱ(1)-3-④');
    await page.locator(`.search-item-link[href="${hit.href}"]`).click();
    await page.waitForURL(/\/reports\/kumamoto-shi\/1\//, { timeout: 20_000 });
    await expect.poll(() => page.evaluate(() => document.querySelector(':target')?.id), { timeout: 20_000 }).toBe('Ⅱ(1)-3-④');
    await page.close();
  });
});

describe('print', () => {
  it('the longest report fits A4 and its first page names the document, its URL and the date', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/reports/kumamoto-shi/1/`);
    // A4 (210 mm) less the 12 mm side margins = 186 mm = 703 CSS px: every box stays inside that width.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 703, height: 1000 });
    // (text only for screen readers is a 1 px clipped box, not printed)
    const outside = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => !e.closest('.visually-hidden')).filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && (r.right > 703.5 || r.left < -0.5);
    }).map((e) => `${e.localName}.${e.className}`).slice(0, 5));
    expect(outside).toEqual([]);
    // Every choice prints all its options (the official form prints them), though closed on screen.
    const choices = await page.evaluate(() => [...document.querySelectorAll('.choice details')].map((d) => ({ open: (d as HTMLDetailsElement).open, shown: [...d.querySelectorAll('.options li')].every((li) => li.getBoundingClientRect().height > 0) })));
    expect(choices.length).toBeGreaterThan(20);
    expect(choices.filter((c) => !c.open && !c.shown)).toEqual([]);
    const stamp = page.locator('.print-stamp');
    expect(await stamp.evaluate((e) => getComputedStyle(e).position)).toBe('fixed');
    expect(await stamp.textContent()).toMatch(/熊本市長「住民基本台帳に関する事務\s全項目評価書」/);

    const pdf = await page.pdf({ preferCSSPageSize: true });
    const doc = await getDocument({ data: new Uint8Array(pdf) }).promise;
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
    const textOf = async (n: number) => {
      const p = await doc.getPage(n);
      const items = (await p.getTextContent()).items as { str: string; transform: number[]; width: number }[];
      // nothing beyond the printable width of the PDF page either
      for (const i of items) if (i.str.trim()) expect(i.transform[4] + i.width, `page ${n}: ${i.str}`).toBeLessThanOrEqual(p.view[2] - 33);
      return items.map((i) => i.str).join('');
    };
    // Japanese glyphs extract only where a Japanese font is installed (npm test's pretest and .ci/run
    // install fonts-noto-cjk); without one the document's name is checked in the stamp above.
    const japanese = (spawnSync('fc-list', [':lang=ja'], { encoding: 'utf8' }).stdout ?? '').trim() !== '';
    // pdf.js reads some kanji of the CJK font back as the radical of the same glyph (長 as ⻑, 民 as ⺠):
    // a kanji of the expected text also matches a radical.
    const readBack = (text: string) => new RegExp(text.replace(/\s+/g, '').split('').map((c) => (/[\u3400-\u9fff]/.test(c) ? `(?:${c}|[\u2e80-\u2fdf])` : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join(''));
    for (const n of [1, 2, doc.numPages]) {
      const text = await textOf(n);
      expect(text, `page ${n}`).toContain(`${server.origin}/reports/kumamoto-shi/1/`.replace(server.origin, 'http://127.0.0.1:4321'));
      expect(text, `page ${n}`).toContain(today);
      if (japanese) expect(text.replace(/\s+/g, ''), `page ${n}`).toMatch(readBack('熊本市長「住民基本台帳に関する事務 全項目評価書」'));
    }
    // Page 1 starts with the summary and the contents.
    if (japanese) expect((await textOf(1)).replace(/\s+/g, '')).toMatch(new RegExp(`${readBack('評価実施機関').source}[\\s\\S]*${readBack('公表日').source}[\\s\\S]*${readBack('目次').source}`));
    await page.close();
  }, 120_000);
});

describe('print, every other page', () => {
  // A printout of a comparison, an organisation or a guide is passed around too: it says what it is,
  // where it came from and when it was printed, like a report's.
  it.each(['/', '/organisations/kumamoto-shi/', '/compare/', '/compare/国民年金/', '/guides/about/', '/reports/kumamoto-shi/1/history/'])('%s', async (rel) => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}${rel}`);
    await page.emulateMedia({ media: 'print' });
    const stamp = page.locator('.print-stamp');
    expect(await stamp.evaluate((e) => getComputedStyle(e).position)).toBe('fixed');
    const title = (await page.title()).split('｜')[0];
    const text = (await stamp.textContent())!;
    expect(text).toContain(title);
    expect(text).toContain(`http://127.0.0.1:4321${rel}`);
    expect(text).toContain(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date()));
    await page.emulateMedia({ media: 'screen' });
    expect(await stamp.isVisible()).toBe(false);
    await page.close();
  });
});

describe('dates that mean what they say', () => {
  it('「最近更新された評価書」 shows only 公表日, 変更日 and comment periods written in the reports or made from real changes, never an import commit', async () => {
    const { parseHTML } = await import('linkedom');
    const { parseYaml } = await import('../src/lib/content/yaml-source.ts');
    const known = new Set<string>();
    for (const org of fs.readdirSync('content/reports')) for (const f of fs.readdirSync(`content/reports/${org}`)) {
      const d = parseYaml(fs.readFileSync(`content/reports/${org}/${f}`, 'utf8')).data as any;
      if (typeof d['表紙']?.['公表日'] === 'string') known.add(d['表紙']['公表日']);
      for (const r of d['変更箇所'] ?? []) if (typeof r?.['変更日'] === 'string') known.add(r['変更日']);
      if (typeof d['公開状態']?.['意見募集']?.['開始日'] === 'string') known.add(d['公開状態']['意見募集']['開始日']);
    }
    // and the 変更日 of rows made from git history (which skips the import commits)
    const { generatedRows } = await import('../src/lib/changes/changes-store.ts');
    const { loadContent } = await import('../src/lib/content/content-store.ts');
    for (const rows of (await generatedRows(loadContent(path.resolve('content')))).values()) for (const r of rows) if (r.変更日) known.add(r.変更日);
    const doc = parseHTML(fs.readFileSync(path.join(sites.content, 'index.html'), 'utf8')).document;
    const dates = [...doc.querySelectorAll('.recent time')].map((t) => t.getAttribute('datetime')!);
    expect(dates.length).toBeGreaterThan(0);
    for (const d of dates) expect(known, d).toContain(d);
    // the commits listed in content/history-imports.txt are all dated 2026-11-22: none is a change
    expect(dates).not.toContain('2026-11-22');
  });
});

describe('for crawlers and lost readers', () => {
  it('lists every page in sitemap.xml under SITE_URL, names it in robots.txt, and has a Japanese 404 page', () => {
    const xml = fs.readFileSync(path.join(sites.content, 'sitemap.xml'), 'utf8');
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => decodeURIComponent(m[1]));
    expect(locs).toContain('http://127.0.0.1:4321/');
    expect(locs).toContain('http://127.0.0.1:4321/reports/kumamoto-shi/1/');
    expect(locs).toContain('http://127.0.0.1:4321/compare/国民年金/');
    expect(locs.some((l) => l.includes('404'))).toBe(false);
    expect(fs.readFileSync(path.join(sites.content, 'robots.txt'), 'utf8')).toContain('Sitemap: http://127.0.0.1:4321/sitemap.xml');
    const notFound = fs.readFileSync(path.join(sites.content, '404.html'), 'utf8');
    expect(notFound).toContain('<html lang="ja"');
    expect(notFound).toContain('ページが見つかりません');
  });

  it('a production build without SITE_URL stops with a Japanese message and writes nothing', () => {
    const out = path.join(path.dirname(sites.content), 'no-site-url');
    const r = buildSite('content', out, { SITE_URL: '' });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('SITE_URL（公開するサイトのアドレス）が指定されていません');
    expect(fs.existsSync(out)).toBe(false);
  });
});
