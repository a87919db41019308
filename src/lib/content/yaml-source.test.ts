// The cheap look that sends a file to the position-aware reader (mayFoldLines) is one pass over the
// lines. It must send exactly the files the rule sends: held here to the rule written as patterns.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seeded } from '../../../tests/support/seeded.ts';
import { JOINED_NOTE, japaneseJoins, mayFoldLines, readYaml } from './yaml-source.ts';

// The rule as patterns: a 「>」 text, or a one-line value with a deeper line that is not blank (it
// runs on from the value; whether a tool folded it there is for the position-aware reader to tell).
// (The first version's patterns wrote a deeper line
// as 「\\1 +[^\\n]*」, which splits its blanks in many ways: a value continued over 14 lines took 33 s
// to refuse. 「\\1 [^\\n]*」 is the same lines, one way.)
const MARK = '[^ \\n]';
const BY_PATTERNS = [
  /:[ \t]+>[-+0-9]*[ \t]*(?:#.*)?$/m,
  new RegExp(`^( *)- [^\\s#:'"|>-][^:\\n]*:[ \\t]+[^\\s|>'"#&*!{\\[][^\\n]*(?:\\n\\1   [^\\n]*)*?\\n\\1   +${MARK}`, 'mu'),
  new RegExp(`^( *)[^\\s#:'"|>-][^:\\n]*:[ \\t]+[^\\s|>'"#&*!{\\[][^\\n]*(?:\\n\\1 [^\\n]*)*?\\n\\1 +${MARK}`, 'mu'),
];
const byPatterns = (text: string) => BY_PATTERNS.some((re) => re.test(text));

const reports = fs.readdirSync('content/reports', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).map((f) => fs.readFileSync(path.join('content/reports', f), 'utf8'));

describe('mayFoldLines', () => {
  it.each([
    ['a value over two lines, the second a bullet', 'a: 一行目\n  ・二行目\n', true],
    ['a value over two lines, the second a word', 'a: 一行目\n  二行目\n', true],
    ['an entry\'s value over two lines', '- 名称: 一行目\n   ・二行目\n', true],
    ['an entry\'s next line at its key\'s column is a sibling', '- 名称: 一行目\n  ・二行目\n', false],
    ['a blank line ends the value', 'a: 一行目\n\n  ・二行目\n', false],
    ['a line of blanks deeper than the key does not end it', 'a: 一行目\n   \n  ・二行目\n', true],
    ['a line at the key\'s column ends it', 'a: 一行目\nb: |\n  ・二行目\n', false],
    ['a 「|」 text is not folded', 'a: |\n  一行目\n  ・二行目\n', false],
    ['a line of a 「|」 text that looks like a value', 'a: |\n  住所: 熊本市\n    ・二行目\n', true],
    ['a 「>」 text', 'a: >-\n  一行目\n', true],
    ['a full-width space begins the line', 'a: 一行目\n  \u3000二行目\n', true],
    ['a quoted value', 'a: "一行目\n  ・二行目"\n', false],
  ])('%s', (_name, text, expected) => {
    expect(mayFoldLines(text)).toBe(expected);
    expect(byPatterns(text)).toBe(expected);
  });

  it('looks at many one-line values in time linear in them (the first version\'s patterns backtracked for minutes)', () => {
    for (const deeper of [1, 2, 4, 8]) {
      const values = `概要:\n${`${' '.repeat(deeper)}事務: 住民の居住関係を記録する\n`.repeat(5000)}`;
      const start = performance.now();
      expect(mayFoldLines(`${values}次: x\n`)).toBe(false);
      expect(mayFoldLines(`${values}${' '.repeat(deeper + 2)}最後の行\n`)).toBe(true);
      expect(byPatterns(`${values}次: x\n`)).toBe(false);
      expect(performance.now() - start).toBeLessThan(1000);
    }
  });

  it('sends a file to the position-aware reader exactly when the rule\'s patterns do (bundled reports and seeded variants)', () => {
    expect(reports.length).toBeGreaterThan(3);
    const odd = ['a: 値', '- a: 値', '-  a: 値', 'a: |', 'a: >', 'a: "q', '・行', '\u3000行', '※注', '  ', '', '行', 'a:b', 'a:\t値', '# 注', '\tb: 値', 'a: [x]', 'a: &x 値', '- - a: 値'];
    const r = seeded(53);
    let folded = 0;
    for (let n = 0; n < 1500; n++) {
      const lines = r.pick(reports).split('\n');
      for (let edits = 1 + r.int(4); edits > 0; edits--) {
        const at = r.int(lines.length);
        const indent = Math.max(0, lines[at].length - lines[at].trimStart().length + r.pick([-3, -2, 0, 1, 2, 3]));
        if (r.int(4)) lines.splice(at, 0, ' '.repeat(indent) + r.pick(odd));
        else lines[at] = ' '.repeat(indent) + lines[at].trimStart();
      }
      const text = lines.join('\n');
      const expected = byPatterns(text);
      expect(mayFoldLines(text), `variant ${n}`).toBe(expected);
      if (expected) folded++;
    }
    // Both answers occur often enough to tell the two apart.
    expect(folded).toBeGreaterThan(100);
    expect(folded).toBeLessThan(1400);
  });
});

describe('readYaml', () => {
  it('a line holding a line separator (U+2028, from pasted text) and 「 #」 gets its message (it threw)', () => {
    const read = readYaml('事務の名称: 住民基本台帳\u2028事務 #メモ\n');
    expect(read.problems).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('「#メモ」') })]);
  });
});

describe('a one-line value broken inside Japanese (text pasted from a PDF)', () => {
  const WORDS = ['国民年金', '第１号被保険者', '資格の管理', '、', '保険料免除判定', '老齢基礎', '・', '障害基礎', '年金', 'などの', '裁定請求', 'を行う', '。', '（', '住民票', '）'];
  it('is noted at the line that runs on, wherever the break falls between two Japanese characters; on one line, in a 「|」 text, quoted or after a blank line, it is not (seeded)', () => {
    const r = seeded(5656);
    let noted = 0;
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: 4 + r.int(12) }, () => r.pick(WORDS)).join('').replace(/^[、・。）]+/, '');
      const chars = [...text];
      const at = 1 + r.int(chars.length - 1);
      const [head, tail] = [chars.slice(0, at).join(''), chars.slice(at).join('')];
      const runsOn = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}ー、。）０-９]$/u.test(head) && /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}ー（０-９]/u.test(tail);
      const entry = r.int(2) === 1;
      const broken = entry ? `概要:\n  - 使用目的: ${head}\n      ${tail}\n` : `概要:\n  使用目的: ${head}\n    ${tail}\n`;
      const joins = japaneseJoins(broken);
      if (runsOn) { noted++; expect(joins, broken).toEqual([{ line: 3, col: entry ? 7 : 5, message: JOINED_NOTE(`${[...head].slice(-8).join('')} ${[...tail].slice(0, 8).join('')}`) }]); }
      else expect(joins, broken).toEqual([]);
      for (const fine of [`概要:\n  使用目的: ${text}\n`, `概要:\n  使用目的: |-\n    ${head}\n    ${tail}\n`, `概要:\n  使用目的: "${head}\n    ${tail}"\n`, `概要:\n  使用目的: ${head}\n\n    ${tail}\n`]) expect(japaneseJoins(fine), fine).toEqual([]);
    }
    expect(noted).toBeGreaterThan(150);
  });
});
