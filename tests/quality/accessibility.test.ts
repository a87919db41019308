// Accessibility in a real browser: axe-core with the WCAG 2.2 A/AA rules (JIS X 8341-3 level AA) on
// every page type of the built site — every report page, and one page of each other type found by
// listing the build (home, organisations, compare, comments, search, … as they appear) — plus keyboard
// use of a report page and the report page at 320 px.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch } from '../support/browser.ts';
import { serve } from '../support/static-server.ts';
import { axe, formatViolations } from '../support/axe.ts';
import { pagesByType, pageType } from '../support/site-pages.ts';
import { parseHTML } from 'linkedom';

const sites = inject('sites');
const REPORT_TYPE = 'reports/*/*';
const SEARCH_QUERY = 'ガバメントクラウド';
const GUIDE_TYPE = 'guides/*';

/** Every report page of both sites, every guide (each is written by hand in Markdown), and the first
 * page of every other page type of the real site. */
function pagesToCheck(): { site: 'content' | 'fixture'; url: string }[] {
  const out: { site: 'content' | 'fixture'; url: string }[] = [];
  for (const [type, urls] of pagesByType(sites.content)) {
    if (type === REPORT_TYPE || type === GUIDE_TYPE) out.push(...urls.map((url) => ({ site: 'content' as const, url })));
    else out.push({ site: 'content', url: urls[0] });
  }
  // The fixture reports add the forms that content/ does not have (基礎項目評価書, for now).
  const formOf = (root: string, url: string) => /<article[^>]* data-form="([^"]+)"/.exec(fs.readFileSync(path.join(root, url, 'index.html'), 'utf8'))?.[1];
  const forms = new Set(out.filter((p) => p.url.startsWith('/reports/')).map((p) => formOf(sites.content, p.url)));
  for (const url of pagesByType(sites.fixture).get(REPORT_TYPE) ?? []) {
    const form = formOf(sites.fixture, url);
    if (!forms.has(form)) { forms.add(form); out.push({ site: 'fixture', url }); }
  }
  return out;
}
const PAGES = pagesToCheck();

let browser: Browser;
/** axe is injected as a script file, which the pages' own CSP would refuse. */
let axeContext: BrowserContext;
const servers: Record<string, Awaited<ReturnType<typeof serve>>> = {};
beforeAll(async () => {
  [browser, servers.content, servers.fixture] = await Promise.all([launch(), serve(sites.content), serve(sites.fixture)]);
  axeContext = await browser.newContext({ bypassCSP: true });
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(Object.values(servers).map((s) => s.close()));
});

/** Opens a page ready for checking: search results shown, every <details> (choice lists) open. */
async function open(context: BrowserContext, site: string, url: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const isSearch = url.startsWith('/search/');
  await page.goto(`${servers[site].origin}${url}${isSearch ? `?q=${encodeURIComponent(SEARCH_QUERY)}` : ''}`);
  if (isSearch) await page.locator('.search-result-link').first().waitFor({ timeout: 20_000 });
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  return page;
}

describe('axe-core, WCAG 2.2 A/AA', () => {
  it('covers every page type of the built site', () => {
    const types = new Set(PAGES.map((p) => p.url.split('/').filter(Boolean)[0] ?? 'home'));
    for (const t of ['home', 'organisations', 'reports', 'search']) expect(types).toContain(t);
    expect(PAGES.filter((p) => p.site === 'content' && p.url.startsWith('/reports/')).length).toBeGreaterThanOrEqual(5);
  });

  // Pages are checked a few at a time, each in its own browser context (its own renderer process), so
  // that the long axe runs on the large report pages use every core.
  it.concurrent.each(PAGES.map((p) => [`${p.site}${p.url}`, p] as const))('%s has no violation', async (_label, { site, url }) => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await open(context, site, url);
    const violations = await axe(page);
    await context.close();
    expect(violations, formatViolations(url, violations)).toEqual([]);
  // A long report (several thousand elements) takes axe a minute on a busy two-core machine, with the
  // other pages checked at the same time.
  }, 180_000);

  it('a report page at 320 px has no violation and no sideways scrolling', async () => {
    const url = PAGES.find((p) => p.site === 'content' && p.url.startsWith('/reports/'))!.url;
    const page = await open(axeContext, 'content', url, { width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const violations = await axe(page);
    await page.close();
    expect(violations, formatViolations(`${url} @320px`, violations)).toEqual([]);
  });

  it('one page of every type, and every guide, fits 320 px without sideways scrolling', async () => {
    const wide: string[] = [];
    // (each guide is written by hand: its tables and paths are its own)
    const oneOfEach = new Map(PAGES.map((p) => [p.site + (pageType(p.url) === GUIDE_TYPE ? p.url : pageType(p.url)), p]));
    for (const { site, url } of oneOfEach.values()) {
      const page = await open(axeContext, site, url, { width: 320, height: 640 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) wide.push(`${site}${url}: ${width}px`);
      await page.close();
    }
    expect(wide).toEqual([]);
  });

  it('fails a real page with planted violations (missing alt text, low contrast, unnamed button)', async () => {
    const page = await open(axeContext, 'content', '/');
    expect(await axe(page)).toEqual([]);
    await page.evaluate(() => {
      const main = document.querySelector('main')!;
      main.insertAdjacentHTML('afterbegin', '<img src="/no-such.png" width="20" height="20"><button type="button"></button>');
      const faint = document.createElement('p');
      faint.textContent = '薄い文字は読みにくい';
      faint.style.color = '#bbbbbb';
      main.append(faint);
    });
    const ids = (await axe(page)).map((v) => v.id);
    await page.close();
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'color-contrast', 'button-name']));
  });
});

/**
 * Presses Tab through the whole page and checks that every focusable element (links, summaries,
 * controls, scrollable regions) gets focus in document order, with a focus indicator that differs from
 * its unfocused look (outline of at least 2 px or a box shadow), scrolled into view and not hidden under
 * something drawn over it (the sticky chapter bar, a table's sticky column). Then presses Shift+Tab
 * back to the start, where the browser scrolls the other way, with the same checks.
 */
async function tabThrough(page: Page): Promise<{ count: number; problems: string[] }> {
  const count = await page.evaluate(() => {
    const selector = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, iframe, [tabindex], [contenteditable="true"]';
    const look = (el: Element) => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | '); };
    const reachable = [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => {
      if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled) return false;
      if (el.localName === 'summary' && el.parentElement?.localName !== 'details') return false;
      // inside a closed <details> only its own summary can be reached
      const from = el.localName === 'summary' ? el.parentElement!.parentElement : el.parentElement;
      if (from?.closest('details:not([open])')) return false;
      return getComputedStyle(el).visibility === 'visible' && el.getClientRects().length > 0;
    });
    reachable.forEach((el, i) => { el.dataset.tabOrder = String(i); el.dataset.unfocused = look(el); });
    (document.activeElement as HTMLElement | null)?.blur();
    return reachable.length;
  });
  const focused = () => page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    // Hidden: no point of it that is on screen shows the element itself (corners inset, and its middle),
    // taken on its first line (a link that wraps has a box over other text beside its lines).
    const line = el.getClientRects()[0] ?? r;
    const points = [[line.left + 2, line.top + 2], [line.right - 2, line.top + 2], [line.left + 2, line.bottom - 2], [line.right - 2, line.bottom - 2], [(line.left + line.right) / 2, (line.top + line.bottom) / 2]]
      .filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
    const over = points.map(([x, y]) => document.elementFromPoint(x, y)).filter((t) => t && !el.contains(t) && !t.contains(el));
    return {
      order: el.dataset.tabOrder, unfocused: el.dataset.unfocused,
      focused: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | '),
      indicator: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none',
      inView: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
      hiddenBy: points.length > 0 && over.length === points.length ? over[0]!.outerHTML.slice(0, 80) : undefined,
      // (or its start: a link whose first words are under a table's sticky column reads as other words)
      startHiddenBy: (() => { const t = line.left + 2 >= 0 && line.left + 2 < innerWidth ? document.elementFromPoint(line.left + 2, (line.top + line.bottom) / 2) : null; return t && !el.contains(t) && !t.contains(el) ? t.outerHTML.slice(0, 80) : undefined; })(),
      what: el.outerHTML.slice(0, 160),
    };
  });
  const problems: string[] = [];
  for (let i = 0; i < count && problems.length < 10; i++) {
    await page.keyboard.press('Tab');
    const f = await focused();
    if (f.order !== String(i)) problems.push(`Tab ${i + 1}: expected focusable #${i}, focus went to ${f.what}`);
    else if (!f.indicator || f.focused === f.unfocused) problems.push(`Tab ${i + 1}: no visible focus indicator on ${f.what}`);
    else if (!f.inView) problems.push(`Tab ${i + 1}: focused element is off screen: ${f.what}`);
    else if (f.hiddenBy) problems.push(`Tab ${i + 1}: focused element is hidden under ${f.hiddenBy}: ${f.what}`);
    else if (f.startHiddenBy) problems.push(`Tab ${i + 1}: the start of the focused element is hidden under ${f.startHiddenBy}: ${f.what}`);
  }
  for (let i = count - 2; i >= 0 && problems.length < 10; i--) {
    await page.keyboard.press('Shift+Tab');
    const f = await focused();
    if (f.order !== String(i)) problems.push(`Shift+Tab to #${i}: focus went to ${f.what}`);
    else if (!f.inView) problems.push(`Shift+Tab to #${i}: focused element is off screen: ${f.what}`);
    else if (f.hiddenBy) problems.push(`Shift+Tab to #${i}: focused element is hidden under ${f.hiddenBy}: ${f.what}`);
    else if (f.startHiddenBy) problems.push(`Shift+Tab to #${i}: the start of the focused element is hidden under ${f.startHiddenBy}: ${f.what}`);
  }
  return { count, problems };
}

describe('keyboard only', () => {
  it('reaches every link, summary and control of a report page in order, each with a visible focus', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${servers.fixture.origin}/reports/test-shi/4/`);
    const { count, problems } = await tabThrough(page);
    await context.close();
    expect(count).toBeGreaterThan(30);
    expect(problems).toEqual([]);
  });

  // A long report under its sticky chapter bar, and a comparison table with its sticky first column, on
  // a phone, at 200 % zoom of a small laptop (640 px) and on a desktop.
  it.each([['fixture', '/reports/test-shi/3/', 640], ['fixture', '/reports/test-shi/3/', 1280], ['fixture', '/compare/国民年金/', 360], ['content', '/compare/国民年金/', 480], ['content', '/compare/国民年金/', 640], ['content', '/compare/国民年金/', 768]] as const)(
    'never leaves the focus hidden under a sticky bar or column, forward or back: %s %s at %i px', async (site, url, width) => {
      const context = await browser.newContext({ viewport: { width, height: 700 } });
      const page = await context.newPage();
      await page.goto(`${servers[site].origin}${encodeURI(url)}`);
      const { count, problems } = await tabThrough(page);
      await context.close();
      expect(count).toBeGreaterThan(20);
      expect(problems).toEqual([]);
    }, 120_000);

  it('finds a focusable element without a focus indicator, and one out of order', async () => {
    const page = await axeContext.newPage();
    await page.goto(`${servers.fixture.origin}/reports/test-shi/4/`);
    await page.addStyleTag({ content: '.anchor:focus-visible { outline: none !important; box-shadow: none !important; }' });
    const hidden = await tabThrough(page);
    expect(hidden.problems.length).toBeGreaterThan(0);
    expect(hidden.problems[0]).toContain('no visible focus indicator');
    await page.reload();
    await page.evaluate(() => document.querySelector('footer')!.insertAdjacentHTML('beforeend', '<a href="/" tabindex="1">先に来る</a>'));
    const jumped = await tabThrough(page);
    await page.close();
    expect(jumped.problems[0]).toMatch(/^Tab 1: expected focusable #0, focus went to <a href="\/" tabindex="1"/);
  });
});

describe('for a screen reader', () => {
  it("reads the ※ legend with its mark: 「※ の付いた項目は…」, not a sentence without its subject", async () => {
    const page = await axeContext.newPage();
    await page.goto(`${servers.fixture.origin}/reports/test-shi/3/`);
    // (Chromium's accessibility tree: what a screen reader is given, aria-hidden parts left out)
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree') as { nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[] };
    const read = nodes.filter((n) => !n.ignored && n.role?.value === 'StaticText').map((n) => n.name?.value ?? '').join('');
    await page.close();
    expect(read).toContain('※ の付いた項目は「重要な変更」の対象です。');
  });

  it('names headings, chapters and links so that each can be told apart out of context', async () => {
    const page = await axeContext.newPage();
    await page.goto(`${servers.fixture.origin}/reports/test-shi/3/`);
    type AXNode = { nodeId: string; ignored: boolean; role?: { value: string }; name?: { value: string }; properties?: { name: string; value: { value: unknown } }[]; backendDOMNodeId?: number };
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree') as { nodes: AXNode[] };
    const shown = nodes.filter((n) => !n.ignored);
    const named = (role: string) => shown.filter((n) => n.role?.value === role).map((n) => n.name?.value ?? '');
    const level = (n: AXNode) => n.properties?.find((p) => p.name === 'level')?.value.value as number | undefined;
    const headings = shown.filter((n) => n.role?.value === 'heading');
    // A heading's (and its chapter region's) name is the heading, not the item link beside it.
    expect(named('heading').filter((h) => h.includes('この項目へのリンク'))).toEqual([]);
    expect(named('region').filter((h) => h.includes('この項目へのリンク'))).toEqual([]);
    expect(named('region')).toContain('Ⅱ 特定個人情報ファイルの概要');
    // A ※ in a heading is said in words, not only in a title shown on hover.
    expect(named('heading').filter((h) => h.includes('※') && !h.includes('（重要な変更の対象項目）'))).toEqual([]);
    expect(named('heading').some((h) => h.includes('※'))).toBe(true);
    // Sub-items deeper than HTML's six levels keep their level: none sounds like its parent's sibling.
    expect(headings.some((h) => level(h) === 7)).toBe(true);
    const links = await page.evaluate(() => [...document.querySelectorAll('main a[href]')].map((a) => ({ href: a.getAttribute('href')!, id: a.closest('[id]')?.id })));
    const linkNames = await Promise.all((await page.locator('main a[href]').all()).map((a) => a.evaluate((el) => el.getAttribute('aria-label') ?? (el as HTMLElement).innerText)));
    // The chapter bar names each chapter in full, not 「Ⅲ」.
    const bar = shown.filter((n) => n.role?.value === 'navigation' && n.name?.value === '章へ移動');
    expect(bar).toHaveLength(1);
    const chapters = await page.locator('.section-nav a').evaluateAll((as) => as.map((a) => a.textContent));
    expect(chapters).toContain('Ⅲ 特定個人情報ファイルの取扱いプロセスにおけるリスク対策');
    expect(chapters).toContain('別添1 事務の内容');
    expect(chapters.filter((c) => /（（|^表紙.+/.test(c!))).toEqual([]);
    // Every two links with the same name go to the same place (item links, the chapter bar, 目次へ …).
    const where = new Map<string, Set<string>>();
    linkNames.forEach((name, i) => where.set(name, (where.get(name) ?? new Set()).add(links[i].href)));
    expect([...where].filter(([, hrefs]) => hrefs.size > 1).map(([name, hrefs]) => `${name} → ${[...hrefs].join(' ')}`)).toEqual([]);
    expect(linkNames.filter((n) => n.startsWith('この項目へのリンク')).length).toBeGreaterThan(400);
    await page.close();
  });

  // The same rule on every page of both sites, read from the built HTML (a link's name is its
  // aria-label or its text, visually hidden words included), for links outside tables.
  it('gives every page of a site a title of its own (two organisations publish reports of one title)', () => {
    for (const [name, root] of Object.entries(sites)) {
      const titles = new Map<string, string[]>();
      for (const url of [...pagesByType(root).values()].flat()) {
        const title = parseHTML(fs.readFileSync(path.join(root, url.endsWith('.html') ? url : `${url}index.html`), 'utf8')).document.querySelector('title')!.textContent!;
        titles.set(title, [...(titles.get(title) ?? []), url]);
      }
      expect([...titles].filter(([, urls]) => urls.length > 1).map(([t, urls]) => `${name}: 「${t}」 ${urls.join(' ')}`)).toEqual([]);
    }
  });

  it('gives no two links of a page the same name for different places (every page of both sites)', () => {
    const problems: string[] = [];
    for (const [name, root] of Object.entries(sites)) {
      for (const url of [...pagesByType(root).values()].flat()) {
        const doc = parseHTML(fs.readFileSync(path.join(root, url.endsWith('.html') ? url : `${url}index.html`), 'utf8')).document;
        const where = new Map<string, Set<string>>();
        for (const a of doc.querySelectorAll('main a[href]')) {
          // (a link in a table cell is read with its row's and column's headers: 「令和7年4月25日」 under
          // each report's column of a comparison)
          if (a.closest('td, th')) continue;
          const label = (a.getAttribute('aria-label') ?? a.textContent ?? '').replace(/\s+/g, ' ').trim();
          // (one place written two ways, 「/guides/glossary/#委託」 and 「../glossary/#委託」, is one place)
          where.set(label, (where.get(label) ?? new Set()).add(new URL(a.getAttribute('href')!, `http://site.invalid${url}`).href));
        }
        for (const [label, hrefs] of where) if (hrefs.size > 1) problems.push(`${name}${url}: 「${label}」 → ${[...hrefs].slice(0, 3).join(' ')}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
