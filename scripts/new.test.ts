// `npm run new`: the scaffold has every item of its form with its official number, and validates
// except for exactly the items it lists as 必ず記入; once those are filled it validates clean.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { childSchema, describe as describeItem, FORM_NAMES, FORM_SCHEMAS, resolve, walkForm, type FormName, type SchemaNode } from '../src/lib/form/form-schema.ts';

/** The schema of the item at a data path. */
const walkTo = (root: SchemaNode, p: (string | number)[]) => resolve(p.reduce<SchemaNode | undefined>((n, k) => childSchema(n, k), root));
import { validateFiles } from '../src/lib/content/validate-content.ts';
import { parseYaml } from '../src/lib/content/yaml-source.ts';
import { EDITOR_SCHEMA_DIR } from '../src/lib/content/editor-schema.ts';
import { EDITION_ONLY_NOTE } from '../src/lib/form/scaffold.ts';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const ORG = fs.readFileSync('tests/fixtures/content/organisations/test-shi.yaml', 'utf8');
const FORM_ARG: Record<FormName, string> = { 基礎項目評価書: '基礎項目', 重点項目評価書: '重点項目', 全項目評価書: '全項目' };

const temps: string[] = [];
afterEach(() => { for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

/** A temp content folder, with the organisation file unless told otherwise. */
function contentDir(withOrg = true): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'new-'));
  temps.push(dir);
  if (withOrg) writeOrg(dir);
  return dir;
}
const writeOrg = (dir: string) => { fs.mkdirSync(path.join(dir, 'organisations'), { recursive: true }); fs.writeFileSync(path.join(dir, 'organisations', 'test-shi.yaml'), ORG); };

function runNew(dir: string, form: FormName, number: string, extra: string[] = []) {
  const r = spawnSync(process.execPath, ['scripts/new.ts', '--org', 'test-shi', '--form', FORM_ARG[form], '--number', number, '--out', dir, ...extra], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const file = path.join(dir, 'reports', 'test-shi', `${number}.yaml`);
  return { file, stdout: r.stdout, text: fs.readFileSync(file, 'utf8') };
}

/** The 必ず記入 list as printed: 「  1. 事務分類（12 行目）: …」 on stdout, 「#   - 事務分類（12 行目）: …」 in the file. */
const LISTED = /^(?: {2}\d+\.|# {3}-) (.+?)（(\d+) 行目）: (.+)$/;
function listed(lines: string[]): { item: string; line: number }[] {
  return lines.map((l) => LISTED.exec(l)).filter((m) => !!m).map((m) => ({ item: m[1], line: Number(m[2]) }));
}
const problemsOf = (dir: string, file: string) => validateFiles([file], dir).problems.map((p) => ({ item: p.item, line: p.line }));
const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;

describe('the scaffold validates except for exactly the items it lists', () => {
  it.each(FORM_NAMES)('%s without --category: 事務分類 is listed, fails validation, and once filled the report validates', (form) => {
    const dir = contentDir();
    const { file, stdout, text } = runNew(dir, form, '14');
    const inFile = listed(text.split('\n'));
    const onScreen = listed(stdout.split('\n'));
    expect(inFile).toEqual([{ item: '事務分類', line: text.split('\n').findIndex((l) => l.startsWith('事務分類:')) + 1 }]);
    expect(onScreen).toEqual(inFile);
    expect(problemsOf(dir, file).sort(byLine)).toEqual(inFile);
    // The listed line is marked in place too.
    expect(text.split('\n')[inFile[0].line - 1]).toMatch(/^事務分類:\s+#.*← 必ず記入/);

    fs.writeFileSync(file, text.replace(/^事務分類:/m, '事務分類: 国民年金'));
    expect(problemsOf(dir, file)).toEqual([]);
  });

  it('without the organisation file: the organisation is listed too; each listed item is a problem until filled, nothing else is', () => {
    const dir = contentDir(false);
    const { file, stdout, text } = runNew(dir, '重点項目評価書', 'A-2');
    const items = listed(text.split('\n'));
    expect(items.map((i) => i.item)).toEqual(['事務分類', '評価実施機関']);
    expect(listed(stdout.split('\n'))).toEqual(items);
    expect(stdout).toContain(path.join(dir, 'organisations', 'test-shi.yaml').split(path.sep).join('/'));
    const [category, organisation] = items;
    // Nothing filled: the validator stops at the file's own problem (cross-file checks need a valid file).
    expect(problemsOf(dir, file)).toEqual([category]);
    // Only the organisation file made: again only 事務分類.
    writeOrg(dir);
    expect(problemsOf(dir, file)).toEqual([category]);
    // Only 事務分類 filled: only the organisation.
    fs.rmSync(path.join(dir, 'organisations'), { recursive: true });
    fs.writeFileSync(file, text.replace(/^事務分類:/m, '事務分類: 住民基本台帳'));
    expect(problemsOf(dir, file)).toEqual([organisation]);
    // Both: clean.
    writeOrg(dir);
    expect(problemsOf(dir, file)).toEqual([]);
  });

  it('with --category and the organisation file: nothing to fill, and it validates as it is', () => {
    const dir = contentDir();
    const { file, stdout, text } = runNew(dir, '全項目評価書', '3', ['--category', '国民年金']);
    expect(listed(text.split('\n'))).toEqual([]);
    expect(stdout).toContain('必ず記入するものはありません');
    expect(text).toMatch(/^事務分類: 国民年金 {2}#/m);
    expect(problemsOf(dir, file)).toEqual([]);
  });

  // The edition printed on the cover (［令和７年５月　様式４］) was never written: the scaffold had no line for it.
  it.each(FORM_NAMES)('%s: offers a blank 様式版 line that says what to copy; filled in as printed, it validates', (form) => {
    const dir = contentDir();
    const { file, text } = runNew(dir, form, '5', ['--category', '国民年金']);
    const line = text.split('\n').find((l) => l.startsWith('様式版:'))!;
    expect(line).toMatch(/^様式版: # 様式版: 表紙の右上の［ ］の中/);
    const number = { 基礎項目評価書: '２', 重点項目評価書: '３', 全項目評価書: '４' }[form];
    fs.writeFileSync(file, text.replace(line, `様式版: 令和７年５月　様式${number}`));
    expect(problemsOf(dir, file)).toEqual([]);
  });

  it('offers the 事務分類 already used by other reports', () => {
    const dir = contentDir();
    runNew(dir, '重点項目評価書', '1', ['--category', '国民年金']);
    const { stdout } = runNew(dir, '重点項目評価書', '2');
    expect(stdout).toMatch(/事務分類（\d+ 行目）: .*既にある分類: 国民年金/);
  });

  // A draft has no number yet: 「--number draft-…」 printed 「draft-…」 as its 評価書番号 on its page.
  it.each(FORM_NAMES)('%s --draft: draft-<名前>.yaml with a blank 評価書番号, which validates; a number beginning draft- is refused', (form) => {
    const dir = contentDir();
    const r = spawnSync(process.execPath, ['scripts/new.ts', '--org', 'test-shi', '--form', FORM_ARG[form], '--draft', 'juki', '--category', '国民年金', '--out', dir], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const file = path.join(dir, 'reports', 'test-shi', 'draft-juki.yaml');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/^ {2}評価書番号: #/m);
    expect(problemsOf(dir, file)).toEqual([]);
    const wrong = spawnSync(process.execPath, ['scripts/new.ts', '--org', 'test-shi', '--form', FORM_ARG[form], '--number', 'draft-juki2', '--out', dir], { encoding: 'utf8' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--draft <名前>');
    fs.writeFileSync(file, text.replace(/^ {2}評価書番号: #/m, '  評価書番号: draft-juki #'));
    expect(validateFiles([file], dir).problems.map((p) => p.message)).toEqual([expect.stringContaining('ファイルの名前で、評価書番号ではありません')]);
  });

  it('refuses to overwrite an existing report', () => {
    const dir = contentDir();
    const { file } = runNew(dir, '重点項目評価書', '5', ['--category', '国民年金']);
    fs.writeFileSync(file, '様式: 重点項目評価書\n');
    const r = spawnSync(process.execPath, ['scripts/new.ts', '--org', 'test-shi', '--form', '重点項目', '--number', '5', '--out', dir], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('既にあります');
    expect(fs.readFileSync(file, 'utf8')).toBe('様式: 重点項目評価書\n');
  });
});

/** Every data path of a form's items, as the schema defines them (a repeating group's first entry). */
function schemaItems(root: SchemaNode): (string | number)[][] {
  const out: (string | number)[][] = [];
  const required = new Set<string>(root.required);
  walkForm(root, (v) => {
    if (v.depth === 1 && !required.has(String(v.key))) return false; // 様式版, 転記注記 and other optional top-level keys
    if (typeof v.key === 'number') return v.class === 'group'; // a repeating group's first entry: its items
    out.push(v.path);
    // 変更箇所 rows are added when a change is made: the scaffold starts with none.
    if (v.key === '変更箇所') return false;
  });
  return out;
}

describe('every item of the form is present with its official number', () => {
  it.each(FORM_NAMES)('%s', (form) => {
    const dir = contentDir();
    const { file, text } = runNew(dir, form, '7', ['--category', '国民年金']);
    const root = FORM_SCHEMAS[form].schema;
    const parsed = parseYaml(text);
    expect(parsed.problems).toEqual([]);
    const lines = text.split('\n');
    const items = schemaItems(root);
    expect(items.length).toBeGreaterThan(form === '基礎項目評価書' ? 40 : 150);
    for (const p of items) {
      // present in the data…
      const parent = p.slice(0, -1).reduce<unknown>((d, k) => (d && typeof d === 'object' ? (d as Record<string | number, unknown>)[k] : undefined), parsed.data) as object | undefined;
      expect(parent && Object.hasOwn(parent, p[p.length - 1]), `${p.join('/')} is missing`).toBe(true);
      // …on a line of its own key, whose comment gives the official number and label.
      const line = lines[parsed.locate(p).line - 1];
      const label = describeItem(root, p);
      expect(line, p.join('/')).toMatch(new RegExp(`^\\s*(- )?"?${escapeRe(String(p[p.length - 1]))}"?:.* # ${escapeRe(label)}(${escapeRe(EDITION_ONLY_NOTE)})?( ＜.*＞.*)?(  ←.*)?$`));
    }
    // An item some editions do not print says so, and only such an item.
    const editionOnly = items.filter((p) => !!walkTo(root, p)?.['x-not-in-every-edition']);
    expect(lines.filter((l) => l.includes(EDITION_ONLY_NOTE)).length).toBe(editionOnly.length);
    if (form === '基礎項目評価書') expect(editionOnly.length).toBeGreaterThan(0);
    // Official numbers are really there (not only labels): e.g. Ⅰ 1. ① and the first file's (1).
    expect(text).toContain('# Ⅰ 1. ① 事務の名称');
    if (form !== '基礎項目評価書') expect(text).toMatch(/# Ⅱ \(1\) 2\. ① ファイルの種類/);
    // The first line is the editor's schema line, and it points at the form's editor schema from where the file is.
    const m = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text);
    expect(m).not.toBeNull();
    expect(path.resolve(path.dirname(file), m![1])).toBe(path.resolve(EDITOR_SCHEMA_DIR, FORM_SCHEMAS[form].file));
  });
});

describe('npm run new: guides and notices', () => {
  const run = (args: string[], out: string) => spawnSync(process.execPath, ['scripts/new.ts', ...args, '--out', out], { encoding: 'utf8' });
  it('scaffolds a guide, an MDX guide, an organisation notice and a report notice that pass the Markdown check', async () => {
    const { checkMarkdownFile } = await import('../src/lib/content/markdown-sources.ts');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'new-md-'));
    try {
      fs.cpSync('tests/fixtures/content', out, { recursive: true });
      fs.rmSync(path.join(out, 'organisations/test-shi.md'));
      fs.rmSync(path.join(out, 'reports/test-shi/3.notice.md'));
      for (const [args, file] of [[['--guide', 'how-to'], 'guides/how-to.md'], [['--guide', 'example', '--mdx'], 'guides/example.mdx'], [['--notice', 'test-shi'], 'organisations/test-shi.md'], [['--notice', 'test-shi', '--report', '3'], 'reports/test-shi/3.notice.md']] as const) {
        const r = run([...args], out);
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).toContain(file);
        expect(checkMarkdownFile(path.join(out, file)).problems).toEqual([]);
      }
      expect(run(['--guide', 'how-to'], out).status).toBe(2); // never overwrites
      expect(run(['--notice', 'no-such-org'], out).stderr).toMatch(/がありません/);
    } finally { fs.rmSync(out, { recursive: true, force: true }); }
  });
});
