// Mistakes a clerk makes when editing a report by hand, each in tests/fixtures/clerk-mistakes/<case>/:
// input.yaml beside expected.txt, the validator's messages (「行:列  項目: 説明」, one a line). Every
// message is Japanese, says what is wrong and how to fix it, at the line where the mistake is; the
// YAML parser's own English never reaches the clerk. Generated slips (seeded) hold the same rules.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateText, type Problem } from '../src/lib/content/validate.ts';
import { parseYaml } from '../src/lib/content/yaml-source.ts';

const DIR = 'tests/fixtures/clerk-mistakes';
const cases = fs.readdirSync(DIR).filter((d) => fs.existsSync(path.join(DIR, d, 'input.yaml'))).sort();
const show = (p: Pick<Problem, 'line' | 'col' | 'item' | 'message'>) => `${p.line}:${p.col}  ${p.item ? `${p.item}: ` : ''}${p.message}`;

/** ASCII words a message may hold outside what it quotes from the file (「…」): the format's name and
 * the date pattern, nothing of the parser's. */
const ALLOWED_WORDS = new Set(['YAML', 'YYYY', 'MM', 'DD']);
function englishIn(message: string): string[] {
  return (message.replace(/「[^」]*」/g, '').match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !ALLOWED_WORDS.has(w));
}

describe('clerk mistakes: each gets its Japanese message at its line', () => {
  it('there are at least 25 cases', () => expect(cases.length).toBeGreaterThanOrEqual(25));
  it.each(cases)('%s', (name) => {
    const text = fs.readFileSync(path.join(DIR, name, 'input.yaml'), 'utf8');
    const expected = fs.readFileSync(path.join(DIR, name, 'expected.txt'), 'utf8').trimEnd().split('\n');
    const { problems } = validateText('input.yaml', text, 'report');
    expect(problems.map(show)).toEqual(expected);
    for (const p of problems) expect(englishIn(p.message), p.message).toEqual([]);
  });
});

/** A small seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number) {
  return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
const SLIPS: ((line: string, r: () => number) => string)[] = [
  (l) => l.replace(': ', '：'),
  (l) => l.replace(': ', ':'),
  (l) => l.replace(/^( *)/, '$1\t'),
  (l) => l.replace(/^( *)/, '$1　'),
  (l) => ` ${l}`,
  (l) => l.replace(/^ /, ''),
  (l) => l.replace(/^( *)- /, '$1'),
  (l) => l.replace(/^( *)(\S)/, '$1- $2'),
  (l) => l.replace(/: (.)/, ': "$1'),
  (l) => l.replace(/: (.)/, ': リスク1: $1'),
  (l) => l.replace(/: (.)/, ': *$1'),
];

describe('generated slips in a real report (seeded)', () => {
  const base = fs.readFileSync('tests/fixtures/content/reports/test-shi/2.yaml', 'utf8').split('\n');
  it('every syntax problem is Japanese, on a line of the file, at most one per line', () => {
    const r = random(20);
    let broken = 0;
    for (let run = 0; run < 300; run++) {
      const lines = [...base];
      const count = 1 + Math.floor(r() * 3);
      for (let k = 0; k < count; k++) {
        const at = 1 + Math.floor(r() * (lines.length - 2));
        lines[at] = SLIPS[Math.floor(r() * SLIPS.length)](lines[at], r);
      }
      const text = lines.join('\n');
      const { problems, data } = parseYaml(text);
      if (problems.length) broken++;
      else expect(data).toBeDefined();
      const seen = new Set<number>();
      for (const p of problems) {
        expect(englishIn(p.message), `${p.message}\n${text}`).toEqual([]);
        expect(p.line).toBeGreaterThanOrEqual(1);
        expect(p.line).toBeLessThanOrEqual(lines.length);
        expect(seen.has(p.line), `two messages on line ${p.line}`).toBe(false);
        seen.add(p.line);
      }
    }
    expect(broken).toBeGreaterThan(100);
  });
});
