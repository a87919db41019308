// The word index of a Pagefind bundle cut into small chunks (pagefind-bundle.ts): the rules for every
// list of words (seeded), and a real bundle written by Pagefind, rewritten.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { seeded } from '../../../tests/support/seeded.ts';
import { chunkBounds, FAMILY_LIMIT, filterCounts, groupWords, pageIds, readPagefindFile, rechunkIndex, writeFilterCounts } from './pagefind-bundle.ts';
import { fragmentIds } from './search-index.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pagefind-bundle-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Pagefind orders words by their UTF-8 bytes, and compares a query word with chunk bounds the same way.
const bytes = (s: string) => Buffer.from(s, 'utf8');
const byBytes = (a: string, b: string) => Buffer.compare(bytes(a), bytes(b));

// Words made of a few pieces, so that many begin with others (「取」「取り」「取り扱い」), with
// characters whose UTF-16 order is not their UTF-8 order (U+FF61 and U+1F600).
const PIECES = ['取', 'り', '扱い', 'に', 'ー', 'ク', 'a', 'b', 'ｶ', '😀', '0'];
function wordList(seed: number): { words: string[]; sizes: number[]; target: number } {
  const r = seeded(seed);
  const set = new Set<string>();
  const n = 1 + r.int(300);
  while (set.size < n) set.add(Array.from({ length: 1 + r.int(4) }, () => r.pick(PIECES)).join(''));
  const words = [...set].sort(byBytes);
  return { words, sizes: words.map(() => 1 + r.int(r.next() < 0.1 ? 5000 : 300)), target: 1 + r.int(3000) };
}

describe('cutting a word index into chunks', () => {
  it('groups words in order, each chunk reaching the target, never cutting a word from the words that begin with it until the chunk is FAMILY_LIMIT times the target, and as soon as it may (seeded)', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const { words, sizes, target } = wordList(seed);
      const runs = groupWords(words, sizes, target);
      expect(runs.reduce((a, n) => a + n, 0), `seed ${seed}`).toBe(words.length);
      let at = 0;
      for (const [k, n] of runs.entries()) {
        expect(n, `seed ${seed}`).toBeGreaterThan(0);
        const run = words.slice(at, at + n);
        // a cut is allowed after a word when the chunk so far is at least the target, and the next word
        // begins with none of its words, or the chunk so far is at least FAMILY_LIMIT times the target
        const may = (j: number) => {
          const sum = sizes.slice(at, j + 1).reduce((a, s) => a + s, 0);
          const next = words[j + 1];
          return sum >= target && (!words.slice(at, j + 1).some((w) => next.startsWith(w)) || sum >= FAMILY_LIMIT * target);
        };
        const last = k === runs.length - 1;
        if (!last) expect(may(at + n - 1), `seed ${seed}: a cut after 「${run[n - 1]}」`).toBe(true);
        for (let j = at; j < at + n - 1; j++) expect(may(j), `seed ${seed}: no cut after 「${words[j]}」`).toBe(false);
        at += n;
      }
    }
  });

  it('bounds every chunk so that Pagefind picks, for each word, the chunk that holds it, and for each beginning of a word, the chunk where the words that begin with it start (seeded)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { words, sizes, target } = wordList(seed);
      const chunks: string[][] = [];
      let at = 0;
      for (const n of groupWords(words, sizes, target)) { chunks.push(words.slice(at, at + n)); at += n; }
      const bounds = chunkBounds(chunks.map((c) => [c[0], c[c.length - 1]]));
      // Pagefind's request_indexes: the first chunk with from <= word <= to
      const picked = (w: string) => bounds.findIndex(([from, to]) => byBytes(w, from) >= 0 && byBytes(w, to) <= 0);
      const wrong: string[] = [];
      for (const [k, c] of chunks.entries()) for (const w of c) if (picked(w) !== k) wrong.push(`「${w}」 in chunk ${k}, picked ${picked(w)}`);
      // a beginning p of a word (a query while typing, or a word the browser cut shorter): the chunk of
      // the first word from p on, which is where the words that begin with p start
      const chunkOf = new Map(chunks.flatMap((c, k) => c.map((w) => [w, k] as const)));
      const prefixes = new Set(words.flatMap((w) => Array.from(w).map((_, n, chars) => chars.slice(0, n + 1).join(''))));
      for (const p of prefixes) {
        const first = words.find((x) => byBytes(x, p) >= 0)!;
        if (picked(p) !== chunkOf.get(first)) wrong.push(`「${p}」: first word from it 「${first}」 in chunk ${chunkOf.get(first)}, picked ${picked(p)}`);
      }
      expect(wrong, `seed ${seed}`).toEqual([]);
    }
  });

  it('bounds chunks with short strings: 「事務」|「住民」 gives 「二」|「住」', () => {
    expect(chunkBounds([['一', '事務'], ['住民', '住民票'], ['取', '取り']])).toEqual([['', '二'], ['住', '佐'], ['取', '取り']]);
    // no character between the two: the last word whole
    expect(chunkBounds([['a', 'ab'], ['ac', 'z']])).toEqual([['', 'ab'], ['ac', 'z']]);
    expect(chunkBounds([['a', 'ab'], ['abc', 'z']])).toEqual([['', 'ab'], ['abc', 'z']]);
  });
});

// Pages for a real bundle: two filters, a repeated word with many extensions, enough text for chunks.
const PAGES = Array.from({ length: 12 }, (_, i) => `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>p${i}</title></head><body><main data-pagefind-body>
<p><span data-pagefind-filter="都道府県">${['岡山県', '熊本県', '__proto__'][i % 3]}</span><span data-pagefind-filter="様式">${i % 2 ? '全項目評価書' : '基礎項目評価書'}</span></p>
<h1 data-pagefind-meta="title">事務${i}</h1>
${Array.from({ length: 40 }, (_, k) => `<h2 id="s${k}">節${k}</h2><p>word${k * i} 取 取り 取り扱い 取扱${k % 7} alpha${(k + i) % 13} beta${k}</p>`).join('\n')}
</main></body></html>`);

function pagefindBundle(name: string): string {
  const site = path.join(dir, `${name}-site`);
  for (const [i, html] of PAGES.entries()) {
    fs.mkdirSync(path.join(site, `p${i}`), { recursive: true });
    fs.writeFileSync(path.join(site, `p${i}`, 'index.html'), html);
  }
  const bundle = path.join(dir, name);
  const r = spawnSync(path.resolve('node_modules/.bin/pagefind'), ['--site', site, '--output-path', bundle, '--quiet'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return bundle;
}
const metaOf = (bundle: string) => {
  const entry = JSON.parse(fs.readFileSync(path.join(bundle, 'pagefind-entry.json'), 'utf8'));
  return readPagefindFile(path.join(bundle, `pagefind.${Object.values(entry.languages as Record<string, { hash: string }>)[0].hash}.pf_meta`)) as [string, unknown[], [string, string, string][], [string, string][]];
};
const wordsOf = (bundle: string) => metaOf(bundle)[2].flatMap((c) => (readPagefindFile(path.join(bundle, 'index', `${c[2]}.pf_index`)) as [unknown[]])[0]);

describe('a bundle written by Pagefind, rewritten', () => {
  it('keeps every word with its pages and locations, the pages and the filters, in more chunks', async () => {
    const bundle = pagefindBundle('rechunk');
    const before = { meta: metaOf(bundle), words: wordsOf(bundle) };
    const { words, chunks } = await rechunkIndex(bundle, 64);
    const after = { meta: metaOf(bundle), words: wordsOf(bundle) };
    expect(after.words).toEqual(before.words);
    expect(words).toBe(before.words.length);
    expect(chunks).toBeGreaterThan(before.meta[2].length);
    expect(after.meta[2]).toHaveLength(chunks);
    expect(after.meta[1]).toEqual(before.meta[1]);
    expect(after.meta[3]).toEqual(before.meta[3]);
    // no file of the old index is left
    expect(fs.readdirSync(path.join(bundle, 'index')).sort()).toEqual(after.meta[2].map((c) => `${c[2]}.pf_index`).sort());
  });

  it('counts the filter values as Pagefind stores them, 「__proto__」 included, in one compressed file', () => {
    const bundle = pagefindBundle('filters');
    const counts = filterCounts(dir, ['filters', 'filters']);
    expect(JSON.parse(JSON.stringify(counts))).toEqual({ 都道府県: { 岡山県: 8, 熊本県: 8, ['__proto__']: 8 }, 様式: { 全項目評価書: 12, 基礎項目評価書: 12 } });
    expect(pageIds(bundle).sort()).toEqual([...fragmentIds(bundle).values()].sort());
    // a page an overlay hides (search-overlay.ts) is not counted: p0 is 岡山県 and 基礎項目評価書
    const p0 = fragmentIds(bundle).get('/p0/')!;
    expect(p0).toBeTruthy();
    expect(JSON.parse(JSON.stringify(filterCounts(dir, ['filters'], [p0])))).toEqual({ 都道府県: { 岡山県: 3, 熊本県: 4, ['__proto__']: 4 }, 様式: { 全項目評価書: 6, 基礎項目評価書: 5 } });
    const rel = writeFilterCounts(dir, [path.basename(bundle)]);
    expect(rel).toMatch(/^search\/filters\.[0-9a-f]{16}\.pf_filters$/);
    // (without an order from the build, each filter's values in the order of their text)
    expect(JSON.parse(zlibText(path.join(dir, rel)))).toEqual({ 都道府県: [['__proto__', 4], ['岡山県', 4], ['熊本県', 4]], 様式: [['基礎項目評価書', 6], ['全項目評価書', 6]] });
  });

  it('refuses a bundle of another Pagefind version, in Japanese', async () => {
    const bundle = pagefindBundle('version');
    const entry = path.join(bundle, 'pagefind-entry.json');
    fs.writeFileSync(entry, fs.readFileSync(entry, 'utf8').replace(/"version":"[^"]*"/, '"version":"9.9.9"'));
    await expect(rechunkIndex(bundle)).rejects.toThrow(/Pagefind 1\.6\.0 の形式ではありません/);
  });
});

function zlibText(file: string): string {
  return zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
}
