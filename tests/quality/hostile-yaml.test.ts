// Hostile YAML: each case gives exactly one clear Japanese problem naming the file (and the line where
// there is one) within about two seconds, without a crash and without prototype pollution; and
// scripts/build.ts on such content stops before touching the last good site. A BOM and CRLF line ends
// (what Windows editors write) are accepted silently: they change nothing in the data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFiles } from '../../src/lib/content/validate-content.ts';
import { formatProblem, validateText, type Problem } from '../../src/lib/content/validate.ts';
import { buildSite } from '../support/global-setup.ts';

const FIXTURES = 'tests/fixtures/content';
const REPORT = 'reports/test-shi/2.yaml';
const base = fs.readFileSync(path.join(FIXTURES, REPORT), 'utf8');
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** The fixture report with one exact fragment replaced; `line` is where the replacement starts. */
function mutate(from: string, to: string): { text: string; line: number } {
  expect(base.split(from).length - 1, `「${from}」 occurs once`).toBe(1);
  const text = base.replace(from, to);
  return { text, line: text.slice(0, text.indexOf(to)).split('\n').length };
}
const nested = (depth: number) => Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 値\n';
const laughs = ['lol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat('bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)).join('\n') + '\n';
// 「様式: 重点項目評価書」 as Shift_JIS bytes
const SJIS = Uint8Array.from([0x97, 0x6c, 0x8e, 0xae, 0x3a, 0x20, 0x8f, 0x64, 0x93, 0x5f, 0x8d, 0x80, 0x96, 0xda, 0x95, 0x5d, 0x89, 0xbf, 0x8f, 0x91, 0x0a]);

interface Case { name: string; bytes: () => string | Uint8Array; line?: number; message: RegExp }
const dup = mutate('    対象人数: 1,000人以上1万人未満', '    対象人数: 1,000人以上1万人未満\n    対象人数: 1万人以上10万人未満');
const syntax = mutate('    対象人数: 1,000人以上1万人未満', '    対象人数: [1,000人以上');
const quote = mutate('    対象人数: 1,000人以上1万人未満', '    対象人数: "1,000人以上1万人未満');
const indent = mutate('    対象人数: 1,000人以上1万人未満', '   対象人数: 1,000人以上1万人未満');
const category = mutate('事務分類: 国民年金', '事務分類: 国民/年金');
const proto = mutate('    対象人数: 1,000人以上1万人未満', '    対象人数: 1,000人以上1万人未満\n    __proto__: {polluted: yes}');
const ctor = mutate('事務分類:', 'constructor:\n  prototype:\n    polluted: yes\n事務分類:');
const CASES: Case[] = [
  { name: 'a syntax error (an unclosed [)', bytes: () => syntax.text, line: syntax.line, message: /「\[」で始めた一覧が「\]」で閉じられていません/ },
  { name: 'a syntax error (an unclosed quote)', bytes: () => quote.text, line: quote.line, message: /引用符「"」で始めた文字列が閉じられていません/ },
  { name: 'a syntax error (indentation)', bytes: () => indent.text, line: indent.line, message: /字下げが違います/ },
  { name: 'a duplicate key', bytes: () => dup.text, line: dup.line + 1, message: /が 2 回書かれています/ },
  { name: 'an alias bomb (billion laughs)', bytes: () => laughs, message: /エイリアス.*多すぎます/ },
  { name: '1,000-level nesting (block)', bytes: () => nested(1000), message: /入れ子が深すぎます/ },
  { name: '1,000-level nesting (flow)', bytes: () => `a: ${'['.repeat(1000)}${']'.repeat(1000)}\n`, line: 1, message: /入れ子が深すぎます/ },
  { name: 'a 20 MB file', bytes: () => `${base}# ${'x'.repeat(20 * 1024 * 1024)}\n`, message: /ファイルが大きすぎます（20\.\d MB）/ },
  { name: 'a __proto__ key', bytes: () => proto.text, line: proto.line + 1, message: /見出し「__proto__」は使えません/ },
  { name: 'a constructor key', bytes: () => ctor.text, line: ctor.line, message: /見出し「constructor」は使えません/ },
  { name: 'Shift_JIS bytes', bytes: () => SJIS, message: /UTF-8 ではありません/ },
  { name: 'an empty file', bytes: () => '', message: /ファイルが空です/ },
  { name: '100,000 keys in one mapping', bytes: () => Array.from({ length: 100_000 }, (_, i) => `k${i}: v`).join('\n'), message: /見出し・行が多すぎます/ },
  { name: 'a 事務分類 that would break its comparison page URL', bytes: () => category.text, line: category.line, message: /事務分類は比較ページの URL/ },
  { name: 'several documents', bytes: () => `${base}---\n${base}`, line: base.split('\n').length, message: /複数の文書/ },
];

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-yaml-'));
  // The validator compiles the form schemas once per process: done here (validateText, past the content
  // cache), so that the time limit below measures what a hostile file costs, not that one-time set-up.
  validateText('warm-up.yaml', fs.readFileSync('tests/fixtures/content/reports/test-shi/2.yaml', 'utf8'), 'report');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A content folder: the fixtures, with the report replaced by the case's bytes. */
function contentWith(name: string, bytes: string | Uint8Array): { dir: string; file: string } {
  const dir = path.join(root, name.replace(/[^a-z0-9]+/gi, '-'));
  fs.cpSync(FIXTURES, dir, { recursive: true });
  const file = path.join(dir, REPORT);
  fs.writeFileSync(file, bytes);
  return { dir, file };
}

const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
function expectNoPollution() {
  expect(({} as any).polluted).toBeUndefined();
  expect((Object.prototype as any).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
}

describe('hostile YAML', () => {
  it('the Shift_JIS case really is Shift_JIS Japanese', () => {
    expect(new TextDecoder('shift_jis').decode(SJIS)).toBe('様式: 重点項目評価書\n');
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: one Japanese problem naming the file, fast, and the last good site kept', (_n, c) => {
    const { dir, file } = contentWith(c.name, c.bytes());
    const started = performance.now();
    let problems: Problem[] = [];
    expect(() => { problems = validateFiles([file], dir).problems; }).not.toThrow();
    const elapsed = performance.now() - started;
    expectNoPollution();
    expect(problems.map(formatProblem)).toHaveLength(1);
    const [p] = problems;
    expect(p.file).toBe(file);
    expect(p.message).toMatch(c.message);
    expect(p.message).toMatch(JAPANESE);
    if (c.line) expect(p.line).toBe(c.line);
    expect(elapsed, `${Math.round(elapsed)} ms`).toBeLessThan(2000);

    // npm run build on this content: stops at validation, names the file, keeps the previous site
    const out = path.join(dir, 'dist');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'index.html'), 'last good site');
    const build = buildSite(dir, out);
    expect(build.status).toBe(1);
    expect(build.output).toContain(formatProblem(p));
    expect(build.output).toContain('以前の');
    expect(fs.readdirSync(out)).toEqual(['index.html']);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('last good site');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('dist.'))).toEqual([]);
  });

  it.each([
    ['a byte order mark', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(base)])],
    ['CRLF line ends', () => base.replace(/\n/g, '\r\n')],
    ['a byte order mark and CRLF line ends', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(base.replace(/\n/g, '\r\n'))])],
  ] as const)('%s: accepted silently, with the same data', (name, bytes) => {
    const read = (file: string, dir: string) => {
      const data: unknown[] = [];
      const { problems } = validateFiles([file], dir, { onDocument: (doc) => data.push(doc.data) });
      return { problems, data };
    };
    const plain = read(contentWith(`${name} plain`, base).file, root);
    const { file, dir } = contentWith(name, bytes());
    const windows = read(file, dir);
    expect(windows.problems).toEqual([]);
    expect(windows.data).toHaveLength(1);
    expect(windows.data[0]).toEqual(plain.data[0]);
  });
});
