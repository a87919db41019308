import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { listFilesUnder } from '../content/content-files.ts';
import { CHUNK_WORDS, INDEX_LANGUAGE, nameWords, isWhiteSpace, PLAIN_WORD_RANGES, inspectPage, pruneCache, pruneCacheDaily, mergeBundleLists, partCount, partPagesFor, partKey, partOf, indexedForm, preparePage, readableText, readBundleList, WORD_CAP, SearchIndexer, segmentWords, setSearchPageBundles, fragmentIds } from './search-index.ts';
import type { SearchLayout } from './search-overlay.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-index-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const page = (name: string, html: string) => { const f = path.join(dir, name); fs.writeFileSync(f, html); return f; };

// A seeded generator of page paths like the site's report pages.
function paths(n: number, seed: number): string[] {
  let s = seed;
  const next = () => { s = (s * 1103515245 + 12345) % 2 ** 31; return s; };
  return Array.from({ length: n }, (_, i) => `reports/org-${next().toString(36)}/${i}/index.html`);
}

describe('parts of the search index', () => {
  it('uses one part while the pages fit, else a power of two that leaves room for an uneven hash', () => {
    expect(partCount(0, 400)).toBe(1);
    expect(partCount(400, 400)).toBe(1);
    expect(partCount(401, 400)).toBe(2);
    expect(partCount(1000, 400)).toBe(4);
    expect(partCount(5000, 400)).toBe(16);
    for (const n of [401, 999, 5000, 40_000]) expect(n / partCount(n, 400)).toBeLessThanOrEqual(320);
  });

  it('makes parts larger as the site grows, as the square root of its pages, so that the parts grow fewer than the pages', () => {
    expect(partCount(1000, partPagesFor(1000))).toBe(4);
    expect(partCount(5000, partPagesFor(5000))).toBe(8);
    expect(partCount(40_000, partPagesFor(40_000))).toBe(32);
    for (let n = 1; n < 200_000; n = Math.ceil(n * 1.3)) {
      expect(partPagesFor(n)).toBeGreaterThanOrEqual(400);
      // four times the pages, parts twice as large (once past the smallest size)
      if (n >= 1200) expect(Math.abs(partPagesFor(4 * n) - 2 * partPagesFor(n))).toBeLessThanOrEqual(2);
    }
  });

  it('keeps every page in its part when pages are added (until the count doubles, when each part splits in two)', () => {
    const before = paths(1000, 7);
    const after = [...before, ...paths(50, 8)];
    const n = partCount(before.length, 400);
    expect(partCount(after.length, 400)).toBe(n);
    for (const p of before) expect(partOf(p, n)).toBe(partOf(p, n));
    // a doubling: a part's pages go to the part itself or to the part n above it
    for (const p of before) expect([partOf(p, n), partOf(p, n) + n]).toContain(partOf(p, 2 * n));
  });

  it('spreads generated pages so that no part is over its size', () => {
    for (const seed of [1, 2, 3]) {
      for (const total of [450, 1000, 5000]) {
        const n = partCount(total, 400);
        const sizes = new Array<number>(n).fill(0);
        for (const p of paths(total, seed)) sizes[partOf(p, n)]++;
        expect(Math.max(...sizes)).toBeLessThanOrEqual(400);
      }
    }
  });

  it('keys a part by its pages, whatever their order, and by the Pagefind version and arguments', () => {
    const pages = [{ rel: 'a/index.html', hash: '1' }, { rel: 'b/index.html', hash: '2' }];
    const pf = { version: 'pagefind 1.6.0', args: [] };
    expect(partKey(pages, pf)).toBe(partKey([...pages].reverse(), pf));
    expect(partKey(pages, pf)).not.toBe(partKey([pages[0], { ...pages[1], hash: '3' }], pf));
    expect(partKey(pages, pf)).not.toBe(partKey(pages, { ...pf, version: 'pagefind 1.7.0' }));
    expect(partKey(pages, pf)).not.toBe(partKey(pages, { ...pf, args: ['--exclude-selectors', '.x'] }));
  });

  it('takes a page only once it is completely written, and tells searchable pages apart', () => {
    const body = '<!doctype html><html lang="ja"><body><main data-pagefind-body><p>本文</p></main></body></html>';
    expect(inspectPage(page('whole.html', body))).toEqual({ finished: true, searchable: true });
    expect(inspectPage(page('newline.html', `${body}\n`))).toEqual({ finished: true, searchable: true });
    expect(inspectPage(page('half.html', body.slice(0, 60)))).toEqual({ finished: false, searchable: false });
    expect(inspectPage(page('empty.html', ''))).toEqual({ finished: false, searchable: false });
    expect(inspectPage(page('list.html', body.replace(' data-pagefind-body', '')))).toEqual({ finished: true, searchable: false });
    // a head made long by a long organisation name (the searchable mark comes after it)
    const long = body.replace('<body>', `<head><title>${'名'.repeat(40_000)}</title></head><body>`);
    expect(inspectPage(page('long-head.html', long))).toEqual({ finished: true, searchable: true });
    expect(inspectPage(page('long-list.html', long.replace(' data-pagefind-body', '')))).toEqual({ finished: true, searchable: false });
  });
});

describe('the page Pagefind is given', () => {
  const html = `<!doctype html><html lang="ja"><head><title>t</title><script>x()</script></head><body><header>ヘッダー</header>
<main id="main" data-pagefind-body><div class="print-stamp" data-pagefind-ignore>印刷日: 令和8年12月1日</div>
<p><span data-pagefind-filter="都道府県">岡山県</span> <span data-pagefind-meta="organisation" data-pagefind-filter="評価実施機関">倉敷市</span></p>
<h1 data-pagefind-meta="title">住民基本台帳に関する事務</h1><article data-pagefind-filter="事務分類:住民基本台帳"><h2 id="Ⅱ(1)-3-④">項目&amp;名</h2><p>ガバメントクラウドを利用する。<br>a &lt; b</p></article></main>
<footer>フッター</footer></body></html>`;
  const prepared = preparePage(html)!;
  const page = prepared.page;

  it('keeps only the searchable element, without ignored parts, scripts or the build date', () => {
    expect(page).toContain('<main data-pagefind-body>');
    expect(page).not.toMatch(/ヘッダー|フッター|印刷日|x\(\)/);
    expect(prepared.words.join('')).not.toMatch(/ヘッダー|フッター|印刷日|x\(\)/);
    expect(preparePage(html.replace('印刷日: 令和8年12月1日', '印刷日: 令和9年1月1日'))).toEqual(prepared);
    expect(preparePage(html.replace(' data-pagefind-body', ''))).toBeNull();
  });

  it('keeps only the markup Pagefind reads: <main>, headings with their ids, data-pagefind-* elements', () => {
    expect(page).toContain('<h2 id="Ⅱ(1)-3-④">');
    expect(page).toContain('<article data-pagefind-filter="事務分類:住民基本台帳">');
    expect(page).not.toMatch(/<p\b|<br|<div|class=/);
    // (the page names its words, which splitFragments puts in the chunks)
    expect(nameWords(page, '0123456789abcdef'.repeat(2))).toMatch(/<main data-pagefind-body><span data-pagefind-meta="pf_words:[0-9a-f]{32}"><\/span>/);
  });

  it('leaves out what Pagefind skips, keeps a void element that carries metadata, and gives numbers of every kind', () => {
    const out = preparePage('<!doctype html><html lang="ja"><body><main data-pagefind-body><nav>目次</nav><form><label>検索語</label></form><footer>章の終わり</footer><svg><text>図</text></svg>'
      + '<img data-pagefind-meta="image[src]" src="/a.png" alt=""><p>①の２番目、Ⅻ章\r</p><p>次</p></main></body></html>')!;
    for (const gone of ['目次', '検索語', '章の終わり', '図']) expect(out.words.join('')).not.toContain(gone);
    expect(out.page).toContain('<img data-pagefind-meta="image[src]" src="/a.png" alt>');
    for (const given of ['①', '２', 'Ⅻ', '章']) expect(out.kept.map((i) => out.words[i])).toContain(given);
    // a run that ends in CR keeps its words to itself
    expect(out.words.slice(-3)).toEqual(['章', ' ', '次']);
  });

  it('cuts the text into the words the browser cuts a query into, and keeps it escaped', () => {
    const words = Array.from(new Intl.Segmenter('ja', { granularity: 'word' }).segment('ガバメントクラウドを利用する。'), (s) => s.segment);
    expect(prepared.words.join('|')).toContain(words.join('|'));
    // the page gives the words that are indexed (not the punctuation), separated by spaces
    expect(page).toContain(` ${words.filter((w) => indexedForm(w)).join(' ')} `);
    expect(page).toContain(`<html lang="${INDEX_LANGUAGE}">`);
    expect(segmentWords('項目&名')).toBe('項目 & 名');
    // a heading gives all of its words, escaped; its text's own white space is a mark, not a separator
    expect(page).toContain('<h2 id="Ⅱ(1)-3-④"> 項目 &amp; 名 </h2>');
    expect(segmentWords('事務\u3000全項目')).toBe('事務 \uFDD1 全 項目');
    expect(prepared.words.join('')).toContain('a < b');
  });

  it('reads back as the text it was made of, for any text (seeded)', () => {
    let seed = 4242;
    const next = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed; };
    const pieces = ['住民基本台帳', 'ネットワーク', 'システム', ' ', '\u3000', '、', '。', '（', '）', 'Ⅱ(1)-3-④', 'abc', 'R6', '\u200B', '\t', '\n', '&', '<', '「', '」', '①', '・', '〇', '123', '年'];
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: 1 + (next() % 30) }, () => pieces[next() % pieces.length]).join('');
      const prepared = segmentWords(text);
      // every separator is a plain space; the text's white space is all marked
      expect(readableText(prepared)).toBe(text.replace(/[\t\n ]/g, ' '));
      // Pagefind's words (split at white space) are the browser's words of the text
      const browser = Array.from(new Intl.Segmenter('ja', { granularity: 'word' }).segment(text), (s) => s.segment).filter((w) => /[^\p{White_Space}]/u.test(w));
      expect(prepared.split(/\p{White_Space}+/u).filter((w) => /[^\p{White_Space}\uFDD0\uFDD1]/u.test(w))).toEqual(browser);
    }
  });

  it('leaves out the elements the build excludes (selectors about the element and its ancestors)', () => {
    const page = `<!doctype html><html lang="ja"><body class="b"><main data-pagefind-body><div class="choice"><p>選んだ値</p><details><summary>ほかの選択肢</summary><ul><li>選ばれなかった値</li></ul></details></div>
<details><summary>選択肢の外の details</summary></details><ul class="checks"><li class="is-checked">付いた印</li><li class="is-unchecked">付いていない印</li></ul><span class="visually-hidden">読み上げだけ</span><a class="anchor" href="#x">#</a><p>本文</p></main></body></html>`;
    const out = preparePage(page, { exclude: ['.choice details', '.checks .is-unchecked', '.visually-hidden', '.anchor', 'body.b .never-there'] })!;
    const text = out.words.join('');
    for (const kept of ['選んだ値', '選択肢の外の', '付いた印', '本文']) expect(text).toContain(kept);
    for (const gone of ['ほかの選択肢', '選ばれなかった値', '付いていない印', '読み上げだけ', '#']) expect(text).not.toContain(gone);
    // (the same page without exclusions keeps everything)
    expect(preparePage(page)!.words.join('')).toContain('選ばれなかった値');
    expect(() => preparePage(page, { exclude: ['.choice >>> p'] })).toThrow();
  });

  it('gives Pagefind the first occurrences of each word and every word of a heading, each at its place among all the words (seeded)', () => {
    let seed = 77;
    const next = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed; };
    const vocabulary = ['情報', '個人', '特定', 'の', 'を', '、', '。', 'ABC', 'abc', '𠮷野家', '😀', '\u200B', '　', ' ', '\n', '第1', 'Ⅱ(1)-3-④', '&', '<'];
    const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const segment = (t: string) => Array.from(new Intl.Segmenter('ja', { granularity: 'word' }).segment(t), (x) => x.segment);
    for (let round = 0; round < 80; round++) {
      const cap = 1 + (next() % 4);
      const blocks = Array.from({ length: 1 + (next() % 6) }, () => ({ heading: next() % 3 === 0, text: Array.from({ length: next() % 40 }, () => vocabulary[next() % vocabulary.length]).join('') }));
      const html = `<!doctype html><html lang="ja"><body><main data-pagefind-body>${blocks.map((b) => (b.heading ? `<h3 id="h">${escape(b.text)}</h3>` : `<p class="x">${escape(b.text)}</p>`)).join('')}</main></body></html>`;
      const out = preparePage(html, { cap })!;
      // all the words, in order, read as the text (U+200B dropped, white space other than U+3000 a space)
      expect(out.words.join('')).toBe(blocks.map((b) => b.text).join('').replace(/\u200B/g, '').replace(/[\n ]/g, ' '));
      expect(out.words).toEqual(blocks.flatMap((b) => segment(b.text)).map((w) => w.replace(/\u200B/g, '').replace(/[\n ]/g, ' ')));
      // the page's tokens are the kept words, in order (Pagefind's location i is word kept[i])
      const tokens = out.page.replace(/<[^>]*>/g, ' ').split(/[ \n]+/).filter(Boolean).map((t) => t.replace(/&amp;/g, '&').replace(/&lt;/g, '<'));
      expect(tokens.map((t) => readableText(t))).toEqual(out.kept.map((i) => out.words[i]));
      expect([...out.kept].sort((a, b) => a - b)).toEqual(out.kept);
      // which words are kept: every word of a heading; elsewhere a word that is indexed, up to `cap` times
      const counts = new Map<string, number>();
      let at = 0;
      const kept = new Set(out.kept);
      for (const b of blocks) for (const w of segment(b.text)) {
        const form = indexedForm(w.replace(/\u200B/g, ''));
        const n = form ? (counts.get(form) ?? 0) + 1 : 0;
        if (form) counts.set(form, n);
        const expected = b.heading ? w.replace(/\u200B/g, "") !== "" : Boolean(form) && n <= cap;
        expect([w, kept.has(at)]).toEqual([w, expected]);
        at++;
      }
      // the indexed words Pagefind sees: each at most `cap` times (a heading's later ones are not indexed),
      // except a word that cannot be given unindexed (outside the planes a capped word can use)
      const indexed = new Map<string, number>();
      for (const t of tokens) { const f = indexedForm(t); if (f) indexed.set(f, (indexed.get(f) ?? 0) + 1); }
      for (const [w, n] of indexed) if (!/[\u{10000}-\u{1FFFF}]/u.test(w)) expect([w, n <= cap]).toEqual([w, true]);
    }
    expect(WORD_CAP).toBeGreaterThan(1);
  });

  it('gives filter values and metadata unsegmented, in a copy that is not indexed', () => {
    expect(page).toContain('<span data-pagefind-ignore><span data-pagefind-filter="都道府県">岡山県</span></span><span> 岡山 県 </span>');
    expect(page).toContain('<span data-pagefind-ignore><span data-pagefind-meta="organisation" data-pagefind-filter="評価実施機関">倉敷市</span></span>');
    expect(page).toContain('<span data-pagefind-ignore><h1 data-pagefind-meta="title">住民基本台帳に関する事務</h1></span><h1>');
    // a value given in the attribute itself stays where it is
    expect(page).toContain('<article data-pagefind-filter="事務分類:住民基本台帳">');
  });
});

describe('the list of bundles', () => {
  it('names every bundle on the search page, the first as the one whose runtime loads the others', () => {
    const html = '<div id="search" data-bundle="/base/pagefind/">';
    expect(setSearchPageBundles(html, ['pagefind'])).toBe('<div id="search" data-bundle="/base/pagefind/">');
    const two = setSearchPageBundles(html, ['pagefind-aa', 'pagefind-bb', 'pagefind-cc']);
    expect(two).toBe('<div id="search" data-bundle="/base/pagefind-aa/" data-merge="/base/pagefind-bb/ /base/pagefind-cc/">');
    expect(() => setSearchPageBundles('<div id="search">', ['pagefind'])).toThrow(/data-bundle/);
    expect(setSearchPageBundles(html, [])).toBe('<div id="search" data-bundle="">');
    // the pages an overlay replaces, hidden; an id that is not one is refused
    expect(setSearchPageBundles(html, ['pagefind-aa'], 'search/f.pf_filters', ['x-ja-words_1a', 'x-ja-words_2b'])).toBe('<div id="search" data-bundle="/base/pagefind-aa/" data-filter-list="/base/search/f.pf_filters" data-hidden="x-ja-words_1a x-ja-words_2b">');
    expect(() => setSearchPageBundles(html, ['pagefind-aa'], undefined, ['a" onclick="x'])).toThrow(/ページの名前/);
    // the ids several bundles hold (the page tells them apart by their address)
    const shared = setSearchPageBundles(html, ['pagefind-aa', 'pagefind-bb'], undefined, [], ['x-ja-words_1a']);
    expect(shared).toBe('<div id="search" data-bundle="/base/pagefind-aa/" data-merge="/base/pagefind-bb/" data-shared="x-ja-words_1a">');
    expect(() => setSearchPageBundles(html, ['pagefind-aa'], undefined, [], ['a" onclick="x'])).toThrow(/ページの名前/);
  });

  it('joins the lists of several shards, a bundle named in two of them once', () => {
    expect(mergeBundleLists([['pagefind-aa', 'pagefind-bb'], ['pagefind-cc'], ['pagefind-bb']])).toEqual(['pagefind-aa', 'pagefind-bb', 'pagefind-cc']);
  });
});

describe('the indexer, with real Pagefind and a cache of parts', () => {
  const pagefind = path.resolve('node_modules/.bin/pagefind');
  const cacheDir = path.join(dir, 'cache');
  const reportHtml = (i: number, extra = '') => `<!doctype html><html lang="ja"><body><main data-pagefind-body><h1 data-pagefind-meta="title">評価書${i}</h1><p>本文${i}${extra}</p></main></body></html>\n`;
  function site(name: string, change?: number) {
    const root = path.join(dir, name);
    for (let i = 0; i < 12; i++) {
      fs.mkdirSync(path.join(root, 'reports', `r${i}`), { recursive: true });
      fs.writeFileSync(path.join(root, 'reports', `r${i}`, 'index.html'), reportHtml(i, i === change ? '（変更）' : ''));
    }
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><html lang="ja"><body><main>一覧</main></body></html>\n');
    return root;
  }
  const run = (root: string) => new SearchIndexer({ site: root, pagefind, env: process.env, args: [], partPages: 4, jobs: 2, cacheDir }).finish();

  it('keeps a part whose page changed as the previous build made it, with the page in an overlay and its old version hidden', async () => {
    const twenty = (name: string, ...changed: number[]) => {
      const root = path.join(dir, name);
      for (let i = 0; i < 20; i++) {
        fs.mkdirSync(path.join(root, 'reports', `r${i}`), { recursive: true });
        fs.writeFileSync(path.join(root, 'reports', `r${i}`, 'index.html'), reportHtml(i, changed.includes(i) ? '（変更）' : ''));
      }
      return root;
    };
    const index = (root: string, previous?: SearchLayout) => new SearchIndexer({ site: root, pagefind, env: process.env, args: [], partPages: 100, jobs: 2, cacheDir: path.join(dir, 'overlay-cache'), previous, overlayMinPart: 16 }).finish();
    const base = await index(twenty('overlay-base'));
    expect(base).toMatchObject({ indexed: 1, hidden: [], layout: { count: 1 } });
    const over = await index(twenty('overlay-one', 7), base.layout);
    expect(over).toMatchObject({ indexed: 1, cached: 1 });
    expect(over.bundles).toHaveLength(2);
    expect(over.bundles).toContain(base.bundles[0]);
    expect(over.hidden).toEqual([fragmentIds(path.join(dir, 'overlay-base', base.bundles[0])).get('/reports/r7/')]);
    expect(over.layout).toMatchObject({ count: 1, parts: { 0: base.layout.parts[0] }, hidden: over.hidden });
    const overlay = over.bundles.find((b) => b !== base.bundles[0])!;
    expect([...fragmentIds(path.join(dir, 'overlay-one', overlay)).keys()]).toEqual(['/reports/r7/']);
    // a second page changed passes the share (1 of 20 pages): the part is indexed whole, with no overlay
    const two = await index(twenty('overlay-two', 7, 8), over.layout);
    expect(two).toMatchObject({ indexed: 1, cached: 0, hidden: [] });
    expect(two.bundles).toHaveLength(1);
    // a page whose new version Pagefind makes into its old fragment (a weight is in the index, not in the
    // fragment) has the same id in the base and the overlay: hiding it would hide both, so the part is
    // indexed whole
    const weighted = twenty('overlay-twin');
    const r7 = path.join(weighted, 'reports', 'r7', 'index.html');
    fs.writeFileSync(r7, fs.readFileSync(r7, 'utf8').replace('<p>', '<p data-pagefind-weight="5">'));
    const twin = await index(weighted, base.layout);
    expect(twin).toMatchObject({ indexed: 1, cached: 0, hidden: [] });
    expect(twin.bundles).toHaveLength(1);
    // a base made by another Pagefind or other indexing code takes no overlay: the part is indexed whole
    const other = await index(twenty('overlay-other', 9), { ...base.layout, made: 'ff' });
    expect(other).toMatchObject({ indexed: 1, cached: 0, hidden: [] });
    // without the previous layout (a cold build, --full), the part is indexed whole
    const whole = await index(twenty('overlay-whole', 7));
    expect(whole).toMatchObject({ indexed: 1, hidden: [] });
    expect(whole.bundles).toHaveLength(1);
  });

  it('indexes parts once; unchanged parts are copied from the cache, a changed page re-indexes only its part', async () => {
    const first = await run(site('first'));
    expect(first.bundles.length).toBeGreaterThan(1);
    expect(first).toMatchObject({ indexed: first.bundles.length, cached: 0 });
    expect(readBundleList(path.join(dir, 'first'))).toEqual(first.bundles);
    for (const b of first.bundles) expect(fs.existsSync(path.join(dir, 'first', b, 'pagefind-entry.json'))).toBe(true);
    expect(fs.readdirSync(dir).filter((d) => d.includes('.search-pages'))).toEqual([]);

    const again = await run(site('again'));
    expect(again).toEqual({ ...first, indexed: 0, cached: first.bundles.length });
    const entry = (root: string, b: string) => fs.readFileSync(path.join(dir, root, b, 'pagefind-entry.json'), 'utf8');
    for (const b of again.bundles) expect(entry('again', b)).toBe(entry('first', b));

    const changed = await run(site('changed', 5));
    expect(changed).toMatchObject({ indexed: 1, cached: first.bundles.length - 1 });
    expect(changed.bundles.filter((b) => !first.bundles.includes(b))).toHaveLength(1);

    // Each searchable page was prepared once: the 12 pages, then the one changed page (the second site's
    // identical pages came from the cache of prepared pages).
    const files = () => fs.readdirSync(path.join(cacheDir, 'prepared')).flatMap((d) => fs.readdirSync(path.join(cacheDir, 'prepared', d)).map((f) => path.join(cacheDir, 'prepared', d, f)));
    const prepared = () => files().filter((f) => !/\.(json|pf_text)$/.test(f));
    expect(prepared()).toHaveLength(13);
    // (each with its words beside it)
    expect(files().filter((f) => !prepared().includes(f)).sort()).toEqual(prepared().flatMap((f) => [`${f}.json`, `${f}.pf_text`]).sort());

    // a part, a prepared page or a split fragment no build has used for two weeks leaves the cache; the others stay
    const parts = () => fs.readdirSync(cacheDir).filter((e) => !['prepared', 'split', 'by-hash'].includes(e));
    const entries = parts();
    const old = new Date(Date.now() - 15 * 86_400_000);
    fs.utimesSync(path.join(cacheDir, entries[0]), old, old);
    const pages = prepared();
    fs.utimesSync(pages[0], old, old);
    const split = () => listFilesUnder(path.join(cacheDir, 'split')).filter((f) => !f.endsWith('.pf_heads'));
    const splits = split();
    expect(splits.length).toBeGreaterThan(1);
    fs.utimesSync(splits[0], old, old);
    pruneCache(cacheDir);
    expect(parts().sort()).toEqual(entries.slice(1).sort());
    expect(prepared().sort()).toEqual(pages.slice(1).sort());
    expect(split().sort()).toEqual(splits.slice(1).sort());

    // a build prunes at most once a day (the builds above pruned moments ago): within a day of the last
    // pruning, an old file stays
    const now = Date.now();
    fs.utimesSync(pages[1], old, old);
    expect(pruneCacheDaily(cacheDir, now)).toBe(false);
    expect(pruneCacheDaily(cacheDir, now + 23 * 3_600_000)).toBe(false);
    expect(prepared()).toContain(pages[1]);
    expect(pruneCacheDaily(cacheDir, now + 25 * 3_600_000)).toBe(true);
    expect(prepared()).not.toContain(pages[1]);
    // (a stamp from the future, as after a clock set back, does not stop pruning)
    expect(pruneCacheDaily(cacheDir, now)).toBe(true);
  }, 60_000);

  it('splits fragments kept in the cache of split fragments to the same bytes as it splits them anew', async () => {
    const files = (root: string, bundles: string[]) => Object.fromEntries(bundles.flatMap((b) => listFilesUnder(path.join(dir, root, b))
      .map((f) => [path.relative(path.join(dir, root), f), fs.readFileSync(f).toString('base64')])));
    const plain = await new SearchIndexer({ site: site('split-plain', 3), pagefind, env: process.env, args: [], partPages: 4, jobs: 2 }).finish();
    // (every part indexed, so that every fragment is split into the cache)
    const dropParts = () => { for (const e of fs.readdirSync(cacheDir)) if (!['prepared', 'split', 'by-hash'].includes(e)) fs.rmSync(path.join(cacheDir, e), { recursive: true }); };
    dropParts();
    const first = await run(site('split-first', 3));
    expect(first.bundles).toEqual(plain.bundles);
    const split = () => listFilesUnder(path.join(cacheDir, 'split')).filter((f) => !f.endsWith('.pf_heads'));
    expect(split().length).toBeGreaterThanOrEqual(12);
    // every part indexed again (no part in the cache), its fragments split from the cache
    dropParts();
    const used = new Date(Date.now() - 60_000);
    const before = new Map(split().map((f) => { fs.utimesSync(f, used, used); return [f, fs.statSync(f).ino]; }));
    const again = await run(site('split-again', 3));
    expect(again).toMatchObject({ bundles: plain.bundles, indexed: plain.bundles.length, cached: 0 });
    // each fragment's entry read (marked as used), not written again (a new entry is a new file)
    const taken = split().filter((f) => before.get(f) === fs.statSync(f).ino && fs.statSync(f).mtimeMs > used.getTime());
    expect(taken.length, 'fragments taken from the cache').toBeGreaterThanOrEqual(12);
    expect(files('split-first', first.bundles)).toEqual(files('split-plain', plain.bundles));
    expect(files('split-again', again.bundles)).toEqual(files('split-plain', plain.bundles));
  }, 60_000);

  it('takes pages an earlier build prepared by their hash, reads them only for a part it must index, and refuses a wrong hash', async () => {
    const rels = Array.from({ length: 12 }, (_, i) => path.join('reports', `r${i}`, 'index.html'));
    const reference = await run(site('known-ref'));
    // Everything from the previous site by its hash, no file read: the files may as well not be there.
    const known = (root: string, from: string, hashes = reference.prepared) => {
      const ix = new SearchIndexer({ site: root, pagefind, env: process.env, args: [], partPages: 4, jobs: 2, cacheDir, expected: rels });
      ix.addKnownPages(rels.map((rel) => ({ rel, file: path.join(from, rel), hash: hashes.get(rel)! })));
      return ix;
    };
    const none = path.join(dir, 'known-none');
    fs.mkdirSync(none);
    expect(await known(none, path.join(dir, 'no-such-site')).finish()).toEqual({ ...reference, indexed: 0, cached: reference.bundles.length });
    // A part no longer in the cache: its pages are taken from the cache of prepared pages by their
    // hash, their files not read; to the same bundles.
    const dropPart = (k: number) => fs.rmSync(path.join(cacheDir, fs.readdirSync(cacheDir).find((e) => e.startsWith(reference.bundles[k].replace(/^pagefind-/, '')))!), { recursive: true, force: true });
    const parts = () => fs.readdirSync(cacheDir).filter((e) => !['prepared', 'split', 'by-hash'].includes(e)).length;
    dropPart(1);
    const unread = path.join(dir, 'known-unread');
    fs.mkdirSync(unread);
    expect(await known(unread, path.join(dir, 'no-such-site')).finish()).toEqual({ ...reference, indexed: 1, cached: reference.bundles.length - 1 });
    // Not there by their hash either: prepared from their files, to the same bundles.
    dropPart(1);
    fs.rmSync(path.join(cacheDir, 'by-hash'), { recursive: true });
    const fromCache = parts();
    const again = path.join(dir, 'known-again');
    fs.mkdirSync(again);
    expect(await known(again, path.join(dir, 'known-ref')).finish()).toEqual({ ...reference, indexed: 1, cached: reference.bundles.length - 1 });
    expect(parts()).toBe(fromCache + 1);
    // Hashes their pages do not prepare to (so parts no cache holds): the build stops, in Japanese.
    const wrong = new Map(rels.map((r) => [r, '0'.repeat(64)]));
    const bad = path.join(dir, 'known-bad');
    fs.mkdirSync(bad);
    await expect(known(bad, path.join(dir, 'known-ref'), wrong).finish()).rejects.toThrow(/前回のビルドの記録と違う内容に準備されました/);
  }, 60_000);

  it('stages the known pages of a part that also holds a page rendered now before that page is written, and no others', async () => {
    const rels = Array.from({ length: 12 }, (_, i) => path.join('reports', `r${i}`, 'index.html'));
    const reference = await run(site('early-ref'));
    const root = path.join(dir, 'staged-early');
    fs.mkdirSync(root);
    const ix = new SearchIndexer({ site: root, pagefind, env: process.env, args: [], partPages: 4, jobs: 2, cacheDir, expected: rels });
    const rendered = rels[5];
    ix.addKnownPages(rels.filter((r) => r !== rendered).map((rel) => ({ rel, file: path.join(dir, 'early-ref', rel), hash: reference.prepared.get(rel)! })));
    const count = partCount(rels.length, 4);
    const same = rels.filter((r) => r !== rendered && partOf(r, count) === partOf(rendered, count));
    const others = rels.filter((r) => partOf(r, count) !== partOf(rendered, count));
    expect(same.length).toBeGreaterThan(0);
    const staged = (rel: string) => fs.existsSync(path.join(`${root}.search-pages`, rel));
    for (let t = 0; t < 100 && !same.every(staged); t++) await new Promise((ok) => setTimeout(ok, 100));
    expect(same.filter(staged)).toEqual(same);
    expect(others.filter(staged)).toEqual([]);
    // the rendered page arrives (the same bytes as before): the same search as the reference's
    fs.mkdirSync(path.join(root, path.dirname(rendered)), { recursive: true });
    fs.copyFileSync(path.join(dir, 'early-ref', rendered), path.join(root, rendered));
    ix.scan();
    expect(await ix.finish()).toEqual({ ...reference, indexed: 0, cached: reference.bundles.length });
  }, 60_000);

  it('indexes a part as soon as its expected pages are prepared, and ends with the bundles of indexing at the end', async () => {
    const rels = Array.from({ length: 12 }, (_, i) => path.join('reports', `r${i}`, 'index.html'));
    const bundlesIn = (root: string) => fs.readdirSync(root).filter((d) => /^pagefind-[0-9a-f]+$/.test(d)).sort();
    const reference = await new SearchIndexer({ site: site('reference'), pagefind, env: process.env, args: [], partPages: 4, jobs: 2 }).finish();
    expect(reference.bundles.length).toBeGreaterThan(2);

    const early = site('early');
    const ix = new SearchIndexer({ site: early, pagefind, env: process.env, args: [], partPages: 4, jobs: 2, expected: rels });
    ix.scan();
    // every part is written before finish is called (as while Astro still renders)
    const written = `${early}.search-bundles`;
    await expect.poll(() => (fs.existsSync(written) ? bundlesIn(written) : []).filter((b) => fs.existsSync(path.join(written, b, 'pagefind-entry.json'))).length, { timeout: 30_000 }).toBe(reference.bundles.length);
    expect(await ix.finish()).toEqual({ ...reference, indexed: reference.bundles.length });
    expect(bundlesIn(early)).toEqual(reference.bundles);

    // A page the build did not expect: whichever part was indexed early without it is indexed again,
    // and its early bundle removed (whether the page was prepared in time or not).
    for (const missing of [0, 5, 11]) {
      const root = site(`unexpected-${missing}`);
      const partial = new SearchIndexer({ site: root, pagefind, env: process.env, args: [], partPages: 4, jobs: 2, parts: reference.bundles.length, expected: rels.filter((_, i) => i !== missing) });
      partial.scan();
      await new Promise((r) => setTimeout(r, 300 * missing));
      expect((await partial.finish()).bundles).toEqual(reference.bundles);
      expect(bundlesIn(root)).toEqual(reference.bundles);
      expect(fs.readdirSync(dir).filter((d) => d.startsWith(`unexpected-${missing}.`))).toEqual([]);
    }
  }, 120_000);

  it('keeps parts indexed early out of the site until the end (Astro empties its output folder when it starts)', async () => {
    const rels = Array.from({ length: 12 }, (_, i) => path.join('reports', `r${i}`, 'index.html'));
    const previous = site('previous-site');
    const root = path.join(dir, 'emptied');
    fs.mkdirSync(root, { recursive: true });
    const ix = new SearchIndexer({ site: root, pagefind, env: process.env, args: [], partPages: 4, jobs: 2, cacheDir: path.join(dir, 'cache-emptied'), expected: rels });
    // every page comes from the previous site, so every part can be indexed before Astro starts
    for (const rel of rels) ix.addPage(rel, path.join(previous, rel));
    // (each part indexed is kept in the cache once written)
    const cachedParts = () => { try { return fs.readdirSync(path.join(dir, 'cache-emptied')).filter((e) => /^[0-9a-f]{64}$/.test(e)).length; } catch { return 0; } };
    await expect.poll(cachedParts, { timeout: 30_000 }).toBeGreaterThan(2);
    // Astro starts: it empties the folder, then writes its pages (here, the previous site's)
    fs.rmSync(root, { recursive: true, force: true });
    fs.cpSync(previous, root, { recursive: true });
    const r = await ix.finish();
    for (const b of r.bundles) expect(fs.existsSync(path.join(root, b, 'pagefind-entry.json')), b).toBe(true);
    expect(fs.existsSync(`${root}.search-bundles`)).toBe(false);
  }, 60_000);

  it('names each bundle after its part, and keeps the page text out of its fragments, in chunks', async () => {
    const root = path.join(dir, 'small');
    fs.mkdirSync(path.join(root, 'r'), { recursive: true });
    // distinct words among repeated ones (given to Pagefind only the first WORD_CAP times)
    const words = Array.from({ length: 450 }, (_, i) => (i % 3 ? `語${i}` : '情報'));
    fs.writeFileSync(path.join(root, 'r', 'index.html'), `<!doctype html><html lang="ja"><body><main data-pagefind-body><h1 data-pagefind-meta="title">題</h1><h2 id="a">見出し</h2><p id="p">${words.join('、')}</p></main></body></html>`);
    const r = await new SearchIndexer({ site: root, pagefind, env: process.env, args: [], partPages: 4, jobs: 1 }).finish();
    expect(r).toMatchObject({ indexed: 1, cached: 0 });
    expect(r.bundles).toEqual([expect.stringMatching(/^pagefind-[0-9a-f]{16}$/)]);
    const frag = path.join(root, r.bundles[0], 'fragment');
    const [main] = fs.readdirSync(frag).filter((f) => f.endsWith('.pf_fragment'));
    const unzip = (b: Buffer) => JSON.parse(zlib.gunzipSync(b).subarray(12).toString('utf8'));
    const fragment = unzip(fs.readFileSync(path.join(frag, main)));
    expect(fragment).toMatchObject({ url: '/r/', content: '', chunk_words: CHUNK_WORDS, chunk_bundle: r.bundles[0], chunk_id: main.replace('.pf_fragment', ''), chunk_joiner: '' });
    expect(fragment.meta.title).toBe('題');
    // headings (with an id) go to a file of their own, their places stay; other anchors go
    expect(fragment.anchors).toEqual([]);
    expect(fragment.head_steps).toHaveLength(1);
    expect(fragment.head_sizes).toHaveLength(1);
    const heads = fs.readFileSync(path.join(frag, `${fragment.chunk_id}.pf_heads`));
    expect(heads.length).toBe(fragment.head_sizes[0]);
    expect(unzip(heads)).toEqual([['a', '見出し']]);
    // one text file a page; each chunk, cut out by its offsets, decompresses on its own
    expect(fs.readdirSync(frag).sort()).toEqual([main, `${fragment.chunk_id}.pf_text`, `${fragment.chunk_id}.pf_heads`].sort());
    const text = fs.readFileSync(path.join(frag, `${fragment.chunk_id}.pf_text`));
    const totals = (steps: number[]) => steps.reduce((a, n) => [...a, a.at(-1)! + n], [0]);
    const offsets: number[] = totals(fragment.chunk_sizes);
    expect(offsets.length).toBeGreaterThan(2);
    expect(offsets.at(-1)).toBe(text.length);
    const chunks = offsets.slice(0, -1).map((o, k) => unzip(text.subarray(o, offsets[k + 1])) as { words: string[]; kept: number[] });
    expect(chunks.slice(0, -1).every((c) => c.words.length === CHUNK_WORDS)).toBe(true);
    const all = chunks.flatMap((c) => c.words);
    expect(all.join('')).toContain(words.join('、'));
    // Pagefind's word locations are the given words, in order: chunk k holds chunk_given[k] of them
    const given = chunks.flatMap((c, k) => c.kept.map((at) => k * CHUNK_WORDS + at));
    expect(fragment.chunk_given).toEqual(chunks.map((c) => c.kept.length));
    const seen = new Map<string, number>();
    const body = [...new Intl.Segmenter('ja', { granularity: 'word' }).segment(words.join('、'))].map((x) => x.segment)
      .filter((w) => indexedForm(w) && (seen.set(w, (seen.get(w) ?? 0) + 1).get(w)! <= WORD_CAP));
    expect(given.map((i) => all[i])).toEqual(['題', '見出し', ...body]);
    expect(body.filter((w) => w === '情報')).toHaveLength(WORD_CAP);
    // (the metadata that named the page's words is gone)
    expect(Object.keys(fragment.meta)).toEqual(['title']);
  });
});

describe('the fast paths of word preparation agree with the Unicode rules they skip', () => {
  it('every code unit that isWhiteSpace names is \\p{White_Space}, and no other character is', () => {
    for (let c = 0; c <= 0xffff; c++) expect(isWhiteSpace(c), c.toString(16)).toBe(/\p{White_Space}/u.test(String.fromCharCode(c)));
    for (let c = 0x10000; c <= 0x10ffff; c++) if (/\p{White_Space}/u.test(String.fromCodePoint(c))) throw new Error(`U+${c.toString(16)} is white space outside the BMP`);
  });
  it('every character of PLAIN_WORD_RANGES is its own indexed form under Pagefind\'s rule', () => {
    const rule = (w: string) => w.replace(/[^\p{Alphabetic}\p{M}\p{N}\p{Pc}\p{Join_Control}\p{Extended_Pictographic}]/gu, '').toLowerCase();
    for (const [from, to] of PLAIN_WORD_RANGES) for (let c = from; c <= to; c++) {
      const ch = String.fromCharCode(c);
      expect(rule(ch), c.toString(16)).toBe(ch);
      expect(indexedForm(ch + 'a' + ch)).toBe(rule(ch + 'a' + ch));
    }
    for (const w of ['個人情報', 'ファイル', 'ａｂ', 'AB', 'ー', '情報・', '〇']) expect(indexedForm(w)).toBe(rule(w));
    // numbers of every kind and emoji are words (Pagefind indexes them), punctuation is not
    for (const w of ['①', '²', 'Ⅻ', '😀']) expect(indexedForm(w)).toBe(w.toLowerCase());
    for (const w of ['、', '。', '・', '「', '（']) expect(indexedForm(w)).toBe('');
  });
});

