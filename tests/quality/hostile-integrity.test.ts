// Integrity under hostile input: values that used to pass validation and then crash the build or
// work against a reader (URLs new URL() refuses, mailto: injection, control characters and
// noncharacters), files in the wrong place (badly named or duplicate organisation files, a report in
// another organisation's folder or under another number, symbolic links), YAML tags, directives and
// undefined aliases, CR line ends, huge keys. For every case, `npm run validate` prints a few Japanese
// lines and no stack trace, and `npm run build` exits non-zero with the previous site byte-identical.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../support/global-setup.ts';
import { parseYaml, readYaml } from '../../src/lib/content/yaml-source.ts';
import { seeded } from '../support/seeded.ts';

const FIXTURES = path.resolve('tests/fixtures/content');
const REPORT = 'reports/test-shi/2.yaml';
const ORG = 'organisations/test-shi.yaml';
const base = fs.readFileSync(path.join(FIXTURES, REPORT), 'utf8');
const org = fs.readFileSync(path.join(FIXTURES, ORG), 'utf8');
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const TODAY = '2025-06-01';

/** The fixture report with an open comment period whose route is `route`. */
function withRoute(route: Record<string, string>): string {
  const doc = parseDocument(base);
  doc.set('公開状態', doc.createNode({ 状態: '意見募集中', 意見募集: { 開始日: '2025-05-01', 終了日: '2025-07-31', ...route } }));
  return doc.toString({ lineWidth: 0 });
}
const replaced = (from: string, to: string) => { expect(base).toContain(from); return base.replace(from, to); };
const title = (raw: string) => replaced('  評価書名: テスト事務　重点項目評価書', `  評価書名: ${raw}`);

interface Case { name: string; setup: (dir: string) => void; message: RegExp; absent?: RegExp }
const write = (rel: string, text: string | Buffer) => (dir: string) => { fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true }); fs.writeFileSync(path.join(dir, rel), text); };
const orgNamed = (name: string): Case => ({ name: `organisation file 「${name}」`, setup: write(`organisations/${name}`, org.replace('テスト市長', '偽の市長')), message: /機関ファイルの名前は/ });

const CASES: Case[] = [
  // values
  { name: 'a 提出先URL with port 99999', setup: write(REPORT, withRoute({ 提出先URL: 'https://example.jp:99999/' })), message: /ウェブのアドレスとして読めません/ },
  { name: 'a 提出先URL with host 999.999.999.999', setup: write(REPORT, withRoute({ 提出先URL: 'http://999.999.999.999/' })), message: /ウェブのアドレスとして読めません/ },
  { name: 'a サイトURL that is not http(s) (no regular expression shown)', setup: write(ORG, `${org}サイトURL: ftp://example.jp/\n`), message: /ウェブのアドレスとして読めません/, absent: /\^https|形式:/ },
  { name: 'a 提出先メール that adds a Bcc', setup: write(REPORT, withRoute({ 提出先メール: 'a?bcc=spy%40evil.example&x=@city.example.jp' })), message: /メールアドレスとして読めません/ },
  ...([['U+FFFF', '"テスト\\uFFFF事務"'], ['U+FFFE', '"テスト\\uFFFE事務"'], ['U+0000', '"テスト\\0事務"'], ['U+0007', '"テスト\\a事務"'], ['U+001B', '"テスト\\e事務"'], ['U+0085', '"テスト\\x85事務"'], ['U+009B', '"テスト\\x9b事務"'], ['U+FDD0', '"テスト\\uFDD0事務"'],
    // direction overrides (「左\u202Egnp.exe」 shows as 「左exe.png」) and zero-width characters: text nobody sees
    ['U+202E', '"テスト\\u202E事務"'], ['U+2067', '"テスト\\u2067事務"'], ['U+200B', '"テスト\\u200B事務"'], ['U+200D', '"テスト\\u200D事務"'], ['U+2060', '"テスト\\u2060事務"'], ['U+FEFF', '"テスト\\uFEFF事務"']] as const)
    .map(([cp, raw]): Case => ({ name: `${cp} in 評価書名`, setup: write(REPORT, title(raw)), message: new RegExp(`4 文字目に使えない文字（${cp.replace('+', '\\+')}`) })),
  { name: 'a raw BEL byte in 評価書名', setup: write(REPORT, title('テスト\u0007事務')), message: /使えない文字（U\+0007 BEL）/ },
  { name: 'a value with a line break that forges a validator line', setup: write(REPORT, replaced('    対象人数: 1,000人以上1万人未満', '    対象人数: "x\\nreports/test-shi/2.yaml:1:1  偽の行"')), message: /選択肢にありません/, absent: /^\S*reports\/test-shi\/2\.yaml:1:1 {2}偽の行/m },
  { name: 'a 600,000-character key', setup: write(REPORT, `${base}${'鍵'.repeat(600_000)}: 1\n`), message: /この様式にない見出し/, absent: /鍵{100}/ },
  // organisation files and report paths
  ...['.yaml', '..yaml', '...yaml', '%2e%2e%2f%2e%2e.yaml', 'Test Shi.yaml', 'TEST-SHI.yaml', "o'brien.yaml", '<img src=x onerror=alert(1)>.yaml'].map(orgNamed),
  { name: 'a second file for the same organisation id (.yml)', setup: write('organisations/test-shi.yml', org.replace('テスト市長', '偽の市長')), message: /拡張子は \.yaml/ },
  { name: 'a second file for the same organisation id (subfolder)', setup: write('organisations/zz/test-shi.yaml', org.replace('テスト市長', '偽の市長')), message: /フォルダーは作れません/ },
  { name: 'a report in another folder than its 評価実施機関', setup: (dir) => { fs.mkdirSync(path.join(dir, 'reports/evil')); fs.renameSync(path.join(dir, REPORT), path.join(dir, 'reports/evil/2.yaml')); }, message: /reports\/test-shi\/ に置いてください/ },
  { name: 'a report file not named by its 評価書番号', setup: (dir) => fs.renameSync(path.join(dir, REPORT), path.join(dir, 'reports/test-shi/99.yaml')), message: /評価書ファイルの名前は評価書番号/ },
  { name: 'a report outside reports/<機関>/', setup: write('extra.yaml', base), message: /評価書ファイルは reports\// },
  { name: 'a report that is a symbolic link to a file outside the repository', setup: (dir) => {
    const outside = path.join(path.dirname(dir), `${path.basename(dir)}-outside.yaml`);
    fs.writeFileSync(outside, base.replace('テスト事務', '誰も確かめていない事務'));
    fs.rmSync(path.join(dir, REPORT));
    fs.symlinkSync(outside, path.join(dir, REPORT));
  }, message: /シンボリックリンクは使えません/ },
  // YAML
  { name: 'a !!js/function tag', setup: write(REPORT, replaced('事務分類: 国民年金', '事務分類: !!js/function "function () { return 1 }"')), message: /タグ「!!js\/function」は使えません/ },
  { name: 'a !!python/object/apply tag', setup: write(REPORT, replaced('事務分類: 国民年金', '事務分類: !!python/object/apply:os.system "id"')), message: /タグ「!!python\/object\/apply:os\.system」/ },
  { name: 'a !!binary tag', setup: write(REPORT, replaced('事務分類: 国民年金', '事務分類: !!binary 5Zu95rCR5bm06YeR')), message: /タグ「!!binary」/ },
  { name: 'a custom !x tag', setup: write(REPORT, replaced('事務分類: 国民年金', '事務分類: !x 国民年金')), message: /タグ「!x」/ },
  { name: 'a %TAG directive', setup: write(REPORT, `%TAG !e! tag:evil.example,2025:\n---\n${base.replace('事務分類: 国民年金', '事務分類: !e!x 国民年金')}`), message: /「%TAG !e! tag:evil\.example,2025:」の指示/ },
  { name: 'a %YAML 1.1 directive', setup: write(REPORT, `%YAML 1.1\n---\n${base}`), message: /「%YAML 1\.1」の指示/ },
  { name: 'an undefined alias', setup: write(REPORT, replaced('事務分類: 国民年金', '事務分類: *nope')), message: /エイリアス「\*nope」の元になるアンカー（&nope）がありません/ },
  { name: 'a CR-only file with a syntax error', setup: write(REPORT, replaced('    対象人数: 1,000人以上1万人未満', '    対象人数: [1,000人以上').replace(/\n/g, '\r')), message: /「\[」で始めた一覧/ },
];

let root: string;
beforeAll(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-integrity-')); });
afterAll(() => { if (root) fs.rmSync(root, { recursive: true, force: true }); });

/** Every file of a folder (links as links), with its bytes: equal digests mean a byte-identical tree. */
function treeDigest(dir: string, skip = 'content'): string {
  const hash = crypto.createHash('sha256');
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      if (d === dir && name === skip) continue;
      const p = path.join(d, name);
      const st = fs.lstatSync(p);
      hash.update(`${path.relative(dir, p)}\0${st.isSymbolicLink() ? `->${fs.readlinkSync(p)}` : st.isDirectory() ? 'dir' : ''}\0`);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) hash.update(fs.readFileSync(p));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

describe('hostile input: validate names it in Japanese, build keeps the previous site', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const project = path.join(root, c.name.replace(/[^a-z0-9]+/gi, '-') + crypto.randomBytes(3).toString('hex'));
    const content = path.join(project, 'content');
    fs.cpSync(FIXTURES, content, { recursive: true });
    c.setup(content);

    // npm run validate (the CLI reads ./content)
    const validate = spawnSync(process.execPath, [path.resolve('scripts/validate.ts')], { cwd: project, encoding: 'utf8', env: { ...process.env, SITE_TODAY: TODAY } });
    const printed = `${validate.stdout}${validate.stderr}`;
    expect(validate.status, printed).toBe(1);
    expect(printed).not.toMatch(/^\s+at |Error:|TypeError|node:internal/m);
    // (the fixtures' own notes, 「[注意]」 lines about answers that contradict each other, are not about the input)
    const lines = printed.split('\n').filter((l) => l.trim() && !l.includes('  [注意] '));
    expect(lines.length, printed).toBeLessThanOrEqual(4);
    for (const l of lines) expect(l, l).toMatch(JAPANESE);
    for (const l of lines) expect(l.length, 'a line of reasonable length').toBeLessThan(400);
    expect(printed).toMatch(c.message);
    if (c.absent) expect(printed).not.toMatch(c.absent);
    // columns point inside their line
    for (const m of printed.matchAll(/\.ya?ml:(\d+):(\d+) /g)) expect(Number(m[2])).toBeLessThan(200);

    // npm run build: exits non-zero, the last good site (dist → its folder) is byte-identical
    const dist = path.join(project, 'dist');
    fs.mkdirSync(path.join(project, '.dist.sites/1-1/reports'), { recursive: true });
    fs.writeFileSync(path.join(project, '.dist.sites/1-1/index.html'), '<p>last good site</p>');
    fs.writeFileSync(path.join(project, '.dist.sites/1-1/reports/a.html'), 'a');
    fs.symlinkSync('.dist.sites/1-1', dist);
    const before = treeDigest(project);
    const build = buildSite(content, dist, { SITE_TODAY: TODAY });
    expect(build.status, build.output).toBe(1);
    expect(build.output).not.toMatch(/^\s+at |TypeError|node:internal/m);
    expect(build.output).toMatch(c.message);
    expect(build.output).toContain('以前の');
    expect(treeDigest(project)).toBe(before);
  });
});

describe('line ends', () => {
  it('CR-only, CRLF and mixed files read to the same data as LF, in both readers, with the same positions (seeded)', () => {
    const r = seeded(1810);
    const lines = base.split('\n');
    for (let i = 0; i < 40; i++) {
      const text = lines.map((l, j) => l + (j < lines.length - 1 ? r.pick(['\n', '\r\n', '\r']) : '')).join('');
      const fast = readYaml(text);
      const full = parseYaml(text);
      expect(fast.problems).toEqual([]);
      expect(full.problems).toEqual([]);
      expect(fast.data).toEqual(readYaml(base).data);
      expect(full.data).toEqual(fast.data);
      expect(full.locate(['表紙', '評価書名'])).toEqual(parseYaml(base).locate(['表紙', '評価書名']));
    }
  });
  it('a block scalar with a lone CR reads the same in both readers', () => {
    expect(readYaml('a: |-\n  x\r  y\n').data).toEqual({ a: 'x\ny' });
    expect(parseYaml('a: |-\n  x\r  y\n').data).toEqual({ a: 'x\ny' });
  });
});
