// pathAtLine reads the item of a line from indentation and headings alone. Checked against the YAML
// parser on every key line of the bundled reports and of seeded documents of every shape the
// reports use (nested groups, lists of groups, 「|」 texts, flow values).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, type Node } from 'yaml';
import { pathAtLine } from './line-path.ts';
import { listYaml } from './content-files.ts';
import { seeded, type Random } from '../../../tests/support/seeded.ts';

/** Every key line of a block mapping, every line of a value over several lines, and every line that starts a list entry holding a plain value, with its data path. */
function keyLines(text: string): Map<number, (string | number)[]> {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  const out = new Map<number, (string | number)[]>();
  const visit = (node: Node | null | undefined, path: (string | number)[]) => {
    if (isMap(node) && !node.flow) {
      for (const pair of node.items) {
        const key = pair.key as Node;
        const p = [...path, String((key as { value?: unknown }).value)];
        out.set(lc.linePos(key.range![0]).line, p);
        // (the lines of a value over several lines belong to its key)
        const v = pair.value as Node | null;
        if (isScalar(v) && v.range) {
          const last = lc.linePos(Math.max(v.range[0], v.range[1] - 1)).line;
          for (let line = lc.linePos(key.range![0]).line + 1; line <= last; line++) if (/\S/.test(text.split('\n')[line - 1] ?? '')) out.set(line, p);
        }
        visit(pair.value as Node, p);
      }
    } else if (isSeq(node) && !node.flow) {
      node.items.forEach((item, i) => {
        const p = [...path, i];
        if (isScalar(item) && item.range) { const line = lc.linePos(item.range[0]).line; if (!out.has(line)) out.set(line, p); }
        visit(item as Node, p);
      });
    }
  };
  visit(doc.contents as Node, []);
  return out;
}

const WORDS = ['評価書名', '公表日', 'システム1', '名称', '委託事項', '①事務の内容', 'リスク1', '(1)住民基本台帳ファイル', '再委託の有無', '提供先', '特記事項', '措置の内容'];
function value(r: Random, depth: number): unknown {
  const kind = r.int(depth > 3 ? 3 : 6);
  if (kind === 0) return r.pick(['行っている', '十分である', '2025-04-25', 'なし']);
  if (kind === 1) return `一行目の文\n二行目: 見出しのように見える文\n- 一覧のように見える行\n`;
  if (kind === 2) return r.pick([[], ['自己点検', '内部監査'], { 記載状態: '原文欠落', 注記: '頁欠け' }]);
  if (kind === 3) return Object.fromEntries(Array.from({ length: 1 + r.int(4) }, (_, i) => [`${r.pick(WORDS)}${i}`, value(r, depth + 1)]));
  if (kind === 4) return Array.from({ length: 1 + r.int(3) }, () => value(r, depth + 1));
  return Array.from({ length: 1 + r.int(3) }, () => Object.fromEntries(Array.from({ length: 1 + r.int(3) }, (_, i) => [`${r.pick(WORDS)}${i}`, value(r, depth + 1)])));
}

function expectAllLines(text: string, label: string) {
  const lines = keyLines(text);
  expect(lines.size, label).toBeGreaterThan(0);
  for (const [line, path] of lines) expect(pathAtLine(text, line), `${label}:${line}`).toEqual(path);
}

describe('pathAtLine', () => {
  it('gives the parser\'s path on every key line and every line of a text of the bundled reports', () => {
    for (const file of listYaml('content')) expectAllLines(fs.readFileSync(file, 'utf8'), file);
  });
  it('gives the parser\'s path on every key line of seeded documents, written with 2 or 4 spaces, lists indented or not (seeded)', () => {
    const r = seeded(5252);
    for (let i = 0; i < 150; i++) {
      const data = Object.fromEntries(Array.from({ length: 1 + r.int(5) }, (_, k) => [`${r.pick(WORDS)}${k}`, value(r, 0)]));
      const text = stringify(data, { indent: r.pick([2, 4]), indentSeq: r.pick([true, false]), lineWidth: 0 });
      expectAllLines(text, `#${i}\n${text}`);
    }
  });
  it('gives a line of a 「|」 text or of a value that runs on its key, and nothing for a comment or a blank line', () => {
    const text = '表紙:\n  特記事項: |\n    評価書名: 本文の行\n\n  # メモ\n  公表日: 2025-04-25\n  評価書名: 一行目\n    二行目\n';
    expect(pathAtLine(text, 3)).toEqual(['表紙', '特記事項']);
    expect(pathAtLine(text, 8)).toEqual(['表紙', '評価書名']);
    expect(pathAtLine(text, 4)).toBeUndefined();
    expect(pathAtLine(text, 5)).toBeUndefined();
    expect(pathAtLine(text, 6)).toEqual(['表紙', '公表日']);
  });
  it('reads a line indented wrongly as the clerk wrote it (the caller checks the form has that item)', () => {
    expect(pathAtLine('表紙:\n  評価書番号: 4\n 評価書名: 事務\n', 3)).toEqual(['表紙', '評価書名']);
    expect(pathAtLine('表紙:\n\t評価書番号: 4\n', 2)).toEqual(['表紙', '評価書番号']);
  });
});
