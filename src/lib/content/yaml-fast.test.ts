// The fast reader either gives exactly the full reader's data, or steps aside (undefined).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Lexer } from 'yaml';
import { fastYamlData, fastYamlTree, needsFullReader, NEEDS_FULL_READER, pieceAt, plainPieces, tokenBound, topLevelItem } from './yaml-fast.ts';
import { seeded } from '../../../tests/support/seeded.ts';
import { locateInPiece, parseYaml, readYaml } from './yaml-source.ts';

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Whether `read` gives exactly the full reader's data for `text` (true), or steps aside (false);
 * never data where the full reader finds a problem. The full reader reads as YAML reads (not strict):
 * what validation refuses besides (「 #」 after a value) readYaml sends to it before the fast reader. */
function agreesWithFullReader(read: (text: string) => unknown, text: string, label: string): boolean {
  const data = read(text);
  if (data === undefined) return false;
  const full = parseYaml(text, { strict: false });
  expect(full.problems, label).toEqual([]);
  expect(data, label).toStrictEqual(full.data);
  return true;
}
/** The fast reader's data for `text`, held to the full reader's (undefined when it steps aside). */
const expectAgreement = (text: string, label: string) => (agreesWithFullReader(fastYamlData, text, label) ? fastYamlData(text) : undefined);
/** fastYamlTree's items as one object (undefined when it steps aside). */
const asObject = <T>(items: [string, T][] | undefined) => items && Object.fromEntries(items);

describe('fast reader', () => {
  it('reads every file of content/ and of the fixtures to the full reader\'s data', () => {
    const files = [...yamlFiles('content'), ...yamlFiles('tests/fixtures/content')];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      // The transcribed reports are what the speed is for: they must take the fast path.
      expect(expectAgreement(text, file), `${file} is read by the fast reader`).toBeDefined();
    }
  });

  it.each([
    ['団体コード with a leading zero stays a string', 'a: 012345\nb: "012345"\n', { a: '012345', b: '012345' }],
    ['ISO dates stay strings', 'a: 2025-08-28\nb: 2025-08-28T10:00:00\n', { a: '2025-08-28', b: '2025-08-28T10:00:00' }],
    ['core-schema scalars', 'a: ~\nb: null\nc: True\nd: FALSE\ne: -12\nf: 0x1F\ng: 0o17\nh: 1.50\ni: 1e3\nj: .inf\nk: -.Inf\nl:\nm: yes\nn: 1_000\n',
      { a: null, b: null, c: true, d: false, e: -12, f: 31, g: 15, h: 1.5, i: 1000, j: Infinity, k: -Infinity, l: null, m: 'yes', n: '1_000' }],
    ['block scalars keep or fold lines', 'a: |\n  一行目\n  二行目\nb: >-\n  折り\n  返し\nc: |+\n  末尾\n\nd: x\n', { a: '一行目\n二行目\n', b: '折り 返し', c: '末尾\n\n', d: 'x' }],
    ['quoted strings and escapes', 'a: "改\\n行"\nb: \'it\'\'s\'\nc: "\\u00e9"\n', { a: '改\n行', b: "it's", c: 'é' }],
    ['flow collections and comments', 'a: [x, "y", 1] # 注\nb: {c: d}\n', { a: ['x', 'y', 1], b: { c: 'd' } }],
    ['a BOM-less document with an explicit start and end', '---\na: b\n...\n', { a: 'b' }],
  ])('%s', (_name, text, expected) => {
    expect(expectAgreement(text, _name)).toStrictEqual(expected);
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a YAML 1.1 directive', '%YAML 1.1\n---\na: yes\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['several documents', 'a: 1\n---\nb: 2\n'],
    ['a syntax error', 'a: [1, 2\nb: 3\n'],
    ['bad indentation', 'a:\n  b: 1\n c: 2\n'],
    ['a __proto__ key', 'a:\n  __proto__: {polluted: 1}\n'],
    ['a constructor key', 'constructor:\n  prototype: 1\n'],
    ['a null key', '~: 1\n'],
    ['a numeric key', '1.50: x\n'],
    ['a top-level list', '- a\n- b\n'],
    ['an empty document', ''],
    ['deep nesting', Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' v\n'],
    ['a long mapping', Array.from({ length: 600 }, (_, i) => `k${i}: v`).join('\n')],
    ['a text over the token limit', `a: [${Array(70_000).fill('日').join(',')}]\n`],
    ['an alias in a flow list', 'a: 1\nb: [*x]\n'],
    ['an anchor on its own line', 'a:\n  &x\n  b: 1\n'],
  ])('steps aside for %s, and the full reader decides', (_name, text) => {
    expect(fastYamlData(text)).toBeUndefined();
    expect(readYaml(text)).toStrictEqual(expect.objectContaining({ data: parseYaml(text).data, problems: parseYaml(text).problems }));
  });

  it('bounds the tokens of the full reader\'s lexer', () => {
    const texts = [
      ...[...yamlFiles('content'), ...yamlFiles('tests/fixtures/content')].map((f) => fs.readFileSync(f, 'utf8')),
      // the densest texts: one-character scalars between single indicators
      `a: [${Array(500).fill('日').join(',')}]\n`, `{${Array(300).fill(0).map((_, i) => `日${i}: 本`).join(', ')}}\n`,
      Array(300).fill('- 日').join('\n'), Array(300).fill(0).map((_, i) => `日${i}: 本`).join('\n'), 'a: "引用"\nb: |\n  本文\n  本文\n# 注\n',
    ];
    for (const text of texts) {
      const tokens = [...new Lexer().lex(text)].length;
      expect(tokens).toBeLessThanOrEqual(tokenBound(text));
    }
  });

  it('bounds the ASCII characters of a text by its UTF-16 and UTF-8 lengths (seeded texts)', () => {
    // The shortcut before counting tokens: (3 × UTF-16 length − UTF-8 length) / 2 ≥ ASCII characters.
    const chars = ['a', ' ', '\n', 'é', '日', '😀', '\u3000', ':', '-'];
    const r = seeded(31);
    for (let n = 0; n < 5_000; n++) {
      const text = Array.from({ length: r.int(40) }, () => r.pick(chars)).join('');
      const ascii = [...text].filter((c) => c.charCodeAt(0) < 0x80).length;
      expect(Math.floor((3 * text.length - Buffer.byteLength(text, 'utf8')) / 2), JSON.stringify(text)).toBeGreaterThanOrEqual(ascii);
    }
  });

  it('reads a long text whose bound is over the token limit when its tokens are not', () => {
    const group = (g: number) => `g${g}:\n` + Array.from({ length: 100 }, (_, i) => `  k${i}: ${'日本語の本文。'.repeat(10)} ABCDEFGHIJ ${i}`).join('\n');
    const long = Array.from({ length: 40 }, (_, g) => group(g)).join('\n') + '\n';
    expect(tokenBound(long)).toBeGreaterThan(200_000);
    expect(expectAgreement(long, 'long')).toBeDefined();
  });

  it('finds an anchor, alias, tag or directive exactly where the pattern does (seeded texts)', () => {
    // Short texts of the characters that matter around 「& * ! %」, so that every case comes up often.
    const alphabet = ['&', '*', '!', '%', ' ', '\t', '\n', '\r', '\u2028', '\u3000', ':', '?', '-', '[', '{', ',', 'a', '日', '#', '"'];
    for (const seed of [1, 2, 3]) {
      const r = seeded(seed);
      let matched = 0;
      for (let n = 0; n < 10_000; n++) {
        const text = Array.from({ length: 1 + r.int(12) }, () => r.pick(alphabet)).join('');
        const expected = NEEDS_FULL_READER.test(text);
        expect(needsFullReader(text), `seed ${seed}: ${JSON.stringify(text)}`).toBe(expected);
        if (expected) matched++;
      }
      expect(matched).toBeGreaterThan(1_000);
    }
  });

  it('takes the same scalars as numbers, booleans and nulls as the full reader (seeded scalars)', () => {
    const pieces = ['0', '1', '9', '.', '-', '+', 'e', 'E', 'x', 'o', 'inf', 'Inf', 'nan', 'NaN', 'null', 'Null', '~', 'true', 'True', 'FALSE', '_', 'a', '日', 'F', '0x', '0o'];
    const r = seeded(11);
    for (let n = 0; n < 2_000; n++) {
      const scalar = Array.from({ length: 1 + r.int(4) }, () => r.pick(pieces)).join('');
      const text = `k: ${scalar}\nl: [${scalar}]\n`;
      const fast = fastYamlData(text);
      if (fast === undefined) continue;
      const full = parseYaml(text);
      expect(full.problems, scalar).toEqual([]);
      expect(fast, scalar).toStrictEqual(full.data);
    }
  });

  it('reads a document block by block to the full reader\'s data, or steps aside (bundled files and seeded variants)', () => {
    const files = [...yamlFiles('content'), ...yamlFiles('tests/fixtures/content')];
    const texts = files.map((f) => fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, ''));
    const agree = (text: string, label: string) => agreesWithFullReader((t) => asObject(fastYamlTree(t, plainPieces())), text, label);
    // The bundled reports are what the block reader is for: each is read by it.
    for (const [i, text] of texts.entries()) if (files[i].includes('/reports/')) expect(agree(text, files[i]), files[i]).toBe(true);
    // Lines that make a block read differently alone, or not at all: column-0 sequences, continuations,
    // document markers, tabs, duplicate keys, kept trailing lines, flow collections across lines.
    const odd = ['# 注', '', '---', '...', '- x', '  - y', 'x: [1,', ']', '}', '"q": 1', 'a:b', '\tx: 1', 'k: |+', '  本文', 'k2: >-', '  折り', '続き', '表紙: 重複', '様式: 全項目評価書', 'z:', '  ', ' # 字下げした注', 'w: "引用', '続き"'];
    const r = seeded(37);
    let read = 0;
    for (let n = 0; n < 400; n++) {
      const lines = r.pick(texts.filter((_, i) => files[i].includes('/reports/'))).split('\n');
      for (let edits = 1 + r.int(3); edits > 0; edits--) {
        const at = r.int(lines.length);
        const what = r.int(3);
        if (what === 0) lines.splice(at, 0, ...r.pick(odd).split('\n'));
        else if (what === 1) lines[at] = lines[at].trimStart();
        else lines.splice(at, 1);
      }
      if (agree(lines.join('\n'), `variant ${n}`)) read++;
    }
    expect(read).toBeGreaterThan(50);
  });

  it('reads a document cut into pieces at every level to the full reader\'s data, or steps aside (bundled files and seeded variants)', () => {
    const reports = [...yamlFiles('content'), ...yamlFiles('tests/fixtures/content')].filter((f) => f.includes('/reports/'));
    const texts = reports.map((f) => fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, ''));
    // Every block cut where it can be (no minimum size), and the pieces counted.
    let pieces = 0;
    const reader = { ...plainPieces(0), leaf: (v: unknown) => { pieces++; return v; } };
    const agree = (text: string, label: string) => agreesWithFullReader((t) => asObject(fastYamlTree(t, reader)), text, label);
    for (const [i, text] of texts.entries()) {
      const before = pieces;
      expect(agree(text, reports[i]), reports[i]).toBe(true);
      // Cut much finer than into its top-level items.
      expect(pieces - before, reports[i]).toBeGreaterThan(5 * text.split('\n').filter((l) => /^\S/.test(l)).length);
    }
    // Lines that make a piece read differently alone, or not at all, put at any indentation: siblings
    // and continuations, sequences at a key's column, document markers, tabs, duplicate keys, kept
    // trailing lines, quoted and flow scalars across lines, comments.
    const odd = ['# 注', '', '---', '...', '- x', '-', '- k: v', '-  k: v', 'x: [1,', ']', '}', '"q": 1', 'a:b', '\tx: 1', 'x:\t1', 'k: |+', '本文', 'k2: >-', '折り', '続き', '表紙: 重複', 'z:', '  ', '# 字下げした注', 'w: "引用', '続き"', '? k', ': v', 'k: v # 注', 'k: \'a', 'b\'', 'k: |2', 'r: 1', 'r: 2'];
    const r = seeded(41);
    let read = 0;
    for (let n = 0; n < 600; n++) {
      const lines = r.pick(texts).split('\n');
      for (let edits = 1 + r.int(3); edits > 0; edits--) {
        const at = r.int(lines.length);
        const what = r.int(4);
        // an odd line at the indentation of the line it goes before, or one step left or right of it
        const indent = Math.max(0, (lines[at].length - lines[at].trimStart().length) + r.pick([-2, 0, 0, 2]));
        if (what <= 1) lines.splice(at, 0, ...r.pick(odd).split('\n').map((l) => ' '.repeat(indent) + l));
        else if (what === 2) lines[at] = ' '.repeat(indent) + lines[at].trimStart();
        else lines.splice(at, 1);
      }
      if (agree(lines.join('\n'), `variant ${n}`)) read++;
    }
    expect(read).toBeGreaterThan(100);
  });

  it('reads one top-level item alone to the full reader\'s value for it (bundled files and seeded variants)', () => {
    const files = [...yamlFiles('content'), ...yamlFiles('tests/fixtures/content')];
    const texts = files.map((f) => fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, ''));
    let read = 0;
    const agree = (text: string, label: string) => {
      const full = parseYaml(text);
      const data = full.data as Record<string, unknown> | undefined;
      const keys = data && typeof data === 'object' && !Array.isArray(data) ? Object.keys(data) : [];
      for (const key of [...keys, '変更箇所', '存在しない項目']) {
        const item = topLevelItem(text, key);
        // Undefined: the caller reads the whole document. A file with a problem elsewhere may still
        // give the item (only it is read), so only documents the full reader reads are compared.
        if (item === undefined || full.problems.length) continue;
        read++;
        expect(item.found, `${label}: ${key}`).toBe(keys.includes(key));
        expect(item.value, `${label}: ${key}`).toStrictEqual(data?.[key]);
      }
    };
    for (const [i, text] of texts.entries()) agree(text, files[i]);
    const odd = ['# 注', '', '変更箇所: []', '変更箇所 : x', '変更箇所:', '  - 項目: x', '"変更箇所": 1', '変更箇所の注記: y', '\t変更箇所: 1', '- x', '---'];
    const r = seeded(43);
    for (let n = 0; n < 300; n++) {
      const lines = r.pick(texts).split('\n');
      for (let edits = 1 + r.int(3); edits > 0; edits--) {
        const at = r.int(lines.length);
        if (r.int(2)) lines.splice(at, 0, ...r.pick(odd).split('\n'));
        else lines.splice(at, 1);
      }
      agree(lines.join('\n'), `variant ${n}`);
    }
    expect(read).toBeGreaterThan(1000);
  });

  it('finds every node where the whole document\'s reader does, from the piece that holds it (bundled files and seeded variants)', () => {
    const reports = [...yamlFiles('content'), ...yamlFiles('tests/fixtures/content')].filter((f) => f.includes('/reports/'));
    const texts = reports.map((f) => fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, ''));
    /** Every path of the data, and paths that go on past it (a key or an entry it lacks). */
    const pathsOf = (data: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) => {
      out.push(at, [...at, '存在しない項目'], [...at, 99]);
      if (Array.isArray(data)) data.forEach((v, i) => pathsOf(v, [...at, i], out));
      else if (data && typeof data === 'object') for (const [k, v] of Object.entries(data)) pathsOf(v, [...at, k], out);
      return out;
    };
    const r = seeded(47);
    let compared = 0;
    let narrowed = 0;
    const agree = (text: string, label: string, sample: number) => {
      if (fastYamlData(text) === undefined) return;
      const full = parseYaml(text, { strict: false });
      if (full.problems.length) return;
      const paths = pathsOf(full.data).filter((p) => p.length);
      for (let n = 0; n < sample; n++) {
        const p = r.pick(paths);
        const got = locateInPiece(text, p);
        // (none for a top-level item the document lacks: the whole document is read)
        if (got === undefined && !Object.hasOwn(full.data as object, p[0])) continue;
        expect(got, `${label}: ${p.join(' > ')}`).toEqual(full.locate(p));
        compared++;
        if ((pieceAt(text, p)?.text.length ?? Infinity) < text.length / 10) narrowed++;
      }
    };
    // A key that ends in a full-width space is another key (YAML ends a plain key at blanks and tabs only).
    for (const [text, p] of [['A:\n  b\u3000: 1\n  b: 2\n', ['A', 'b']], ['A:\n  b\u3000: 1\n  c: 2\n', ['A', 'b', 'x']], ['x: 0\nA\u3000: 1\n', ['A']]] as const) {
      expect(locateInPiece(text, p) ?? parseYaml(text, { strict: false }).locate(p), JSON.stringify(text)).toEqual(parseYaml(text, { strict: false }).locate(p));
    }
    for (const [i, text] of texts.entries()) agree(text, reports[i], 400);
    // A node is found from a piece much smaller than its report (what makes a note's line cheap).
    expect(narrowed).toBeGreaterThan(compared / 2);
    const odd = ['# 注', '', '- x', '- k: v', '-  k: v', 'k: |+', '本文', 'k2: >-', '折り', 'z:', '  ', '# 字下げした注', 'k: v # 注', 'r: 1', '"q": 1', '~: x', '1.0: y', '様式\u3000: x', '名称\u3000: y', '基本情報 : z'];
    for (let n = 0; n < 300; n++) {
      const lines = r.pick(texts).split('\n');
      for (let edits = 1 + r.int(3); edits > 0; edits--) {
        const at = r.int(lines.length);
        const indent = Math.max(0, (lines[at].length - lines[at].trimStart().length) + r.pick([-2, 0, 0, 2]));
        if (r.int(3)) lines.splice(at, 0, ...r.pick(odd).split('\n').map((l) => ' '.repeat(indent) + l));
        else lines.splice(at, 1);
      }
      agree(lines.join('\n'), `variant ${n}`, 20);
    }
    expect(compared).toBeGreaterThan(3000);
  });

  it('finds positions through the full reader only when asked', () => {
    const r = readYaml('a: 1\nb:\n  c: 2\n');
    expect(r.data).toStrictEqual({ a: 1, b: { c: 2 } });
    expect(r.locate(['b', 'c'])).toEqual({ line: 3, col: 3 });
  });
});
