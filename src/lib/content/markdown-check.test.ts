// Markdown is untrusted input: every hostile construct gives exactly one Japanese problem at the
// parser's line, and the allowed constructs pass.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { checkMarkdown, imageProblem, linkProblem, MARKDOWN_LIMITS } from './markdown-check.ts';
import { localImageFiles } from './markdown-sources.ts';
import { seeded } from '../../../tests/support/seeded.ts';

const head = '---\ntitle: 題名\n---\n\n';
const HEAD_LINES = 4;

describe('hostile Markdown is refused with one Japanese error at file:line', () => {
  const cases: [string, string, string, RegExp][] = [
    ['raw <script>', 'a.md', '本文\n\n<script>alert(1)</script>\n', /HTML は書けません/],
    ['<img onerror>', 'a.md', '本文\n\n文字 <img src=x onerror=alert(1)> 文字\n', /HTML は書けません/],
    ['javascript: link', 'a.md', '本文\n\n[押す](javascript:alert(1))\n', /javascript: は使えません/],
    ['data: link', 'a.md', '本文\n\n[押す](data:text/html,<b>x</b>)\n', /data: は使えません/],
    ['image from another origin', 'a.md', '本文\n\n![図](https://other.example/x.png)\n', /このサイトに置いたものだけ/],
    ['protocol-relative image', 'a.md', '本文\n\n![図](//other.example/x.png)\n', /このサイトに置いたものだけ/],
    ['unknown MDX component', 'a.mdx', '本文\n\n<Evil report="x" />\n', /<Evil> は使えません/],
    ['an HTML tag in MDX', 'a.mdx', '本文\n\n<script>{"alert(1)"}</script>\n', /<script> は使えません/],
    ['MDX expression', 'a.mdx', '本文\n\n文字 {alert(1)} 文字\n', /MDX の式/],
    ['MDX import', 'a.mdx', '本文\n\nimport X from "./x.js"\n', /import \/ export/],
    ['expression attribute', 'a.mdx', '本文\n\n<SummaryCard report={x} />\n', /文字列で書いて/],
    ['reference-style javascript: link', 'a.md', '本文\n\n[押す][r]\n\n[r]: javascript:alert(1)\n', /javascript: は使えません/],
    ['mailto: with a hidden recipient', 'a.md', '本文\n\n[窓口](mailto:kokuho@example.jp?bcc=collector@evil.example)\n', /宛先を 1 つだけ/],
    ['mailto: with a second recipient, encoded', 'a.md', '本文\n\n[窓口](mailto:a@example.jp%2Cb@example.jp)\n', /宛先を 1 つだけ/],
    ['mailto: to an address that is not plain', 'a.md', '本文\n\n[窓口](mailto:info@例え.jp)\n', /「info@例え\.jp」はメールアドレスとして使えません/],
    ['an image path with a backslash', 'a.md', '本文\n\n![地図](\\\\/map.png)\n', /区切りは「\/」/],
    ['a direction override in the text', 'a.md', '本文\n\n請求書\u202Efdp.exe\n', /4 文字目に使えない文字（U\+202E/],
  ];
  it.each(cases)('%s', (_name, file, body, message) => {
    const { problems } = checkMarkdown(file, head + body);
    expect(problems).toHaveLength(1);
    const [p] = problems;
    expect(p!.file).toBe(file);
    expect(p!.message).toMatch(message);
    // The line the refused construct is on: the body's last line (the link's definition, for a reference).
    expect(p!.line).toBe(HEAD_LINES + body.trimEnd().split('\n').length);
  });

  it('a link or image scheme is found however it is spelled (seeded variants)', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 200; i++) {
      const scheme = ['javascript', 'data', 'vbscript', 'file'][Math.floor(rnd() * 4)]!;
      const spelled = [...scheme].map((c) => (rnd() < 0.5 ? c.toUpperCase() : c)).join('');
      const junk = ['', '\u0001', '\u200b', ' '][Math.floor(rnd() * 4)]!;
      expect(linkProblem(`${junk}${spelled}:x`), spelled).toBeDefined();
      expect(imageProblem(`${junk}${spelled}:x`), spelled).toBeDefined();
    }
  });
});

describe('a character no report may hold is refused wherever the Markdown has it (seeded)', () => {
  const places = [(x: string) => `## 見出し${x}`, (x: string) => `- 項目${x}`, (x: string) => `[リンク${x}](/guides/about/)`, (x: string) => `| 列${x} | 列 |\n| --- | --- |`, (x: string) => `\`コード${x}\``, (x: string) => `本文${x}の続き`];
  const characters = ['\u0000', '\u0008', '\u000B', '\u000C', '\u001B', '\u007F', '\u0085', '\u00AD', '\u200B', '\u200E', '\u202E', '\u2066', '\u2069', '\u2060', '\uFEFF', '\uFFFD', '\uFFFE', '\uD800'];
  it('at its line, in a heading, list, link text, table, code or text, and in the front matter', () => {
    const r = seeded(202612);
    for (let n = 0; n < 300; n++) {
      const c = r.pick(characters);
      const lines = Array.from({ length: 1 + r.int(5) }, (_, i) => `段落${i}`);
      const at = r.int(lines.length + 1);
      const inFrontmatter = r.int(6) === 0;
      const text = inFrontmatter ? `---\ntitle: 題${c}名\n---\n\n${lines.join('\n\n')}\n` : head + [...lines.slice(0, at), r.pick(places)(c), ...lines.slice(at)].join('\n\n') + '\n';
      const line = inFrontmatter ? 2 : HEAD_LINES + 1 + 2 * at;
      const { problems } = checkMarkdown('a.md', text);
      expect(problems.filter((p) => /使えない文字|文字化けの印/.test(p.message)).map((p) => p.line), JSON.stringify(text)).toEqual([line]);
    }
  });
});

describe('what may be written', () => {
  it('ordinary Markdown: headings, lists, tables, emphasis, site and https links, site images', () => {
    const body = '## 見出し\n\n- **強調** と *斜体*\n- [用語集](../glossary/#提供) と [委員会](https://www.ppc.go.jp/)\n\n| 列 | 列 |\n| --- | --- |\n| 1 | 2 |\n\n![図](/images/x.png)\n\n`<script>` はコードとしてなら書けます。\n';
    expect(checkMarkdown('a.md', head + body).problems).toEqual([]);
  });
  it('the site components with literal attributes, in MDX', () => {
    const r = checkMarkdown('a.mdx', head + '<SummaryCard report="kawasaki-shi/16" />\n\n<ReportItem report="kawasaki-shi/16" item="Ⅰ-1-③" />\n');
    expect(r.problems).toEqual([]);
    expect(r.embeds.map((e) => e.name)).toEqual(['SummaryCard', 'ReportItem']);
  });
  it('a guide needs a title; a notice does not', () => {
    expect(checkMarkdown('a.md', '本文\n').problems[0]!.message).toMatch(/title/);
    expect(checkMarkdown('a.md', '本文\n', { kind: 'notice' }).problems).toEqual([]);
  });
  // The build's loader reads front matter as YAML 1.1: a date, or an escape to a control character,
  // passed validation and stopped the build in English.
  it('front matter values the build would not read as text are refused at their line', () => {
    for (const [value, message] of [['2025-04-01', /文字列で書いてください（日付や数/], ['0o17', /文字列で書いてください/], ['"案内\\e[31m"', /使えない文字（U\+001B|読めません/]] as const) {
      const [p] = checkMarkdown('a.md', `---\ntitle: ${value}\n---\n本文\n`).problems;
      expect(p, value).toMatchObject({ line: 2, item: 'title' });
      expect(p.message, value).toMatch(message);
    }
    for (const ok of ['"2025-04-01"', 'yes', 'Off', '12:30']) expect(checkMarkdown('a.md', `---\ntitle: ${ok}\n---\n本文\n`).problems, ok).toEqual([]);
  });
  it('unknown front matter keys are named with their line', () => {
    const [p] = checkMarkdown('a.md', '---\ntitle: x\nlayout: evil\n---\n本文\n').problems;
    expect(p).toMatchObject({ line: 3, item: 'layout' });
  });
});

describe('the pictures a source shows (a page changes when one is replaced under the same name)', () => {
  it('lists the allowed images as written, and none of the refused ones', () => {
    const text = '本文\n\n![地図](./地図.png)\n\n![外](https://other.example/x.png)\n\n- ![図](../共通/図%201.png?v=2#a)\n- ![サイトの図](/images/x.png)\n';
    expect(checkMarkdown('a.md', text, { kind: 'notice' }).images).toEqual(['./地図.png', '../共通/図%201.png?v=2#a', '/images/x.png']);
  });
  it('resolves them beside the source, decoded, without query or fragment; paths from the site root are the code\'s', () => {
    const file = path.join('content', 'reports', 'a-shi', '1.notice.md');
    expect(localImageFiles(file, ['./地図.png', '../共通/図%201.png?v=2#a', '/images/x.png', '地図.png', '%E0%A4%A'])).toEqual([
      path.resolve('content/reports/a-shi/%E0%A4%A'), path.resolve('content/reports/a-shi/地図.png'), path.resolve('content/reports/共通/図 1.png'),
    ].sort());
  });
});

describe('front matter is what the build reads as front matter', () => {
  it('a line inside it that starts with 「---」 or 「+++」 (where the build ends it) is refused at that line, whatever follows (seeded)', () => {
    const r = seeded(5757);
    const LINES = ['title: "お知らせ"', 'description: 窓口の案内', '# メモ', 'order: 2'];
    for (let n = 0; n < 200; n++) {
      const inside = Array.from({ length: 1 + r.int(4) }, () => r.pick(LINES));
      const at = r.int(inside.length + 1);
      const smuggled = r.int(3) > 0;
      const delim = r.pick(['---', '+++']);
      const tail = r.pick([' !!map', '-', ' x', '']);
      // (a line of the front matter itself that begins with the delimiter; or, when not smuggled, a
      // body line that does, which is fine)
      const lines = smuggled ? [...inside.slice(0, at), `${delim}${tail}`, ...inside.slice(at)] : inside;
      const html = '<meta http-equiv="refresh" content="0;url=https://example.com/">';
      const text = `---\n${lines.join('\n')}\ndescription2: |\n  ${html}\n---\n\n本文の段落。\n${smuggled ? '' : `\n${delim}${tail}\n`}`;
      const { problems } = checkMarkdown('n.md', text, { kind: 'notice' });
      if (smuggled && !(delim === '---' && tail === '' )) expect(problems, text).toEqual([expect.objectContaining({ line: at + 2, message: expect.stringContaining('先頭の設定') })]);
      else if (!smuggled) expect(problems.filter((p) => p.message.includes('この行で先頭の設定')), text).toEqual([]);
    }
  });
  it('blanks after the closing 「---」 are no second end', () => {
    expect(checkMarkdown('g.md', '---\ntitle: ガイド\n--- \n\n本文です。\n').problems).toEqual([]);
    expect(checkMarkdown('g.md', '---\ntitle: ガイド\n---\t\n\n本文です。\n').problems).toEqual([]);
  });
  it('the attack that redirected a page (a 「--- !!map」 line) is refused', () => {
    const text = '---\n# お知らせ\n--- !!map\ntitle: "お知らせ"\ndescription: |\n  <meta http-equiv="refresh" content="0;url=https://example.com/phish">\n---\n\n窓口の受付時間が変わりました。\n';
    expect(checkMarkdown('o.md', text, { kind: 'notice' }).problems).toEqual([{ file: 'o.md', line: 3, col: 1, item: '', message: expect.stringContaining('この行で先頭の設定') }]);
  });
});

describe('a guide\'s pictures are pictures only', () => {
  it('an SVG (which can hold a script that runs on the site\'s address) is refused, also named .png; a PNG or JPEG is published', async () => {
    const { checkMarkdownFile } = await import('./markdown-sources.ts');
    const { png } = await import('../../../tests/support/site-assets.ts');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pictures-'));
    try {
      const guides = path.join(dir, 'content', 'guides');
      fs.mkdirSync(guides, { recursive: true });
      const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("https://example.com/")</script></svg>';
      const files: [string, string | Buffer, boolean][] = [['evil.svg', svg, false], ['disguised.png', svg, false], ['map.png', png(2, 2, [0, 0, 200]), true],
        ['photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]), true], ['png-named.svg', png(2, 2, [9, 9, 9]), false]];
      for (const [name, bytes, ok] of files) {
        fs.writeFileSync(path.join(guides, name), bytes);
        const md = path.join(guides, 'map.md');
        fs.writeFileSync(md, `---\ntitle: 地図\n---\n\n![窓口の地図](./${name})\n`);
        const problems = checkMarkdownFile(md).problems;
        if (ok) expect(problems, name).toEqual([]);
        else expect(problems, name).toEqual([expect.objectContaining({ line: 5, message: expect.stringContaining('使えない形式') })]);
      }
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  });
});

describe('a source made to stall the parser is refused before it is parsed', () => {
  it('the marks whose parsing time grows fastest, repeated past their limits, give one problem at once; just within them, the check ends in seconds (seeded)', () => {
    const r = seeded(5858);
    const head = '---\ntitle: x\n---\n\n';
    const UNITS = ['*a', '[a](', '[', '**a', '_a', '`a', '> ', '*[a](b _c_', 'a~', '- ', '1. ', '- > '];
    for (let n = 0; n < 16; n++) {
      const unit = r.pick(UNITS);
      const over = ['> ', '- ', '1. ', '- > '].includes(unit) ? `${unit.repeat(11 + r.int(8000))}a\n` : unit.repeat(Math.ceil((MARKDOWN_LIMITS.marks + 1 + r.int(200_000)) / [...unit].filter((c) => '*[_`~'.includes(c)).length));
      const body = over.length > MARKDOWN_LIMITS.chars ? over.slice(0, MARKDOWN_LIMITS.chars) : over;
      const start = performance.now();
      const { problems } = checkMarkdown(r.pick(['a.md', 'a.mdx']), head + body);
      expect(performance.now() - start, unit).toBeLessThan(1000);
      expect(problems, unit).toEqual([expect.objectContaining({ message: expect.stringMatching(/多すぎます|深すぎます|長すぎます/) })]);
    }
    const start = performance.now();
    expect(checkMarkdown('a.md', head + '*a'.repeat(MARKDOWN_LIMITS.marks / 2) + '\n\n' + '[a](b) '.repeat(MARKDOWN_LIMITS.marks / 2)).problems).toEqual([]);
    expect(performance.now() - start).toBeLessThan(5000);
  });
});
