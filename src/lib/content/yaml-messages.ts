// Japanese messages for YAML syntax mistakes. The `yaml` package says where it lost its way, in
// English and often one line away from the slip (a full-width colon is reported as a key spanning two
// lines). This module looks at the source line the parser points at and names the clerk's actual
// mistake (全角の「：」, no space after「:」, a tab, a missing or extra「- 」, a「: 」inside a value, an
// unclosed quote, a line indented too deep or too shallow) with its fix. Every error the parser
// recovers from gets its own message, one per line, so all mistakes are seen at once. Pure.
import type { Document, Node, YAMLError } from 'yaml';
import { yamlLibrary } from './yaml-library.ts';
import { checkDetails, FORM_SCHEMAS, walkForm } from '../form/form-schema.ts';
import { toHalfWidthDigits } from '../form/wareki.ts';

export interface SyntaxProblem { line: number; col: number; message: string }
/** A problem that only follows from one on another line (`echoOf`), dropped when that one is reported. */
type Found = SyntaxProblem & { echoOf?: number };
type Pos = (offset: number) => { line: number; col: number };

export const DUPLICATE_KEY_MESSAGE = '同じ見出しが 2 回書かれています（重複した見出し）。どちらかを消すか、字下げを確かめてください';
/** DUPLICATE_KEY_MESSAGE naming the heading and the line it was first written on. */
/** A key written twice in one mapping; `entryStart`: the first one begins an entry of a list (「- 」),
 * so the second is most likely the next entry with its 「- 」 left out (a block copied for a second
 * system, 委託事項, …). */
export const duplicateKeyMessage = (key: string, firstLine: number, entryStart = false) => entryStart
  ? `見出し「${key.slice(0, 40)}」が 1 つのまとまりに 2 回書かれています（最初は ${firstLine} 行目の「- 」の後）。次のまとまり（2 件目）のつもりなら、この行も ${firstLine} 行目と同じく「- ${key.slice(0, 40)}:」で始めてください（「- 」は ${firstLine} 行目の「- 」と同じ位置）`
  : `見出し「${key.slice(0, 40)}」が 2 回書かれています（最初は ${firstLine} 行目）。どちらかを消すか、字下げを確かめてください`;
/** Said when nothing more specific is known: never the parser's own (English) words. */
const GENERIC = 'YAML の書き方に誤りがあります。字下げ（半角空白）、「:」の後の半角空白、「- 」、引用符の対応を確かめてください';
const QUOTE_OR_BLOCK = '値全体を引用符「"」で囲むか、「|」を書いて次の行から字下げして書いてください';

const indentOf = (line: string) => /^ */.exec(line)![0].length;
const isContent = (line: string | undefined) => line !== undefined && line.trim() !== '' && !/^\s*#/.test(line);
/** The key of a `key: value` / `- key: value` line (undefined when the line is no key line). */
const keyOf = (line: string) => /^\s*(?:- +)?([^\s#"'][^:#]*?):(?:[ \t]|$)/.exec(line)?.[1];
const showKey = (line: string) => line.trim().slice(0, 30);

class Lines {
  readonly lines: string[];
  constructor(text: string) { this.lines = text.split(/\r?\n|\r/); }
  at(n: number): string { return this.lines[n - 1] ?? ''; }
  /** The nearest line above `n` with content (comments and blank lines skipped). */
  prev(n: number): number | undefined {
    for (let i = n - 1; i >= 1; i--) if (isContent(this.at(i))) return i;
    return undefined;
  }
  next(n: number): number | undefined {
    for (let i = n + 1; i <= this.lines.length; i++) if (isContent(this.at(i))) return i;
    return undefined;
  }
  /** The key line that opened a block text (`key: |`) just above line `n`, if `n` follows one. */
  blockOpener(n: number): number | undefined {
    const own = indentOf(this.at(n));
    for (let i = n - 1; i >= 1; i--) {
      const l = this.at(i);
      if (!l.trim()) continue;
      if (indentOf(l) < own) return /:\s+[|>][-+]?\d*\s*(#.*)?$/s.test(l) ? i : undefined;
      if (/:\s+[|>][-+]?\d*\s*(#.*)?$/s.test(l) && indentOf(l) === own) return undefined;
    }
    return undefined;
  }
}

/** Marks a clerk writes before a list item instead of 「- 」 (a full-width dash, a bullet, an asterisk). */
export const LIST_MARKS = '－‐―ー・*＊';

/** A list written with a mark YAML does not read as one (「－」「・」「*」 before each line). */
export const WRONG_MARK_MESSAGE = (mark: string) => `行頭の「${mark}」${mark === '-' ? 'の後に空白がないため一覧になりません' : 'は一覧の印になりません'}（行がつながって 1 つの文になります）。一覧の各行は半角の「-」と半角空白で始めます（「- 項目名」）。文章なら値を「|-」にして次の行から書いてください`;

/** A blank that is not a half-width one: the full-width 「　」, and the no-break and other spaces that
 * come with text pasted from Word or the web. */
const WIDE = '[\u3000\u00A0\u2000-\u200A\u202F\u205F]';
const wideName = (c: string) => (c === '\u3000' ? '全角の空白「　」' : `特殊な空白「U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}」（${c === '\u00A0' ? 'ノーブレークスペース。' : ''}ワープロやウェブページからの貼り付けで入ります）`);

/** What is wrong with one line, judged from its text alone (the slips that break a `key: value` line). */
function lineSlip(l: Lines, n: number): Found | undefined {
  const line = l.at(n);
  const at = (col: number, message: string) => ({ line: n, col, message });
  const lead = new RegExp(`^(?: |${WIDE})*`).exec(line)![0];
  if (new RegExp(`^(?: |${WIDE})*\\t`).test(line)) return at(lead.length + 1, '字下げにタブ文字が使われています。タブを消して半角空白で字下げしてください（1 段につき空白 2 個）');
  const odd = new RegExp(WIDE).exec(lead);
  if (odd) return deeperFirstLine(l, n) ?? at(odd.index + 1, `行頭に${wideName(odd[0])}があります。字下げは半角空白で書いてください（1 段につき空白 2 個）`);
  const body = line.slice(lead.length).replace(/^- +/, '');
  const bodyCol = line.length - body.length + 1;
  // (「- [〇] 自己点検」: a box as printed, which YAML reads as a list followed by text)
  const box = body !== line.slice(lead.length) && /^[[{]/.test(body) ? printedBox(body) : undefined;
  if (box) return at(bodyCol, printedBoxMessage(body.trim(), box));
  // (a list item written with another mark, 「－ 庁内連携システム」: the next line is read as its key)
  const mark = new RegExp(`^([${LIST_MARKS}])[ \u3000]`, 'u').exec(body);
  if (mark) {
    // (said once for the list: each line after the first with the same mark is an echo of the one above)
    const above = l.prev(n);
    const same = above !== undefined && indentOf(l.at(above)) === indentOf(line) && l.at(above).trimStart().startsWith(mark[1]);
    return { ...at(bodyCol, WRONG_MARK_MESSAGE(mark[1])), ...(same ? { echoOf: above } : {}) };
  }
  // Only a half-width blank separates a key (「:」 followed by 「　」 does not).
  const ascii = body.search(/:([ \t]|$)/);
  const wide = body.indexOf('：');
  if (wide >= 0 && (ascii < 0 || wide < ascii) && !/^["']/.test(body)) {
    return at(bodyCol + wide, `全角のコロン「：」が使われています。見出しの後は半角の「:」と半角空白にしてください（例: ${body.slice(0, wide)}: ${body.slice(wide + 1).trim() || '値'}）`);
  }
  const tight = new RegExp(`^([^\\s:#"'][^:#]*?):(${WIDE}|[^\\s/])`).exec(body);
  if (tight && (ascii < 0 || tight.index + tight[1].length < ascii)) {
    const after = new RegExp(WIDE).test(tight[2]) ? `「:」の後が${wideName(tight[2])}になっています` : '「:」の後に空白がありません';
    return at(bodyCol + tight[1].length, `${after}。見出しの後は「:」と半角空白 1 個にしてください（例: ${tight[1]}: ${body.slice(tight[1].length + 1).trim()}）`);
  }
  // Text after 「|」 or 「>」 on its own line: the text begins on the next line.
  const inline = /^([^:#"'][^:#]*?):[ \t]+([|>][-+0-9]*)[ \t]+([^#\s].*)$/.exec(body);
  if (inline) return at(bodyCol + body.indexOf(inline[3], inline[1].length + 1), `「${inline[2]}」の後ろには何も書けません。本文は「${inline[1]}: ${inline[2]}」の次の行から、字下げして書いてください`);
  if (ascii < 0 && !/^["'[{|>]/.test(body) && !body.startsWith('- ') && isContent(line)) {
    const next = l.next(n);
    if (next !== undefined && indentOf(l.at(next)) > indentOf(line)) {
      return at(bodyCol + body.trimEnd().length, `見出し「${body.trim()}」の後に「:」がありません。「${body.trim()}:」と書いてください`);
    }
  }
  return undefined;
}

/** A line after a sibling `key: value` that is indented deeper than it (it reads as part of the value). */
function tooDeep(l: Lines, n: number): Found | undefined {
  const next = l.next(n);
  if (next === undefined) return undefined;
  const here = l.at(n);
  // A full-width space or a tab before the line above makes the line above the odd one out.
  if (new RegExp(`^ *(?:${WIDE}|\\t)`).test(here)) return lineSlip(l, n);
  const own = indentOf(here) + (/^\s*- /.test(here) ? /^\s*- +/.exec(here)![0].length - indentOf(here) : 0);
  const there = l.at(next);
  if (indentOf(there) <= own || keyOf(there) === undefined) return undefined;
  return { line: next, col: indentOf(there) + 1, echoOf: n, message: `字下げが違います。この行は上の「${showKey(here)}」の値の続きとして読まれています。同じ階層の見出しなら字下げを上の見出しと同じ空白 ${own} 個にしてください。文章の続き（「例: …」のような行）なら、上の値を「|-」にして本文を次の行から字下げして書いてください` };
}

/** A line whose indentation does not match its siblings (the parser's "same column" complaint). */
function misaligned(l: Lines, n: number): Found {
  const line = l.at(n);
  const own = indentOf(line);
  // After a line indented with a full-width space or a tab, the lines below it are off by that one.
  for (let i = n - 1; i >= 1; i--) {
    const s = l.at(i);
    if (!isContent(s)) continue;
    // (not a line of a 「|」 text, where a full-width space at the start is the text's own)
    if (new RegExp(`^ *(?:${WIDE}|\\t)`).test(s) && l.blockOpener(i) === undefined) return { ...misalignedHere(l, n), echoOf: i };
    if (indentOf(s) < own) break;
  }
  return misalignedHere(l, n);
}
/**
 * A line of a 「|」 text less indented than the text's first line, where the first line is the odd one
 * out (indented deeper than the lines after it): YAML takes the first line's indentation for the whole
 * text, so the text ends before this line, and every line after it is a problem of its own. Told once,
 * at the first line, where the fix is. A full-width space that begins such a line is the text's own
 * (「　住民からの…」), not indentation.
 */
function deeperFirstLine(l: Lines, n: number): Found | undefined {
  const own = indentOf(l.at(n));
  const opener = l.blockOpener(n);
  const first = opener === undefined ? undefined : l.next(opener);
  if (opener === undefined || first === undefined || first >= n || indentOf(l.at(first)) <= own || own <= indentOf(l.at(opener))) return undefined;
  // The first line after the first that is shallower than it: where the text ended (told there once).
  let head = l.next(first)!;
  while (head < n && indentOf(l.at(head)) >= indentOf(l.at(first))) head = l.next(head)!;
  // (lines between the first and that one as deep as the first: the first is not the odd one out; and
  // with one line after it, which of the two is odd only the text can say: a full-width space that
  // begins the line below, or two lines below that agree)
  if (head !== l.next(first)) return undefined;
  const after = l.next(head);
  if (!new RegExp(`^ *${WIDE}`).test(l.at(head)) && (after === undefined || indentOf(l.at(after)) !== own)) return undefined;
  const message = `「|」の文章の 1 行目の字下げ（空白 ${indentOf(l.at(first))} 個）が、次の行（${head} 行目、空白 ${own} 個）より深くなっています。YAML は 1 行目の字下げを文章全体の字下げとするため、文章が ${head} 行目の前で終わったと読まれます。この行の字下げを空白 ${own} 個にしてください（行頭の全角の空白は本文として残せます）`;
  // (said at the first line, where the fix is: every later line the parser complains of is this one)
  return { line: first, col: indentOf(l.at(first)) + 1, message };
}

function misalignedHere(l: Lines, n: number): Found {
  const line = l.at(n);
  const own = indentOf(line);
  const deeper = deeperFirstLine(l, n);
  if (deeper) return deeper;
  const opener = l.blockOpener(n);
  if (opener !== undefined) {
    const first = l.next(opener);
    const want = first !== undefined ? indentOf(l.at(first)) : own + 2;
    if (first !== undefined && first < n && want > own) {
      return { line: n, col: own + 1, message: `「|」の文章の行の字下げが浅すぎます（空白 ${own} 個）。文章の続きなら 1 行目（${first} 行目）と同じ空白 ${want} 個で字下げしてください` };
    }
  }
  // Siblings written as a list ("- ") around a line without one: a forgotten or an extra "- ".
  const siblings: number[] = [];
  for (let i = n - 1; i >= 1; i--) {
    const s = l.at(i);
    if (!isContent(s)) continue;
    if (indentOf(s) < own) break;
    if (indentOf(s) === own) siblings.push(i);
  }
  const dashed = siblings.filter((i) => /^\s*- /.test(l.at(i)));
  if (dashed.length && !/^\s*- /.test(line)) {
    const key = keyOf(line);
    const firstKeys = dashed.map((i) => keyOf(l.at(i)));
    if (key !== undefined && firstKeys.includes(key)) {
      return { line: n, col: own + 1, message: `行頭の「- 」が抜けています。繰り返しのまとまりの最初の行は「- 」で始めます（「- ${line.trim()}」と書いてください）` };
    }
    const extra = dashed[dashed.length - 1];
    return { line: extra, col: indentOf(l.at(extra)) + 1, message: `「- 」が余分です。ここは「- 」の一覧ではなく見出しの並びです（${n} 行目の「${showKey(line)}」と同じ階層）。この行の「- 」を消してください` };
  }
  const above = l.prev(n);
  const want = above !== undefined ? indentOf(l.at(above)) : 0;
  return { line: n, col: own + 1, message: `字下げが違います（空白 ${own} 個）。同じ階層の見出しは同じ数の半角空白で字下げします。上の見出しと同じ階層なら空白 ${want} 個にしてください` };
}

/** The innermost flow collection or quoted string still open at `offset`, where it was opened. */
function unclosedAt(doc: Document, offset: number): { offset: number; message: string } | undefined {
  const { isCollection, isScalar, isSeq, visit } = yamlLibrary();
  let found: { offset: number; message: string } | undefined;
  visit(doc, (_key, node) => {
    const range = (node as Node | null)?.range;
    if (!range || range[0] > offset || offset > range[1]) return;
    if (isCollection(node) && node.flow) {
      found = { offset: range[0], message: `${isSeq(node) ? '「[」で始めた一覧が「]」' : '「{」で始めた組が「}」'}で閉じられていません。閉じる記号を書くか、値の中の記号なら${QUOTE_OR_BLOCK}` };
    } else if (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) {
      const q = node.type === 'QUOTE_DOUBLE' ? '"' : "'";
      found = { offset: range[0], message: `引用符「${q}」で始めた文字列が閉じられていません。値の終わりに「${q}」を書いてください（値の中で「${q}」を使うなら、もう一方の引用符で囲みます）` };
    }
  });
  return found;
}

/** One parser error as the clerk's mistake: where it really is and what to do. */
function explainError(e: YAMLError, l: Lines, doc: Document, pos: Pos): Found[] {
  const { line: n, col } = pos(e.pos[0]);
  const line = l.at(n);
  // (a 「|」 text that ended early because its first line is deeper: every complaint below it is that)
  const deeper = deeperFirstLine(l, n);
  if (deeper) return [deeper];
  switch (e.code) {
    case 'DUPLICATE_KEY': return [{ line: n, col, message: DUPLICATE_KEY_MESSAGE }];
    case 'TAB_AS_INDENT': return [lineSlip(l, n) ?? { line: n, col, message: '字下げにタブ文字が使われています。半角空白で字下げしてください' }];
    case 'BAD_DQ_ESCAPE': return [{ line: n, col, message: '「"」で囲んだ中の「\\」は特別な記号として読まれます。値を「\'」で囲むか、「\\」を「\\\\」と書いてください' }];
    case 'BAD_SCALAR_START': {
      const ch = line.slice(col - 1, col);
      return [{ line: n, col, message: `値の最初の文字「${ch}」は YAML の記号なので、そのままでは書けません。${QUOTE_OR_BLOCK}` }];
    }
    case 'UNEXPECTED_TOKEN':
      if (/^[^:]*:\s*["']/.test(line)) return [{ line: n, col, message: `引用符で閉じた後ろにも文字があります。値の途中に引用符があるなら、${QUOTE_OR_BLOCK}` }];
      return [lineSlip(l, n) ?? symbolStart(line, n) ?? { line: n, col, message: GENERIC }];
  }
  if (/Missing closing|end with a [\]}]/.test(e.message)) {
    const opened = unclosedAt(doc, e.pos[0]);
    if (opened) return [{ ...pos(opened.offset), message: opened.message }];
  }
  if (e.code === 'BAD_INDENT') {
    const slip = lineSlip(l, n);
    if (slip) return [slip];
    if (/Block scalar/.test(e.message)) {
      const opener = l.blockOpener(n);
      return [{ line: n, col, message: `「|」の文章の行の字下げが 1 行目より浅くなっています。${opener ? `${opener} 行目の「|」の下の` : ''}文章はすべて 1 行目と同じかそれより深く字下げしてください` }];
    }
    if (/same column/.test(e.message)) return [misaligned(l, n)];
    return [{ line: n, col, message: GENERIC }];
  }
  if (e.code === 'MULTILINE_IMPLICIT_KEY' || e.code === 'BLOCK_AS_IMPLICIT_KEY' || e.code === 'MISSING_CHAR') {
    if (/block sequence may not be used as an implicit map key/.test(e.message) || (/^\s*- /.test(line) && /map values/.test(e.message))) {
      return [{ line: n, col: indentOf(line) + 1, message: '「- 」で始まる行がありますが、ここは見出しの並びです。余分な「- 」を消すか、一覧にする見出しの下に字下げして書いてください' }];
    }
    // The key a clerk meant may span several lines: each of them can hold its own slip.
    const last = Math.max(n, pos(e.pos[1]).line);
    const out: Found[] = [];
    const keyStart = indentOf(line) + (/^\s*- +/.exec(line)?.[0].length ?? 0) - indentOf(line);
    const inValue = col - 1 > keyStart && keyOf(line) !== undefined;
    if (inValue) {
      const deep = tooDeep(l, n);
      if (deep) return [deep];
      if (markerInBraces(line)) return [{ line: n, col: line.search(/[{｛]/) + 1, message: MARKER_IN_BRACES_MESSAGE }];
      if (/: /.test(line.slice(col - 1))) {
        return [{ line: n, col, message: `値の中に「: 」があるため、見出しと値の区切りと読まれています（「${line.slice(col - 1).trim().slice(0, 20)}」）。${QUOTE_OR_BLOCK}` }];
      }
    }
    for (let i = n; i <= last; i++) {
      if (!isContent(l.at(i))) continue;
      const slip = lineSlip(l, i) ?? (i > n && indentOf(l.at(i)) > indentOf(l.at(n)) ? tooDeep(l, l.prev(i)!) : undefined);
      if (slip) out.push(slip);
    }
    if (out.length) return out;
    if (/^[^:：]*$/.test(line.trim())) {
      return [{ line: n, col: indentOf(line) + 1, message: `「${line.trim().slice(0, 30)}」の後に「: 」がありません。見出しと値は「見出し: 値」と書きます（文章の続きなら、前の行の値を「|」で書いてください）` }];
    }
  }
  return [symbolStart(line, n) ?? { line: n, col, message: GENERIC }];
}

/**
 * A check box copied as the paper form prints it: 「[〇] 自己点検」, 「［ ］内部監査」, 「■自己点検」,
 * 「□内部監査」. What is left of the box, and whether it was checked (a mark in it, or a filled box); a
 * blank box (「[ ]」, 「□」) was not. None of the forms' own labels begins with such a mark.
 */
export function printedBox(entry: string): { checked: boolean; label: string } | undefined {
  // (trimmed first, and each run of blanks matched one way only: a long run takes linear time)
  const m = /^(?:([[［(（【〔])[ \u3000]*(?:([〇○◯●◎■☑☒✓✔✅レｘxX×])[ \u3000]*)?[\]］)）】〕]|([■□☑☐☒●〇○◯◎✓✔✅]))[ \u3000]*(\S.*)$/u.exec(entry.trim());
  if (!m) return undefined;
  return { checked: m[1] ? m[2] !== undefined : !/[□☐]/u.test(m[3]), label: m[4] };
}

/** The check boxes of the forms that have a space to write in (その他, 提供を行っている …), from the schemas. */
let detailBoxes: Set<string> | undefined;
const boxesWithDetail = () => {
  if (detailBoxes) return detailBoxes;
  detailBoxes = new Set();
  for (const f of Object.values(FORM_SCHEMAS)) walkForm(f.schema, (v) => { if (v.node['x-kind'] === 'checks') for (const k of Object.keys(checkDetails(v.node))) detailBoxes!.add(k); });
  return detailBoxes;
};

/** What a printed check box is told: a checked one is its label alone (a box with a space written in,
 * 「その他（…）」, as 「- その他: …」); a blank one is no line at all. */
export function printedBoxMessage(written: string, box: { checked: boolean; label: string }): string {
  if (!box.checked) return `「${written}」はチェックのない欄です。この行を消してください（チェックした欄だけを「- 欄の名前」の行で並べます）`;
  // (the name before the first bracket, and what the brackets hold: found without a pattern that could
  // split a run of blanks in many ways)
  const open = box.label.search(/[（(]/);
  const inner = open > 0 ? /^[（(](.*)[)）][ \u3000]*件?$/u.exec(box.label.slice(open)) : null;
  const name = open > 0 ? box.label.slice(0, open).trimEnd() : '';
  const line = inner && boxesWithDetail().has(name) ? `- ${name}: ${toHalfWidthDigits(inner[1]).trim() || '内容'}` : `- ${box.label}`;
  return `「${written}」は印刷された様式のチェック欄の書き方です。チェックのある欄は「${line}」と書きます（チェックのない欄の行は書きません）`;
}

/** A value that starts with a YAML symbol (「*」 alias, 「&」 anchor, 「!」 tag) is not read as text. */
function symbolStart(line: string, n: number): SyntaxProblem | undefined {
  const m = /^([^:#]+:[ \t]+)([*&!]|-(?=\s|$)|[|>](?=[^\s\d+-])|[[{](?!.*[\]}]\s*$))/.exec(line);
  if (!m) return undefined;
  return { line: n, col: m[1].length + 1, message: symbolStartMessage(m[2]) };
}

const SYMBOLS: Record<string, string> = { '*': '参照（エイリアス）', '&': 'アンカー', '!': 'タグ', '-': '一覧の印（「- 」）', '|': '文章の印（「|」）', '>': '文章の印（「>」）', '[': '一覧（[…]）の始まり', '{': 'まとまり（{…}）の始まり' };
const symbolStartMessage = (sign: string) => `「${sign}」で始まる値は YAML の${SYMBOLS[sign]}として読まれます。${QUOTE_OR_BLOCK}`;

/** A 記載状態 written in braces with a full-width 「：」 or 「、」 (「{記載状態：不確実、注記：かすれ}」), or
 * without its 記載状態: the marker's own shape, not the advice to quote it (quoted, it is published as text). */
export const MARKER_IN_BRACES_MESSAGE = '記載状態を「{…}」で書くときは、「記載状態:」「注記:」「原文:」を半角の「:」と半角空白で、区切りを半角の「,」で書きます（例: {記載状態: 不確実, 注記: かすれ}。「記載状態:」は必ず書きます）。または「{」を使わず、次の行から字下げして 1 行に 1 つずつ書いてください';
/** Whether a line's value is a 記載状態 in braces (「見出し: {記載状態…」, 「｛注記：…」). */
export const markerInBraces = (line: string) => /^[^:#{]+:[ \t]+[{｛][ \t\u3000]*(?:記載状態|注記|原文)/u.test(line);

/**
 * A text answer written 「評価書名: {別紙参照}」 or 「[別紙参照]」 on its key's line: YAML reads it without
 * a problem, as a mapping or a list, which the schema then refuses (twice for a mapping, as a 記載状態
 * object with an unknown key and without 記載状態). Said once, as what YAML did.
 */
export function flowValueMessage(line: string): { col: number; message: string } | undefined {
  const m = /^([ \t]*(?:-[ \t]+)*(?:"[^"]*"|'[^']*'|[^\s#'"][^:#]*?):[ \t]+)([[{])/.exec(line);
  return m ? { col: m[1].length + 1, message: symbolStartMessage(m[2]) } : undefined;
}

/**
 * Slips that the parser accepts but no clerk means, found only to explain a schema problem (a real
 * text may well hold a「：」): a key that starts with a full-width space, and a key line swallowed as a
 * text value (「表紙:」 followed by 「  評価書名：…」 or 「  評価書名:x」). `owner` is the line of the key
 * whose value or name is wrong, where the schema's complaint is.
 */
export function acceptedSlips(text: string): (SyntaxProblem & { owner: number })[] {
  const { isScalar, LineCounter, parseDocument, visit } = yamlLibrary();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  if (doc.errors.length) return [];
  const l = new Lines(text);
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const out: (SyntaxProblem & { owner: number })[] = [];
  visit(doc, {
    Pair(_k, pair) {
      if (!isScalar(pair.key) || !pair.key.range) return;
      const keyLine = lineAt(pair.key.range[0]);
      const key = pair.key.value;
      if (typeof key === 'string' && pair.key.type === 'PLAIN' && (/^\u3000/.test(key) || key.includes('：'))) {
        const slip = lineSlip(l, keyLine);
        if (slip) out.push({ ...slip, owner: keyLine });
      }
      const v = pair.value;
      if (isScalar(v) && v.type === 'PLAIN' && v.range && lineAt(v.range[0]) > keyLine) {
        const slip = lineSlip(l, lineAt(v.range[0]));
        if (slip) out.push({ ...slip, owner: keyLine });
      }
    },
  });
  return out;
}

/** All syntax problems of a parsed document, one per line, in line order. */
export function syntaxProblems(text: string, doc: Document, pos: Pos): SyntaxProblem[] {
  const l = new Lines(text);
  const found = doc.errors.flatMap((e) => explainError(e, l, doc, pos));
  const byLine = new Map<number, Found>();
  // The parser often complains twice about one slip (once where it started, once where it gave up):
  // one message per line, the most specific (anything but the generic one) kept.
  for (const p of found) {
    const had = byLine.get(p.line);
    if (!had || had.message === GENERIC) byLine.set(p.line, p);
  }
  // A line read as the continuation of a broken line above is no mistake of its own.
  return [...byLine.values()].filter((p) => p.echoOf === undefined || !byLine.has(p.echoOf))
    .map(({ line, col, message }) => ({ line, col, message }))
    .sort((a, b) => a.line - b.line || a.col - b.col);
}

/** Reading the data failed on an alias (a value starting with「*」): where, and what to do. */
export function aliasProblem(error: unknown, maxAliases: number, doc: Document, pos: Pos): SyntaxProblem {
  const { visit } = yamlLibrary();
  const text = String((error as Error)?.message ?? '');
  let at = { line: 1, col: 1 };
  visit(doc, { Alias(_k, node) { if (at.line === 1 && at.col === 1 && node.range) at = pos(node.range[0]); } });
  if (/Unresolved alias|anchor must be set/i.test(text)) return { ...at, message: `「*」で始まる値は YAML の参照（エイリアス）として読まれます。${QUOTE_OR_BLOCK}` };
  if (/alias/i.test(text)) return { line: 1, col: 1, message: `エイリアス（*）の展開が多すぎます（${maxAliases} 回まで）` };
  return { ...at, message: GENERIC };
}
