// The search overlay (src/lib/site/search-overlay.ts): a rebuild keeps a part's previous bundle when
// a few of its pages changed, indexes those pages in an overlay and hides their old versions. Whatever
// the edits (a report's text changed, a report added or removed, a word put in and taken out again), a
// search on the rebuilt site finds exactly what it finds on a site built from scratch, with the same
// filter counts, and every other file is the same bytes. The pure rule is checked on generated layouts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import zlib from 'node:zlib';
import { launch } from './support/browser.ts';
import { serve } from './support/static-server.ts';
import { buildSite } from './support/global-setup.ts';
import { seeded } from './support/seeded.ts';
import { siteSnapshot, snapshotDiff } from './support/site-compare.ts';
import { makeCorpus } from '../scripts/bench/corpus.ts';
import { mergeLayouts, OVERLAY_SHARE, overlayDelta, parseLayout, type PartPage } from '../src/lib/site/search-overlay.ts';

const SEED = Number(process.env.SEED ?? 2312);

describe('overlayDelta (generated parts)', () => {
  it('leaves visible exactly the current pages, within the share, or indexes the part whole', () => {
    const rnd = seeded(SEED);
    const hash = () => rnd.int(1e9).toString(16).padStart(16, '0');
    let overlaid = 0;
    for (let run = 0; run < 500; run++) {
      const size = 1 + rnd.int(300);
      const base: Record<string, string> = {};
      for (let i = 0; i < size; i++) base[`reports/o${i}/1/index.html`] = hash();
      const current: PartPage[] = Object.entries(base).map(([rel, h]) => ({ rel, hash: `${h}${'0'.repeat(48)}` }));
      const edits = rnd.int(Math.ceil(size / 8) + 1);
      for (let e = 0; e < edits; e++) {
        const kind = rnd.int(3);
        if (kind === 0 && current.length) current[rnd.int(current.length)].hash = hash() + '0'.repeat(48);
        else if (kind === 1 && current.length) current.splice(rnd.int(current.length), 1);
        else current.push({ rel: `reports/new${run}-${e}/1/index.html`, hash: hash() + '0'.repeat(48) });
      }
      const minPart = 1 + rnd.int(200);
      const d = overlayDelta(current, base, minPart);
      if (!d) continue;
      overlaid++;
      // what a search sees: the base's pages not hidden, and the overlay's
      const visible = new Map(Object.entries(base).filter(([rel]) => !d.hidden.includes(rel)));
      for (const p of d.delta) {
        expect(visible.has(p.rel), `${p.rel} is both in the base unhidden and in the overlay (run ${run})`).toBe(false);
        visible.set(p.rel, p.hash.slice(0, 16));
      }
      expect(Object.fromEntries(visible), `run ${run}`).toEqual(Object.fromEntries(current.map((p) => [p.rel, p.hash.slice(0, 16)])));
      expect(current.length).toBeGreaterThanOrEqual(minPart);
      expect(new Set([...d.delta.map((p) => p.rel), ...d.hidden]).size).toBeLessThanOrEqual(Math.max(current.length, size) * OVERLAY_SHARE);
    }
    expect(overlaid, 'some generated parts are overlaid').toBeGreaterThan(20);
  });

  it('indexes whole a part that is unchanged, too small or too changed', () => {
    const pages = (n: number, v = 'a') => Array.from({ length: n }, (_, i) => ({ rel: `p${i}.html`, hash: `${v}${i}`.padEnd(64, '0') }));
    const base = Object.fromEntries(pages(200).map((p) => [p.rel, p.hash.slice(0, 16)]));
    expect(overlayDelta(pages(200), base)).toBeUndefined();
    expect(overlayDelta(pages(100), Object.fromEntries(Object.entries(base).slice(0, 100)))).toBeUndefined();
    const many = pages(200).map((p, i) => (i < 20 ? { ...p, hash: `b${i}`.padEnd(64, '0') } : p));
    expect(overlayDelta(many, base)).toBeUndefined();
    const one = pages(200).map((p, i) => (i === 3 ? { ...p, hash: 'b3'.padEnd(64, '0') } : p));
    expect(overlayDelta(one, base)).toEqual({ delta: [one[3]], hidden: ['p3.html'] });
  });

  it('joins the layouts of shards that indexed different parts the same way, and nothing else', () => {
    const key = (c: string) => c.repeat(64);
    const a = { count: 4, made: 'ab', parts: { 0: { key: key('a'), pages: { 'r/0/index.html': '01' } }, 2: { key: key('b'), pages: {} } } };
    const b = { count: 4, made: 'ab', parts: { 1: { key: key('c'), pages: { 'r/1/index.html': '02' } } } };
    expect(mergeLayouts([a, b])).toEqual({ count: 4, made: 'ab', parts: { ...a.parts, ...b.parts } });
    expect(mergeLayouts([a, { ...b, count: 8 }])).toBeUndefined();
    expect(mergeLayouts([a, { ...b, made: 'cd' }])).toBeUndefined();
    expect(mergeLayouts([a, a])).toBeUndefined();
    expect(mergeLayouts([a, { ...b, hidden: ['x'] }])).toBeUndefined();
    expect(mergeLayouts([])).toBeUndefined();
  });

  it('reads back only a well-formed layout', () => {
    const key = 'a'.repeat(64);
    const good = { count: 2, made: 'ab12', parts: { 0: { key, pages: { 'a/index.html': 'ff' } } }, overlay: key, hidden: ['x-ja-words_1a'] };
    expect(parseLayout(good)).toEqual(good);
    const made = 'ab12';
    for (const bad of [null, 1, { count: 0, made, parts: {} }, { count: 1, parts: {} }, { count: 1, made, parts: { 1: { key, pages: {} } } }, { count: 1, made, parts: { 0: { key: 'k', pages: {} } } },
      { count: 1, made, parts: { 0: { key, pages: { '../x': 'ff' } } } }, { count: 1, made, parts: {}, hidden: ['a"b'] }, { count: 1, made, parts: {}, overlay: '../x' }]) {
      expect(parseLayout(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });
});

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'search-overlay-'));
const incremental = path.join(root, 'incremental', 'dist');
const cold = path.join(root, 'cold', 'dist');
let browser: Browser;
afterAll(async () => { await browser?.close(); fs.rmSync(root, { recursive: true, force: true }); });
beforeAll(async () => { browser = await launch(); }, 60_000);

/** Every result of a search on the site (all pages of results), and the status line. */
async function resultsOf(site: string, query: string): Promise<{ status: string; hrefs: string[] }> {
  const server = await serve(site);
  const page = await browser.newPage();
  try {
    await page.goto(`${server.origin}/search/?q=${encodeURIComponent(query)}`);
    await expect.poll(() => page.locator('#search-status').textContent(), { timeout: 20_000 }).toMatch(/件$|件。|見つかりませんでした/);
    // (the status comes first, then the results, ten at a time)
    const total = Number(/(\d+) 件/.exec((await page.locator('#search-status').textContent()) ?? '')?.[1] ?? 0);
    const shown = () => page.locator('#search-results > li').count();
    await expect.poll(shown, { timeout: 20_000 }).toBe(Math.min(total, 10));
    const more = page.locator('#search-more');
    while (await more.isVisible()) {
      const n = await shown();
      await more.click();
      await expect.poll(shown, { timeout: 20_000 }).toBe(Math.min(total, n + 10));
    }
    expect(await shown()).toBe(total);
    const hrefs = await page.locator('.search-result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')!.replace(/#.*$/, '')));
    return { status: (await page.locator('#search-status').textContent()) ?? '', hrefs: [...new Set(hrefs)].sort() };
  } finally {
    await page.close();
    await server.close();
  }
}

const filterCountsOf = (site: string) => {
  const html = fs.readFileSync(path.join(site, 'search/index.html'), 'utf8');
  const file = /data-filter-list="\/([^"]+)"/.exec(html)![1];
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(site, file))).toString('utf8'));
};
/** The search page without the attributes that name the index's files. */
const searchPageOf = (site: string) => fs.readFileSync(path.join(site, 'search/index.html'), 'utf8').replace(/ data-(bundle|merge|filter-list|hidden)="[^"]*"/g, '');

describe('a rebuilt site with an overlay', () => {
  const corpus = makeCorpus(40, path.join(root, 'corpus'));
  // (one part of 40 pages: two changed pages may go to the overlay, a third makes the part whole again)
  const env = { PAGEFIND_OVERLAY_MIN_PART: '16', PAGEFIND_CACHE_DIR: path.join(root, 'pagefind-cache') };

  it('finds what a site built from scratch finds, after every step of a random edit sequence', async () => {
    const first = buildSite(corpus.content, incremental, env);
    expect(first.status, first.output).toBe(0);
    const rnd = seeded(SEED);
    const markers: string[] = [];
    let overlays = 0;
    let wholeAgain = 0;
    // Three words put in three reports first (the third change passes the share: the part is indexed
    // whole again), then edits of any kind.
    const kinds = ['mark', 'mark', 'mark', ...Array.from({ length: 3 }, () => rnd.pick(['mark', 'unmark', 'add', 'remove'] as const))];
    const touched = new Set<string>();
    for (let step = 0; step < kinds.length; step++) {
      const files = fs.readdirSync(corpus.content, { recursive: true, encoding: 'utf8' }).filter((f) => /^reports\/.+\.yaml$/.test(f)).sort().map((f) => path.join(corpus.content, f));
      const kind = kinds[step];
      const f = rnd.pick(files.filter((g) => !touched.has(g)));
      touched.add(f);
      const text = fs.readFileSync(f, 'utf8');
      if (kind === 'mark' || (kind === 'unmark' && !markers.length)) {
        // a word no report has, put in a free text (a plain scalar ending with 。)
        const word = `zqmark${'abcdefghij'[step]}`;
        markers.push(word);
        const marked = text.replace(/^(\s+\S+: [^\n'"|>]*?)。$/m, `$1 ${word}。`);
        expect(marked).not.toBe(text);
        fs.writeFileSync(f, marked);
      } else if (kind === 'unmark') {
        const word = rnd.pick(markers);
        for (const g of files) { const t = fs.readFileSync(g, 'utf8'); if (t.includes(` ${word}`)) fs.writeFileSync(g, t.replaceAll(` ${word}`, '')); }
      } else if (kind === 'add') {
        fs.writeFileSync(path.join(path.dirname(f), `${90 + step}.yaml`), text.replace(/^(  評価書番号: ).*$/m, `$1${90 + step}`));
      } else fs.rmSync(f);

      const inc = buildSite(corpus.content, incremental, env);
      expect(inc.status, inc.output).toBe(0);
      const full = buildSite(corpus.content, cold, env, ['--full']);
      expect(full.status, full.output).toBe(0);
      const hidden = /data-hidden="([^"]*)"/.exec(fs.readFileSync(path.join(incremental, 'search/index.html'), 'utf8'));
      if (hidden) overlays++; else wholeAgain++;
      const what = `step ${step} (${kind}, seed ${SEED})`;
      // every file but the search index is the same
      const isIndex = (p: string) => /^pagefind/.test(p) || /^search\/(index\.html|filters\.)/.test(p);
      expect(snapshotDiff(siteSnapshot(incremental), siteSnapshot(cold)).filter((p) => !isIndex(p)), what).toEqual([]);
      expect(searchPageOf(incremental), what).toBe(searchPageOf(cold));
      expect(filterCountsOf(incremental), what).toEqual(filterCountsOf(cold));
      for (const query of [...markers, '住民基本台帳', '特定個人情報 委託']) {
        const [a, b] = [await resultsOf(incremental, query), await resultsOf(cold, query)];
        expect(a, `${what}: 「${query}」`).toEqual(b);
      }
    }
    // (the sequence went through the overlay, and through a part made whole again)
    expect(overlays, 'steps whose rebuild used the overlay').toBeGreaterThan(0);
    expect(wholeAgain, 'steps whose rebuild indexed the part whole again').toBeGreaterThan(0);
  }, 900_000);
});
