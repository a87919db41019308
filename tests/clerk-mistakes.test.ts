// Mistakes a clerk makes when editing a report by hand, each in tests/fixtures/clerk-mistakes/<case>/:
// input.yaml beside expected.txt, the validator's messages (「行:列  項目: 説明」, one a line; a case
// named organisation-… is an organisation file, the others are reports). Every
// message is Japanese, says what is wrong and how to fix it, at the line where the mistake is; the
// YAML parser's own English never reaches the clerk. Generated slips (seeded) hold the same rules.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateText, type Problem } from '../src/lib/content/validate.ts';
import { parseDocument, visit, isPair, stringify } from 'yaml';
import { parseYaml, readYaml } from '../src/lib/content/yaml-source.ts';
import { scaffoldReport } from '../src/lib/form/scaffold.ts';
import { answerBranch, checkLabels, childSchema, FORM_NAMES, FORM_SCHEMAS, groupItems, resolve, walkForm, type SchemaNode } from '../src/lib/form/form-schema.ts';
import { seeded } from './support/seeded.ts';

const DIR = 'tests/fixtures/clerk-mistakes';
/** The bundled reports, which the seeded tests below edit. */
const BUNDLED = fs.readdirSync('content/reports').flatMap((o) => fs.readdirSync(`content/reports/${o}`).filter((f) => f.endsWith('.yaml')).map((f) => `content/reports/${o}/${f}`));
const cases = fs.readdirSync(DIR).filter((d) => fs.existsSync(path.join(DIR, d, 'input.yaml'))).sort();
const show = (p: Pick<Problem, 'line' | 'col' | 'item' | 'message'>) => `${p.line}:${p.col}  ${p.item ? `${p.item}: ` : ''}${p.message}`;

/** ASCII words a message may hold outside what it quotes from the file (「…」): the format's name,
 * the date pattern and the project's commands (npm run new), nothing of the parser's. */
const ALLOWED_WORDS = new Set(['YAML', 'YYYY', 'MM', 'DD']);
function englishIn(message: string): string[] {
  return (message.replace(/「[^」]*」/g, '').replace(/\bnpm run [a-z-]+/g, '').match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !ALLOWED_WORDS.has(w));
}

describe('clerk mistakes: each gets its Japanese message at its line', () => {
  it('there are at least 25 cases', () => expect(cases.length).toBeGreaterThanOrEqual(25));
  it.each(cases)('%s', (name) => {
    const text = fs.readFileSync(path.join(DIR, name, 'input.yaml'), 'utf8');
    const expected = fs.readFileSync(path.join(DIR, name, 'expected.txt'), 'utf8').trimEnd().split('\n');
    const { problems } = validateText('input.yaml', text, name.startsWith('organisation-') ? 'organisation' : 'report');
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

// 「 #」 after a value starts a YAML comment, which is dropped without a word: 「内線 #1234」 would be
// published as 「内線」. Validation refuses it, except the label npm run new writes after each key.
describe('a value followed by 「 #」 (seeded)', () => {
  const reports = ['tests/fixtures/content/reports/test-shi/2.yaml', 'tests/fixtures/content/reports/test-shi/4.yaml', 'content/reports/kumamoto-shi/1.yaml'];
  /** The lines of a report where a plain value ends the line, and the lines of its 「|」 texts. */
  function lineKinds(text: string) {
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
    const plain: { line: number }[] = [];
    const block: number[] = [];
    visit(parseDocument(text), { Scalar: (_k, node, path) => {
      const parent = path[path.length - 1];
      if (!node.range || node.value === null || node.source === '' || (isPair(parent) && parent.key === node)) return;
      const rest = text.slice(node.range[1], (text.indexOf('\n', node.range[1]) + 1 || text.length + 1) - 1);
      if (node.type === 'PLAIN' && lineOf(node.range[0]) === lineOf(node.range[1]) && !rest.trim()) plain.push({ line: lineOf(node.range[1]) });
      if (node.type === 'BLOCK_LITERAL') for (let l = lineOf(node.range[0]) + 1; l < lineOf(node.range[1]); l++) block.push(l);
    } });
    return { plain, block };
  }
  const tails = ['#1', '# メモ', '#', '#内線1234', '# 要確認（来年度）', '#2 に関する事務'];

  it.each(reports)('in %s: every plain value with 「 #…」 after it is refused at that line; in a 「|」 text it is text', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    const { plain, block } = lineKinds(text);
    expect(plain.length).toBeGreaterThan(20);
    expect(block.length).toBeGreaterThan(5);
    const r = seeded(file.length);
    for (let run = 0; run < 60; run++) {
      const lines = text.split('\n');
      const inBlock = r.next() < 0.3;
      const target = inBlock ? { line: r.pick(block) } : r.pick(plain);
      const tail = r.pick(tails);
      lines[target.line - 1] += `${r.pick([' ', '  ', '\t'])}${tail}`;
      const edited = lines.join('\n');
      const { problems, data } = readYaml(edited);
      if (inBlock) {
        expect(problems, `line ${target.line}`).toEqual([]);
        expect(JSON.stringify(data)).toContain(JSON.stringify(tail).slice(1, -1));
      } else {
        expect(problems.map((p) => p.line), `line ${target.line}: ${lines[target.line - 1]}`).toEqual([target.line]);
        expect(problems[0].message).toContain('コメントとして読まれ');
        expect(problems[0].col).toBe(lines[target.line - 1].lastIndexOf(tail) + 1);
      }
    }
  });

  it('the fast reader leaves none of these to chance: a quoted key, a line of a longer value, 「｜-」 on its own line', () => {
    const base = '様式: 基礎項目評価書\n事務分類: 児童手当\n評価実施機関: test-shi\n表紙:\n';
    for (const [text, line] of [['  "評価書名": 内線 #1234\n', 5], ["  '評価書名': 内線 #1234\n", 5], ['  評価書名: 次のとおり\n    [注] 詳細 #1\n', 6], ['  評価書名:\n    ｜-\n      一行目\n      二行目\n', 6]] as const) {
      expect(readYaml(base + text).problems.map((p) => p.line), text).toEqual([line]);
    }
  });

  it('a blank item keeps the scaffold\'s label alone after it; a 「|」 text line 「#1 …」 is text', () => {
    const base = '様式: 基礎項目評価書\n事務分類: 児童手当\n評価実施機関: test-shi\n表紙:\n';
    expect(readYaml(`${base}  公表日: # 表紙 公表日\n`).problems).toEqual([]);
    const { problems, data } = readYaml(`${base}  特記事項: |-\n    前文\n    #1 番号つきの本文\n`);
    expect(problems).toEqual([]);
    expect((data as any).表紙.特記事項).toBe('前文\n#1 番号つきの本文');
  });

  it('a value in quotes, or with 「#」 not after a blank, keeps its 「#」', () => {
    const base = '様式: 基礎項目評価書\n事務分類: 児童手当\n評価実施機関: test-shi\n表紙:\n';
    for (const [line, value] of [['評価書名: "児童手当 #2"', '児童手当 #2'], ["評価書名: '児童手当 #2'", '児童手当 #2'], ['評価書名: 児童手当#2', '児童手当#2'], ['評価書名: 児童手当 ＃2', '児童手当 ＃2'], ['評価書名: https://example.jp/a#b', 'https://example.jp/a#b']]) {
      const { problems, data } = readYaml(`${base}  ${line}\n`);
      expect(problems, line).toEqual([]);
      expect((data as any).表紙.評価書名).toBe(value);
    }
  });

  it.each(FORM_NAMES)('the %s scaffold: untouched it reads with no problem; a value typed after an item\'s label, or a memo line in a 「|」 text, is refused at its line (seeded)', (form) => {
    const r = seeded(FORM_NAMES.indexOf(form) + 70);
    for (const o of [{ organisation: 'test-shi', number: '9', category: '', schemaPath: 'x.json' }, { organisation: 'nowhere', number: '9', category: '国民年金', schemaPath: 'x.json', missingOrganisationFile: 'content/organisations/nowhere.yaml' }]) {
      const { text } = scaffoldReport(form, o);
      expect(readYaml(text).problems).toEqual([]);
      const lines = text.split('\n');
      const blank = lines.flatMap((l, i) => (/^\s*(- )?[^#\s][^:]*: #/.test(l) ? [i] : []));
      expect(blank.length).toBeGreaterThan(30);
      for (let run = 0; run < 40; run++) {
        const edited = [...lines];
        const at = r.pick(blank);
        const how = r.int(3);
        // a value after the label; the options cut down to the one chosen; a line of 「|」 text with a memo line
        if (how === 0) edited[at] += ` ${r.pick(['2025-04-25', '国民年金に関する事務', 'あり', '13', '２０', '20250401'])}`;
        else if (how === 1) edited[at] = edited[at].replace(/ ＜[^＞]*＞.*$/, ' ＜選択肢＞ 実施しない').replace(/([^＞])$/, '$1 実施しない');
        else edited.splice(at, 1, edited[at].replace(/: #.*$/, ': |-'), `${/^\s*(- )?/.exec(edited[at])![0].replace('-', ' ')}  本文の一行目。`, `${/^\s*(- )?/.exec(edited[at])![0].replace('-', ' ')}  # メモ: 課内で確認中`);
        const { problems } = readYaml(edited.join('\n'));
        expect(problems.map((p) => p.line), `${how}: ${edited.slice(at, at + 3).join(' / ')}`).toEqual([at + 1 + (how === 2 ? 2 : 0)]);
        expect(problems[0].message).toMatch(how === 2 ? /本文として公開されます/ : /空欄/);
      }
    }
  });

  // A 「|」 text pasted after 「key: 」 pushes the scaffold's note to the end of its last line, inside
  // the text: published as words of the report unless told.
  it.each(FORM_NAMES)('the %s scaffold: a text pasted before an item\'s note, which ends up inside the text, is refused at that line (seeded)', (form) => {
    const r = seeded(FORM_NAMES.indexOf(form) + 90);
    const { text } = scaffoldReport(form, { organisation: 'test-shi', number: '9', category: '国民年金', schemaPath: 'x.json' });
    const lines = text.split('\n');
    const notes = lines.flatMap((l, i) => (/^\s*(- )?[^#\s][^:]*: #/.test(l) ? [i] : []));
    for (let run = 0; run < 40; run++) {
      const at = r.pick(notes);
      const indent = /^\s*(- )?/.exec(lines[at])![0].replace('-', ' ') + '  ';
      const note = lines[at].slice(lines[at].indexOf(': #') + 2);
      const edited = [...lines];
      edited.splice(at, 1, lines[at].slice(0, lines[at].indexOf(': #') + 1) + ' |-', `${indent}貼り付けた一行目`, `${indent}貼り付けた二行目 ${r.pick([note, note.split(/ ＜|\s+←/)[0]])}`);
      const told = validateText('x.yaml', edited.join('\n'), 'report').problems.filter((p) => /雛形（npm run new）の項目名のコメント/.test(p.message));
      expect(told.map((p) => p.line), edited.slice(at, at + 3).join(' / ')).toEqual([at + 3]);
    }
  });

  it.each(FORM_NAMES)('the %s scaffold, filled in before its labels, reads with no problem and every value kept', (form) => {
    const { text } = scaffoldReport(form, { organisation: 'test-shi', number: '9', category: '国民年金', schemaPath: 'x.json' });
    let filled = 0;
    // 「key: # label」 → 「key: 記入n # label」, as a clerk writes between the colon and the label.
    const written = text.split('\n').map((l) => /^\s*(- )?[^#\s][^:]*: #/.test(l) ? l.replace(': #', () => `: 記入${++filled} #`) : l).join('\n');
    expect(filled).toBeGreaterThan(40);
    const { problems, data } = readYaml(written);
    expect(problems).toEqual([]);
    const json = JSON.stringify(data);
    for (let n = 1; n <= filled; n++) expect(json).toContain(`"記入${n}"`);
  });
});

// A heading indented into the 「|」 text above it is read as a line of that text: YAML accepts it, and
// the page would print 「見出し: 値」 inside the other item. Every such slip is refused at its line,
// naming the heading; the reports as they are give no such problem.
describe('a heading indented into the text above it (seeded)', () => {
  const reports = ['tests/fixtures/content/reports/test-shi/2.yaml', 'tests/fixtures/content/reports/test-shi/4.yaml', ...BUNDLED];
  /** Keys on one line (「key: value」 or 「key:」 with nothing below) that follow a 「|」 text of the
   * same mapping or of a mapping inside the one before: the line, and the text's indentation. */
  function targets(text: string) {
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
    const lines = text.split('\n');
    const out: { line: number; key: string; indent: number }[] = [];
    visit(parseDocument(text), { Scalar: (_k, node) => {
      if (node.type !== 'BLOCK_LITERAL' || !node.range) return;
      const first = lineOf(node.range[0]); // (the key's line; the text's lines follow it)
      let end = first;
      while (end < lines.length && (!lines[end].trim() || /^ */.exec(lines[end])![0].length > /^ */.exec(lines[first - 1])![0].length)) end++;
      const body = lines.slice(first, end).filter((l) => l.trim());
      if (!body.length || end >= lines.length) return;
      const indent = Math.min(...body.map((l) => /^ */.exec(l)![0].length));
      const m = /^( *)([^\s#:-][^:]*):(?: (.*))?$/.exec(lines[end]);
      // (a key whose value is on its line, with the next line no deeper: the whole item is that line)
      if (!m || (m[3] !== undefined && /^[|>{["']/.test(m[3])) || /^ */.exec(lines[end + 1] ?? '')![0].length > m[1].length) return;
      out.push({ line: end + 1, key: m[2], indent });
    } });
    return out;
  }

  it('a heading quoted in a transcription note, in a group marked as a whole, or named at the top of the report, is text', () => {
    const text = fs.readFileSync('content/reports/kumamoto-shi/13.yaml', 'utf8');
    // 表紙 marked 原文欠落 without its 特記事項, its 注記 quoting the heading
    const marked = text.replace(/^  特記事項:.*\n/m, '').replace(/^表紙:\n/m, '表紙:\n  記載状態: 原文欠落\n  注記: |-\n    一部が読み取れない。\n    特記事項: 原本で読み取れないため省略\n');
    expect(validateText('13.yaml', marked, 'report').problems.filter((p) => p.message.includes('文章の一行として'))).toEqual([]);
    // a line 「原本: …」 (a key of the report's top level, absent) inside a text deep in the report
    const deep = text.replace(/^(\s+)事務の内容: \|-\n/m, (m, ind) => `${m}${ind}  原本: 熊本市ホームページ掲載の PDF\n`);
    expect(deep).not.toBe(text);
    expect(validateText('13.yaml', deep, 'report').problems).toEqual([]);
  });

  it.each(reports)('in %s', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    expect(validateText(file, text, 'report').problems).toEqual([]);
    const found = targets(text);
    expect(found.length, 'headings that follow a 「|」 text').toBeGreaterThan(2);
    const r = seeded(file.length + 7);
    for (let run = 0; run < Math.min(25, found.length * 2); run++) {
      const t = r.pick(found);
      const lines = text.split('\n');
      // indented to the text's own indentation, or deeper still
      lines[t.line - 1] = `${' '.repeat(t.indent + r.int(2) * 2)}${lines[t.line - 1].trimStart()}`;
      const { problems } = validateText(file, lines.join('\n'), 'report');
      const here = problems.filter((p) => p.line === t.line);
      expect(here.map((p) => p.message), `${t.key} at line ${t.line}`).toEqual([expect.stringContaining(`「${t.key}:」の行が、上の`)]);
      expect(here[0].item).toContain(t.key);
      // (and no 「missing」 message for the heading that is there)
      expect(problems.filter((p) => p.message.startsWith(`必須の項目「${t.key}」`))).toEqual([]);
    }
  });
});

/** One-line answers 「見出し: 値」 of the kinds a mapping or a list never answers. */
function oneLineAnswers(text: string) {
  const parsed = readYaml(text);
  const data = parsed.data as Record<string, unknown>;
  const root = FORM_SCHEMAS[data['様式'] as keyof typeof FORM_SCHEMAS].schema;
  const lines = text.split('\n');
  const out: { line: number; value: string; kind: string }[] = [];
  const walk = (v: unknown, node: SchemaNode | undefined, path: (string | number)[]) => {
    if (Array.isArray(v)) { v.forEach((x, i) => walk(x, childSchema(node, i), [...path, i])); return; }
    if (v && typeof v === 'object') { for (const [k, x] of Object.entries(v)) walk(x, childSchema(node, k), [...path, k]); return; }
    const kind = resolve(node)?.['x-kind'] as string | undefined;
    if (!kind || kind === 'checks' || kind === 'flexdate' || kind === 'marker' || typeof path.at(-1) !== 'string') return;
    const line = parsed.locate(path).line;
    const m = /^ *(?:- )?[^\s#:][^:]*: (.+)$/.exec(lines[line - 1]);
    if (m && m[1] === String(v) && /^[^\s[\]{}#&*!|>%@`'",:-][^[\]{}#:]*$/.test(m[1])) out.push({ line, value: m[1], kind });
  };
  walk(data, root, []);
  return out;
}

// An answer written 「{…}」 or 「[…]」 on its key's line reads as a mapping or a list without a YAML
// problem: one message, saying so, at that line (the schema alone gave two about 記載状態, or a type).
describe('an answer written in braces or brackets (seeded)', () => {
  const reports = ['tests/fixtures/content/reports/test-shi/2.yaml', 'tests/fixtures/content/reports/test-shi/3.yaml', ...BUNDLED];
  it.each(reports)('in %s', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    const found = oneLineAnswers(text);
    expect(found.length, 'one-line answers').toBeGreaterThan(10);
    expect(new Set(found.map((f) => f.kind)).size, 'kinds of answers').toBeGreaterThan(1);
    const r = seeded(file.length + 31);
    for (let run = 0; run < 20; run++) {
      const t = r.pick(found);
      // (a choice written as a list is told the line to write instead: its own case, choice-with-dash)
      const sign = t.kind === 'choice' || t.kind === 'switch' || r.int(2) ? '{' : '[';
      const lines = text.split('\n');
      lines[t.line - 1] = lines[t.line - 1].replace(`: ${t.value}`, `: ${sign}${t.value}${sign === '{' ? '}' : ']'}`);
      const { problems } = validateText(file, lines.join('\n'), 'report');
      expect(problems.map(show), `${t.value} at line ${t.line}`).toEqual([expect.stringMatching(new RegExp(`^${t.line}:\\d+  .+: 「\\${sign}」で始まる値は YAML の`))]);
    }
  });
});

/** Each mapping of a report's data (its groups and entries) with its schema node, its data path and
 * the form's items for it, for the seeded edits below. */
function eachMapping(data: Record<string, unknown>, visit: (value: object, node: SchemaNode | undefined, path: (string | number)[], props: Record<string, SchemaNode> | undefined) => void) {
  const walk = (v: unknown, node: SchemaNode | undefined, path: (string | number)[]) => {
    if (Array.isArray(v)) { v.forEach((x, i) => walk(x, childSchema(node, i), [...path, i])); return; }
    if (!v || typeof v !== 'object') return;
    const props = groupItems(node);
    visit(v, node, path, props);
    for (const [k, x] of Object.entries(v)) walk(x, props ? resolve(props[k]) : undefined, [...path, k]);
  };
  walk(data, FORM_SCHEMAS[data['様式'] as keyof typeof FORM_SCHEMAS].schema, []);
}

/** Check-box lists written one box a line, 「- 欄の名前」. */
function checkLists(text: string) {
  const parsed = readYaml(text);
  const data = parsed.data as Record<string, unknown>;
  const root = FORM_SCHEMAS[data['様式'] as keyof typeof FORM_SCHEMAS].schema;
  const lines = text.split('\n');
  const out: { first: number; indent: string; entries: Map<string, string | number | undefined>; labels: string[] }[] = [];
  const walk = (v: unknown, node: SchemaNode | undefined, path: (string | number)[]) => {
    if (resolve(node)?.['x-kind'] === 'checks') {
      // (a box with its space written in, 「- その他: 内容」, is printed 「その他（内容）」: a text
      // that YAML reads as text there)
      const entries = Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? [x, undefined] : x && typeof x === 'object' && Object.keys(x).length === 1 ? Object.entries(x)[0] : undefined)) : [];
      if (!entries.length || !entries.every((e) => e && (e[1] === undefined || typeof e[1] === 'number' || (typeof e[1] === 'string' && /^[^\s:#[\]{}（）()]+$/.test(e[1]))))) return;
      const shown = (e: [string, unknown]) => (e[1] === undefined ? e[0] : `${e[0]}: ${e[1]}`);
      const at = entries.map((_, i) => parsed.locate([...path, i]).line);
      const m = /^( *)- /.exec(lines[at[0] - 1]);
      if (m && at.every((l, i) => l === at[0] + i && lines[l - 1] === `${m[1]}- ${shown(entries[i] as [string, unknown])}`)) out.push({ first: at[0], indent: m[1], entries: new Map(entries as [string, string | number | undefined][]), labels: checkLabels(node!) });
      return;
    }
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, childSchema(node, i), [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, childSchema(node, k), [...path, k]);
  };
  walk(data, root, []);
  return out;
}

// A check-box list copied as the paper form prints it (「[〇] 自己点検」, 「□内部監査」): each line is
// told what to do with it at once, a checked box written as its label, a blank box's line deleted
// (a blank box was told 「もしかして「内部監査」？」, which checked it). Doing what each message says
// gives a report without problems.
describe('check boxes copied as printed (seeded)', () => {
  const reports = ['tests/fixtures/content/reports/test-shi/2.yaml', 'tests/fixtures/content/reports/test-shi/3.yaml', ...BUNDLED];
  const NOTATIONS: [checked: (l: string) => string, blank: (l: string) => string][] = [
    [(l) => `[〇] ${l}`, (l) => `[ ] ${l}`], [(l) => `［〇］${l}`, (l) => `［　］${l}`], [(l) => `■${l}`, (l) => `□${l}`],
    [(l) => `(レ) ${l}`, (l) => `( ) ${l}`], [(l) => `【✓】${l}`, (l) => `【 】${l}`], [(l) => `☑ ${l}`, (l) => `☐ ${l}`], [(l) => `[x] ${l}`, (l) => `[ ] ${l}`],
  ];
  it.each(reports)('in %s', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    const found = checkLists(text);
    expect(found.length, 'check-box lists').toBeGreaterThan(0);
    const r = seeded(file.length + 53);
    for (let run = 0; run < 12; run++) {
      const t = r.pick(found);
      const [checked, blank] = r.pick(NOTATIONS);
      const lines = text.split('\n');
      const printed = t.labels.map((l) => ({ label: l, on: t.entries.has(l), detail: t.entries.get(l) }));
      // (the form prints a box's space after its label: 「その他（内容）」, 「移転を行っている（3）件」)
      const asPrinted = (b: (typeof printed)[number]) => (b.detail === undefined ? b.label : typeof b.detail === 'number' ? `${b.label}（${b.detail}）件` : `${b.label}（${b.detail}）`);
      const asWritten = (b: (typeof printed)[number]) => (b.detail === undefined ? b.label : `${b.label}: ${b.detail}`);
      lines.splice(t.first - 1, t.entries.size, ...printed.map((b) => `${t.indent}- ${(b.on ? checked : blank)(asPrinted(b))}`));
      const { problems } = validateText(file, lines.join('\n'), 'report');
      const context = `${[...t.entries.keys()].join('/')} at line ${t.first}, as ${checked('…')}`;
      expect(problems.map((p) => p.line), context).toEqual(printed.map((_, i) => t.first + i));
      printed.forEach((b, i) => expect(problems[i].message, context).toContain(!b.on ? 'チェックのない欄です。この行を消してください' : `「- ${asWritten(b)}」`));
      // what the messages say, done: the report as it was, but for the order of its boxes (the form's)
      const fixed = text.split('\n');
      fixed.splice(t.first - 1, t.entries.size, ...printed.filter((b) => b.on).map((b) => `${t.indent}- ${asWritten(b)}`));
      expect(validateText(file, fixed.join('\n'), 'report').problems, context).toEqual([]);
    }
  });
});

// A 様式 line that names another form than the report's headings: one message naming the form the
// headings are, not one for every heading the named form lacks or does not know.
describe('a report whose 様式 line names another form', () => {
  const reports = ['tests/fixtures/content/reports/test-shi/2.yaml', 'tests/fixtures/content/reports/test-shi/4.yaml', ...BUNDLED];
  it.each(reports)('%s under each other form', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    const form = /^様式: (.+)$/m.exec(text)![1];
    expect(validateText(file, text, 'report').problems).toEqual([]);
    for (const other of FORM_NAMES.filter((f) => f !== form)) {
      const { problems } = validateText(file, text.replace(/^様式: .+$/m, `様式: ${other}`), 'report');
      expect(problems.map((p) => p.item)).toEqual(['様式']);
      expect(problems[0].message).toContain(`「様式: ${form}」の誤りではありませんか`);
      expect(problems[0].line).toBe(text.split('\n').findIndex((l) => l.startsWith('様式:')) + 1);
    }
  });
});

// Line breaks YAML reads as blanks, and lines it reads as comments, where the clerk meant lines of the
// text: a 「|-」 text of a real report written without its 「|-」 or with 「>-」 must not read without a
// problem when it has a line of its own (「・…」, 「※…」, a full-width space); lines 「#1 …」 written
// below a value are refused at the first of them.
describe('a text whose lines would be joined or dropped (seeded)', () => {
  const reports = ['tests/fixtures/content/reports/test-shi/2.yaml', ...BUNDLED];
  const OWN_LINE = /^[・※■●◆\u3000]/u;
  /** 「key: |-」 texts whose lines include one of its own right below another line of the text. */
  function texts(text: string) {
    const lines = text.split('\n');
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
    const out: { keyLine: number; end: number }[] = [];
    visit(parseDocument(text), { Scalar: (_k, node) => {
      if (node.type !== 'BLOCK_LITERAL' || !node.range || !/: \|-$/.test(lines[lineOf(node.range[0]) - 1])) return;
      const keyLine = lineOf(node.range[0]);
      const keyIndent = /^ */.exec(lines[keyLine - 1])![0].length;
      let end = keyLine;
      while (end < lines.length && (!lines[end].trim() || /^ */.exec(lines[end])![0].length > keyIndent)) end++;
      const body = lines.slice(keyLine, end);
      const base = Math.min(...body.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
      // (after a line shorter than 40 characters: a tool folding at its width leaves longer ones)
      if (body.some((l, i) => i > 0 && body[i - 1].trim() && body[i - 1].length < 40 && /^ */.exec(body[i - 1])![0].length === base && /^ */.exec(l)![0].length === base && OWN_LINE.test(l.slice(base)))) out.push({ keyLine, end });
    } });
    return out;
  }
  it.each(reports)('in %s', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    const found = texts(text);
    expect(found.length).toBeGreaterThan(0);
    const r = seeded(file.length + 3);
    for (let run = 0; run < Math.min(20, found.length * 2); run++) {
      const t = r.pick(found);
      const lines = text.split('\n');
      const how = r.int(2);
      if (how === 0) lines[t.keyLine - 1] = lines[t.keyLine - 1].replace(/\|-$/, '>-');
      else lines.splice(t.keyLine - 1, 2, `${lines[t.keyLine - 1].replace(/\|-$/, '')}${lines[t.keyLine].trim()}`);
      // (a line of its own right after a line shorter than 40 characters, as the key's line may now be longer)
      const region = lines.slice(t.keyLine - 1, t.end - how);
      if (!region.some((l, k) => k > 0 && region[k - 1].length < 40 && region[k - 1].trim() && OWN_LINE.test(l.trimStart()))) continue;
      const { problems } = readYaml(lines.join('\n'));
      expect(problems.length, `${how ? 'without |-' : '>-'} at line ${t.keyLine}`).toBeGreaterThan(0);
      const at = problems[0].line;
      expect(at, problems[0].message).toBeGreaterThanOrEqual(t.keyLine);
      expect(at).toBeLessThanOrEqual(t.end);
    }
    // numbered lines 「#n …」 written below a one-line value
    const plain = text.split('\n').flatMap((l, i) => (/^( *)[^\s#:-][^:]*: [^|>"'\s#&*!{[][^#]*$/.test(l) && !/^ *$/.test(text.split('\n')[i + 1] ?? '') && /^ */.exec(text.split('\n')[i + 1] ?? '')![0].length <= /^ */.exec(l)![0].length ? [i] : []));
    for (let run = 0; run < 15; run++) {
      const i = r.pick(plain);
      const lines = text.split('\n');
      const indent = ' '.repeat(/^ */.exec(lines[i])![0].length + 2);
      lines.splice(i + 1, 0, `${indent}#1 一つ目`, `${indent}#2 二つ目`);
      const { problems } = readYaml(lines.join('\n'));
      expect(problems.map((p) => p.line), lines[i]).toEqual([i + 2]);
      expect(problems[0].message).toContain('YAML のコメントとして読まれ');
    }
  });
});

// The first line of a 「|」 text indented deeper than the lines after it (a paste that kept one
// line's indentation): YAML ends the text before the second line, and the parser complains of every
// line after it. One message, at the first line, whatever the lines after it begin with.
describe('a 「|」 text whose first line is indented deeper than the rest (seeded)', () => {
  const reports = ['tests/fixtures/content/reports/test-shi/2.yaml', ...BUNDLED];
  it.each(reports)('in %s', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    // 「key: |-」 lines whose next three lines are the text's, at one indentation (with two, which line
    // is the odd one out only the text can say)
    const ind = (i: number) => /^ */.exec(lines[i] ?? '')![0].length;
    const openers = lines.flatMap((l, i) => (/: \|-?$/.test(l) && [1, 2, 3].every((k) => lines[i + k]?.trim() && ind(i + k) === ind(i + 1)) && ind(i + 1) > ind(i) ? [i] : []));
    expect(openers.length).toBeGreaterThan(3);
    const r = seeded(file.length + 11);
    for (let run = 0; run < 20; run++) {
      const i = r.pick(openers);
      const edited = [...lines];
      edited[i + 1] = `${' '.repeat(2 * (1 + r.int(2)))}${edited[i + 1]}`;
      const { problems } = readYaml(edited.join('\n'));
      expect(problems.map((p) => p.line), `${i + 2}: ${edited[i + 1]}`).toEqual([i + 2]);
      expect(problems[0].message).toContain('1 行目の字下げ');
    }
  });
});

// Lines of check-box lists as clerks write them from the paper form: an empty 「-」, a box given a text
// it has no space for, a box with its detail written as printed (「その他（…）」). Each is told at its
// line as what to write, in one message (before: two, one of them naming 「null」; or 「not a heading」).
describe('check-box lines written as on paper (seeded)', () => {
  const reports = ['tests/fixtures/content/reports/test-shi/2.yaml', ...BUNDLED];
  it.each(reports)('in %s', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const boxes = lines.flatMap((l, i) => (/^ +- (自己点検|内部監査|外部監査|紙|専用線|電子メール|庁内連携システム|本人又は本人の代理人|個人番号)$/.test(l) ? [i] : []));
    const others = lines.flatMap((l, i) => (/^ +- その他: [^#]+$/.test(l) ? [i] : []));
    expect(boxes.length + others.length).toBeGreaterThan(0);
    const r = seeded(file.length + 19);
    for (let run = 0; run < 24; run++) {
      const edited = [...lines];
      const how = others.length && r.next() < 0.3 ? 2 : r.next() < 0.25 ? 3 : r.int(2);
      const i = how === 2 ? r.pick(others) : r.pick(boxes.length ? boxes : others);
      let line = i + 1;
      if (how === 3) {
        // every line of the list written with another mark: one message, at the list's first line
        const indent = /^ */.exec(lines[i])![0];
        let first = i;
        while (lines[first - 1]?.startsWith(`${indent}- `)) first--;
        const mark = r.pick(['－ ', '・', '＊ ', '－']);
        for (let k = first; lines[k]?.startsWith(`${indent}- `); k++) edited[k] = edited[k].replace(`${indent}- `, `${indent}${mark}`);
        const { problems } = validateText(file, edited.join('\n'), 'report');
        const list = problems.filter((p) => p.line >= first && p.line <= first + 1 + 20);
        expect(list.length, `${mark} from line ${first + 1}`).toBe(1);
        expect(list[0].message).toMatch(/一覧/);
        continue;
      }
      if (how === 0) { edited.splice(i + 1, 0, `${/^ */.exec(lines[i])![0]}-`); line = i + 2; }
      else if (how === 1) edited[i] = edited[i].replace(/: .*$/, '') + ': 年1回、課内で実施';
      else edited[i] = edited[i].replace(/- その他: (.+)$/, '- その他（$1）');
      const { problems } = validateText(file, edited.join('\n'), 'report');
      const here = problems.filter((p) => p.line === line);
      expect(here.map((p) => p.message), `${how}: ${edited[line - 1]}`).toHaveLength(1);
      expect(here[0].message).toMatch(how === 0 ? /中身のない「-」/ : how === 1 && !/その他/.test(lines[i]) ? /には記入欄がありません/ : how === 1 ? /./ : /「- その他: /);
      for (const p of problems) expect(englishIn(p.message), p.message).toEqual([]);
    }
  });
});

// A heading of another form (copied from a 全項目評価書 into a 重点項目評価書): told which form it
// belongs to, with no 「もしかして」 that would turn it into a second item of this form.
describe('a heading that only another form has (seeded)', () => {
  const reports = ['tests/fixtures/content/reports/test-shi/2.yaml', 'tests/fixtures/content/reports/test-shi/4.yaml', ...BUNDLED];
  const keysOf = (form: (typeof FORM_NAMES)[number]) => { const out = new Set<string>(); walkForm(FORM_SCHEMAS[form].schema, (v) => { if (typeof v.key === 'string') out.add(v.key); }); return out; };
  it.each(reports)('in %s', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    const form = /^様式: (.+)$/m.exec(text)![1] as (typeof FORM_NAMES)[number];
    const own = keysOf(form);
    const foreign = [...new Set(FORM_NAMES.filter((f) => f !== form).flatMap((f) => [...keysOf(f)]))].filter((k) => !own.has(k) && !/^[0-9]/.test(k));
    expect(foreign.length).toBeGreaterThan(5);
    const lines = text.split('\n');
    const ind = (l: string | undefined) => /^ */.exec(l ?? '')![0].length;
    // a one-line item inside a mapping (not an entry's first line), with nothing deeper below it, and
    // not inside a 記載状態 or date object (whose keys are their own)
    const marker = (i: number) => lines.slice(Math.max(0, i - 4), i + 5).some((x) => ind(x) === ind(lines[i]) && /^ *(記載状態|原文|注記|表記|日付):/.test(x));
    const spots = lines.flatMap((l, i) => (/^ {2,}[^\s#:-][^:]*: \S/.test(l) && !/: [|>]/.test(l) && ind(lines[i + 1]) <= ind(l) && !marker(i) ? [i] : []));
    const r = seeded(file.length + 23);
    for (let run = 0; run < 20; run++) {
      const i = r.pick(spots);
      const key = r.pick(foreign);
      const edited = [...lines];
      edited.splice(i + 1, 0, `${' '.repeat(ind(lines[i]))}${key}: 写した値`);
      const { problems } = validateText(file, edited.join('\n'), 'report');
      const here = problems.filter((p) => p.line === i + 2);
      // (deleted when this form has nothing like it; else renamed to this form's heading, keeping the answer)
      expect(here.map((p) => p.message), `${key} after line ${i + 1}`).toEqual([expect.stringMatching(new RegExp(`^「${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}」は.+の(項目で、${form}にはありません|見出しです。${form}では「.+」ではありませんか)`))]);
    }
  });
});

// The yaml library folds a long one-line value at a blank (its own output, and editors' formatters):
// such a file reads as written, so the checks for lines joined by mistake must not refuse it.
describe('a report written out by the yaml library, folded at any width (seeded)', () => {
  const reports = ['tests/fixtures/content/reports/test-shi/2.yaml', 'tests/fixtures/content/reports/test-shi/3.yaml', ...BUNDLED];
  // (at a width of 60 or more, the yaml library's 80 among them: a line shorter than 40 characters before
  // a 「・」 line was broken by hand, not folded)
  it.each(reports)('%s reads with no problem', (file) => {
    const data = readYaml(fs.readFileSync(file, 'utf8')).data;
    const r = seeded(file.length + 29);
    for (const lineWidth of [80, 60 + r.int(40), 60 + r.int(80)]) {
      const text = stringify(data, { lineWidth });
      expect(readYaml(text).problems.map((p) => `${p.line}: ${p.message}`), `lineWidth ${lineWidth}`).toEqual([]);
    }
  });
});

describe('a heading line deleted on its own (seeded)', () => {
  const reports = ['tests/fixtures/content/reports/test-shi/2.yaml', 'tests/fixtures/content/reports/test-shi/4.yaml', ...BUNDLED];
  it('whose entries are read into the item above it: one message, naming the heading, where they begin', () => {
    const r = seeded(61);
    let told = 0;
    for (let n = 0; n < 60; n++) {
      const lines = fs.readFileSync(r.pick(reports), 'utf8').split('\n');
      // A heading with its items on the lines below, after an item of its own group written over
      // lines too (its entries or keys at the same indentation as the heading's).
      const candidates = lines.flatMap((l, i) => {
        const m = /^( *)([^\s#|>-][^:]*):$/.exec(l);
        const below = /^ */.exec(lines[i + 1] ?? '')![0].length;
        const above = /^ */.exec(lines[i - 1] ?? '')![0].length;
        return m && below > m[1].length && above > m[1].length ? [{ i, heading: m[2] }] : [];
      });
      const { i, heading } = r.pick(candidates);
      const text = [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
      const lost = validateText('r.yaml', text, 'report').problems.filter((p) => p.message.startsWith(`「${heading}:」の見出しの行がないため`));
      if (!lost.length) continue;
      told++;
      // (a group's key the item above has too is read as its own: the message is at the first that is not)
      const problems = validateText('r.yaml', text, 'report').problems;
      expect(problems.map(show), heading).toHaveLength(1);
      expect(problems[0].line, show(problems[0])).toBeGreaterThanOrEqual(i + 1);
      // Following the message (the heading's line back before that line) gives the report back.
      const at = problems[0].line - 1;
      const indent = /空白 (\d+) 個/.exec(problems[0].message)![1];
      const fixed = [...text.split('\n').slice(0, at), `${' '.repeat(Number(indent))}${heading}:`, ...text.split('\n').slice(at)].join('\n');
      if (at === i) expect(fixed).toBe(lines.join('\n'));
    }
    expect(told).toBeGreaterThan(10);
  });
});

// A list's heading line deleted below a 「|」 text: its 「- 」 lines become the text's last lines. The
// 「missing」 message asked for the heading after them, which would have published them as text.
describe('a list heading deleted below a 「|」 text (seeded)', () => {
  const reports = ['tests/fixtures/content/reports/test-shi/2.yaml', 'tests/fixtures/content/reports/test-shi/3.yaml', ...BUNDLED];
  /** Lists (check boxes, repeating groups) that a group's form puts right after a 「|」 text of it, with their heading line. */
  function targets(text: string) {
    const parsed = readYaml(text);
    const data = parsed.data as Record<string, unknown>;
    const lines = text.split('\n');
    const out: { line: number; heading: string; required: boolean }[] = [];
    const walk = (v: unknown, node: SchemaNode | undefined, path: (string | number)[]) => {
      if (Array.isArray(v)) { v.forEach((x, i) => walk(x, childSchema(node, i), [...path, i])); return; }
      if (!v || typeof v !== 'object') return;
      const props = Object.hasOwn(v, '記載状態') ? undefined : groupItems(node);
      const keys = Object.keys(props ?? {});
      for (const [i, key] of keys.entries()) {
        const next = keys[i + 1];
        const o = v as Record<string, unknown>;
        if (next === undefined || typeof o[key] !== 'string' || !Array.isArray(o[next]) || !(o[next] as unknown[]).length) continue;
        const [textLine, headLine] = [parsed.locate([...path, key]).line, parsed.locate([...path, next]).line];
        if (!/: \|-?$/.test(lines[textLine - 1]) || lines[headLine - 1].trim() !== `${next}:`) continue;
        const group = resolve(node);
        // (a group that may be marked as a whole requires its items in its 「else」 branch)
        const required = [group?.required, answerBranch(node)?.required, (group?.else as SchemaNode | undefined)?.required].flatMap((x) => (Array.isArray(x) ? x : []));
        out.push({ line: headLine, heading: next, required: required.includes(next) });
      }
      for (const [k, x] of Object.entries(v)) walk(x, props ? resolve(props[k]) : undefined, [...path, k]);
    };
    walk(data, FORM_SCHEMAS[data['様式'] as keyof typeof FORM_SCHEMAS].schema, []);
    return out;
  }
  const required = (file: string) => targets(fs.readFileSync(file, 'utf8')).filter((t) => t.required);
  it('the reports have such lists', () => expect(reports.filter((f) => required(f).length).length).toBeGreaterThan(3));
  it.each(reports.filter((f) => required(f).length))('in %s', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    const found = required(file);
    const r = seeded(file.length + 89);
    for (let run = 0; run < Math.min(15, found.length * 2); run++) {
      const t = r.pick(found);
      const lines = text.split('\n');
      const heading = lines.splice(t.line - 1, 1)[0];
      const { problems } = validateText(file, lines.join('\n'), 'report');
      // one message, at the first of its lines (now the heading's line), naming the heading
      expect(problems.map(show), `${t.heading} at line ${t.line}`).toEqual([expect.stringMatching(new RegExp(`^${t.line}:\\d+  .*「${t.heading}:」の見出しの行がないため`))]);
      // Following it (the heading's line before that line, at the indentation it says) gives the report back.
      const indent = Number(/空白 (\d+) 個/.exec(problems[0].message)![1]);
      lines.splice(t.line - 1, 0, `${' '.repeat(indent)}${t.heading}:`);
      expect(lines.join('\n')).toBe(text);
      expect(heading).toBe(`${' '.repeat(indent)}${t.heading}:`);
    }
  });
});

// Lines written below a one-line value without 「|」, as the source prints them (「以下のとおり」 then
// 「①資格の管理」): YAML joins them to the value with blanks. A line no tool folding at 60 characters or
// more would have broken there was broken by hand, whatever it begins with: one message, at it.
describe('lines written below a one-line value (seeded)', () => {
  it('a blank line keeps its line break, and English wrapped by hand joins with the blank it had: no problem', () => {
    for (const text of ['備考: 一行目\n  \n  二行目\n', '備考: 一行目\n\n  二行目\n', '備考: See the attached document for the\n    details of this.\n']) expect(readYaml(text).problems, text).toEqual([]);
  });
  const reports = ['tests/fixtures/content/reports/test-shi/2.yaml', ...BUNDLED];
  const STARTS = ['①', '(1)', '（１）', '1.', '1）', '- ', 'ア　', '→', 'Ⅰ　', '※', '・', ''];
  const WORDS = ['資格の管理', '免除の判定', '住所の変更', '届出の受付', '給付の決定'];
  it.each(reports)('in %s', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const indentOf = (l: string) => /^ */.exec(l)![0].length;
    // one-line values short enough that the line and a word fit in 60 characters
    const plain = lines.flatMap((l, i) => (/^( *)(- )?[^\s#:-][^:]*: [^|>"'\s#&*!{[][^#:]*$/.test(l) && l.length <= 40 && indentOf(lines[i + 1] ?? '') <= indentOf(l) ? [i] : []));
    expect(plain.length).toBeGreaterThan(5);
    const r = seeded(file.length + 71);
    for (let run = 0; run < 20; run++) {
      const i = r.pick(plain);
      const edited = [...lines];
      const indent = ' '.repeat(indentOf(lines[i]) + (lines[i].trimStart().startsWith('- ') ? 4 : 2));
      const start = r.pick(STARTS);
      edited.splice(i + 1, 0, ...Array.from({ length: 1 + r.int(3) }, (_, k) => `${indent}${start}${WORDS[(run + k) % WORDS.length]}`));
      const { problems } = readYaml(edited.join('\n'));
      expect(problems.map((p) => [p.line, p.message.slice(0, 22)]), `「${start}」 below ${lines[i].trim()}`).toEqual([[i + 2, 'この行は前の行と 1 行につながって公開され']]);
    }
  });
});

// Slips on a check-box list's lines whose 「もしかして」 would drop what was written: two boxes on one
// line (a 「もしかして」 names one of them), a box's space after a full-width 「：」 or after a 「:」
// without its blank (a 「もしかして」 names the box alone, the space written in is lost). Each line is
// told what to write, and writing it gives the report back.
describe('check-box lines whose 「もしかして」 would drop what was written (seeded)', () => {
  const reports = ['tests/fixtures/content/reports/test-shi/2.yaml', 'tests/fixtures/content/reports/test-shi/3.yaml', ...BUNDLED];
  it.each(reports)('in %s', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    const found = checkLists(text);
    const r = seeded(file.length + 113);
    let runs = 0;
    for (let n = 0; n < 40 && runs < 12; n++) {
      const t = r.pick(found);
      const entries = [...t.entries];
      const lines = text.split('\n');
      let want: string;
      const plain = entries.map((e, i) => ({ e, i })).filter(({ e }) => e[1] === undefined);
      const detailed = entries.map((e, i) => ({ e, i })).filter(({ e }) => e[1] !== undefined);
      if (r.int(2) && plain.length >= 2) {
        // two boxes next to each other written on one line
        const k = plain.findIndex(({ i }, j) => j + 1 < plain.length && plain[j + 1].i === i + 1);
        if (k < 0) continue;
        const [a, b] = [plain[k], plain[k + 1]];
        lines.splice(t.first - 1 + a.i, 2, `${t.indent}- ${a.e[0]}${r.pick(['、', '，', ', ', '　', '・'])}${b.e[0]}`);
        want = `（「- ${a.e[0]}」「- ${b.e[0]}」）`;
      } else if (detailed.length) {
        const { e, i } = r.pick(detailed);
        lines[t.first - 1 + i] = `${t.indent}- ${e[0]}${r.pick(['：', ' ：', '：　', ':'])}${e[1]}`;
        want = `（「- ${e[0]}: ${e[1]}」）`;
      } else continue;
      runs++;
      const { problems } = validateText(file, lines.join('\n'), 'report');
      expect(problems.map(show), want).toEqual([expect.stringContaining(want)]);
      // the lines the message shows, written in place of the line: the report as it was
      const told = [...want.matchAll(/「(- [^」]+)」/g)].map((m) => `${t.indent}${m[1]}`);
      lines.splice(problems[0].line - 1, 1, ...told);
      expect(lines.join('\n')).toBe(text);
    }
    expect(runs).toBeGreaterThan(0);
  });
});

// A 記載状態 meant for a blank item, written at the item's indentation: YAML reads it as the whole
// group's marker, and the page would show every item of the group as unreadable. Told at its line;
// indenting it as the message says gives the item its marker.
describe('a 記載状態 at the indentation of the blank item above it (seeded)', () => {
  const reports = ['tests/fixtures/content/reports/test-shi/2.yaml', 'tests/fixtures/content/reports/test-shi/3.yaml', ...BUNDLED];
  it.each(reports)('in %s', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    const parsed = readYaml(text);
    const data = parsed.data as Record<string, unknown>;
    const lines = text.split('\n');
    const indentOf = (l: string) => /^ */.exec(l)![0].length;
    // one-line answers of a group that has no 記載状態 of its own
    const items: { line: number; key: string; col: number; kind: string }[] = [];
    eachMapping(data, (v, node, path, props) => {
      // (a group that may be marked as a whole, its schema has the marker's branch, and is not)
      if (!props || !resolve(node)?.if || Object.hasOwn(v, '記載状態')) return;
      for (const [k, x] of Object.entries(v)) {
        if (!Object.hasOwn(props, k) || !resolve(props[k])?.['x-kind'] || typeof x !== 'string' || x.includes('\n')) continue;
        const at = parsed.locate([...path, k]);
        if (new RegExp(`^ *(- )?${k}: \\S`).test(lines[at.line - 1]) && indentOf(lines[at.line] ?? '') <= at.col - 1) items.push({ line: at.line, key: k, col: at.col, kind: String(resolve(props[k])?.['x-kind']) });
      }
    });
    expect(items.length).toBeGreaterThan(10);
    const r = seeded(file.length + 131);
    for (let run = 0; run < 12; run++) {
      const t = r.pick(items);
      const edited = [...lines];
      const indent = ' '.repeat(t.col - 1);
      // (left blank, or with a blank written out, which has to go too)
      // (an empty text, 「""」, is a text's own blank: other answers refuse it first, on its own line)
      const blank = r.pick(t.kind === 'text' ? ['', '', ' ""', " ''", ' ~', ' null'] : ['', ' ~', ' null']);
      edited[t.line - 1] = edited[t.line - 1].replace(/: .*$/, `:${blank}`);
      edited.splice(t.line, 0, `${indent}記載状態: 判読不能`, `${indent}注記: かすれて読めない`);
      const { problems } = validateText(file, edited.join('\n'), 'report');
      expect(problems.map(show), `${t.key} at line ${t.line}`).toEqual([expect.stringMatching(new RegExp(`^${t.line + 1}:${t.col}  .*「記載状態:」が、空欄の「${t.key}:」の下に同じ字下げで`))]);
      // indented as the message says: the item's own marker
      const deeper = Number(/空白 (\d+) 個に字下げ/.exec(problems[0].message)![1]);
      if (blank) {
        expect(problems[0].message).toContain(`「${t.key}:」の後の「${blank.trim()}」を消し`);
        edited[t.line - 1] = edited[t.line - 1].replace(/:.*$/, ':');
      }
      edited.splice(t.line, 2, `${' '.repeat(deeper)}記載状態: 判読不能`, `${' '.repeat(deeper)}注記: かすれて読めない`);
      expect(validateText(file, edited.join('\n'), 'report').problems.map(show), t.key).toEqual([]);
    }
  });
});

// A heading written as the form prints it: with its number (①, 1., （1）, Ⅱ, リスク1：), its 「※」, or its
// brackets in the other width. One message at its line naming the heading to write (it got a
// 「もしかして」 and a 「missing」 message that asked for the whole group again).
describe('a heading written as the form prints it (seeded)', () => {
  const reports = ['tests/fixtures/content/reports/test-shi/2.yaml', 'tests/fixtures/content/reports/test-shi/3.yaml', ...BUNDLED];
  const PREFIXES = ['①', '⑤', '※', '1. ', '３．', '（1）', '(2)', 'Ⅱ ', 'リスク1：', 'リスク2:'];
  it.each(reports)('in %s', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    const parsed = readYaml(text);
    const data = parsed.data as Record<string, unknown>;
    const lines = text.split('\n');
    const keys: { line: number; key: string }[] = [];
    eachMapping(data, (v, _node, path, props) => {
      for (const k of Object.keys(v)) {
        if (!props || !Object.hasOwn(props, k) || k === '記載状態' || k === '注記') continue;
        const line = parsed.locate([...path, k]).line;
        if (new RegExp(`^ *(- )?${k.replace(/[()（）]/g, '\\$&')}:`).test(lines[line - 1])) keys.push({ line, key: k });
      }
    });
    expect(keys.length).toBeGreaterThan(50);
    const r = seeded(file.length + 151);
    for (let run = 0; run < 25; run++) {
      const t = r.pick(keys);
      const halfWidth = /[（）]/.test(t.key) && r.int(2);
      const written = halfWidth ? t.key.replace(/（/g, '(').replace(/）/g, ')') : `${r.pick(PREFIXES)}${t.key}`;
      const edited = [...lines];
      edited[t.line - 1] = edited[t.line - 1].replace(`${t.key}:`, `${written}:`);
      const { problems } = validateText(file, edited.join('\n'), 'report');
      // (a long heading is quoted in part)
      expect(problems.map(show), written).toEqual([expect.stringMatching(new RegExp(`^${t.line}:\\d+  .*見出しは「${written.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^」]*」ではなく「${t.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:」と書いてください`))]);
    }
  });
});

describe('check-box lines with a run of thousands of blanks', () => {
  it('are told in time linear in it (three patterns of stop 45 split the run in many ways)', () => {
    const base = fs.readFileSync('content/reports/kumamoto-shi/1.yaml', 'utf8').split('\n');
    const at = base.findIndex((l) => l.trim() === '- その他: 中間サーバー');
    for (const line of [`- その他${' '.repeat(100000)}x`, `- ■中間サーバー${' '.repeat(100000)}b`, `- ■その他${' '.repeat(100000)}（x`, `- [${' '.repeat(100000)}x`]) {
      const lines = [...base];
      lines[at] = lines[at].replace(/- .*/, line);
      const start = performance.now();
      expect(validateText('1.yaml', lines.join('\n'), 'report').problems.length).toBeGreaterThan(0);
      expect(performance.now() - start, line.slice(0, 10)).toBeLessThan(2000);
    }
  });
});

describe('a line of thousands of 「 #」 (a comment of as many words)', () => {
  it('is told in time linear in it (each shorter start of the comment was joined and looked up: 35 s at 32,000)', () => {
    const base = fs.readFileSync('content/reports/kumamoto-shi/13.yaml', 'utf8');
    for (const n of [8000, 64000]) {
      const text = base.replace(/^( *)事務の名称: .*$/m, (_m, indent) => `${indent}事務の名称: ${'x #'.repeat(n)}`);
      const start = performance.now();
      expect(validateText('13.yaml', text, 'report').problems.map((p) => p.message.slice(0, 12))).toEqual(['「事務の名称」の値の後ろ']);
      expect(performance.now() - start).toBeLessThan(2000);
    }
  });
});

describe('an entry whose name line was deleted and whose first heading is mistyped', () => {
  it('is told the heading it is like, not to write it as the name', () => {
    const lines = fs.readFileSync('content/reports/kumamoto-shi/13.yaml', 'utf8').split('\n');
    const at = lines.findIndex((l) => l.trim().startsWith('- 名称: 国民年金システムの保守'));
    lines.splice(at, 2, lines[at + 1].replace(/^( *)  委託内容:/, '$1- 委託内用:'));
    const { problems } = validateText('13.yaml', lines.join('\n'), 'report');
    expect(problems.map((p) => p.message).join('\n')).toContain('もしかして「委託内容」？');
    expect(problems.map((p) => p.message).join('\n')).not.toContain('に直してください');
  });
});

// An entry's name written under a heading of the clerk's own (「- 委託事項名:」 for 「- 名称:」): one
// message, at it, naming the heading the form has for it (it got a 「もしかして」 of a heading the entry
// already has, 委託先名, and a 「missing」 for 名称).
describe('an entry\'s name under a heading of its own (seeded)', () => {
  const reports = ['tests/fixtures/content/reports/test-shi/2.yaml', 'tests/fixtures/content/reports/test-shi/3.yaml', ...BUNDLED];
  it.each(reports)('in %s', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    const parsed = readYaml(text);
    const data = parsed.data as Record<string, unknown>;
    const lines = text.split('\n');
    const entries: { line: number; name: string; title: string }[] = [];
    eachMapping(data, (v, node, path) => {
      const name = resolve(node)?.['x-name'] as string | undefined;
      if (!name || Object.keys(v)[0] !== name || typeof path.at(-1) !== 'number') return;
      const line = parsed.locate([...path, name]).line;
      if (lines[line - 1].trimStart().startsWith(`- ${name}:`)) entries.push({ line, name, title: String(resolve(node)?.title) });
    });
    if (!entries.length) return;
    const r = seeded(file.length + 173);
    for (let run = 0; run < 10; run++) {
      const t = r.pick(entries);
      const written = r.pick([`${t.title}名`, `${t.title}の名前`, 'なまえ', '件名'].filter((w) => w !== t.name));
      const edited = [...lines];
      edited[t.line - 1] = edited[t.line - 1].replace(`- ${t.name}:`, `- ${written}:`);
      const { problems } = validateText(file, edited.join('\n'), 'report');
      expect(problems.map(show), written).toEqual([expect.stringContaining(`（「${written}:」を「${t.name}:」に直してください）`)]);
      expect(problems[0].line).toBe(t.line);
    }
  });
});

// A check box on an item answered true or false, written as printed (「[○]」, 「[ ]」), and a 記載状態
// written in braces with full-width 「：」「、」 or without 記載状態: told what to write, once. Both were
// told to quote the value, which publishes 「[○]」 or the braces as text (or gives a second round).
describe('a check box or a 記載状態 written in brackets or braces (seeded)', () => {
  const reports = ['tests/fixtures/content/reports/test-shi/2.yaml', 'tests/fixtures/content/reports/test-shi/3.yaml', ...BUNDLED];
  it.each(reports)('in %s', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const switches = lines.flatMap((l, i) => { const m = /^( *)([^\s#:-][^:]*): (true|false)$/.exec(l); return m ? [{ i, key: m[2], on: m[3] === 'true' }] : []; });
    const texts = oneLineAnswers(text).filter((a) => a.kind !== 'switch').map((a) => a.line - 1);
    const r = seeded(file.length + 197);
    for (let run = 0; run < 12; run++) {
      const edited = [...lines];
      if (switches.length && r.int(2)) {
        const t = r.pick(switches);
        edited[t.i] = edited[t.i].replace(/: (true|false)$/, `: ${t.on ? r.pick(['[○]', '[〇]', '[x]', '[レ]']) : r.pick(['[ ]', '[]', '[　]'])}`);
        const { problems } = validateText(file, edited.join('\n'), 'report');
        expect(problems.map(show), edited[t.i]).toEqual([expect.stringContaining(`（「${t.key}: ${t.on}」）`)]);
        continue;
      }
      const i = r.pick(texts);
      edited[i] = edited[i].replace(/: .*$/, `: ${r.pick(['{記載状態：不確実、注記：かすれ}', '{記載状態: 不確実、注記: かすれ、原文: 特になし}', '{注記: かすれ, 原文: 特になし}', '｛記載状態: 不確実, 注記: かすれ｝', '{記載状態：判読不能, 注記：かすれ}'])}`);
      const { problems } = validateText(file, edited.join('\n'), 'report');
      expect(problems.map(show), edited[i]).toEqual([expect.stringContaining('記載状態を「{…}」で書くときは')]);
      // the example the message gives, written: a valid marker
      edited[i] = edited[i].replace(/: .*$/, ': {記載状態: 不確実, 注記: かすれ}');
      expect(validateText(file, edited.join('\n'), 'report').problems.map(show), edited[i]).toEqual([]);
    }
  });
});
