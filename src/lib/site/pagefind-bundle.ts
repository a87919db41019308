// Reads and rewrites the files of a Pagefind bundle (does file I/O on bundle folders): the word index
// cut into small chunks (rechunkIndex), and the filter values with their counts (filterCounts).
//
// Why small chunks: a search loads, for each word of the query and each part of the index, the one
// chunk of the part's word index that holds the word. Pagefind cuts its index into chunks of about
// 20,000 word locations (`chunk_index` in its indexer; not an option), 20–25 KB compressed, so a word
// cost 20–25 KB in every part whatever the word: the search page of 5,000 reports (16 parts) fetched
// about 1.5 MB of index for a query of three words. Smaller chunks make the list of chunks in the part's
// metadata longer, which every search loads, so the size balances the two (chunkTarget).
//
// The files are Pagefind's own formats (the version in node_modules, checked): gzip of "pagefind_dcd"
// followed by CBOR. The metadata is [version, pages, chunks, filters, …] with a chunk [from, to, name];
// a chunk is [words], each word [word, …] in Pagefind's order (UTF-8 bytes), kept whole (its pages and
// locations are copied, never read); a filter file is [filter, [[value, pages]…]].
//
// What a search finds is kept: Pagefind picks one chunk for a query word, the first whose bounds hold
// it (chunkBounds makes them hold every word of the chunk and every beginning of a word whose
// extensions start in the chunk), and it also matches the words that begin with the query word
// (extensions) among the words it loaded. So a chunk does not end between a word and a word that
// begins with it (groupWords, up to FAMILY_LIMIT): every word of the index is found with its
// extensions. (Pagefind's own chunks may cut there.) Words that share a beginning which is not itself
// a word (「住所」「住民」 without 「住」) may be in two chunks, so a query of that beginning finds those
// of one chunk; a query made of the index's words never is such a beginning.
//
// The chunks are named by their order (0, 1, … in base 36): a bundle's folder is named after the hash of
// everything it is made from (search-index.ts bundleName), so the names need not be hashes to be safe
// in a cache, and short names keep the metadata small.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { decode, encode } from 'cborg';
import type { FilterCounts, OrderedFilterCounts } from './filter-order.ts';

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

const SIGNATURE = Buffer.from('pagefind_dcd');
/** The Pagefind version whose formats this module reads. */
export const PAGEFIND_FORMAT = '1.6.0';

type MetaChunk = [from: string, to: string, name: string];
type Meta = [version: string, pages: unknown[], chunks: MetaChunk[], filters: [name: string, file: string][], ...rest: unknown[]];
interface Entry { version?: string; languages?: Record<string, { hash: string }> }

const unreadable = (file: string) => new Error(`検索索引のファイル ${file} は Pagefind ${PAGEFIND_FORMAT} の形式ではありません。`);
export function readPagefindFile(file: string): unknown {
  const raw = zlib.gunzipSync(fs.readFileSync(file));
  if (!raw.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw unreadable(file);
  return decode(raw.subarray(SIGNATURE.length));
}
export const pagefindFile = (data: unknown) => zlib.gzipSync(Buffer.concat([SIGNATURE, encode(data)]), { level: 9 });

function readEntry(bundle: string): Entry {
  const file = path.join(bundle, 'pagefind-entry.json');
  const entry = JSON.parse(fs.readFileSync(file, 'utf8')) as Entry;
  if (entry.version !== PAGEFIND_FORMAT) throw unreadable(file);
  return entry;
}
function readMeta(bundle: string, hash: string): Meta {
  const file = path.join(bundle, `pagefind.${hash}.pf_meta`);
  const meta = readPagefindFile(file) as Meta;
  if (!Array.isArray(meta) || meta[0] !== PAGEFIND_FORMAT || !Array.isArray(meta[2]) || !Array.isArray(meta[3])) throw unreadable(file);
  return meta;
}

/** The bounds of chunks from `first` to `last` word each, for Pagefind's search code, which loads for a
 * query word the first chunk whose bounds hold it (from ≤ word ≤ to, as UTF-8 bytes), and finds in it
 * the word and the words that begin with it. The bounds are as short as they can be while
 *  - every word of a chunk holds in its bounds and in no earlier chunk's, and
 *  - a beginning of words of the index (「住」 of 「住民」, itself a word or not) holds in the bounds of
 *    the chunk of the first word that begins with it, where the words that begin with it start.
 * A chunk's `from` is the shortest beginning of its first word that sorts after the previous chunk's
 * last word (the first chunk's is empty); its `to`, the shortest string from its last word up to
 * before the next `from`: the last word cut after the place where it differs from the next chunk's
 * first word, that place's character one higher (「二」 between 「事務」 and 「住民」), else the last
 * word whole. (Pagefind's own `to` is the last word cut, which sorts before the last word: that word
 * then holds in no chunk's bounds and is found only when no other query word found a chunk.) */
export function chunkBounds(chunks: [first: string, last: string][]): [from: string, to: string][] {
  const bounds = chunks.map(([, last]): [string, string] => ['', last]);
  for (let i = 0; i + 1 < chunks.length; i++) {
    const a = Array.from(chunks[i][1]);
    const b = Array.from(chunks[i + 1][0]);
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    bounds[i + 1][0] = b.slice(0, n + 1).join('');
    if (n < a.length) {
      // (the next code point, past the surrogates, which are no characters)
      let next = a[n].codePointAt(0)! + 1;
      if (next >= 0xd800 && next <= 0xdfff) next = 0xe000;
      if (next < b[n].codePointAt(0)!) bounds[i][1] = a.slice(0, n).join('') + String.fromCodePoint(next);
    }
  }
  return bounds;
}

/** Groups `words` (in Pagefind's order, each with its encoded size) into runs of about `target`
 * bytes: a run ends at the first word that brings it to `target` or more (a word larger than that is
 * alone), but not just before a word that begins with a word of the run, unless the run has grown to
 * FAMILY_LIMIT times `target` (the words after a short word such as 「に」 or 「取」 would otherwise make
 * one chunk that a search for any of them loads). Returns each run's length. */
export const FAMILY_LIMIT = 4;
export function groupWords(words: string[], sizes: number[], target: number): number[] {
  const runs: number[] = [];
  let count = 0;
  let bytes = 0;
  // the words of the run that the words after them may begin with (each begins with the one below it)
  const open: string[] = [];
  for (let i = 0; i < words.length; i++) {
    while (open.length && !words[i].startsWith(open[open.length - 1])) open.pop();
    if (count && bytes >= target && (!open.length || bytes >= FAMILY_LIMIT * target)) { runs.push(count); count = 0; bytes = 0; open.length = 0; }
    open.push(words[i]);
    count++;
    bytes += sizes[i];
  }
  if (count) runs.push(count);
  return runs;
}

/** The chunk size (encoded bytes) for a word index of `total` encoded bytes, `compressed` bytes once
 * compressed, in `words` words. A query word costs one chunk (compressed / chunks) and every chunk
 * costs its entry in the metadata (about ENTRY_BYTES compressed), so for a query of QUERY_WORDS words
 * the sum is least when QUERY_WORDS chunks weigh as much as the list of chunks. QUERY_WORDS is measured
 * rather than counted: Chromium cuts 「ガバメントクラウド」 into five words, and chunks that keep a word
 * with the words that begin with it are larger than the target; of 4, 12, 36 and 100, 12 fetched the
 * least for the benchmark's queries (1,000 reports, 4 parts). Never more chunks than words. */
const ENTRY_BYTES = 9;
const QUERY_WORDS = 12;
export function chunkTarget(total: number, compressed: number, words: number): number {
  if (!words || !total) return 1;
  const chunks = Math.min(words, Math.max(1, Math.sqrt((QUERY_WORDS * compressed) / ENTRY_BYTES)));
  return Math.ceil(total / chunks);
}

/** The end of the CBOR data item that starts at `at` in `buf` (RFC 8949; definite lengths only, as
 * Pagefind writes), and for a text string its text. A word index chunk is cut into its words with this,
 * without decoding their pages and locations (decoding them was most of the time). */
function itemEnd(buf: Buffer, at: number, file: string): number {
  const head = buf[at];
  if (head === undefined) throw unreadable(file);
  const major = head >> 5;
  const info = head & 31;
  let n: number;
  let next = at + 1;
  if (info < 24) n = info;
  else if (info === 24) { n = buf[next]; next += 1; }
  else if (info === 25) { n = buf.readUInt16BE(next); next += 2; }
  else if (info === 26) { n = buf.readUInt32BE(next); next += 4; }
  else if (info === 27) { n = Number(buf.readBigUInt64BE(next)); next += 8; }
  else throw unreadable(file);
  if (major === 0 || major === 1 || major === 7) return next;
  if (major === 2 || major === 3) return next + n;
  if (major === 6) return itemEnd(buf, next, file);
  let end = next;
  for (let i = 0; i < (major === 5 ? 2 * n : n); i++) end = itemEnd(buf, end, file);
  return end;
}
/** The header of a CBOR array of `n` items. */
function arrayHead(n: number): Buffer {
  if (n < 24) return Buffer.from([0x80 | n]);
  if (n < 256) return Buffer.from([0x98, n]);
  if (n < 65536) { const b = Buffer.from([0x99, 0, 0]); b.writeUInt16BE(n, 1); return b; }
  const b = Buffer.from([0x9a, 0, 0, 0, 0]); b.writeUInt32BE(n, 1); return b;
}
/** The bytes of the head of the CBOR item at `at` (its type and length). */
const headBytes = (buf: Buffer, at: number) => [1, 2, 3, 5, 9][Math.max(0, (buf[at] & 31) - 23)] ?? 1;

/** The words of a word index chunk file: each word's text and its encoded bytes. */
function wordsOf(raw: Buffer, file: string): { text: string; bytes: Buffer }[] {
  if (!raw.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw unreadable(file);
  const buf = raw.subarray(SIGNATURE.length);
  // [words]: an array of one item, the array of the words, each an array [text, …]
  if (buf[0] !== 0x81 || buf[1] >> 5 !== 4 || itemEnd(buf, 0, file) !== buf.length) throw unreadable(file);
  const words: { text: string; bytes: Buffer }[] = [];
  for (let at = 1 + headBytes(buf, 1); at < buf.length;) {
    const end = itemEnd(buf, at, file);
    const text = at + headBytes(buf, at);
    if (buf[at] >> 5 !== 4 || buf[text] >> 5 !== 3) throw unreadable(file);
    words.push({ text: buf.toString('utf8', text + headBytes(buf, text), itemEnd(buf, text, file)), bytes: buf.subarray(at, end) });
    at = end;
  }
  return words;
}

/** Rewrites the word index of the Pagefind bundle in `bundle` in chunks of about `target` encoded
 * bytes (default: chunkTarget), with a new metadata file and entry. The words, their pages and their
 * locations are unchanged (copied byte for byte). Rejects (in Japanese) on a bundle of another
 * Pagefind version or format. */
export async function rechunkIndex(bundle: string, target?: number): Promise<{ words: number; chunks: number }> {
  const entry = readEntry(bundle);
  let words = 0;
  let chunkCount = 0;
  // (the chunks' names do not name the language: every page is indexed in INDEX_LANGUAGE)
  if (Object.keys(entry.languages ?? {}).length > 1) throw new Error(`検索索引 ${bundle} に複数の言語の索引があります（${Object.keys(entry.languages!).join('、')}）。索引は 1 つの言語だけで作ります。`);
  for (const [language, info] of Object.entries(entry.languages ?? {})) {
    const meta = readMeta(bundle, info.hash);
    const old = meta[2].map((c) => path.join(bundle, 'index', `${c[2]}.pf_index`));
    const all: { text: string; bytes: Buffer }[] = [];
    let compressed = 0;
    // (compressed and uncompressed on libuv's threads, several chunks at once: this is the last step of
    // a rebuild's search index, and the second core is otherwise idle)
    const read = await Promise.all(old.map(async (file) => ({ size: fs.statSync(file).size, words: wordsOf(await gunzip(fs.readFileSync(file)), file) })));
    for (const r of read) {
      compressed += r.size;
      for (const w of r.words) all.push(w);
    }
    const sizes = all.map((w) => w.bytes.length);
    const total = sizes.reduce((a, n) => a + n, 0);
    const runs = groupWords(all.map((w) => w.text), sizes, target ?? chunkTarget(total, compressed, all.length));
    const chunks: { text: string; bytes: Buffer }[][] = [];
    let at = 0;
    for (const n of runs) { chunks.push(all.slice(at, at + n)); at += n; }
    const bounds = chunkBounds(chunks.map((c) => [c[0].text, c[c.length - 1].text]));
    // (new files, not writes into the old ones: a bundle's files may be links into the build cache)
    const gzipped = await Promise.all(chunks.map((c) => gzip(Buffer.concat([SIGNATURE, arrayHead(1), arrayHead(c.length), ...c.map((w) => w.bytes)]), { level: 9 })));
    for (const file of old) fs.rmSync(file);
    meta[2] = chunks.map((c, i) => {
      const name = i.toString(36);
      fs.writeFileSync(path.join(bundle, 'index', `${name}.pf_index`), gzipped[i]);
      return [bounds[i][0], bounds[i][1], name];
    });
    // (the metadata gets a new name: a browser that kept the old one never mixes the two)
    const bytes = pagefindFile(meta);
    const name = `${language}_${crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
    fs.rmSync(path.join(bundle, `pagefind.${info.hash}.pf_meta`));
    fs.writeFileSync(path.join(bundle, `pagefind.${name}.pf_meta`), bytes);
    info.hash = name;
    words += all.length;
    chunkCount += chunks.length;
  }
  const entryFile = path.join(bundle, 'pagefind-entry.json');
  fs.rmSync(entryFile);
  fs.writeFileSync(entryFile, JSON.stringify(entry));
  return { words, chunks: chunkCount };
}

/** Every filter value of the bundles in `site` with the number of pages that have it (Pagefind's
 * `filters()` over the merged index), the pages whose ids are `hidden` (search-overlay.ts) left out. */
export function filterCounts(site: string, bundles: string[], hidden: Iterable<string> = []): FilterCounts {
  const hide = new Set(hidden);
  // (no prototypes: a value is page text, and may be 「__proto__」)
  const counts: FilterCounts = Object.create(null);
  for (const b of bundles) {
    const bundle = path.join(site, b);
    for (const info of Object.values(readEntry(bundle).languages ?? {})) {
      const meta = readMeta(bundle, info.hash);
      // (a filter names pages by their place in the metadata's list of pages, [id, words, …] each)
      const shown = (page: unknown) => !hide.size || !hide.has(String((meta[1][page as number] as unknown[] | undefined)?.[0]));
      for (const [, name] of meta[3]) {
        const file = path.join(bundle, 'filter', `${name}.pf_filter`);
        const data = readPagefindFile(file) as [string, [string, unknown[]][]];
        if (!Array.isArray(data) || typeof data[0] !== 'string' || !Array.isArray(data[1])) throw unreadable(file);
        const values = (counts[data[0]] ??= Object.create(null) as Record<string, number>);
        for (const [value, pages] of data[1]) {
          const n = pages.filter(shown).length;
          if (n) values[value] = (values[value] ?? 0) + n;
        }
      }
    }
  }
  return counts;
}

/** The ids of a bundle's pages (Pagefind's fragment names), from its metadata. */
export function pageIds(bundle: string): string[] {
  return Object.values(readEntry(bundle).languages ?? {}).flatMap((info) => readMeta(bundle, info.hash)[1].map((p) => String((p as unknown[])[0])));
}

/** The page ids that more than one of the site's bundles hold, sorted. Pagefind's ids are short hashes
 * (7 hex digits), unique within a bundle only: at a national size two pages of different parts can
 * share one, and the search page must not take one for the other (public/search.js, data-shared). */
export function sharedPageIds(site: string, bundles: string[]): string[] {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const b of bundles) for (const id of new Set(pageIds(path.join(site, b)))) (seen.has(id) ? shared : seen).add(id);
  return [...shared].sort();
}

/** Each filter's values by their text (the order where the build knows no better: filter-order.ts). */
const inTextOrder = (counts: FilterCounts): OrderedFilterCounts => Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Object.entries(v).sort(([a], [b]) => a.localeCompare(b, 'ja'))]));

/** Writes the filter counts of the bundles (filterCounts), each filter's values in `order`, into `site`, compressed, as
 * search/filters.<hash>.pf_filters, and returns that path in the site: the search page loads this one
 * file instead of every part's filter files (four a part), and it is named after its content, so a
 * browser never keeps a stale one. */
export function writeFilterCounts(site: string, bundles: string[], hidden: Iterable<string> = [], order: (counts: FilterCounts) => OrderedFilterCounts = inTextOrder): string {
  const data = zlib.gzipSync(Buffer.from(JSON.stringify(order(filterCounts(site, bundles, hidden))), 'utf8'), { level: 9 });
  const rel = `search/filters.${crypto.createHash('sha256').update(data).digest('hex').slice(0, 16)}.pf_filters`;
  fs.mkdirSync(path.join(site, 'search'), { recursive: true });
  fs.writeFileSync(path.join(site, rel), data);
  return rel;
}
