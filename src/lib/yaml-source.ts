// Reads one YAML file into plain data while keeping source positions, so every later message can
// name a line. Dates and leading-zero codes stay strings (YAML 1.2 core schema, decimal ints only).
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';

export interface SourceProblem { line: number; col: number; message: string }
export interface ParsedYaml {
  data: unknown;
  /** Position of the node at a data path (the key's position for a mapping entry). */
  locate(path: readonly (string | number)[]): { line: number; col: number };
  problems: SourceProblem[];
}

const MAX_ALIASES = 100;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// `012345` must stay the string "012345" (団体コード, 郵便番号): only plain decimal numbers are ints.
const customTags = (tags: any[]) => tags.map((t) =>
  t.tag === 'tag:yaml.org,2002:int' && !t.format ? { ...t, test: /^[-+]?(?:0|[1-9][0-9]*)$/ } : t);

/** Decodes bytes as UTF-8, refusing anything else (Shift_JIS files are a common mistake). */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { problem: SourceProblem } {
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch {
    return { problem: { line: 1, col: 1, message: 'ファイルが UTF-8 ではありません（Shift_JIS などで保存されていませんか）。UTF-8 で保存し直してください' } };
  }
}

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const problems: SourceProblem[] = [];
  const pos = (offset: number) => { const p = lineCounter.linePos(offset); return { line: p.line, col: p.col }; };
  const docs = parseAllDocuments(text, { lineCounter, customTags, uniqueKeys: true, prettyErrors: true });
  const list: Document[] = Array.isArray(docs) ? docs : [];
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
  // Later syntax errors are mostly echoes of the first one: report the first only.
  const first = doc.errors[0];
  if (first) {
    const at = first.linePos?.[0] ?? { line: 1, col: 1 };
    problems.push({ line: at.line, col: at.col, message: translateYamlError(first.code, first.message) });
  }
  if (problems.length) return { data: undefined, locate: locateIn(doc), problems };

  // Keys that could reach Object.prototype are refused before conversion to plain objects.
  let forbidden: SourceProblem | undefined;
  const visit = (node: unknown, depth: number): void => {
    if (forbidden) return;
    if (depth > 200) { forbidden = { line: 1, col: 1, message: '入れ子が深すぎます（200 段まで）' }; return; }
    if (isMap(node)) {
      for (const p of node.items) {
        if (isPair(p) && isScalar(p.key) && FORBIDDEN_KEYS.has(String(p.key.value))) {
          forbidden = { ...pos(p.key.range?.[0] ?? 0), message: `見出し「${String(p.key.value)}」は使えません` };
          return;
        }
        visit(p.value, depth + 1);
      }
    } else if (isSeq(node)) node.items.forEach((n) => visit(n, depth + 1));
  };
  visit(doc.contents, 0);
  if (forbidden) return { data: undefined, locate: locateIn(doc), problems: [forbidden] };

  try {
    const data = doc.toJS({ maxAliasCount: MAX_ALIASES });
    return { data, locate: locateIn(doc), problems };
  } catch (e) {
    const message = /alias/i.test(String((e as Error).message))
      ? `エイリアス（*）の展開が多すぎます（${MAX_ALIASES} 回まで）`
      : `YAML を読み込めません: ${(e as Error).message}`;
    return { data: undefined, locate: locateIn(doc), problems: [{ line: 1, col: 1, message }] };
  }
}

function translateYamlError(code: string, message: string): string {
  switch (code) {
    case 'DUPLICATE_KEY': return '同じ見出しが 2 回書かれています（重複した見出し）';
    case 'BAD_INDENT': case 'MISSING_CHAR': case 'UNEXPECTED_TOKEN':
      return `YAML の書き方に誤りがあります（字下げや記号を確認してください）: ${message.split('\n')[0]}`;
    case 'BLOCK_AS_IMPLICIT_KEY': return '見出しの後の「:」の位置か字下げに誤りがあります';
    case 'MULTILINE_IMPLICIT_KEY': return '見出しが複数行にまたがっています。「:」の付け忘れか字下げを確認してください';
    case 'TAB_AS_INDENT': return '字下げにタブ文字が使われています。空白に直してください';
    case 'BAD_ALIAS': case 'BAD_DIRECTIVE': case 'BAD_DQ_ESCAPE': case 'BAD_SCALAR_START':
      return `YAML の書き方に誤りがあります: ${message.split('\n')[0]}`;
    default: return `YAML の書き方に誤りがあります: ${message.split('\n')[0]}`;
  }
}
