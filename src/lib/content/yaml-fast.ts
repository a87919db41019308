// The fast reader for well-formed content: js-yaml builds plain data about ten times faster than the
// position-keeping reader in yaml-source.ts (about 0.6 s against 6 s for 1,000 reports), but knows no
// positions and no limits. It answers only for documents it is sure the full reader reads to the same
// data without a problem, and returns undefined for anything else (anchors, aliases, tags, several
// documents, duplicate keys, deep nesting, odd keys, a syntax error), which then goes to the full reader.
// src/lib/content/yaml-fast.test.ts holds both readers to the same data on every file of content/ and the fixtures.
import jsyaml from 'js-yaml';
import { Lexer } from 'yaml';

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
function tokensWithin(text: string, limit: number): boolean {
  // Only ASCII characters are counted, and a text has at most (3 × its UTF-16 length − its UTF-8
  // length) / 2 of them (an ASCII character adds 2 to that, any other at least 0): a text of mostly
  // Japanese needs no counting.
  const ascii = Math.floor((3 * text.length - Buffer.byteLength(text, 'utf8')) / 2);
  if (3 * (ascii + 1) + 2 <= limit || tokenBound(text) <= limit) return true;
  let count = 0;
  for (const _ of new Lexer().lex(text)) if (++count > limit) return false;
  return true;
}

/** The document's data when the fast reader is certain of it, else undefined. `text` is decoded (no BOM). */
export function fastYamlData(text: string): Record<string, unknown> | undefined {
  if (needsFullReader(text) || !tokensWithin(text, LIMITS.tokens)) return undefined;
  let data: unknown;
  try {
    data = jsyaml.load(text, { schema, json: false });
  } catch {
    return undefined;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  return withinLimits(data, 0) ? (data as Record<string, unknown>) : undefined;
}

/** Half the full reader's depth and entry limits, only plain keys, only JSON-like values. */
function withinLimits(v: unknown, depth: number): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return true;
  if (depth > LIMITS.depth / 2 || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.length <= LIMITS.entries / 2 && v.every((x) => withinLimits(x, depth + 1));
  if (Object.getPrototypeOf(v) !== Object.prototype) return false;
  const keys = Object.keys(v);
  if (keys.length > LIMITS.entries / 2) return false;
  for (const k of keys) {
    if (FORBIDDEN_KEYS.has(k) || !plainKey(k) || !withinLimits((v as Record<string, unknown>)[k], depth + 1)) return false;
  }
  return true;
}

// A line that starts a top-level item: a plain key (no 「: 」 or 「#」 inside, not starting with an
// indicator) followed by 「:」 and a blank or the line's end.
const TOP_KEY = /^[^\s#\-?:,[\]{}&*!|>'"%@`.][^\n:#]*:(?:[ \t]|\n|$)/;

/**
 * A document cut into its top-level items, each block from its key line to the next one (comments and
 * blank lines before the first key go with the first block), when every line at column 0 is a key
 * line, a comment or blank: then each block holds one item on its own and reads, alone, to the same
 * value as in the whole document (fastYamlSections). Undefined for anything else (a sequence or a
 * continuation at column 0, a tab, a document marker) and for what the fast reader leaves to the full one.
 */
export function topLevelBlocks(text: string): string[] | undefined {
  if (needsFullReader(text) || !tokensWithin(text, LIMITS.tokens)) return undefined;
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

/** One block of topLevelBlocks read by the fast reader: its key and value, or undefined. */
export function blockItem(block: string): [string, unknown] | undefined {
  const data = fastYamlData(block);
  const keys = data && Object.keys(data);
  return keys?.length === 1 ? [keys[0], data![keys[0]]] : undefined;
}

/**
 * The document's data read block by block (topLevelBlocks, blockItem), or undefined when it cannot be:
 * the same data as fastYamlData, for a reader that keeps what it read of each block (a history whose
 * versions share most of their items). `item` reads one block (blockItem, or a memory of it).
 */
export function fastYamlSections<T>(text: string, item: (block: string) => [string, T] | undefined): [string, T][] | undefined {
  const blocks = topLevelBlocks(text);
  if (!blocks) return undefined;
  const out: [string, T][] = [];
  const seen = new Set<string>();
  for (const block of blocks) {
    const it = item(block);
    // Two items with the same key are a duplicate key: the full reader says so.
    if (!it || seen.has(it[0])) return undefined;
    seen.add(it[0]);
    out.push(it);
  }
  return out;
}
