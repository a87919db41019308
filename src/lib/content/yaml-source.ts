// Reads one YAML file into plain data while keeping source positions, so every later message can
// name a line. Dates and leading-zero codes stay strings (YAML 1.2 core schema, decimal ints only).
import { isUtf8 } from 'node:buffer';
import { fastYamlData, firstContent, FORBIDDEN_KEYS, INT, LIMITS, pieceAt, topLevelBlocks } from './yaml-fast.ts';
import type { CST, Document, Node } from 'yaml';
import { yamlLibrary } from './yaml-library.ts';
import { aliasProblem, duplicateKeyMessage, LIST_MARKS, syntaxProblems, WRONG_MARK_MESSAGE } from './yaml-messages.ts';
import { scaffoldNote } from '../form/scaffold.ts';

export interface SourceProblem { line: number; col: number; message: string }
export interface ParsedYaml {
  data: unknown;
  /** Position of the node at a data path (the key's position for a mapping entry). */
  locate(path: readonly (string | number)[]): { line: number; col: number };
  problems: SourceProblem[];
}

const MAX_ALIASES = 100;
/** Nesting levels (block and flow collections) and entries of one collection a report may have, and
 * YAML tokens (keys, values, indicators) in one file: the largest real report has about 11,000. */
const { depth: MAX_DEPTH, entries: MAX_ENTRIES, tokens: MAX_TOKENS } = LIMITS;

// `012345` must stay the string "012345" (団体コード, 郵便番号): only plain decimal numbers are ints.
// any: the yaml package types its tag list as a union of names and tag objects that a mapped copy of
// one tag does not satisfy; the function only replaces the int tag's test.
const customTags = (tags: any[]) => tags.map((t) =>
  t.tag === 'tag:yaml.org,2002:int' && !t.format ? { ...t, test: INT } : t);

/** Decodes bytes as UTF-8, refusing anything else (Shift_JIS files are a common mistake). */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { problem: SourceProblem } {
  // (isUtf8 then a plain decode: a third of the time of a fatal TextDecoder on a report)
  if (!isUtf8(bytes)) return { problem: { line: 1, col: 1, message: 'ファイルが UTF-8 ではありません（Shift_JIS などで保存されていませんか）。UTF-8 で保存し直してください' } };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** CRLF and a lone CR become LF, once, before either reader reads: the two readers treat a lone CR
 * differently (a line break for js-yaml, text for yaml), and positions count LF-ended lines. */
export const normaliseLineEnds = (text: string) => (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);

/**
 * Reads a document: well-formed content through the fast reader (yaml-fast.ts), whose positions are
 * worked out only if a message needs one; anything else through parseYaml, with its messages.
 */
export function readYaml(raw: string, { strict = true }: ReadOptions = {}): ParsedYaml {
  const text = normaliseLineEnds(raw);
  // (a value that may be followed by a comment YAML drops is looked at by parseYaml, which knows)
  const data = strict && mayHideText(text) ? undefined : fastYamlData(text);
  // (a line break YAML read as a blank before a line that begins as a line of its own: only the
  // position-aware reader can tell it from a blank written so)
  if (data === undefined || (strict && mayFoldLines(text))) return parseNormalised(text, strict);
  let full: ParsedYaml | undefined;
  // (the document's top-level blocks, cut once for all the positions asked of it)
  let blocks: { cut: string[] | undefined } | undefined;
  return { data, problems: [], locate: (path) => locateInPiece(text, path, (blocks ??= { cut: topLevelBlocks(text) }).cut) ?? (full ??= parseNormalised(text, strict)).locate(path) };
}

/** Where a node of a document the fast reader read is, from the piece that holds it read alone by
 * the position-aware reader (pieceAt): the answer of the whole document's locate, without reading a
 * whole report for one note's line. Lines are counted in the document. */
export function locateInPiece(text: string, path: readonly (string | number)[], blocks = topLevelBlocks(text)): { line: number; col: number } | undefined {
  const piece = pieceAt(text, path, blocks);
  if (!piece) return undefined;
  // A piece cut down to the item asked for starts (after blank and comment lines) with its key.
  const head = piece.path.length === 1 && typeof piece.path[0] === 'string' ? firstContent(piece.text) : undefined;
  const at = head ? { line: lineCount(piece.text, head.start) + 1, col: head.col + 1 } : parseNormalised(piece.text, false).locate(piece.path);
  return { line: at.line + lineCount(text, piece.offset), col: at.col };
}

/** The line breaks before an offset. */
function lineCount(text: string, offset: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** Reads a document with the position of every node, and every problem as a Japanese message. */
export const parseYaml = (text: string, { strict = true }: ReadOptions = {}): ParsedYaml => parseNormalised(normaliseLineEnds(text), strict);

/**
 * Whether the text may hold something YAML reads other than it looks, which only the position-aware
 * reader can tell (parseNormalised, strict): a value followed by 「 #…」 that is not the label `npm run
 * new` writes after its key (scaffold.ts scaffoldNote), a blank item followed by a comment other than
 * that label untouched, an indented 「#」 line (maybe a line of a 「|」 text), a value that begins with a
 * full-width 「｜」. A cheap look at the lines; most files have none of these and keep the fast reader.
 */
export function mayHideText(text: string): boolean {
  // (a full-width 「｜」 where 「|」 was meant: the lines below are read as one with it)
  if (text.includes('｜') && /(?:^[ \t]*|[:-][ \t]+)｜/m.test(text)) return true;
  const re = /[ \t]#/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = text.lastIndexOf('\n', m.index) + 1;
    const eol = text.indexOf('\n', m.index);
    const end = eol < 0 ? text.length : eol;
    re.lastIndex = end;
    const [, indent, line] = /^([ \t]*)(?:-[ \t]+)*(.*)$/s.exec(text.slice(start, end))!;
    // (a comment line: one that is indented may be a line of a 「|」 text, read as text)
    if (line.startsWith('#')) { if (indent) return true; continue; }
    const value = /^(?:"[^"]*"|'[^']*'|[^\s#'"][^:]*?):(?:[ \t]+|$)(.*)$/.exec(line)?.[1] ?? line;
    // (nothing before the 「#」: the item is blank, unless the comment is the scaffold's note as written)
    if (value.startsWith('#')) { if (!keptAfterBlank(value.slice(1))) return true; continue; }
    // (a quoted value or a block text: its 「#」 is no comment that drops text; a flow list or the line
    // of a longer value that begins with 「[」 goes to the reader that knows)
    if (!value || /^['"|>]/.test(value)) continue;
    const hash = /[ \t]#/.exec(value);
    if (hash && !keptAfterValue(value.slice(hash.index + 2))) return true;
  }
  return false;
}

/** The start of a line that a report prints as a line of its own and a text hardly has after a blank
 * inside a line: a bullet mark (・ ※ ■ ● ◆ …) or a full-width space (the indentation reports use).
 * Numbers (①, (1), 1.), ○ and → are left out: 「Ⅱ 3. ①入手元」, 「[ ○ ]」, 「A → B」 have them after a blank, and the yaml library's own
 * output folds a long line at any blank. */
const LINE_OF_ITS_OWN = /^[・※■□●◆◇\u3000]/u;
/** A line shorter than this (indentation included) was not folded by a tool at its width (40 or more). */
const SHORT_LINE = 40;
/** The narrowest width a tool folds a long value at (the yaml library's is 80, js-yaml's 80). */
const TOOL_WIDTH = 60;
const FOLDED_MESSAGE = (what: string, fix = '値を「|-」にして次の行から字下げして書いてください') => `この行は前の行と 1 行につながって公開されます（${what}の改行は YAML では空白になります）。行を分けて公開するなら、${fix}`;

/** Letters (and the punctuation inside a sentence) that Japanese text runs on across without a blank. */
const JAPANESE_END = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}ー々〆、。」）０-９]$/u;
const JAPANESE_START = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}ー々〆「（０-９]/u;
/** Said of a line of a one-line value that YAML joins to the line above with a blank between two
 * Japanese characters: a note, since a tool that folds long lines (a formatter) breaks a value at a
 * blank the text has, and then the file is right as it is. */
export const JOINED_NOTE = (joined: string) => `この行は前の行と 1 行につながって公開され、つなぎ目に半角空白が入ります（「${joined}」）。原本で 1 つの文なら、前の行につなげて 1 行に書いてください（行を分けて公開するなら、値を「|-」にして次の行から字下げして書きます）。原本のその位置に空白があるなら、このままでかまいません`;

/**
 * The lines of one-line values (「key: value」 with more lines below it) that YAML joins to the line
 * above with a blank where both sides are Japanese: a PDF's line break pasted into a value gives
 * 「老齢基礎・障害 基礎年金」. One pass over the lines, for a file that reads without problems.
 */
export function japaneseJoins(text: string): { line: number; col: number; message: string }[] {
  if (!mayFoldLines(text)) return [];
  const out: { line: number; col: number; message: string }[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  /** The column lines of a value must be right of, and its last line's text (undefined after a blank line). */
  let open: { col: number; last: string | undefined } | undefined;
  let block: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const body = raw.trimStart();
    const indent = raw.length - body.length;
    if (block !== undefined) { if (!body || indent > block) continue; block = undefined; }
    if (open && (!body || indent > open.col)) {
      if (!body) { open.last = undefined; continue; }
      if (body.startsWith('#')) { open = undefined; continue; }
      const prev = open.last;
      if (prev !== undefined && JAPANESE_END.test(prev) && JAPANESE_START.test(body) && !LINE_OF_ITS_OWN.test(body)) {
        out.push({ line: i + 1, col: indent + 1, message: JOINED_NOTE(`${[...prev].slice(-8).join('')} ${[...body].slice(0, 8).join('')}`) });
      }
      open.last = body.trimEnd();
      continue;
    }
    open = undefined;
    if (!body || body.startsWith('#')) continue;
    // 「key: value」 or 「- key: value」: the value's lines are right of the key (of the 「- 」 for 「- value」)
    const m = /^((?:- +)*)(?:([^\s#"'][^:#]*?):[ \t]+)?(.*)$/.exec(body)!;
    const value = m[3];
    const col = indent + (m[2] !== undefined ? m[1].length : Math.max(0, m[1].length - 2));
    if (/^[|>][-+0-9]*[ \t]*(#.*)?$/.test(value)) { block = col; continue; }
    if ((m[2] !== undefined || m[1]) && value && !/^['"#&*!{[|>]/.test(value)) open = { col, last: value.replace(/[ \t]+#.*$/, '').trimEnd() };
  }
  return out;
}

/** Whether the text may hold a line break YAML reads as a blank before a line of its own: a 「>」 text,
 * or a one-line value (「key: value」, 「- key: value」) whose next, deeper lines run on to one that
 * begins as a line of its own (a line of a 「|」 text that looks so only sends the file to the
 * position-aware reader, which knows). One pass over the lines: a value is a candidate until a line
 * at or left of its key's column ends the lines deeper than it. */
export function mayFoldLines(text: string): boolean {
  if (FOLDED_SIGN.test(text)) return true;
  // The columns of the keys whose value may run on, innermost last (columns rise along the stack).
  const open: number[] = [];
  // (the next 「:」 at or after the line's start: a line without one is no 「key: value」)
  let colon = text.indexOf(':');
  for (let i = 0, next = 0; i < text.length; i = next) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    next = end + 1;
    let s = i;
    while (text.charCodeAt(s) === 0x20) s++;
    const col = s - i;
    // (a line of that many blanks and nothing else is still a line deeper than a key left of it)
    while (open.length && open[open.length - 1] >= col) open.pop();
    if (s === end) continue;
    // (any line deeper than a one-line value runs on from it: the position-aware reader tells a
    // tool's fold from a line broken by hand)
    if (open.length) return true;
    if (colon >= 0 && colon < s) colon = text.indexOf(':', s);
    if (colon < 0) { if (!open.length) return false; continue; }
    if (colon > end) continue;
    // A key with a one-line value; an entry's first key stands two columns right of its 「- 」.
    if (text.charCodeAt(s) === 0x2d) { ENTRY_VALUE.lastIndex = s; if (ENTRY_VALUE.test(text)) open.push(col + 2); }
    else { KEY_VALUE.lastIndex = s; if (KEY_VALUE.test(text)) open.push(col); }
  }
  return false;
}
const FOLDED_SIGN = /:[ \t]+>[-+0-9]*[ \t]*(?:#.*)?$/m;
// 「key: value」 with a value that is neither a block text, a quoted one, a comment nor an anchor, alias,
// tag or flow collection (which YAML does not fold so); as written at the line's first non-blank.
const KEY_VALUE = /[^\s#:'"|>-][^:\n]*:[ \t]+[^\s|>'"#&*!{\[]/uy;
const ENTRY_VALUE = /- [^\s#:'"|>-][^:\n]*:[ \t]+[^\s|>'"#&*!{\[]/uy;

/** A comment after a value that is what npm run new wrote after its key (its label, options cut or not). */
const keptAfterValue = (comment: string) => { const kind = scaffoldNote(comment); return kind === 'whole' || kind === 'label' || kind === 'label+options'; };
/** A comment after a blank item that leaves it blank as meant: the scaffold's note untouched, or its label alone. */
const keptAfterBlank = (comment: string) => { const kind = scaffoldNote(comment); return kind === 'whole' || kind === 'label'; };

/** `strict` (the default, what validation reads): text that YAML reads other than it looks (an anchor
 * no alias uses, 「 #」 after a value) is a problem. Not strict: read as YAML reads it (versions
 * in the git history, which were published as they were). */
export interface ReadOptions { strict?: boolean }

/** The tags a report may use: those of the YAML 1.2 core schema (!!str "012345" is fine). */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));
const shownTag = (tag: string) => (tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice(18)}` : tag).slice(0, 80);

/** Line and column (1-based) of an offset, counted in the text itself. */
function positionIn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const start = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, col: offset - start + 1 };
}

function parseNormalised(text: string, strict: boolean): ParsedYaml {
  const { Composer, isAlias, isCollection, isMap, isNode, isPair, isScalar, isSeq, Lexer, LineCounter, Parser, visit: visitNodes } = yamlLibrary();
  const lineCounter = new LineCounter();
  const problems: SourceProblem[] = [];
  const pos = (offset: number) => { const p = lineCounter.linePos(offset); return { line: p.line, col: p.col }; };
  // The tag written before the value at `offset`: back over blanks, then over the tag itself.
  const tagStart = (offset: number) => {
    let i = offset;
    while (i > 0 && /\s/.test(text[i - 1])) i--;
    while (i > 0 && !/\s/.test(text[i - 1])) i--;
    return pos(i);
  };
  // Parsed token by token so that absurd structure (1,000-level nesting, 100,000 keys in one mapping)
  // stops at once with a message, instead of overflowing the stack or taking minutes.
  let tooComplex: SourceProblem | undefined;
  // Directives (%YAML 1.1 changes what yes/no/012 mean; %TAG names tags) are refused, by name.
  let directive: SourceProblem | undefined;
  function* tokens(): Generator<CST.Token> {
    const parser = new Parser(lineCounter.addNewLine);
    lineCounter.addNewLine(0);
    let offset = 0;
    let count = 0;
    for (const lexeme of new Lexer().lex(text)) {
      for (const token of parser.next(lexeme)) {
        if (token.type === 'directive' && !directive) directive = { ...positionIn(text, token.offset), message: `「${token.source.trim().slice(0, 80)}」の指示（% で始まる行）は使えません。この行を消してください（評価書は YAML 1.2 の書き方だけで書きます）` };
        yield token;
      }
      // The limits point at the lexeme that crossed them, counted in the text (the line counter only
      // knows the lines the parser has finished).
      const start = offset;
      const here = () => positionIn(text, start);
      offset += lexeme.length;
      const top = parser.stack[parser.stack.length - 1] as { items?: unknown[] } | undefined;
      if (++count > MAX_TOKENS) tooComplex = { ...here(), message: `見出し・値・記号の数が多すぎます（${MAX_TOKENS.toLocaleString('en')} 個まで）。評価書 1 件の YAML か確認してください` };
      else if (parser.stack.length > MAX_DEPTH) tooComplex = { ...here(), message: `入れ子が深すぎます（${MAX_DEPTH} 段まで）` };
      else if ((top?.items?.length ?? 0) > MAX_ENTRIES) tooComplex = { ...here(), message: `1 つの項目の下の見出し・行が多すぎます（${MAX_ENTRIES} 個まで）` };
      if (tooComplex) return;
    }
    yield* parser.end();
  }
  // Duplicate keys are found below in one pass (the parser's own check is quadratic in the keys of a mapping).
  const list: Document[] = Array.from(new Composer({ customTags, uniqueKeys: false }).compose(tokens()));
  for (const stop of [tooComplex, directive]) if (stop) { const at = { line: stop.line, col: stop.col }; return { data: undefined, locate: () => at, problems: [stop] }; }
  for (const doc of list) for (const e of doc.errors) e.linePos ??= [pos(e.pos[0]), pos(e.pos[1])];
  const locateIn = (doc: Document | undefined) => (path: readonly (string | number)[]) => {
    let node: unknown = doc?.contents;
    let at = { line: 1, col: 1 };
    if (node && (node as Node).range) at = pos((node as Node).range![0]);
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        if (isScalar(pair.key) && pair.key.range) at = pos(pair.key.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (!item) break;
        if (item.range) at = pos(item.range[0]);
        node = item;
      } else break;
    }
    return at;
  };

  if (!text.trim() || list.length === 0 || (list.length === 1 && list[0].contents == null && !list[0].errors.length)) {
    return { data: undefined, locate: () => ({ line: 1, col: 1 }), problems: [{ line: 1, col: 1, message: 'ファイルが空です' }] };
  }
  if (list.length > 1) {
    const second = list[1];
    const at = second.range ? pos(second.range[0]) : { line: 1, col: 1 };
    problems.push({ ...at, message: '1 つのファイルに複数の文書（---）があります。評価書 1 件につき 1 文書にしてください' });
  }
  const doc = list[0];
  // Every syntax error the parser recovered from, as the clerk's mistake in Japanese (yaml-messages.ts).
  problems.push(...syntaxProblems(text, doc, pos));
  if (problems.length) return { data: undefined, locate: locateIn(doc), problems };

  // Keys that could reach Object.prototype are refused before conversion to plain objects, and a key
  // written twice in one mapping is reported at its second occurrence.
  let forbidden: SourceProblem | undefined;
  const visit = (node: unknown, depth: number, entry = false): void => {
    if (forbidden) return;
    if (depth > MAX_DEPTH) { forbidden = { line: 1, col: 1, message: `入れ子が深すぎます（${MAX_DEPTH} 段まで）` }; return; }
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const p of node.items) {
        if (isPair(p) && isScalar(p.key)) {
          const key = String(p.key.value);
          if (FORBIDDEN_KEYS.has(key)) {
            forbidden = { ...pos(p.key.range?.[0] ?? 0), message: `見出し「${key}」は使えません` };
            return;
          }
          if (seen.has(key)) {
            const first = node.items[0];
            const entryStart = entry && isPair(first) && isScalar(first.key) && String(first.key.value) === key;
            forbidden = { ...pos(p.key.range?.[0] ?? 0), message: duplicateKeyMessage(key, pos(seen.get(key)!).line, entryStart) };
            return;
          }
          seen.set(key, p.key.range?.[0] ?? 0);
        }
        visit(p.value, depth + 1);
      }
    } else if (isSeq(node)) node.items.forEach((n) => visit(n, depth + 1, true));
  };
  visit(doc.contents, 0);
  if (forbidden) return { data: undefined, locate: locateIn(doc), problems: [forbidden] };

  // A tag outside the core schema (!!js/function, !!python/…, !!binary, !x) would be dropped or turn
  // the value into something else: one message per tagged value, naming the tag. An alias whose
  // anchor does not come before it is named too. Text that YAML would quietly change is refused: an
  // anchor no alias uses (「&国保年金課長」 is an anchor named so, and the item is left blank).
  const tagged: SourceProblem[] = [];
  // (said once the document is known to expand within bounds: an alias bomb is named as one first)
  const unusedAnchors: SourceProblem[] = [];
  const aliased = new Set<string>();
  visitNodes(doc, { Alias: (_key, node) => { aliased.add(node.source); } });
  visitNodes(doc, (_key, node) => {
    if (strict && isNode(node) && node.anchor && !aliased.has(node.anchor)) {
      const at = text.lastIndexOf(`&${node.anchor}`, node.range?.[0] ?? 0);
      const shown = isScalar(node) && node.value !== null && node.value !== '' ? `値は「${String(node.value).slice(0, 40)}」だけになります` : 'この項目は空欄になります';
      unusedAnchors.push({ ...pos(at >= 0 ? at : node.range?.[0] ?? 0), message: `「&${node.anchor.slice(0, 40)}」は YAML のアンカー（目印）として読まれ、評価書に載りません（${shown}）。「&」で始まる文なら、値全体を引用符「"」で囲んでください` });
    }
    if (isAlias(node)) {
      if (node.resolve(doc) === undefined) tagged.push({ ...pos(node.range?.[0] ?? 0), message: `エイリアス「*${node.source.slice(0, 80)}」の元になるアンカー（&${node.source.slice(0, 80)}）がありません。アンカーはエイリアスより前に書きます` });
      return;
    }
    if (isNode(node) && node.tag && !CORE_TAGS.has(node.tag)) {
      tagged.push({ ...tagStart(node.range?.[0] ?? 0), message: `タグ「${shownTag(node.tag)}」は使えません。「!」で始まるタグを消して、値だけを書いてください` });
    }
  });
  if (tagged.length) return { data: undefined, locate: locateIn(doc), problems: tagged };
  // Text YAML reads other than it looks, refused when validating (strict), in one pass:
  // - 「 #」 after a plain value starts a comment, which YAML drops: 「内線 #1234」 would lose 「#1234」
  //   (the label npm run new wrote after each key is a comment meant as one);
  // - nothing before the 「#」 (「公表日: # 表紙 公表日 2025-04-25」): the item is blank, whatever the
  //   comment says; only the scaffold's note (untouched, or its label alone) is a comment there;
  // - 「｜-」 (full-width) read as the first words of the text, the lines below joined to it with spaces;
  // - a line of a 「|」 or 「>」 text that starts with 「#」 is text, not a comment: a memo written there
  //   (CONTRIBUTING says memos go on a line of their own) would be published. 「#1 …」 may be the text
  //   itself, numbered: a memo is 「#」 and words.
  const dropped: SourceProblem[] = [];
  const eolFrom = (at: number) => { const eol = text.indexOf('\n', at); return eol < 0 ? text.length : eol; };
  const blanksFrom = (at: number) => { while (text[at] === ' ' || text[at] === '\t') at++; return at; };
  const shorter = (x: string) => (x.length > 40 ? `${x.slice(0, 40)}…` : x);
  if (strict) visitNodes(doc, {
    Scalar: (_key, node, path) => {
      if (!node.range) return;
      if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
        const lines: { at: number; line: string }[] = [];
        for (let at = eolFrom(node.range[0]) + 1; at < node.range[1]; at = eolFrom(at) + 1) {
          const line = text.slice(at, eolFrom(at));
          lines.push({ at, line });
          const m = /^[ \t]*#(?![0-9０-９])/.exec(line);
          if (m) dropped.push({ ...pos(at + m[0].length - 1), message: '「|」の文章の中の「#」で始まる行はコメントにならず、本文として公開されます。メモならこの文章の外（字下げを浅くした別の行）に書き、本文なら全角の「＃」にしてください' });
        }
        // (「>」 joins a line to the one above with a blank, unless either is indented deeper or blank)
        if (node.type === 'BLOCK_FOLDED') {
          const indents = lines.filter((l) => l.line.trim()).map((l) => /^ */.exec(l.line)![0].length);
          const base = Math.min(...indents);
          const joined = lines.find((l, i) => i > 0 && lines[i - 1].line.trim() && lines[i - 1].line.length < SHORT_LINE && /^ */.exec(lines[i - 1].line)![0].length === base && /^ */.exec(l.line)![0].length === base && LINE_OF_ITS_OWN.test(l.line.slice(base)));
          if (joined) dropped.push({ ...pos(joined.at + base), message: FOLDED_MESSAGE('「>」の文章', '「>」を「|」に（「>-」なら「|-」に）してください') });
        }
        return;
      }
      if (node.type !== 'PLAIN' || node.value === null || node.source === '') return;
      const parent = path[path.length - 1];
      if (isPair(parent) && parent.key === node) return;
      const value = String(node.value);
      const fullWidthSign = /^｜[-+]?(\s|$)/.test(value);
      // A plain value over several lines is one line: a line that begins as a line of its own (「・」, a
      // number, a full-width space) was meant to keep its line break (after a 「｜」, said there).
      // (lines that each begin with a mark other than 「- 」, 「－ 自己点検」: a list written with the wrong mark)
      const wrongMark = new RegExp(`^([-${LIST_MARKS}])[ \u3000]*`, 'u').exec(value)?.[1];
      // (only after a short line: a tool that folds a long line at a blank, the yaml library at 80
      // characters, leaves a line near its width, and 「原文: ・識別情報 … ・連絡先等情報」 has its 「・」
      // after a blank)
      // A line broken where no tool folding at a width of 60 or more would break it (the line and the
      // next line's first word fit in 60 characters) was broken by hand: whatever it begins with (①, 1.,
      // 「- 」, a word), it was meant as a line of its own, and YAML joins it to the line before with a
      // blank, which no Japanese text has there.
      if (!fullWidthSign) for (let at = eolFrom(node.range[0]) + 1, before = text.lastIndexOf('\n', node.range[0]) + 1; at < node.range[1]; before = at, at = eolFrom(at) + 1) {
        const start = blanksFrom(at);
        const rest = text.slice(start, eolFrom(start));
        const width = at - 1 - before;
        const above = text.slice(before, at - 1).trimEnd();
        // (a line with a comment is told by the comment's rule, below; a blank line, and the line after
        // it, keep their line break in YAML; a word of Latin letters after an ASCII character is English
        // wrapped by hand, where the blank YAML joins with is right)
        const byHand = width + 1 + /^[^ \t]*/.exec(rest)![0].length <= TOOL_WIDTH && !/[ \t]#/.test(rest) && rest.trim() !== '' && above.trim() !== ''
          && !(/[\x21-\x7e]$/.test(above) && /^[A-Za-z]/.test(rest));
        if (width >= SHORT_LINE && !byHand) continue;
        if (wrongMark && rest.startsWith(wrongMark)) { dropped.push({ ...pos(node.range[0]), message: WRONG_MARK_MESSAGE(wrongMark) }); break; }
        if (LINE_OF_ITS_OWN.test(rest) || byHand) { dropped.push({ ...pos(start), message: FOLDED_MESSAGE('値') }); break; }
      }
      // A line that begins with 「#」 right below a value, indented as its continuation, is a YAML comment:
      // the lines the clerk wrote as the value's next lines (「#1 …」「#2 …」) are dropped.
      if (isPair(parent) && isScalar(parent.key) && parent.key.range) {
        const keyIndent = parent.key.range[0] - (text.lastIndexOf('\n', parent.key.range[0] - 1) + 1);
        const next = eolFrom(node.range[1]) + 1;
        const start = blanksFrom(next);
        if (next < text.length && text[start] === '#' && start - next > keyIndent) {
          dropped.push({ ...pos(start), message: `「${shorter(String(parent.key.value))}」の値の次の行ですが、「#」で始まるため YAML のコメントとして読まれ、評価書に載りません。値の続きなら、値を「|-」にして次の行から字下げして書き（「#」で始まる行も本文になります）、メモなら字下げを「${shorter(String(parent.key.value))}:」と同じにしてください` });
        }
      }
      if (fullWidthSign) dropped.push({ ...pos(node.range[0]), message: '全角の「｜」です。改行を保つ文章は半角の「|-」と書き、本文は次の行から字下げして書いてください（全角の「｜」では、文章が 1 行につながり「｜」も本文になります）' });
      const at = blanksFrom(node.range[1]);
      if (text[at] !== '#' || at === node.range[1]) return;
      const comment = text.slice(at, eolFrom(at));
      if (keptAfterValue(comment.slice(1))) return;
      const key = isPair(parent) && isScalar(parent.key) ? String(parent.key.value) : undefined;
      dropped.push({ ...pos(at), message: `${key ? `「${shorter(key)}」の値の後ろの` : `「- ${shorter(value)}」の後ろの`}「${shorter(comment)}」は、前に空白があるため YAML のコメントとして読まれ、評価書に載りません（値は「${shorter(value)}」だけになります）。「#」からも値なら、値全体を引用符「"」で囲むか全角の「＃」にしてください。メモなら別の行に書いてください` });
    },
    Pair: (_key, pair) => {
      const v = pair.value;
      if (!isScalar(pair.key) || !pair.key.range || !(v === null || (isScalar(v) && v.value === null && !v.source))) return;
      let at = blanksFrom(pair.key.range[1]);
      if (text[at] !== ':') return;
      at = blanksFrom(at + 1);
      if (text[at] !== '#') return;
      const comment = text.slice(at, eolFrom(at));
      if (keptAfterBlank(comment.slice(1))) return;
      const key = shorter(String(pair.key.value));
      dropped.push({ ...pos(at), message: scaffoldNote(comment.slice(1)) ? `「${key}:」の後ろが雛形の項目名のコメント（「#」から行末まで）だけのため、この項目は空欄として読まれます（コメントの中に書いた値や残した選択肢は読まれません）。値は「${key}: 」の後、「#」の前に書いてください`
        : `「${key}:」の後ろの「${shorter(comment)}」は YAML のコメントとして読まれ、この項目は空欄になります。値なら「#」を付けずに「${key}: 」の後に書き、メモなら別の行に書いてください` });
    },
  });

  try {
    const data = doc.toJS({ maxAliasCount: MAX_ALIASES });
    if (unusedAnchors.length || dropped.length) return { data: undefined, locate: locateIn(doc), problems: [...unusedAnchors, ...dropped].sort((a, b) => a.line - b.line || a.col - b.col) };
    return { data, locate: locateIn(doc), problems };
  } catch (e) {
    return { data: undefined, locate: locateIn(doc), problems: [aliasProblem(e, MAX_ALIASES, doc, pos)] };
  }
}
