// The fast reader for well-formed content: js-yaml builds plain data about ten times faster than the
// position-keeping reader in yaml-source.ts (about 0.6 s against 6 s for 1,000 reports), but knows no
// positions and no limits. It answers only for documents it is sure the full reader reads to the same
// data without a problem, and returns undefined for anything else (anchors, aliases, tags, several
// documents, duplicate keys, deep nesting, odd keys, a syntax error), which then goes to the full reader.
// src/lib/content/yaml-fast.test.ts holds both readers to the same data on every file of content/ and the fixtures.
import jsyaml from 'js-yaml';
import { yamlLibrary } from './yaml-library.ts';

/** The full reader's limits (yaml-source.ts), kept here with a margin so that the fast reader never
 * accepts what the full reader would refuse. */
export const LIMITS = { depth: 200, entries: 1000, tokens: 200_000 } as const;
/** Keys that could reach Object.prototype: refused by the full reader, never accepted here. */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// The same plain-scalar rules as the full reader: YAML 1.2 core schema, decimal ints without leading
// zeros (so 団体コード "012345" stays a string), ISO dates as strings.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
export const INT = /^[-+]?(?:0|[1-9][0-9]*)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

// Each test first looks at the scalar's length or first character, which the pattern requires anyway:
// almost every scalar of a report is Japanese text, and running four patterns on each of them was a
// fifth of the fast reader's time.
const c0 = (s: string) => s.charCodeAt(0);
const numberStart = (c: number) => (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d; // 0-9 + -
const isNull = (s: string) => s.length <= 4 && NULL.test(s);
const isBool = (s: string) => (s.length === 4 || s.length === 5) && BOOL.test(s);
const isInt = (s: string) => numberStart(c0(s)) && (INT.test(s) || INT_OCT.test(s) || INT_HEX.test(s));
const isFloat = (s: string) => (numberStart(c0(s)) || c0(s) === 0x2e) && (FLOAT_NAN.test(s) || FLOAT_EXP.test(s) || FLOAT.test(s));

const schema = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    new jsyaml.Type('tag:yaml.org,2002:null', { kind: 'scalar', resolve: isNull, construct: () => null }),
    new jsyaml.Type('tag:yaml.org,2002:bool', { kind: 'scalar', resolve: isBool, construct: (s: string) => s[0] === 't' || s[0] === 'T' }),
    new jsyaml.Type('tag:yaml.org,2002:int', {
      kind: 'scalar',
      resolve: isInt,
      construct: (s: string) => (INT_OCT.test(s) ? parseInt(s.slice(2), 8) : INT_HEX.test(s) ? parseInt(s.slice(2), 16) : parseInt(s, 10)),
    }),
    new jsyaml.Type('tag:yaml.org,2002:float', {
      kind: 'scalar',
      resolve: isFloat,
      construct: (s: string) => (FLOAT_NAN.test(s) ? (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity) : parseFloat(s)),
    }),
  ],
});

/** A key the full reader might turn into something else (null → "", 1.50 → "1.5"): left to it. */
const plainKey = (k: string) => k !== '' && !isNull(k) && !isBool(k) && !numberStart(c0(k)) && c0(k) !== 0x2e;

// Anchors (&a), aliases (*a) and tags (!x, !!str) are left to the full reader, which bounds alias
// expansion, and so are directives (%YAML 1.1 would change the scalar rules). They can only start a
// node: at the start of a line or after 「: 」「- 」「? 」「[」「{」「,」. Text that happens to look
// like that (「注: &lt;」) only sends its document down the slower path.
export const NEEDS_FULL_READER = /(?:^[ \t]*|[:?-][ \t]+|[[{,][ \t]*)[&*!][^\s]|^%/m;

/**
 * Whether NEEDS_FULL_READER matches the text, found by looking only around the few 「& * ! %」 in it
 * (the pattern tried at every position was a tenth of the fast reader's time). yaml-fast.test.ts
 * holds the two to the same answer on generated texts.
 */
export function needsFullReader(text: string): boolean {
  const lineStart = (j: number) => j < 0 || LINE_BREAKS.has(text.charCodeAt(j));
  for (const m of text.matchAll(/[&*!%]/g)) {
    const i = m.index;
    if (text[i] === '%') { if (lineStart(i - 1)) return true; continue; }
    if (i + 1 >= text.length || /\s/.test(text[i + 1])) continue;
    let j = i - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
    if (lineStart(j) || '[{,'.includes(text[j]) || (j < i - 1 && ':?-'.includes(text[j]))) return true;
  }
  return false;
}
// Where `^` matches in a multiline pattern: after a line feed, carriage return, U+2028 or U+2029.
const LINE_BREAKS = new Set([0x0a, 0x0d, 0x2028, 0x2029]);

/**
 * An upper bound of the tokens the full reader's lexer makes of a text, without lexing it. Every token
 * holds an ASCII character (an indicator, a run of blanks, a line break, a quote…) except scalars
 * (「日本語」) and the empty marker before each scalar; scalars are separated by such characters. So
 * tokens ≤ 3 × (ASCII characters, a run of blanks counted once, + 1) + 2. Real reports have a third
 * of that (src/lib/content/yaml-fast.test.ts checks the bound against the lexer).
 */
export function tokenBound(text: string): number {
  let counted = 0;
  let blank = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09) { if (!blank) counted++; blank = true; }
    else { blank = false; if (c < 0x80) counted++; }
  }
  return 3 * (counted + 1) + 2;
}

/** Whether the full reader's lexer makes no more than `limit` tokens of the text (a quarter of the
 * cost of a full read; only texts whose bound is over the limit are lexed). */
function tokensWithin(text: string, limit: number, utf8Length = Buffer.byteLength(text, 'utf8')): boolean {
  // Only ASCII characters are counted, and a text has at most (3 × its UTF-16 length − its UTF-8
  // length) / 2 of them (an ASCII character adds 2 to that, any other at least 0): a text of mostly
  // Japanese needs no counting.
  const ascii = Math.floor((3 * text.length - utf8Length) / 2);
  if (3 * (ascii + 1) + 2 <= limit || tokenBound(text) <= limit) return true;
  let count = 0;
  const { Lexer } = yamlLibrary();
  for (const _ of new Lexer().lex(text)) if (++count > limit) return false;
  return true;
}

/** The document's data when the fast reader is certain of it, else undefined. `text` is decoded (no BOM). */
export function fastYamlData(text: string): Record<string, unknown> | undefined {
  if (needsFullReader(text) || !tokensWithin(text, LIMITS.tokens)) return undefined;
  const data = loadChecked(text)?.data;
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
}

/** js-yaml's data for a text already known to be free of what needs the full reader, and its height,
 * when it is within the limits (heightWithin), else undefined. */
function loadChecked(text: string): { data: unknown; height: number } | undefined {
  let data: unknown;
  try {
    data = jsyaml.load(text, { schema, json: false });
  } catch {
    return undefined;
  }
  const height = heightWithin(data, 0);
  return height < 0 ? undefined : { data, height };
}

/**
 * Half the full reader's depth and entry limits, only plain keys, only JSON-like values: the height of
 * `v` (0 for a scalar, 1 + its highest child for a collection) when they hold, else -1. `depth` is
 * how deep `v` sits; the height lets a value read in pieces be checked as a whole (readBlock).
 */
function heightWithin(v: unknown, depth: number): number {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return 0;
  if (depth > LIMITS.depth / 2 || typeof v !== 'object') return -1;
  let height = 0;
  if (Array.isArray(v)) {
    if (v.length > LIMITS.entries / 2) return -1;
    for (const x of v) { const h = heightWithin(x, depth + 1); if (h < 0) return -1; if (h > height) height = h; }
    return height + 1;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) return -1;
  const keys = Object.keys(v);
  if (keys.length > LIMITS.entries / 2) return -1;
  for (const k of keys) {
    if (FORBIDDEN_KEYS.has(k) || !plainKey(k)) return -1;
    const h = heightWithin((v as Record<string, unknown>)[k], depth + 1);
    if (h < 0) return -1;
    if (h > height) height = h;
  }
  return height + 1;
}

// A line that starts a top-level item: a plain key (no 「: 」 or 「#」 inside, not starting with an
// indicator) followed by 「:」 and a blank or the line's end.
const TOP_KEY = /^[^\s#\-?:,[\]{}&*!|>'"%@`.][^\n:#]*:(?:[ \t]|\n|$)/;

/**
 * A document cut into its top-level items, each block from its key line to the next one (comments and
 * blank lines before the first key go with the first block), when every line at column 0 is a key
 * line, a comment or blank: then each block holds one item on its own and reads, alone, to the same
 * value as in the whole document (fastYamlTree). Undefined for anything else (a sequence or a
 * continuation at column 0, a tab at column 0, a document marker) and for a text over the token limit. What else the
 * fast reader leaves to the full one (anchors, tags…) is looked for block by block, as each is read
 * (readBlock): a block read before was looked at then, and the marks never span two lines.
 */
export function topLevelBlocks(text: string, utf8Length?: number): string[] | undefined {
  if (!tokensWithin(text, LIMITS.tokens, utf8Length)) return undefined;
  const starts: number[] = [];
  for (let i = 0, next = 0; i < text.length; i = next) {
    const end = text.indexOf('\n', i);
    next = end < 0 ? text.length : end + 1;
    const c = text[i];
    if (c === ' ' || c === '\n' || c === '#') continue;
    if (!TOP_KEY.test(text.slice(i, next))) return undefined;
    starts.push(i);
  }
  if (!starts.length || starts.length > LIMITS.entries / 2) return undefined;
  return starts.map((start, k) => text.slice(k === 0 ? 0 : start, starts[k + 1] ?? text.length));
}

/** One block of topLevelBlocks read whole by the fast reader: its key and value, or undefined. */
export function blockItem(block: string): [string, unknown] | undefined {
  const data = fastYamlData(block);
  const keys = data && Object.keys(data);
  return keys?.length === 1 ? [keys[0], data![keys[0]]] : undefined;
}

// Reading a document in pieces. A history's versions share most of their text, and most of a large
// block too: 「Ⅱ 特定個人情報ファイルの概要」 is one top-level item of a few hundred lines, and an edit
// changes one line of it. A block whose value is a block mapping or a block sequence is cut into the
// entries of that value, each read alone (and, when large, cut again), so that a reader that remembers
// what it read (blob-parse-worker.ts) reads again only the entries that changed.
//
// An entry is cut at the lines where its siblings start, at the column where the first one starts
// (k); each piece keeps its lines as they are (a document's top node may start at any column). A
// cut is made only when every line of the body is blank, a comment, or starts at column k or right of
// it, and every line at column k starts a sibling (「key:」 for a mapping, 「- 」 for a sequence). A
// construct that would run across a cut (a quoted or flow scalar continued at column k) leaves its
// first piece unterminated, which the reader refuses, and the whole document goes to the full reader.
// yaml-fast.test.ts holds the pieces to the full reader's data on the bundled reports and on seeded
// variants with odd lines at every indentation.

// A line that starts a block whose value is on the lines below: a plain key, 「:」, nothing after it.
const HEAD_KEY = /^[^\s#\-?:,[\]{}&*!|>'"%@`.][^\n:#]*:[ ]*$/;
// Where a sibling starts, tried at the first character after the indentation: a mapping entry (as
// TOP_KEY) or an entry of a block sequence.
const KEY_AT = /[^\s#\-?:,[\]{}&*!|>'"%@`.][^\n:#]*:(?:[ \t]|\n|$)/y;
const DASH_AT = /-(?: |\n|$)/y;
// An entry of a block sequence whose element starts with a mapping entry: 「- key: …」.
const DASH_KEY = /^-( +)(?=[^\s#\-?:,[\]{}&*!|>'"%@`.][^\n:#]*:(?:[ \t]|$))/;
/** Blocks shorter than this are read whole: cutting them saves less than it costs. */
export const SPLIT_MIN_CHARS = 2048;
const MAX_SPLIT_DEPTH = 8;

const startsAt = (re: RegExp, text: string, at: number) => { re.lastIndex = at; return re.test(text); };

/** A block cut into its value's entries; `key`: the block's own key (none for an entry of a sequence). */
interface Cut { kind: 'map' | 'seq'; parts: string[]; key?: string }

/**
 * The siblings of a body (the text from offset `from`, below a line at column `parent`), each from its
 * first line to the next one's; undefined when the body is not one block mapping or block sequence
 * (see above). The pieces keep their columns: a node may start at any column of a document.
 */
function siblings(block: string, from: number, parent: number): Cut | undefined {
  let k = -1;
  let kind: Cut['kind'] | undefined;
  const starts: number[] = [];
  for (let i = from, next = from; i < block.length; i = next) {
    let end = block.indexOf('\n', i);
    if (end < 0) end = block.length;
    next = end + 1;
    let s = i;
    while (block.charCodeAt(s) === 0x20) s++;
    if (s === end) continue;
    const c = block.charCodeAt(s);
    // A tab where the indentation ends: what it means depends on where it is, so left to the whole read.
    if (c === 0x09) return undefined;
    if (c === 0x23) continue;
    const col = s - i;
    if (k < 0) {
      if (col <= parent) return undefined;
      k = col;
      kind = startsAt(DASH_AT, block, s) ? 'seq' : startsAt(KEY_AT, block, s) ? 'map' : undefined;
      if (!kind) return undefined;
      starts.push(i);
      continue;
    }
    if (col > k) continue;
    if (col < k || !startsAt(kind === 'seq' ? DASH_AT : KEY_AT, block, s)) return undefined;
    starts.push(i);
  }
  if (!kind || starts.length > LIMITS.entries / 2) return undefined;
  return { kind, parts: starts.map((start, j) => block.slice(j === 0 ? from : start, starts[j + 1] ?? block.length)) };
}

/** The first line that is neither blank nor a comment: its start, its column and its end. */
export function firstContent(block: string): { start: number; col: number; end: number } | undefined {
  for (let i = 0, next = 0; i < block.length; i = next) {
    let end = block.indexOf('\n', i);
    if (end < 0) end = block.length;
    next = end + 1;
    let s = i;
    while (block.charCodeAt(s) === 0x20) s++;
    if (s < end && block.charCodeAt(s) !== 0x23) return { start: i, col: s - i, end };
  }
  return undefined;
}

/** A block 「key:」 whose value is on the lines below, cut into that value's entries. */
function cutKeyed(block: string): Cut | undefined {
  const h = firstContent(block);
  const line = h && block.slice(h.start + h.col, h.end);
  if (!h || !line || !HEAD_KEY.test(line)) return undefined;
  // The key as the reader reads it (trailing blanks, keys the full reader would read otherwise).
  const head = blockItem(line);
  if (!head || head[1] !== null) return undefined;
  const cut = siblings(block, h.end + 1, h.col);
  return cut && { ...cut, key: head[0] };
}

/** An entry of a block sequence 「- key: …」 whose element is a mapping, cut into its entries. */
function cutElement(block: string): Cut | undefined {
  const h = firstContent(block);
  const dash = h && h.start + h.col;
  if (!h || dash === undefined || !DASH_KEY.test(block.slice(dash, h.end))) return undefined;
  // 「- key: v」 becomes 「  key: v」: the element's first entry, at the column of the others.
  const cut = siblings(block.slice(0, dash) + ' ' + block.slice(dash + 1), h.start, h.col);
  return cut?.kind === 'map' ? cut : undefined;
}

/** What a reader makes of a document read in pieces (readBlock): a value of its own for each piece
 * read whole, for each mapping and sequence made of pieces, and, optionally, a memory of blocks. */
export interface PieceReader<T> {
  leaf(value: unknown): T;
  map(entries: [string, T][]): T;
  seq(items: T[]): T;
  /** What was made of this very block before (with the same `element`), if remembered. */
  recall?(block: string, element: boolean): BlockRead<T> | undefined;
  remember?(block: string, element: boolean, read: BlockRead<T>): void;
  /** Blocks shorter than this are read whole (SPLIT_MIN_CHARS; tests cut everything with 0). */
  splitMin?: number;
}
/** A block read: its key (none for an entry of a sequence), its value, and the value's height. */
export type BlockRead<T> = [key: string | undefined, value: T, height: number];

/** Reads a block (a top-level one, an entry of a mapping, or with `element` an entry of a sequence,
 * 「- …」) in pieces where it can be cut, else whole; undefined when the fast reader steps aside. */
export function readBlock<T>(block: string, reader: PieceReader<T>, element = false, depth = 0): BlockRead<T> | undefined {
  const known = reader.recall?.(block, element);
  if (known) return known;
  let read: BlockRead<T> | undefined;
  const cut = block.length >= (reader.splitMin ?? SPLIT_MIN_CHARS) && depth < MAX_SPLIT_DEPTH ? (element ? cutElement(block) : cutKeyed(block)) : undefined;
  if (cut) {
    const parts: BlockRead<T>[] = [];
    const keys = new Set<string>();
    let height = 0;
    for (const part of cut.parts) {
      const p = readBlock(part, reader, cut.kind === 'seq', depth + 1);
      if (!p) return undefined;
      if (cut.kind === 'map') {
        // Two entries with the same key are a duplicate key: the full reader says so.
        if (p[0] === undefined || keys.has(p[0])) return undefined;
        keys.add(p[0]);
      }
      parts.push(p);
      height = Math.max(height, p[2]);
    }
    const value = cut.kind === 'map' ? reader.map(parts.map(([k, v]) => [k!, v])) : reader.seq(parts.map(([, v]) => v));
    read = [cut.key, value, height + 1];
  } else {
    // Read whole: 「key: …」 as a one-entry mapping, 「- …」 as a one-element sequence.
    if (needsFullReader(block) || !tokensWithin(block, LIMITS.tokens)) return undefined;
    // (the value's height is one less than that of the mapping or sequence holding it)
    const loaded = loadChecked(block);
    const data = loaded?.data;
    if (element) {
      if (!Array.isArray(data) || data.length !== 1) return undefined;
      read = [undefined, reader.leaf(data[0]), loaded!.height - 1];
    } else {
      const keys = data && typeof data === 'object' && !Array.isArray(data) ? Object.keys(data) : [];
      if (keys.length !== 1) return undefined;
      read = [keys[0], reader.leaf((data as Record<string, unknown>)[keys[0]]), loaded!.height - 1];
    }
  }
  reader.remember?.(block, element, read);
  return read;
}

/**
 * The document read block by block (topLevelBlocks, readBlock), or undefined when it cannot be: the
 * same data as fastYamlData, made by `reader` (plain data: plainPieces), for a reader that keeps what
 * it read of each block (a history whose versions share most of their text). `utf8Length`: the
 * text's length in UTF-8, when the caller knows it (the bytes it was decoded from).
 */
export function fastYamlTree<T>(text: string, reader: PieceReader<T>, utf8Length?: number): [string, T][] | undefined {
  const blocks = topLevelBlocks(text, utf8Length);
  if (!blocks) return undefined;
  const out: [string, T][] = [];
  const seen = new Set<string>();
  for (const block of blocks) {
    const it = readBlock(block, reader);
    // Two items with the same key are a duplicate key: the full reader says so.
    if (!it || it[0] === undefined || seen.has(it[0])) return undefined;
    // The whole document within the fast reader's depth (each piece was checked from its own top).
    if (it[2] + 1 > LIMITS.depth / 2 + 1) return undefined;
    seen.add(it[0]);
    out.push([it[0], it[1]]);
  }
  return out;
}

/** The key of a block cut from a mapping (its first line, 「key:」), as written; a key the reader would
 * read otherwise (「~」, 「1.0」) is no match for the key asked for, and the caller reads a larger piece. */
function keyOf(block: string): string | undefined {
  const h = firstContent(block);
  if (!h) return undefined;
  const line = block.slice(h.start + h.col, h.end);
  const colon = line.indexOf(':');
  // (YAML ends a plain key at its blanks and tabs, not at a full-width space)
  return colon > 0 ? line.slice(0, colon).replace(/[ \t]+$/, '') : undefined;
}

/** A piece of a document and the path, within the piece read alone, of a node (see pieceAt). */
export interface Piece { text: string; offset: number; path: (string | number)[] }

/**
 * The smallest piece of a document (a top-level block, cut as readBlock cuts it, to any size) that holds the node
 * at `path` or, when the path goes on past what the document has, the deepest node it has: read
 * alone, the piece has that node at `path` of the answer, at the same column, `offset` characters
 * into the document. For positions without reading a whole report with the position-aware reader.
 * Undefined when the document cannot be cut (the fast reader did not read it). `blocks`: the
 * document's topLevelBlocks, for a caller that looks for many nodes of one document.
 */
export function pieceAt(text: string, path: readonly (string | number)[], blocks = topLevelBlocks(text)): Piece | undefined {
  if (!blocks || !path.length) return undefined;
  let found: { text: string; offset: number } | undefined;
  for (let i = 0, offset = 0; i < blocks.length; offset += blocks[i].length, i++) {
    if (keyOf(blocks[i]) !== String(path[0])) continue;
    if (found) return undefined; // a duplicate key: the whole document says which
    found = { text: blocks[i], offset };
  }
  if (!found) return undefined;
  let { text: piece, offset } = found;
  let head: (string | number)[] = [path[0]];
  let element = false;
  let d = 1;
  for (; d < path.length; d++) {
    const cut: Cut | undefined = element ? cutElement(piece) : cutKeyed(piece);
    if (!cut) break;
    const seg = path[d];
    const j = cut.kind === 'map' ? cut.parts.findIndex((part) => keyOf(part) === String(seg)) : typeof seg === 'number' && seg < cut.parts.length ? seg : -1;
    if (j < 0) break;
    // The parts run on from where the value starts to the block's end.
    let at = offset + piece.length - cut.parts.reduce((n, part) => n + part.length, 0);
    for (let k = 0; k < j; k++) at += cut.parts[k].length;
    piece = cut.parts[j];
    offset = at;
    element = cut.kind === 'seq';
    head = element ? [0] : [seg];
  }
  return { text: piece, offset, path: [...head, ...path.slice(d)] };
}

/**
 * One top-level item of a document, read alone (the other items are only looked at for where they
 * start): `found` false when the document has no such item. Undefined when the fast reader cannot be
 * sure (then read the whole document). For a caller that needs one item of many files (npm run
 * changes reads each report's 変更箇所).
 */
export function topLevelItem(text: string, key: string): { found: boolean; value?: unknown } | undefined {
  const blocks = topLevelBlocks(text);
  if (!blocks) return undefined;
  // A block starts with its key line (the first one may start with comments): 「key:」 or a key with
  // spaces before the colon, which only the reader can tell; such blocks are read to find out.
  const candidates = blocks.filter((b) => { const line = b.slice(firstContent(b)?.start ?? 0); return line.startsWith(key) && /^[ \t]*:/.test(line.slice(key.length)); });
  if (candidates.length > 1) return undefined; // a duplicate key: the full reader says so
  if (!candidates.length) return { found: false };
  const item = blockItem(candidates[0]);
  return item && item[0] === key ? { found: true, value: item[1] } : undefined;
}

/** Plain data from the pieces: fastYamlTree(text, plainPieces()) reads to fastYamlData(text). */
export const plainPieces = (splitMin?: number): PieceReader<unknown> => ({
  leaf: (v) => v, map: (entries) => Object.fromEntries(entries), seq: (items) => items, splitMin,
});
