// Builds the Pagefind search index in parts that later builds can reuse (does file I/O and runs Pagefind).
//
// What Pagefind is given: not the page Astro wrote but its searchable part (<main data-pagefind-body>,
// without data-pagefind-ignore subtrees, so without the page's build date), with the text already cut
// into words by Intl.Segmenter, the words separated by spaces, in a language Pagefind does not segment
// (INDEX_LANGUAGE). The browser cuts a query with the same Intl.Segmenter (Pagefind's search code does
// for a page in Japanese), so the words of the index are exactly those a query is made of. Pagefind's
// own Japanese segmenter (lindera) cut the same text differently depending on its neighbours:
// 「ガバメントクラウド」 became words that the query's words are not prefixes of in a quarter to a third
// of the pages, which were then never found; and it was a third of the indexing time.
// Pagefind is given only what it indexes and reads (preparePage): the first WORD_CAP occurrences of
// each word, the headings whole, and the markup that carries filters, metadata, weights and headings'
// ids. A report repeats its words, so this is a third of its words and a tenth of its page, and
// Pagefind's time follows the text it reads. All the words are kept apart for excerpts (below).
//
// Parts: a site of more than `partPages` searchable pages is indexed in parts, each its own bundle
// that the search page merges into one search (public/search.js, Pagefind mergeIndex). A page's part
// is fixed by a hash of its path (bucket = hash mod B, B a power of two chosen from the page count),
// so adding or changing one report changes only its own part; when the count crosses a power of two,
// every part splits in two. A part's bundle is named after the hash of its inputs (its prepared pages,
// the Pagefind version and arguments), so bundles from several builds or shards never clash and an
// identical part is the identical bundle. With `cacheDir` (build.ts: PAGEFIND_CACHE_DIR), a part whose
// inputs were indexed before is copied from the cache instead of being indexed again; a part that must be
// indexed again (one page changed) takes its other pages prepared from the cache by their hash
// (stagePrepared) and its fragments split from the cache by theirs (splitFragment).
//
// Small results: a page's words are put in chunks of CHUNK_WORDS words when it is prepared (textChunks;
// one file a page, read by ranges, with where each chunk holds the words Pagefind was given, whose
// places Pagefind's word locations count); after Pagefind writes a part, splitFragments puts that file
// beside each page's fragment and takes the text out of the fragment, so that a result loads a few KB
// instead of its whole report. Then rechunkIndex (pagefind-bundle.ts) cuts the part's word index into
// small chunks, so that a query word loads a few KB of each part instead of Pagefind's 20–25 KB chunk.
//
// Pages are prepared as Astro writes them (scan), on a thread of their own (search-prepare-worker.ts; on
// `jobs` threads once Astro is done); a part is indexed as soon as all its pages are prepared when the build says which pages to expect
// (SearchIndexer, `expected`), else once every page is known (finish), `jobs` at a time. The bundles written are
// listed in `<site>/pagefind-bundles.json`; for a sharded build, each shard runs an indexer over its
// own pages (its bundles are named after their inputs, so they never clash), and the aggregate step
// joins the shards' lists (readBundleList, mergeBundleLists) and names them on the search page
// (setSearchPageBundles).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { threadId, Worker } from 'node:worker_threads';
import zlib from 'node:zlib';
import { Parser } from 'htmlparser2';
import { compile, type Options } from 'css-select';
import { pageIds, rechunkIndex } from './pagefind-bundle.ts';
import { layoutPages, overlayDelta, type PartPage, type SearchLayout } from './search-overlay.ts';

/** The cache folder of prepared pages, and the version of the preparing code (this module's text: any
 * change to it prepares every page again). */
const PREPARED = 'prepared';
/** The cache's folder of split fragments (splitFragment; keyed with PREPARE_VERSION too). */
const SPLIT = 'split';
/** The cache's folder of prepared pages by their own hash (links to the entries of PREPARED): a page the
 * build knows by that hash (addKnownPages) is staged without reading its file (stagePrepared). */
const BY_HASH = 'by-hash';
const PREPARE_VERSION = crypto.createHash('sha256').update(fs.readFileSync(new URL(import.meta.url))).digest('hex');
/** The version of the code that rewrites a bundle after Pagefind (pagefind-bundle.ts), in a part's key. */
const REWRITE_VERSION = crypto.createHash('sha256').update(fs.readFileSync(new URL('./pagefind-bundle.ts', import.meta.url))).digest('hex');

/** Pages that Pagefind indexes carry this attribute on their <main> (BaseLayout's `searchable`). */
const SEARCHABLE = 'data-pagefind-body';
const BLOCK = 64 * 1024;
const END = '</html>';
/** The list of bundles a site's search page merges, at the root of the site. */
export const BUNDLE_LIST = 'pagefind-bundles.json';

/** Whether a written page is complete and whether it is searchable. Astro writes each page once,
 * ending with </html>, which appears nowhere else (text in a page is escaped). The page is read up to
 * its <main> tag only (after the head, which a long organisation name can make long). */
export function inspectPage(file: string): { finished: boolean; searchable: boolean } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tail = Buffer.alloc(Math.min(size, 64));
    fs.readSync(fd, tail, 0, tail.length, size - tail.length);
    if (!tail.toString('latin1').trimEnd().endsWith(END)) return { finished: false, searchable: false };
    let head = '';
    for (let at = 0; at < size; at += BLOCK) {
      const block = Buffer.alloc(Math.min(BLOCK, size - at));
      fs.readSync(fd, block, 0, block.length, at);
      head += block.toString('latin1');
      const main = /<main\b[^>]*>/.exec(head);
      if (main) return { finished: true, searchable: main[0].includes(SEARCHABLE) };
    }
    return { finished: true, searchable: false };
  } finally {
    fs.closeSync(fd);
  }
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Elements whose text Pagefind never indexes (the first four hold no text; Pagefind skips the others):
 * left out of the prepared page with their subtree, so that their text is not given as plain text. */
const DROPPED = new Set(['script', 'style', 'template', 'noscript', 'nav', 'footer', 'form', 'label', 'svg', 'iframe']);
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

/** The language of the prepared pages: a private-use tag whose primary subtag is neither zh nor ja, so
 * Pagefind splits the text at white space only (and stems nothing). The search page, in Japanese,
 * loads it as its only index, and Pagefind's search code cuts queries with Intl.Segmenter('ja'). */
export const INDEX_LANGUAGE = 'x-ja-words';
/** White space of the text itself, as marks: Pagefind's separators are the only white space of a
 * prepared page. A mark is no word character (Pagefind indexes nothing for it) but keeps its place.
 * U+FDD0 and U+FDD1 are noncharacters, which no published text contains. */
const SPACE_MARKS: Record<string, string> = { '\u3000': '\uFDD1' };
const SPACE_MARK = '\uFDD0';
const WHITE_SPACE = /\p{White_Space}/gu;
/** Whether a UTF-16 unit is \p{White_Space} (all such characters are in the BMP). */
export const isWhiteSpace = (c: number) => (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0x85 || c === 0xa0 || c === 0x1680
  || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
const markSpace = (segment: string) => {
  // Most segments hold no white space: returned as they are (this runs for every word of every page).
  let i = 0;
  while (i < segment.length && !isWhiteSpace(segment.charCodeAt(i))) i++;
  return i === segment.length ? segment : segment.replace(WHITE_SPACE, (c) => SPACE_MARKS[c] ?? SPACE_MARK);
};
/** Text as Pagefind is given it: its words (as the browser's Intl.Segmenter cuts them), white space
 * marked, separated by spaces. */
export function segmentWords(text: string): string {
  return Array.from(segmenter.segment(text), (s) => markSpace(s.segment)).join(' ');
}

/** Occurrences of a word (as Pagefind normalises it) indexed per page: the later ones are given as
 * tokens Pagefind does not index (capWord), which keep their place. A query fetches every indexed
 * place of its words in every page; in a report 「情報」 occurs over a thousand times, so without the
 * cap one search for 「特定個人情報」 fetched most of the index. Ranking (term frequency saturates) and
 * the excerpt (around the first matches) lose little; a sub-result names a section only if one of the
 * first WORD_CAP occurrences (or the section's heading) is in it. Two: at 5,000 reports a search loaded
 * 523 KB with three and 493 KB with two (docs/benchmarks.md), the locations being most of the index. */
export const WORD_CAP = 2;
/** The start of a capped word, whose characters follow moved into the private-use planes 15 and 16:
 * not word characters, so Pagefind indexes nothing for the token, and the word can be read back. */
const CAPPED = '\uFDD2';
/** A word as Pagefind may index it, lower case: letters, marks, numbers (①, ２ too), connectors and
 * emoji kept, other characters removed. Empty: a token Pagefind indexes nothing for (punctuation). A
 * body word is given to Pagefind only if this is not empty, so the rule keeps rather more than
 * Pagefind (a token given that Pagefind does not index still has its place). */
export const indexedForm = (word: string) => (isPlainWord(word) ? word : indexedFormOf(word));
const indexedFormOf = (word: string) => word.replace(/[^\p{Alphabetic}\p{M}\p{N}\p{Pc}\p{Join_Control}\p{Extended_Pictographic}]/gu, '').toLowerCase();
/** Characters that indexedForm keeps as they are (search-index.test.ts checks every one of them):
 * kana letters, the unified ideographs, ASCII lower-case letters and digits. Most words of a report
 * are made of them only, and are their own indexed form without the Unicode pattern. */
export const PLAIN_WORD_RANGES: [number, number][] = [[0x4e00, 0x9fff], [0x3041, 0x3096], [0x30a1, 0x30fa], [0x61, 0x7a], [0x30, 0x39]];
function isPlainWord(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (!PLAIN_WORD_RANGES.some(([from, to]) => c >= from && c <= to)) return false;
  }
  return word.length > 0;
}
/** The token of a capped word, or the word itself when a character cannot be moved (outside the BMP
 * and plane 2; such a word is indexed every time). U+200B goes, as Pagefind drops it from words. */
function capWord(word: string): string {
  let out = CAPPED;
  for (const ch of word) {
    const c = ch.codePointAt(0)!;
    if (c === 0x200b) continue;
    if (c < 0x10000) out += String.fromCodePoint(0xf0000 + c);
    else if (c >= 0x20000 && c < 0x2fffe) out += String.fromCodePoint(0x100000 + c - 0x20000);
    else return word;
  }
  return out;
}
/** One token of a prepared page read back: a capped word's characters moved back, a mark of white
 * space turned back into it. */
function readableWord(token: string): string {
  // Most tokens are plain words, left as they are (this runs for every word of every page).
  let i = 0;
  for (; i < token.length; i++) { const c = token.charCodeAt(i); if (c >= 0xfdd0 && c <= 0xfdd2) break; }
  if (i === token.length) return token;
  if (token.startsWith(CAPPED)) {
    return Array.from(token.slice(CAPPED.length), (ch) => { const c = ch.codePointAt(0)!; return String.fromCodePoint(c >= 0x100000 ? c - 0x100000 + 0x20000 : c - 0xf0000); }).join('');
  }
  return token.replace(/[\uFDD0\uFDD1]/g, (m) => (m === '\uFDD1' ? '\u3000' : ' '));
}
/** Prepared text read back: the separators dropped, each token read back (readableWord). */
export function readableText(prepared: string): string {
  return prepared.split(/\p{White_Space}+/u).map(readableWord).join('');
}

/** Attributes whose value Pagefind takes from the element's text, which must stay unsegmented. */
const LABELS = ['data-pagefind-filter', 'data-pagefind-meta'];
const tag = (name: string, attrs: Record<string, string>) => `<${name}${Object.entries(attrs).map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${escapeAttr(v)}"`)).join('')}>`;

/** An element as css-select sees it while the page is parsed (its ancestors, not its children). */
interface OpenElement { name: string; attribs: Record<string, string>; parent: OpenElement | null }
const adapter: NonNullable<Options<OpenElement, OpenElement>['adapter']> = {
  isTag: (_n): _n is OpenElement => true,
  getName: (n) => n.name,
  getAttributeValue: (n, name) => n.attribs[name],
  hasAttrib: (n, name) => name in n.attribs,
  getParent: (n) => n.parent,
  getChildren: () => [],
  getSiblings: (n) => [n],
  getText: () => '',
  removeSubsets: (nodes) => nodes,
};
const compiled = new Map<string, (e: OpenElement) => boolean>();
/** Whether an open element matches one of `selectors` (a selector about an element's ancestors, such
 * as `.choice details`; css-select, which throws on a selector it cannot read). */
function excluder(selectors: string[]): (e: OpenElement) => boolean {
  const key = JSON.stringify(selectors);
  let test = compiled.get(key);
  if (!test) {
    const each = selectors.map((sel) => compile<OpenElement, OpenElement>(sel, { adapter, xmlMode: false }));
    test = (e) => each.some((t) => t(e));
    compiled.set(key, test);
  }
  return test;
}

export interface PrepareOptions {
  /** CSS selectors of elements not indexed (interface text), as Pagefind's --exclude-selectors. */
  exclude?: string[];
  /** Occurrences of a word indexed per page (WORD_CAP). */
  cap?: number;
}

/** A page prepared for the index: the page Pagefind is given, and the page's words for excerpts. */
export interface PreparedPage {
  /** The small page Pagefind indexes (see preparePage; preparePageFile names its words in it, nameWords). */
  page: string;
  /** Every word of the searchable text in order, as it reads (white space other than U+3000 as a space). */
  words: string[];
  /** Which of `words` the page gives Pagefind, in order: word kept[i] is Pagefind's word location i. */
  kept: number[];
}

/** The part of a page Pagefind indexes, as a small page of its own: the <main data-pagefind-body>
 * element, without data-pagefind-ignore subtrees, elements matching `exclude` and scripts, its text
 * segmented (segmentWords). Of the markup only what Pagefind reads stays: <main>, the headings (with
 * their ids: sub-results), and elements with data-pagefind-* attributes (filters, metadata, weights);
 * other elements give way to a space, so the words of neighbouring elements stay apart. Of the words
 * only those Pagefind indexes are given: the first `cap` occurrences of each word, and every token of
 * a heading (sub-results are named after the heading's text; later occurrences there are given as
 * tokens Pagefind does not index). Pagefind's work grows with the text it reads, and a report repeats
 * its words: this is about a third of the page. All the words, for excerpts, are in `words`.
 * An element whose text is a filter value or metadata (data-pagefind-filter="都道府県")
 * is also given unsegmented, in a copy that Pagefind reads for the value but does not index
 * (data-pagefind-ignore keeps filters and metadata). Null when the page has no searchable element. */
export function preparePage(html: string, options: PrepareOptions = {}): PreparedPage | null {
  const excluded = options.exclude?.length ? excluder(options.exclude) : undefined;
  const cap = options.cap ?? WORD_CAP;
  let open: OpenElement | null = null; // the innermost open element inside the searchable one
  // The page is assembled from `parts`: markup strings, and numbers that stand for runs of text. The
  // runs are segmented together at the end (one Intl.Segmenter pass over the page is several times
  // faster than one per text node; segmentRuns).
  const parts: (string | number)[] = [];
  const runs: string[] = [];
  const inHeading: boolean[] = []; // for each run: whether it is a heading's text
  let inBody = 0; // depth inside the searchable element (0: outside)
  let skip = 0; // depth inside an ignored subtree
  let headings = 0; // open headings inside the searchable element
  let found = false;
  const shown: boolean[] = []; // for each open element inside the searchable one: whether its tags are given
  // Open elements that label something: where they start in `parts`, their label attributes, their text.
  const labels: { at: number; depth: number; name: string; attrs: Record<string, string>; text: string }[] = [];
  // The parser hands text over in pieces (an entity is one); words are cut in the whole run of text.
  let text = '';
  const flush = () => { if (text) { parts.push(runs.length); runs.push(text); inHeading.push(headings > 0); } text = ''; };
  const parser = new Parser({
    onopentag(name, attrs) {
      flush();
      const element: OpenElement = { name, attribs: attrs, parent: open };
      if (!VOID.has(name)) open = element;
      if (!inBody) {
        if (name !== 'main' || !(SEARCHABLE in attrs) || found) return;
        found = true;
      }
      if (skip || 'data-pagefind-ignore' in attrs || DROPPED.has(name) || excluded?.(element)) { if (!VOID.has(name)) skip++; return; }
      // (void elements hold no text; one that carries metadata or a filter is given as it is)
      if (VOID.has(name)) { if (Object.keys(attrs).some((k) => k.startsWith('data-pagefind-'))) parts.push(tag(name, attrs)); return; }
      inBody++;
      const heading = HEADING.test(name);
      if (heading) headings++;
      let pagefind = false; // (most elements have no data-pagefind-* attribute: nothing to sort out)
      for (const k in attrs) if (k.startsWith('data-pagefind-')) { pagefind = true; break; }
      const own = pagefind ? Object.fromEntries(Object.entries(attrs).filter(([k, v]) => LABELS.includes(k) && !v.includes(':'))) : {};
      const read = pagefind || heading ? Object.fromEntries(Object.entries(attrs).filter(([k]) => k.startsWith('data-pagefind-') || (k === 'id' && heading))) : {};
      const show = name === 'main' || heading || pagefind;
      shown.push(show);
      if (name !== 'main' && Object.keys(own).length) {
        labels.push({ at: parts.length, depth: inBody, name, attrs: own, text: '' });
        parts.push(tag(name, Object.fromEntries(Object.entries(read).filter(([k]) => !(k in own)))));
      } else if (show) parts.push(tag(name, read));
    },
    ontext(piece) {
      if (!inBody || skip) return;
      for (const l of labels) l.text += piece;
      text += piece;
    },
    onclosetag(name) {
      flush();
      if (VOID.has(name)) return;
      open = open?.parent ?? null;
      if (skip) { skip--; return; }
      if (!inBody) return;
      const label = labels.at(-1);
      if (label && label.depth === inBody) {
        labels.pop();
        parts.splice(label.at, 0, `<span data-pagefind-ignore>${tag(label.name, label.attrs)}${escapeText(label.text)}</${label.name}></span>`);
      }
      inBody--;
      if (HEADING.test(name)) headings--;
      if (shown.pop()) parts.push(`</${name}>`);
    },
  }, { decodeEntities: true });
  parser.end(html);
  if (!found) return null;
  const cut = segmentRuns(runs);
  // Each word as Pagefind would read it: white space marked, a word's occurrences after the first `cap`
  // capped. A heading keeps all its tokens; elsewhere only the indexed words are given.
  const seen = new Map<string, number>();
  const words: string[] = [];
  const kept: number[] = [];
  const give = (segment: string, heading: boolean): string | undefined => {
    const { readable, marked, key } = wordInfo(segment);
    words.push(readable);
    if (!key) return heading ? marked : undefined;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n <= cap) return segment;
    return heading ? capWord(segment) : undefined;
  };
  const runText = (p: number) => {
    const out: string[] = [];
    for (const segment of cut[p]) {
      // (U+200B goes, as Pagefind drops it from words: a token of it alone would be no location)
      const token = give(segment, inHeading[p])?.replace(/\u200B/g, '');
      if (token) { kept.push(words.length - 1); out.push(token); }
    }
    return out.length ? ` ${escapeText(out.join(' '))} ` : ' ';
  };
  const body = parts.map((p) => (typeof p === 'number' ? runText(p) : p)).join('');
  return { page: `<!doctype html><html lang="${INDEX_LANGUAGE}"><head><meta charset="utf-8"></head><body>${body}</body></html>\n`, words, kept };
}
const HEADING = /^h[1-6]$/;

/** Runs of text up to this length are segmented once per thread (SEGMENTED): labels, choices and the
 * page's own interface text, most of a report's runs and half its characters, repeat within a page
 * and across reports. */
const SHORT_RUN = 64;
/** A copy of a string that holds no reference to a longer one. A substring or a joined string of 13
 * UTF-16 units or more may be a view of the string it came from (the page, or all its text): kept in
 * a table that outlives the page, it would keep the whole page in memory. */
const own = (s: string) => (s.length < 13 ? s : s.split('').join(''));
const SEGMENTED = new Map<string, string[]>();
/** Each run's words (Intl.Segmenter). The runs not segmented before are segmented in one pass (one
 * pass is several times faster than one per run), a paragraph separator between runs keeping their
 * words apart. */
function segmentRuns(runs: string[]): string[][] {
  if (SEGMENTED.size > 100_000) SEGMENTED.clear();
  const cut: (string[] | undefined)[] = new Array(runs.length);
  const now: number[] = []; // the runs segmented now
  const first = new Map<string, number>(); // a short run's text → the run of this page that segments it
  for (let r = 0; r < runs.length; r++) {
    const text = runs[r];
    if (text.length <= SHORT_RUN) {
      cut[r] = SEGMENTED.get(text);
      if (cut[r] || first.has(text)) continue;
      first.set(text, r);
    }
    now.push(r);
  }
  const texts = now.map((r) => runs[r]);
  const words: string[][] = texts.map(() => []);
  let run = 0;
  let end = texts.length ? texts[0].length : 0; // where the current run ends in the joined text
  // (U+2029 rather than a newline: a run that ends in CR would take a newline into its last word)
  for (const { segment, index } of segmenter.segment(texts.join('\u2029'))) {
    while (index >= end + 1 && run < texts.length - 1) { run++; end += 1 + texts[run].length; }
    if (index < end) words[run].push(segment);
  }
  now.forEach((r, i) => { cut[r] = words[i]; });
  for (const [text, r] of first) SEGMENTED.set(own(text), cut[r]!.map(own));
  for (let r = 0; r < runs.length; r++) cut[r] ??= cut[first.get(runs[r])!];
  return cut as string[][];
}
/** The metadata that names a prepared page's words (nameWords: the hash of their chunks), and the
 * files that hold them (textChunks): the chunks, and their sizes and given words. Beside a cached
 * prepared page, and in the indexer's folder of words by that name. */
const WORDS_META = 'pf_words';
const TEXT_FILE = '.pf_text';
const HEADS_FILE = '.pf_heads';
/** Headings per block of a page's .pf_heads file (splitFragments). */
export const HEAD_BLOCK = 16;
const PLACES_FILE = '.json';
const WORDS_KEY = new RegExp(`data-pagefind-meta="${WORDS_META}:([0-9a-f]+)"`);
/** A prepared page that names its words for splitFragments (metadata Pagefind keeps in the fragment),
 * right after its <main> tag. */
export function nameWords(page: string, key: string): string {
  return page.replace(/<main\b[^>]*>/, (main) => `${main}<span data-pagefind-meta="${WORDS_META}:${key}"></span>`);
}
/** The key of a prepared page's words, from the page. */
function wordsKeyOf(page: string): string {
  const m = WORDS_KEY.exec(page);
  if (!m) throw new Error('準備したページに語の一覧の名前がありません。');
  return m[1];
}
/** A segment as it reads, as Pagefind is given it (white space marked) and as Pagefind indexes it
 * (empty: not indexed), kept per thread: a report is made of a few thousand distinct words. */
const WORDS = new Map<string, { readable: string; marked: string; key: string }>();
function wordInfo(segment: string) {
  let info = WORDS.get(segment);
  if (!info) {
    if (WORDS.size > 200_000) WORDS.clear();
    const word = own(segment);
    const marked = markSpace(word);
    info = { readable: readableSegment(word), marked, key: marked === word ? indexedForm(word) : '' };
    WORDS.set(word, info);
  }
  return info;
}
/** A segment as it reads in an excerpt: white space other than U+3000 as a space, U+200B dropped. */
const readableSegment = (segment: string) => {
  let i = 0;
  while (i < segment.length && !isWhiteSpace(segment.charCodeAt(i)) && segment.charCodeAt(i) !== 0x200b) i++;
  return i === segment.length ? segment : segment.replace(/\u200B/g, '').replace(WHITE_SPACE, (c) => (c === '\u3000' ? c : ' '));
};

const SIGNATURE = 'pagefind_dcd';
// Level 6 (a page's 200-word text chunks, and in splitFragments its fragment and heading blocks): on
// the text chunks as small as level 9 to 0.01 %, in 57 % of the time (the compression was a quarter
// of preparing a page, and preparing keeps pace with Astro only just).
const compress = (data: unknown) => zlib.gzipSync(Buffer.from(SIGNATURE + JSON.stringify(data), 'utf8'), { level: 6 });

/** Words per excerpt chunk (about 400 characters of Japanese). */
export const CHUNK_WORDS = 200;

/** A page's words in chunks of CHUNK_WORDS, each compressed on its own ({"words": […], "kept": […]} as
 * Pagefind compresses its files; `kept`: the places in the chunk of the words Pagefind is given) and
 * written one after another (`text`), with each chunk's size in bytes (`sizes`) and how many given
 * words it holds (`given`): Pagefind's word location i is the i-th given word. */
export function textChunks(words: string[], kept: number[]): { text: Buffer; sizes: number[]; given: number[] } {
  const members: Buffer[] = [];
  const given: number[] = [];
  let i = 0;
  for (let k = 0; k * CHUNK_WORDS < words.length; k++) {
    const end = (k + 1) * CHUNK_WORDS;
    const places: number[] = [];
    for (; i < kept.length && kept[i] < end; i++) places.push(kept[i] - k * CHUNK_WORDS);
    given.push(places.length);
    members.push(compress({ words: words.slice(k * CHUNK_WORDS, end), kept: places }));
  }
  return { text: Buffer.concat(members), sizes: members.map((m) => m.length), given };
}

/** Makes a bundle's fragments small and gives them the whole text: Pagefind keeps the text it was
 * given in a page's fragment (the indexed words only, see preparePage), which a result loads only for
 * its excerpt. The page's words in chunks (textChunks, made when the page was prepared, in `wordsDir`
 * by the name in the fragment's pf_words metadata) become one file a page (fragment/<id>.pf_text), so
 * that public/search.js can ask for the chunk or two around the matches by an HTTP range (a server that
 * ignores ranges sends the whole file, which still works). The fragment keeps its URL, metadata and
 * filters, and says where the chunks are (`chunk_bundle`, `chunk_id`, `chunk_sizes`: the bytes of
 * each), how many words they hold (`chunk_words`), what joins their words (`chunk_joiner`, nothing) and
 * how many given words each holds (`chunk_given`). The headings that name sections go the same way:
 * their places in the fragment (`head_steps`: each from the one before), their ids and texts (readable,
 * readableText) in blocks of `head_block` in fragment/<id>.pf_heads (`head_sizes`: the bytes of each),
 * and Pagefind is left no anchors (public/search.js finds the sections). Throws if Pagefind's text of
 * a page is not as many words as it was given (the locations would point at the wrong words). */
export function splitFragments(bundle: string, name: string, wordsDir: string, cacheDir?: string): void {
  const dir = path.join(bundle, 'fragment');
  let files: string[];
  try { files = fs.readdirSync(dir).filter((f) => /^[^.]+\.pf_fragment$/.test(f)); } catch { return; }
  for (const f of files) {
    const file = path.join(dir, f);
    const id = f.slice(0, -'.pf_fragment'.length);
    const split = splitFragment(fs.readFileSync(file), wordsDir, cacheDir);
    const places = JSON.parse(fs.readFileSync(path.join(wordsDir, `${split.words}${PLACES_FILE}`), 'utf8')) as { sizes: number[]; given: number[] };
    const text = path.join(dir, `${id}.pf_text`);
    const words = path.join(wordsDir, split.words);
    try { fs.linkSync(`${words}${TEXT_FILE}`, text); } catch { fs.copyFileSync(`${words}${TEXT_FILE}`, text); }
    if (split.heads.length) fs.writeFileSync(path.join(dir, `${id}${HEADS_FILE}`), split.heads);
    // (sizes, counts and steps rather than running totals: smaller numbers, a smaller fragment)
    fs.writeFileSync(file, compress({ ...split.base, chunk_words: CHUNK_WORDS, chunk_bundle: name, chunk_id: id, chunk_sizes: places.sizes, chunk_given: places.given, chunk_joiner: '', head_block: HEAD_BLOCK, head_steps: split.steps, head_sizes: split.sizes }));
  }
}

/** What splitFragments makes of one fragment whatever its bundle: the fragment without its text and
 * anchors (`base`), the key of its page's words, and its headings (`heads`: the blocks, `sizes`: the
 * bytes of each, `steps`: their places). A re-indexed part holds mostly pages whose fragments are byte
 * for byte those of the last build (Pagefind's fragment is its page's alone), and reading a fragment
 * (its whole text) and its headings was most of the time after Pagefind: so with `cacheDir` the answer
 * is kept by the fragment's hash, in the prepared pages' way. */
interface SplitFragment { base: Record<string, unknown>; words: string; steps: number[]; sizes: number[]; heads: Buffer }
function splitFragment(bytes: Buffer, wordsDir: string, cacheDir?: string): SplitFragment {
  const key = cacheDir && crypto.createHash('sha256').update(PREPARE_VERSION).update(bytes).digest('hex');
  const entry = key ? path.join(cacheDir, SPLIT, key.slice(0, 2), key.slice(2)) : undefined;
  if (entry) {
    try {
      const kept = JSON.parse(fs.readFileSync(entry, 'utf8')) as Omit<SplitFragment, 'heads'>;
      const heads = kept.sizes.length ? fs.readFileSync(`${entry}${HEADS_FILE}`) : Buffer.alloc(0);
      // (a part of the cache: the words it names are there when the fragment is)
      if (heads.length === kept.sizes.reduce((a, n) => a + n, 0) && fs.existsSync(path.join(wordsDir, `${kept.words}${PLACES_FILE}`))) {
        touch(kept.sizes.length ? [entry, `${entry}${HEADS_FILE}`] : [entry]);
        return { ...kept, heads };
      }
    } catch { /* not split before (or removed meanwhile): split now */ }
  }
  const fragment = JSON.parse(zlib.gunzipSync(bytes).subarray(SIGNATURE.length).toString('utf8')) as Record<string, unknown>;
  const { [WORDS_META]: words, ...meta } = (fragment.meta ?? {}) as Record<string, string>;
  if (!words || !/^[0-9a-f]+$/.test(words)) throw new Error(`検索索引のページ ${String(fragment.url)} に語の一覧の名前がありません。`);
  const places = JSON.parse(fs.readFileSync(path.join(wordsDir, `${words}${PLACES_FILE}`), 'utf8')) as { sizes: number[]; given: number[] };
  const content = typeof fragment.content === 'string' ? fragment.content : '';
  const read = content ? content.split(' ').length : 0;
  const given = places.given.reduce((a, n) => a + n, 0);
  if (read !== given) throw new Error(`検索索引のページ ${String(fragment.url)} の語の数が準備した数と合いません（${read} と ${given}）。`);
  // The headings that sections (sub-results) are named after, as Pagefind takes them (an element h1–h6
  // with an id and text), in page order: their places stay in the fragment, their ids and texts go in
  // blocks of HEAD_BLOCK to a file read by ranges like the text (a report has some 300 headings, which
  // were four fifths of its fragment, and a result shows three at most).
  type Anchor = { element?: string; id?: string; text?: string; location?: number };
  const anchors = (Array.isArray(fragment.anchors) ? (fragment.anchors as Anchor[]) : [])
    .filter((a) => /^h\d$/i.test(a.element ?? '') && typeof a.id === 'string' && a.id && typeof a.text === 'string' && /\S/.test(a.text) && Number.isInteger(a.location))
    .sort((a, b) => a.location! - b.location!);
  const blocks: Buffer[] = [];
  for (let k = 0; k < anchors.length; k += HEAD_BLOCK) blocks.push(compress(anchors.slice(k, k + HEAD_BLOCK).map((a) => [a.id, readableText(a.text!).trim()])));
  const split = {
    base: { ...fragment, meta, content: '', anchors: [] },
    words,
    steps: anchors.map((a, k) => a.location! - (k ? anchors[k - 1].location! : 0)),
    sizes: blocks.map((b) => b.length),
  };
  if (entry) {
    // Written beside and renamed in, the headings first: a reader sees a whole entry or none.
    const tmp = `${entry}.tmp-${process.pid}-${threadId}`;
    try {
      fs.mkdirSync(path.dirname(entry), { recursive: true });
      if (blocks.length) { fs.writeFileSync(tmp, Buffer.concat(blocks)); fs.renameSync(tmp, `${entry}${HEADS_FILE}`); }
      fs.writeFileSync(tmp, JSON.stringify(split));
      fs.renameSync(tmp, entry);
    } catch { fs.rmSync(tmp, { force: true }); }
  }
  return { ...split, heads: Buffer.concat(blocks) };
}

/** The number of parts for `n` pages: one when they fit in one part, else the smallest power of two
 * that leaves parts at most 80 % full on average (a hash spreads pages unevenly). */
export function partCount(n: number, partPages: number): number {
  if (n <= partPages) return 1;
  let b = 2;
  while (n / b > partPages * 0.8) b *= 2;
  return b;
}

/** The pages a part may hold for a site of `n` searchable pages: PART_PAGES, and more as the site grows,
 * in proportion to √n. A search loads from every part the part's metadata and, for each query word,
 * one chunk of its word index, which grow as the square root of the part (pagefind-bundle.ts balances
 * the two); so with parts of √n pages, what a search loads grows as n^¾, not as n. The price is the
 * time to index again the part of a changed page, which grows as √n too. */
export const PART_PAGES = 400;
export function partPagesFor(n: number): number {
  return Math.max(PART_PAGES, Math.ceil(12 * Math.sqrt(n)));
}

/** The part of `parts` that the page at `rel` belongs to: fixed by its path alone. */
export function partOf(rel: string, parts: number): number {
  return crypto.createHash('sha256').update(rel.split(path.sep).join('/')).digest().readUInt32BE(0) % parts;
}

/** A part's bundle folder: named after the part's key, so the same in every build and shard. */
export const bundleName = (key: string) => `pagefind-${key.slice(0, 16)}`;

/** The cache key of a part: its prepared pages (path and content hash), and the Pagefind version and
 * arguments that index them. */
export function partKey(pages: { rel: string; hash: string }[], pagefind: { version: string; args: string[]; layout?: string }): string {
  const h = crypto.createHash('sha256').update(JSON.stringify(pagefind));
  for (const p of [...pages].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))) h.update(`\n${p.rel.split(path.sep).join('/')}\0${p.hash}`);
  return h.digest('hex');
}

/** The bundles a built site's search page merges (its pagefind-bundles.json), first the primary. */
export function readBundleList(site: string): string[] {
  const list = JSON.parse(fs.readFileSync(path.join(site, BUNDLE_LIST), 'utf8')) as { bundles?: unknown };
  if (!Array.isArray(list.bundles) || !list.bundles.every((b) => typeof b === 'string' && /^pagefind[\w-]*$/.test(b))) throw new Error(`${BUNDLE_LIST} の形式が正しくありません。`);
  return list.bundles as string[];
}

export function writeBundleList(site: string, bundles: string[]): void {
  fs.writeFileSync(path.join(site, BUNDLE_LIST), `${JSON.stringify({ bundles }, null, 2)}\n`);
}

/** The bundles of several shards as one list, in name order as a single build lists them (a bundle in
 * two lists is the same bundle, since its name is the hash of its inputs). */
export function mergeBundleLists(lists: string[][]): string[] {
  return [...new Set(lists.flat())].sort();
}

/** The search page naming `bundles` (the first is the primary, whose Pagefind runtime loads the others):
 * data-bundle="<base>first/" data-merge="<base>second/ …", with `filters` (a file of the site,
 * pagefind-bundle.ts writeFilterCounts) data-filter-list="<base>filters", so that the page shows the filter
 * values without loading every part's filter files, with `hidden` (page ids the overlay replaces,
 * search-overlay.ts) data-hidden="id id …", and with `shared` (page ids that several bundles hold,
 * pagefind-bundle.ts sharedPageIds) data-shared="id id …". Throws if the page has no data-bundle naming
 * the default pagefind/ (the page Astro wrote). */
export function setSearchPageBundles(html: string, bundles: string[], filters?: string, hidden: string[] = [], shared: string[] = []): string {
  if (filters !== undefined && !/^[\w./-]+$/.test(filters)) throw new Error(`絞り込みのファイルの名前「${filters}」が正しくありません。`);
  const bad = [...hidden, ...shared].find((id) => !/^[\w-]+$/.test(id));
  if (bad !== undefined) throw new Error(`検索索引のページの名前「${bad}」が正しくありません。`);
  let done = false;
  const patched = html.replace(/data-bundle="([^"]*)pagefind\/"(?: data-merge="[^"]*")?(?: data-filter-list="[^"]*")?(?: data-hidden="[^"]*")?(?: data-shared="[^"]*")?/, (_m, base: string) => {
    done = true;
    const merge = bundles.slice(1).map((b) => `${base}${b}/`).join(' ');
    // (no bundles, a site without reports: an empty data-bundle, and the search page finds nothing)
    return `data-bundle="${bundles.length ? `${base}${bundles[0]}/` : ''}"${merge ? ` data-merge="${merge}"` : ''}${filters ? ` data-filter-list="${base}${filters}"` : ''}${hidden.length ? ` data-hidden="${hidden.join(' ')}"` : ''}${shared.length ? ` data-shared="${shared.join(' ')}"` : ''}`;
  });
  if (!done) throw new Error('検索ページ（search/index.html）に検索索引の場所（data-bundle）がありません。');
  return patched;
}

export interface IndexerOptions {
  /** The site being written (Astro's output folder). */
  site: string;
  /** The pagefind executable, and the environment it runs in. */
  pagefind: string;
  env: NodeJS.ProcessEnv;
  /** Pagefind arguments for every part. */
  args: string[];
  /** Elements not indexed (interface text), and occurrences of a word indexed per page (preparePage). */
  exclude?: string[];
  cap?: number;
  partPages: number;
  /** Parts indexed at a time once Astro is done (one at a time while it renders). */
  jobs: number;
  /** Where indexed parts and prepared pages are kept for later builds (none: no cache). */
  cacheDir?: string;
  /** The number of parts, when the build decides it (scripts/build.ts: from the number of reports, the
   * same in a single build and in every shard); otherwise from the pages found. */
  parts?: number;
  /** The searchable pages the site will have (paths in the site), when the build knows them: a part is
   * indexed as soon as all of its pages are prepared, while Astro still renders the others (the build
   * has Astro render the reports part by part). */
  expected?: string[];
  /** Told what the indexer does and when (the build's BUILD_TIMINGS: where the search part of a build goes). */
  log?: (event: string) => void;
  /** The previous site's search layout (a rebuild): a part that differs from its bundle there in a few
   * pages keeps that bundle, and those pages go to the overlay (search-overlay.ts). */
  previous?: SearchLayout;
  /** Parts smaller than this are never overlaid (search-overlay.ts OVERLAY_MIN_PART). */
  overlayMinPart?: number;
}

export interface IndexResult {
  /** The bundles written, the primary first. */
  bundles: string[];
  /** Each indexed page's prepared hash, by its path in the site (for SearchIndexer.addKnownPages). */
  prepared: Map<string, string>;
  /** How many parts were indexed, and how many copied from the cache. */
  indexed: number;
  cached: number;
  /** The ids of the base pages the overlay replaces, which the search page hides (data-hidden). */
  hidden: string[];
  /** What the index is made of, for the next build's `previous`. */
  layout: SearchLayout;
}

/** What a prepared page is made by besides the page: this module and the options. A page's prepared
 * hash (preparePageFile) is the same for the same bytes and the same signature. */
export function prepareSignature(options: PrepareOptions): string {
  return crypto.createHash('sha256').update(PREPARE_VERSION).update(JSON.stringify([options.exclude ?? [], options.cap ?? WORD_CAP, CHUNK_WORDS])).digest('hex');
}

/** Prepares a page file for Pagefind (preparePage) into `to` and returns the hash of the prepared page,
 * or undefined for a page with nothing to index. Preparing (segmenting every word) is as much work as
 * indexing, so a page prepared before, same bytes and same preparing code, is taken from the cache in
 * `cacheDir` (linked, not copied). Does file I/O; runs on the preparing thread (search-prepare-worker.ts). */
export function preparePageFile(file: string, to: string, wordsDir: string, cacheDir?: string, options: PrepareOptions = {}, known?: string): string | undefined {
  if (known && cacheDir && stagePrepared(known, to, wordsDir, cacheDir)) return known;
  const raw = fs.readFileSync(file);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.mkdirSync(wordsDir, { recursive: true });
  const key = crypto.createHash('sha256').update(prepareSignature(options)).update(raw).digest('hex');
  const entry = cacheDir ? path.join(cacheDir, PREPARED, key.slice(0, 2), key.slice(2)) : undefined;
  if (entry) {
    try {
      const kept = fs.readFileSync(entry);
      if (kept.length === 0) { touch([entry]); return undefined; }
      linkPrepared(entry, kept, to, wordsDir);
      const hash = crypto.createHash('sha256').update(kept).digest('hex');
      keepByHash(cacheDir!, hash, entry);
      return hash;
    } catch { /* not prepared before (or removed meanwhile): prepared now */ }
  }
  const prepared = preparePage(raw.toString('utf8'), options);
  const chunks = prepared && textChunks(prepared.words, prepared.kept);
  const places = chunks && JSON.stringify({ sizes: chunks.sizes, given: chunks.given });
  // (the chunks hold all the words and which are given: their hash names them)
  const page = chunks && nameWords(prepared.page, crypto.createHash('sha256').update(chunks.text).digest('hex').slice(0, 32));
  if (entry) {
    // Written beside and renamed in, the words first: a reader sees the whole page or none (an empty
    // file: nothing to index), and a page's words are there when the page is.
    const tmp = `${entry}.tmp-${process.pid}-${threadId}`;
    try {
      fs.mkdirSync(path.dirname(entry), { recursive: true });
      if (chunks) {
        fs.writeFileSync(tmp, chunks.text); fs.renameSync(tmp, `${entry}${TEXT_FILE}`);
        fs.writeFileSync(tmp, places!); fs.renameSync(tmp, `${entry}${PLACES_FILE}`);
      }
      fs.writeFileSync(tmp, page ?? '');
      fs.renameSync(tmp, entry);
      if (page) keepByHash(cacheDir!, crypto.createHash('sha256').update(page).digest('hex'), entry);
    } catch { fs.rmSync(tmp, { force: true }); }
  }
  if (!page) return undefined;
  const words = path.join(wordsDir, wordsKeyOf(page));
  // (written beside and renamed in: the files may be linked into the cache, a bundle and the site, and
  // another thread may be writing the same words; a file there is always whole)
  const put = (to: string, data: string | Buffer) => { const tmp = `${to}.tmp-${process.pid}-${threadId}`; fs.writeFileSync(tmp, data); fs.renameSync(tmp, to); };
  if (!fs.existsSync(`${words}${PLACES_FILE}`)) { put(`${words}${TEXT_FILE}`, chunks!.text); put(`${words}${PLACES_FILE}`, places!); }
  fs.writeFileSync(to, page);
  return crypto.createHash('sha256').update(page).digest('hex');
}

// (named with the preparing code's version too: the words beside a page are in that code's format)
const byHashEntry = (cacheDir: string, hash: string) => {
  const name = crypto.createHash('sha256').update(PREPARE_VERSION).update(hash).digest('hex');
  return path.join(cacheDir, BY_HASH, name.slice(0, 2), name.slice(2));
};

/** Links a cache entry of PREPARED (the page and its words) under the prepared page's hash. */
function keepByHash(cacheDir: string, hash: string, entry: string) {
  const at = byHashEntry(cacheDir, hash);
  try {
    fs.mkdirSync(path.dirname(at), { recursive: true });
    // (the words first: a reader that finds the page finds its words)
    for (const suffix of [TEXT_FILE, PLACES_FILE, '']) linkOnce(`${entry}${suffix}`, `${at}${suffix}`);
  } catch { /* found by its file's bytes instead */ }
}

/** Stages the prepared page whose hash is `hash` at `to`, with its words in `wordsDir`, from the cache,
 * without the page it was prepared from: false when the cache does not hold it (or holds other bytes
 * under its name), and the page must then be prepared from its file. */
function stagePrepared(hash: string, to: string, wordsDir: string, cacheDir: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(hash)) return false;
  const at = byHashEntry(cacheDir, hash);
  let kept: Buffer;
  try { kept = fs.readFileSync(at); } catch { return false; }
  if (crypto.createHash('sha256').update(kept).digest('hex') !== hash) return false;
  try {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.mkdirSync(wordsDir, { recursive: true });
    linkPrepared(at, kept, to, wordsDir);
    return true;
  } catch { return false; }
}

/** Links a file, leaving one already there (the same words, linked for another page or by another thread). */
function linkOnce(from: string, at: string) {
  try { fs.linkSync(from, at); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; }
}
/** Marks cache files as used now (pruneCache removes those no build has used for a while). */
function touch(files: string[]) {
  const now = new Date();
  try { for (const f of files) fs.utimesSync(f, now, now); } catch { /* pruned a little sooner */ }
}
/** Puts a prepared page kept in the cache (`entry`, whose bytes are `kept`) at `to`, with its words in
 * `wordsDir` by the key the page names, all as links, and marks the entry as used. */
function linkPrepared(entry: string, kept: Buffer, to: string, wordsDir: string) {
  touch([entry, `${entry}${TEXT_FILE}`, `${entry}${PLACES_FILE}`]);
  const words = path.join(wordsDir, wordsKeyOf(kept.toString('utf8')));
  for (const suffix of [TEXT_FILE, PLACES_FILE]) linkOnce(`${entry}${suffix}`, `${words}${suffix}`);
  fs.linkSync(entry, to);
}

/** A request to the preparing thread, and its answer. */
export interface PrepareRequest { rel: string; file: string; to: string; wordsDir: string; cacheDir?: string; options: PrepareOptions; /** the hash an earlier build recorded (addKnownPages) */ known?: string }
export interface PrepareAnswer { rel: string; hash?: string; error?: string }

type Part = { pages: PartPage[]; key: string };
type PartOutcome = 'indexed' | 'cached' | 'failed';
/** A part kept as the previous site published it (its base), with its overlay pages and the ids of the
 * base's pages they replace. */
type Overlaid = { base: { key: string; pages: Record<string, string> }; delta: PartPage[]; hidden: string[] };

/** The URL Pagefind gives the page at `rel` in the site (a folder's index.html is the folder). */
export const pageUrl = (rel: string) => `/${rel.split(path.sep).join('/').replace(/(^|\/)index\.html$/, '$1')}`;

/** The fragment ids of a bundle's pages, by URL (a fragment is gzip of "pagefind_dcd" and JSON). */
export function fragmentIds(bundle: string): Map<string, string> {
  const ids = new Map<string, string>();
  const dir = path.join(bundle, 'fragment');
  for (const f of fs.readdirSync(dir)) {
    if (!f.endsWith('.pf_fragment')) continue;
    const fragment = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(dir, f))).subarray(SIGNATURE.length).toString('utf8')) as { url?: unknown };
    if (typeof fragment.url === 'string') ids.set(fragment.url, f.slice(0, -'.pf_fragment'.length));
  }
  return ids;
}

/**
 * Prepares each searchable page as soon as it is written (scan: Astro's pages; addPage: a page the build
 * takes from the previous site) on a thread of its own, and indexes the site's search parts. With
 * `expected`, a part whose pages are all prepared is indexed at once, one part at a time, while Astro
 * renders the rest; finish prepares what is left and indexes (or takes from the cache) every part not
 * done yet, `jobs` at a time. A part indexed early whose pages turn out different at the end (a page
 * the build did not expect) is indexed again: the result is always that of indexing the final pages.
 */
export class SearchIndexer {
  private o: IndexerOptions;
  /** Files seen finished (scan), and pages prepared: path in the site → hash of the prepared page. */
  private known = new Set<string>();
  private prepared = new Map<string, string>();
  private preparing = new Set<string>();
  private drained: (() => void)[] = [];
  /** The preparing threads, each with the pages it has been sent and not answered; the pages waiting
   * for a thread; how many threads may run (one while Astro renders, `jobs` once it is done). */
  private workers: { thread: Worker; sent: number }[] = [];
  private waiting: PrepareRequest[] = [];
  private threads = 1;
  private staging: string;
  /** Where the prepared pages' words are kept (by key) for splitFragments. */
  private words: string;
  /** Where the parts' bundles are written until finish moves them into the site. */
  private bundles: string;
  private running = new Set<ChildProcess>();
  private failed: string | undefined;
  private written: string[] = [];
  /** Before finish: the part count and each part's expected pages; the parts started early. */
  private early: { count: number; parts: Map<number, string[]> } | undefined;
  private started = new Map<number, { part: Part; done: Promise<PartOutcome> }>();
  private partOfPage = new Map<string, number>();
  /** Parts being indexed now, the most allowed at once, and the parts waiting for a turn. */
  private active = 0;
  private limit = 1;
  private turns: (() => void)[] = [];
  private version: string | undefined;
  /** Pages added with their prepared hash (addKnownPages): path → file. Prepared only if a part holding
   * them has to be indexed (its bundle is not in the cache), once however many parts ask (staged). */
  private knownFiles = new Map<string, string>();
  private staged = new Map<string, Promise<void>>();
  private stageWaiters = new Map<string, () => void>();
  /** Whether each part (by key) is overlaid on its base (overlayFor), decided once; the parts (by number)
   * indexed whole because their hidden ids clashed (finish). */
  private overlays = new Map<string, Overlaid | null>();
  private whole = new Set<number>();

  constructor(options: IndexerOptions) {
    this.o = options;
    this.staging = `${options.site}.search-pages`;
    this.words = `${options.site}.search-words`;
    this.bundles = `${options.site}.search-bundles`;
    if (options.expected) {
      const count = options.parts ?? partCount(options.expected.length, options.partPages);
      const parts = new Map<number, string[]>();
      for (const rel of options.expected) {
        const k = this.partOf(rel, count);
        parts.set(k, [...(parts.get(k) ?? []), rel]);
      }
      this.early = { count, parts };
    }
  }

  /** Prepares the searchable pages Astro has finished since the last call. */
  scan(): void {
    this.collect(this.o.site);
  }

  /** Files the build links from the previous site: the scan does not read them. The searchable ones
   * among them, the pages of the reports it reuses, it adds itself (addPage, addKnownPages); the others
   * were not searchable there either (reading the start of every linked page was 2 s at 1,000 reports). */
  ignore(rels: Iterable<string>): void {
    for (const rel of rels) this.known.add(path.join(this.o.site, rel));
  }

  /** Prepares a page the site will have at `rel`, from `file` (a page of the previous site). */
  addPage(rel: string, file: string): void {
    this.prepare(rel, file);
  }

  /** Pages the site will have, each the same bytes as a page an earlier build prepared with the same
   * signature (this.signature), whose prepared hash it recorded (IndexResult.prepared). A part of such
   * pages alone costs nothing when its bundle is in the cache; in a part that also holds another page
   * they are staged at once, from the cache by their hash (stagePrepared) or else prepared from their
   * files (and the build stops if one prepares to another hash). */
  addKnownPages(pages: { rel: string; file: string; hash: string }[]): void {
    for (const { rel, file, hash } of pages) {
      if (this.prepared.has(rel) || this.preparing.has(rel)) continue;
      this.knownFiles.set(rel, file);
      this.prepared.set(rel, hash);
    }
    // A part that expects a page not known (one Astro renders now) will be indexed: its known pages are
    // prepared now, while Astro renders, rather than once the new page is there (a part of a rebuild
    // after one change waited about 1 s for them at 1,000 reports).
    // (not in a part that will keep its base, with its new pages in the overlay: its known pages are never
    // given to Pagefind)
    if (this.early) {
      for (const [k, rels] of this.early.parts) {
        const known = rels.filter((rel) => this.knownFiles.has(rel));
        if (known.length && known.length < rels.length && !this.likelyOverlaid(k, rels)) void this.stage(known);
      }
    }
    this.startReady();
  }

  /** The signature of the pages this indexer prepares (prepareSignature). */
  get signature(): string {
    return prepareSignature({ exclude: this.o.exclude, cap: this.o.cap });
  }

  /** After Astro: prepares the remaining pages, indexes every part not indexed yet (or copies it from the
   * cache) and lists the bundles in pagefind-bundles.json. */
  async finish(): Promise<IndexResult> {
    // (Astro is done: the pages left are prepared on `jobs` threads)
    this.threads = Math.max(1, this.o.jobs);
    this.collect(this.o.site);
    this.dispatch();
    this.o.log?.(`準備済み ${this.prepared.size} ページ、残り ${this.preparing.size} ページ、索引を作った部 ${[...this.started.values()].length} 個`);
    await new Promise<void>((resolve) => (this.preparing.size ? this.drained.push(resolve) : resolve()));
    this.o.log?.('ページの準備が終わりました');
    if (this.failed) { this.abort(); throw new Error(this.failed); }
    this.limit = Math.max(1, this.o.jobs);
    this.nextTurn();
    const pages = [...this.prepared.keys()].sort();
    // (a sharded build fixes the count for all its shards, so each shard indexes whole parts)
    const count = this.o.parts ?? partCount(pages.length, this.o.partPages);
    const byPart = new Map<number, { rel: string; hash: string }[]>();
    for (const rel of pages) {
      const k = count === 1 ? 0 : this.partOf(rel, count);
      byPart.set(k, [...(byPart.get(k) ?? []), { rel, hash: this.prepared.get(rel)! }]);
    }
    const parts = [...byPart.entries()].map(([k, p]) => ({ k, part: this.part(p) }));
    // A part that differs from its base in a few pages keeps the base's bundle; those pages are indexed
    // together in the overlay (search-overlay.ts). Each bundle is placed (indexed, or taken from the
    // cache) once, in this.bundles; a round whose hidden ids clash is planned again without those parts.
    const early = new Map([...this.started.values()].map((s) => [s.part.key, s.done]));
    const placed = new Map<string, Promise<PartOutcome>>();
    let plan: { overlaid: Map<number, Overlaid>; delta: PartPage[]; overlay?: Part; keys: Set<string> };
    for (;;) {
      const overlaid = new Map<number, Overlaid>();
      for (const { k, part } of parts) { const o = this.overlayFor(k, count, part); if (o) overlaid.set(k, o); }
      const delta = [...overlaid.values()].flatMap((o) => o.delta).sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
      const overlay = delta.length ? this.part(delta) : undefined;
      const final = [...parts.filter(({ k }) => !overlaid.has(k)).map(({ part }) => part), ...(overlay ? [overlay] : [])];
      for (const p of final) if (!placed.has(p.key)) placed.set(p.key, early.get(p.key) ?? this.indexPart(p));
      for (const o of overlaid.values()) if (!placed.has(o.base.key)) placed.set(o.base.key, early.get(o.base.key) ?? this.useBase(o.base.key));
      plan = { overlaid, delta, overlay, keys: new Set([...final.map((p) => p.key), ...[...overlaid.values()].map((o) => o.base.key)]) };
      await Promise.all([...plan.keys].map((key) => placed.get(key)));
      const clashing = this.failed ? [] : this.clashes(overlaid, plan.keys);
      if (!clashing.length) break;
      this.o.log?.(`隠すページの ID が別の索引のページと重なるため、${clashing.length} 部をまるごと索引し直します`);
      for (const k of clashing) this.whole.add(k);
    }
    const { overlaid, delta, overlay, keys } = plan;
    const outcomes = await Promise.all([...keys].map((key) => placed.get(key)!));
    // An early part or a bundle of an earlier round that the final plan does not use goes once it is written.
    await Promise.all([...this.started.values()].filter((s) => !keys.has(s.part.key)).map((s) => s.done.then(() => this.discard(s.part.key))));
    await Promise.all([...placed].filter(([key]) => !keys.has(key)).map(([key, done]) => done.then(() => this.discard(key))));
    // (the threads stay until every part is done: a part indexed now prepares its known pages on them)
    await Promise.all(this.workers.splice(0).map((w) => w.thread.terminate()));
    for (const dir of [this.staging, this.words]) fs.rmSync(dir, { recursive: true, force: true });
    if (this.failed) { this.abort(); throw new Error(this.failed); }
    // The bundles join the site only now: Astro empties its output folder when it starts, which may be
    // after a part has been indexed (or copied from the cache) early.
    try {
      for (const key of keys) fs.renameSync(path.join(this.bundles, bundleName(key)), path.join(this.o.site, bundleName(key)));
      fs.rmSync(this.bundles, { recursive: true, force: true });
    } catch (e) {
      this.abort();
      throw new Error(`検索索引をサイトに置けませんでした: ${String((e as Error).message ?? e).split('\n')[0]}`);
    }
    if (this.o.cacheDir) pruneCacheDaily(this.o.cacheDir);
    // In name order: the same list whichever shards made the parts (mergeBundleLists sorts too).
    const bundles = [...keys].map(bundleName).sort();
    writeBundleList(this.o.site, bundles);
    const hidden = [...overlaid.values()].flatMap((o) => o.hidden).sort();
    if (overlaid.size) this.o.log?.(`${overlaid.size} 部は前回の索引のまま、変わった ${delta.length} ページは上乗せの索引に（前回の ${hidden.length} ページを隠す）`);
    const layout: SearchLayout = {
      count,
      made: this.made,
      parts: Object.fromEntries(parts.map(({ k, part }) => [String(k), overlaid.get(k)?.base ?? { key: part.key, pages: layoutPages(part.pages) }])),
      ...(overlay ? { overlay: overlay.key } : {}),
      ...(hidden.length ? { hidden } : {}),
    };
    return { bundles, prepared: new Map(pages.map((rel) => [rel, this.prepared.get(rel)!])), indexed: outcomes.filter((o) => o === 'indexed').length, cached: outcomes.filter((o) => o === 'cached').length, hidden, layout };
  }

  /** Stops every running part and removes what the indexer wrote (Astro failed). */
  abort(): void {
    this.failed ??= 'ビルドを中止しました';
    for (const child of this.running) child.kill();
    this.stop(this.failed);
    for (const w of this.workers.splice(0)) void w.thread.terminate();
    for (const b of this.written) fs.rmSync(b, { recursive: true, force: true });
    for (const dir of [this.staging, this.words, this.bundles]) fs.rmSync(dir, { recursive: true, force: true });
  }

  private partOf(rel: string, count: number): number {
    const key = `${count}\0${rel}`;
    let k = this.partOfPage.get(key);
    if (k === undefined) this.partOfPage.set(key, (k = count === 1 ? 0 : partOf(rel, count)));
    return k;
  }

  private part(pages: { rel: string; hash: string }[]): Part {
    return { pages, key: partKey(pages, this.maker()) };
  }

  /** What makes a bundle besides its pages: the Pagefind version and arguments, and this module's and
   * pagefind-bundle.ts's versions (a bundle whose fragments splitFragments wrote otherwise is not reused,
   * even when the pages it was given are the same; nor is an overlay put on such a base). */
  private maker(): { version: string; args: string[]; layout: string } {
    this.version ??= spawnSync(this.o.pagefind, ['--version'], { encoding: 'utf8', env: this.o.env }).stdout?.trim() || '?';
    return { version: this.version, args: this.o.args, layout: `${CHUNK_WORDS}-${PREPARE_VERSION.slice(0, 16)}-${REWRITE_VERSION.slice(0, 16)}` };
  }
  private get made(): string {
    return (this.madeHash ??= crypto.createHash('sha256').update(JSON.stringify(this.maker())).digest('hex').slice(0, 16));
  }
  private madeHash: string | undefined;

  private collect(dir: string) {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('pagefind')) this.collect(p);
      } else if (e.name.endsWith('.html') && !this.known.has(p)) {
        const page = inspectPage(p);
        if (!page.finished) continue;
        this.known.add(p);
        if (page.searchable) this.prepare(path.relative(this.o.site, p), p);
      }
    }
  }

  /** Hands a page to the preparing thread (once: a page added from the previous site and then seen in
   * the site is the same page). */
  private prepare(rel: string, file: string) {
    if (this.prepared.has(rel) || this.preparing.has(rel) || this.failed) return;
    this.request(rel, file);
  }

  /** Prepares the pages of a part added by addKnownPages, before Pagefind is given the part. */
  private stage(rels: string[]): Promise<unknown> {
    return Promise.all(rels.map((rel) => {
      let staged = this.staged.get(rel);
      if (!staged) {
        staged = new Promise<void>((resolve) => {
          if (this.failed) return resolve();
          this.stageWaiters.set(rel, resolve);
          this.request(rel, this.knownFiles.get(rel)!, this.prepared.get(rel));
        });
        this.staged.set(rel, staged);
      }
      return staged;
    }));
  }

  private request(rel: string, file: string, known?: string) {
    const request: PrepareRequest = { rel, file, to: path.join(this.staging, rel), wordsDir: this.words, cacheDir: this.o.cacheDir, options: { exclude: this.o.exclude, cap: this.o.cap }, known };
    this.preparing.add(rel);
    this.waiting.push(request);
    this.dispatch();
  }

  /** Sends waiting pages to the preparing threads, two at a time to each (one being prepared, one ready
   * to start), starting a thread while fewer run than allowed. */
  private dispatch() {
    while (this.waiting.length && !this.failed) {
      let w = this.workers.find((x) => x.sent < 2);
      if (!w && this.workers.length < this.threads) {
        const thread = new Worker(new URL('./search-prepare-worker.ts', import.meta.url));
        const added = { thread, sent: 0 };
        thread.on('message', (a: PrepareAnswer) => { added.sent--; this.onPrepared(a); });
        thread.on('error', (e) => this.stop(`検索用のページの準備に失敗しました: ${e.message}`));
        // (a thread this indexer ended itself is no longer in this.workers)
        thread.on('exit', (code) => { if (code !== 0 && this.preparing.size && this.workers.includes(added)) this.stop(`検索用のページの準備が止まりました（${code}）。`); });
        this.workers.push((w = added));
      }
      if (!w) return;
      w.sent++;
      w.thread.postMessage(this.waiting.shift());
    }
  }

  private onPrepared(a: PrepareAnswer) {
    this.dispatch();
    this.preparing.delete(a.rel);
    const staged = this.stageWaiters.get(a.rel);
    this.stageWaiters.delete(a.rel);
    if (a.error) this.stop(`検索用のページ ${a.rel} を準備できませんでした: ${a.error}`);
    else if (staged && a.hash !== this.prepared.get(a.rel)) this.stop(`検索用のページ ${a.rel} が、前回のビルドの記録と違う内容に準備されました。npm run build -- --full で作り直してください。`);
    else if (a.hash) this.prepared.set(a.rel, a.hash);
    staged?.();
    if (!this.preparing.size) for (const resolve of this.drained.splice(0)) resolve();
    this.startReady();
  }

  /** A failure: nothing more is started, and whoever waits for the preparation goes on (to fail). */
  private stop(message: string) {
    this.failed ??= message;
    // (nothing waiting is sent any more: whoever waits for a page goes on now)
    this.waiting = [];
    this.preparing.clear();
    for (const resolve of this.drained.splice(0)) resolve();
    for (const resolve of this.stageWaiters.values()) resolve();
    this.stageWaiters.clear();
  }

  /** Starts each expected part whose pages are all prepared (before finish; none is waiting). */
  private startReady() {
    if (!this.early || this.failed) return;
    for (const [k, rels] of this.early.parts) {
      if (this.started.has(k) || !rels.every((rel) => this.prepared.has(rel))) continue;
      // (the part's pages are its expected ones and any other page prepared so far that falls in it)
      const pages = [...this.prepared.keys()].filter((rel) => this.partOf(rel, this.early!.count) === k).sort().map((rel) => ({ rel, hash: this.prepared.get(rel)! }));
      const part = this.part(pages);
      // (an overlaid part is not indexed: finish takes its base and indexes the overlay)
      if (this.overlayFor(k, this.early.count, part)) continue;
      this.started.set(k, { part, done: this.indexPart(part) });
    }
  }

  /** Whether part `k` of `count` keeps the bundle the previous site published for it (its base, in the
   * cache) with its changed pages in the overlay: when its own bundle is not in the cache and
   * overlayDelta allows it, and the base's fragments name every page to hide. */
  private overlayFor(k: number, count: number, part: Part): Overlaid | undefined {
    if (this.whole.has(k)) return undefined;
    const memo = this.overlays.get(part.key);
    if (memo !== undefined) return memo ?? undefined;
    let result: Overlaid | undefined;
    const base = this.baseOf(k, count);
    if (base && this.o.cacheDir && base.key !== part.key && !this.cacheHas(part.key)) {
      const d = overlayDelta(part.pages, base.pages, this.o.overlayMinPart);
      if (d) {
        try {
          const ids = fragmentIds(path.join(this.o.cacheDir, base.key));
          const hidden = d.hidden.map((rel) => ids.get(pageUrl(rel)));
          if (hidden.every((id) => id !== undefined)) result = { base, delta: d.delta, hidden: hidden as string[] };
        } catch { /* a base that cannot be read: the part is indexed whole */ }
      }
    }
    this.overlays.set(part.key, result ?? null);
    return result;
  }

  /** Whether expected part `k` will most likely be overlaid (overlayFor), its pages not prepared yet
   * taken as changed. Only saves work: a part indexed whole after all stages its known pages then. */
  private likelyOverlaid(k: number, rels: string[]): boolean {
    const base = this.early && this.baseOf(k, this.early.count);
    return !!base && !!overlayDelta(rels.map((rel) => ({ rel, hash: this.prepared.get(rel) ?? '' })), base.pages, this.o.overlayMinPart);
  }

  /** The previous site's bundle of part `k` of `count`, if an overlay may be put on it: the same count,
   * made the same way (a base made by another Pagefind or other code is never mixed with an overlay
   * made now), and in the cache. */
  private baseOf(k: number, count: number): SearchLayout['parts'][string] | undefined {
    const previous = this.o.previous;
    const base = previous && previous.count === count && previous.made === this.made ? previous.parts[String(k)] : undefined;
    return base && this.cacheHas(base.key) ? base : undefined;
  }

  /** The overlaid parts whose hidden ids name a page of another bundle than their base. Pagefind's page
   * ids are short hashes (7 hex digits), unique within a bundle only, and the search page hides an id in
   * every bundle: such an id would hide an unrelated page, or the overlay's own version of the page. */
  private clashes(overlaid: Map<number, Overlaid>, keys: Set<string>): number[] {
    if (!overlaid.size) return [];
    const ids = [...keys].map((key) => ({ key, ids: new Set(pageIds(path.join(this.bundles, bundleName(key)))) }));
    return [...overlaid].filter(([, o]) => o.hidden.some((id) => ids.some((b) => b.key !== o.base.key && b.ids.has(id)))).map(([k]) => k);
  }

  private cacheHas(key: string): boolean {
    return !!this.o.cacheDir && fs.existsSync(path.join(this.o.cacheDir, key, 'pagefind-entry.json'));
  }

  /** Takes an overlaid part's base bundle from the cache (overlayFor found it there). */
  private async useBase(key: string): Promise<PartOutcome> {
    const bundle = path.join(this.bundles, bundleName(key));
    this.written.push(bundle);
    if (this.fromCache(key, bundle)) return 'cached';
    this.stop(`検索索引の一部（${bundleName(key)}）が索引のキャッシュから消えました。npm run build -- --full で作り直してください。`);
    return 'failed';
  }

  /** Indexes one part when its turn comes (or copies it from the cache). */
  private async indexPart(part: Part): Promise<PartOutcome> {
    await new Promise<void>((resolve) => { this.turns.push(resolve); this.nextTurn(); });
    try {
      if (this.failed) return 'failed';
      const name = bundleName(part.key);
      const bundle = path.join(this.bundles, name);
      this.written.push(bundle);
      if (this.fromCache(part.key, bundle)) return 'cached';
      const known = part.pages.filter((p) => this.knownFiles.has(p.rel)).map((p) => p.rel);
      if (known.length) await this.stage(known);
      if (this.failed) return 'failed';
      this.o.log?.(`${name}（${part.pages.length} ページ）: Pagefind を始めます`);
      await this.index(part.pages, bundle);
      if (this.failed) return 'failed';
      this.o.log?.(`${name}: Pagefind が終わりました`);
      splitFragments(bundle, name, this.words, this.o.cacheDir);
      await rechunkIndex(bundle);
      this.toCache(part.key, bundle);
      this.o.log?.(`${name}: 索引ができました`);
      return 'indexed';
    } catch (e) {
      this.stop(`検索索引の一部を作れませんでした: ${String((e as Error).message ?? e).split('\n')[0]}`);
      return 'failed';
    } finally {
      this.active--;
      this.nextTurn();
    }
  }

  private nextTurn() {
    while (this.active < this.limit && this.turns.length) { this.active++; this.turns.shift()!(); }
  }

  /** Removes a bundle indexed early that the final parts do not use. */
  private discard(key: string) {
    const bundle = path.join(this.bundles, bundleName(key));
    fs.rmSync(bundle, { recursive: true, force: true });
    this.written = this.written.filter((b) => b !== bundle);
  }

  private fromCache(key: string, bundle: string): boolean {
    if (!this.o.cacheDir) return false;
    const from = path.join(this.o.cacheDir, key);
    if (!fs.existsSync(path.join(from, 'pagefind-entry.json'))) return false;
    linkTree(from, bundle);
    // (the time of last use: pruneCache removes parts no build has used for a while)
    try { const now = new Date(); fs.utimesSync(from, now, now); } catch { /* kept all the same */ }
    return true;
  }

  /** Keeps an indexed part in the cache: written beside it, then renamed in (a reader sees all or nothing). */
  private toCache(key: string, bundle: string) {
    if (!this.o.cacheDir) return;
    const to = path.join(this.o.cacheDir, key);
    if (fs.existsSync(to)) return;
    const tmp = `${to}.tmp-${process.pid}`;
    try {
      fs.mkdirSync(this.o.cacheDir, { recursive: true });
      linkTree(bundle, tmp);
      fs.renameSync(tmp, to);
    } catch {
      // A cache that cannot be written only costs the next build time.
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  /** Runs Pagefind over a folder of the part's prepared pages at their paths in the site (same URLs).
   * The prepared pages are linked, not moved: a part indexed early may be indexed again at the end. */
  private index(pages: { rel: string }[], bundle: string): Promise<void> {
    const dir = `${bundle}.part`;
    fs.rmSync(dir, { recursive: true, force: true });
    for (const { rel } of pages) {
      const to = path.join(dir, rel);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.linkSync(path.join(this.staging, rel), to);
    }
    return new Promise<void>((resolve) => {
      const child = spawn(this.o.pagefind, ['--site', dir, '--output-path', bundle, '--quiet', ...this.o.args], { stdio: 'inherit', env: this.o.env });
      this.running.add(child);
      const end = (ok: boolean) => {
        if (!this.running.delete(child)) return;
        if (!ok) this.stop('検索索引（Pagefind）の作成に失敗しました。');
        fs.rmSync(dir, { recursive: true, force: true });
        resolve();
      };
      child.on('error', () => end(false));
      child.on('close', (status) => end(status === 0));
    });
  }
}

/** Removes the cached parts and prepared pages that no build has used for `days` days (a changed report
 * leaves its old part and page behind; without this, the cache would grow with every change). */
export function pruneCache(cacheDir: string, days = 14): void {
  const before = Date.now() - days * 86_400_000;
  for (const kind of [PREPARED, SPLIT, BY_HASH]) {
    for (const shard of (() => { try { return fs.readdirSync(path.join(cacheDir, kind)); } catch { return []; } })()) {
      const dir = path.join(cacheDir, kind, shard);
      try { for (const f of fs.readdirSync(dir)) if (fs.statSync(path.join(dir, f)).mtimeMs < before) fs.rmSync(path.join(dir, f), { force: true }); } catch { /* another build's */ }
    }
  }
  let entries: string[];
  try { entries = fs.readdirSync(cacheDir); } catch { return; }
  for (const e of entries) {
    if (e === PREPARED || e === SPLIT || e === BY_HASH) continue;
    const p = path.join(cacheDir, e);
    try { if (fs.statSync(p).mtimeMs < before) fs.rmSync(p, { recursive: true, force: true }); } catch { /* another build's */ }
  }
}

/** The file whose time is that of the cache's last pruning. */
const PRUNED = 'pruned';
/** pruneCache at most once a day (it looks at every file of the cache: 0.3 s at 5,000 reports, for
 * files that are kept two weeks). Returns whether it pruned. */
export function pruneCacheDaily(cacheDir: string, now = Date.now()): boolean {
  const stamp = path.join(cacheDir, PRUNED);
  const last = fs.statSync(stamp, { throwIfNoEntry: false })?.mtimeMs;
  if (last !== undefined && last <= now && now - last < 86_400_000) return false;
  pruneCache(cacheDir);
  try { fs.writeFileSync(stamp, ''); fs.utimesSync(stamp, now / 1000, now / 1000); } catch { /* pruned again next time */ }
  return true;
}

/** Links every file of the folder `from` into `to` (copies where a link cannot be made): a bundle is
 * never written in place, so a link to a bundle's file is as good as a copy. */
export function linkTree(from: string, to: string) {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, e.name);
    const b = path.join(to, e.name);
    if (e.isDirectory()) linkTree(a, b);
    else try { fs.linkSync(a, b); } catch { fs.copyFileSync(a, b); }
  }
}
