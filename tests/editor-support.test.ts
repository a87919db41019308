// Editor support (VS Code + redhat.vscode-yaml): every report names its form's editor schema on its first
// line, organisation files are mapped to theirs by the workspace settings, and the settings keep Japanese
// text and line endings as they are. Then the real yaml-language-server, driven over stdio, on a scaffold
// made by `npm run new` and on a report with mistakes: Japanese messages with official item numbers in
// the validator's wording, the choices completed right after 「key: 」, and never 「null」.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listYaml } from '../src/lib/content/content-files.ts';
import { FORM_NAMES, FORM_SCHEMAS, childSchema, choiceOptions, describe as describeItem, formOf, type FormName } from '../src/lib/form/form-schema.ts';
import { parseJapaneseDate } from '../src/lib/form/wareki.ts';
import { validateText } from '../src/lib/content/validate.ts';
import { YamlLanguageServer, type Diagnostic } from './support/yaml-ls.ts';
import { parseYaml } from '../src/lib/content/yaml-source.ts';
import { EDITOR_SCHEMA_DIR } from '../src/lib/content/editor-schema.ts';

/** VS Code's settings files are JSON with comments: drop the whole-line // comments. */
const jsonc = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8').split('\n').filter((l) => !/^\s*\/\//.test(l)).join('\n'));
const SCHEMA_LINE = /^# yaml-language-server: \$schema=(\S+)$/;

describe('the schema line', () => {
  const reports = [...listYaml('content/reports'), ...listYaml('tests/fixtures/content/reports')];
  it('there are reports to check', () => expect(reports.length).toBeGreaterThan(3));
  it.each(reports)('%s starts with the schema line of its form', (file) => {
    const text = fs.readFileSync(file, 'utf8');
    const m = SCHEMA_LINE.exec(text.split('\n')[0]);
    expect(m, 'first line').not.toBeNull();
    const form = formOf(parseYaml(text).data);
    expect(form).toBeDefined();
    expect(path.resolve(path.dirname(file), m![1])).toBe(path.resolve(EDITOR_SCHEMA_DIR, FORM_SCHEMAS[form!].file));
  });
});

describe('.vscode', () => {
  const settings = jsonc('.vscode/settings.json');
  it('maps organisation files to their schema, which exists', () => {
    const entries = Object.entries(settings['yaml.schemas'] as Record<string, string | string[]>);
    const org = entries.find(([schema]) => path.resolve(schema) === path.resolve(EDITOR_SCHEMA_DIR, 'organisation.schema.json'));
    expect(org).toBeDefined();
    expect([org![1]].flat()).toContain('content/organisations/*.yaml');
    expect(fs.existsSync(org![0])).toBe(true);
    expect(listYaml('content/organisations').length).toBeGreaterThan(0);
  });
  it('validates, completes and hovers from the local schemas only', () => {
    expect(settings).toMatchObject({ 'yaml.validate': true, 'yaml.hover': true, 'yaml.completion': true, 'yaml.schemaStore.enable': false });
  });
  it('keeps Japanese text as written: UTF-8, LF, no re-wrapping, no trailing-space trimming in YAML', () => {
    expect(settings).toMatchObject({ 'files.encoding': 'utf8', 'files.autoGuessEncoding': false, 'files.eol': '\n', 'yaml.format.proseWrap': 'preserve' });
    expect(settings['[yaml]']).toMatchObject({ 'editor.insertSpaces': true, 'editor.tabSize': 2, 'files.trimTrailingWhitespace': false });
  });
  it('recommends the YAML extension', () => {
    expect(jsonc('.vscode/extensions.json').recommendations).toContain('redhat.vscode-yaml');
  });
});

describe('yaml-language-server (over stdio) on what staff edit', () => {
  let ls: YamlLanguageServer;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'editor-'));
  fs.mkdirSync(path.join(dir, 'organisations'));
  fs.copyFileSync('tests/fixtures/content/organisations/test-shi.yaml', path.join(dir, 'organisations', 'test-shi.yaml'));
  const FORM_ARG: Record<FormName, string> = { 基礎項目評価書: '基礎項目', 重点項目評価書: '重点項目', 全項目評価書: '全項目' };
  /** A fresh scaffold made by `npm run new`. */
  const scaffold = (form: FormName, number: string) => {
    const r = spawnSync(process.execPath, ['scripts/new.ts', '--org', 'test-shi', '--form', FORM_ARG[form], '--number', number, '--out', dir], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const file = path.join(dir, 'reports', 'test-shi', `${number}.yaml`);
    return { file, text: fs.readFileSync(file, 'utf8') };
  };
  beforeAll(async () => { ls = new YamlLanguageServer(process.cwd()); await ls.start(); }, 60_000);
  afterAll(() => { ls?.close(); fs.rmSync(dir, { recursive: true, force: true }); });

  const shown = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1}: ${d.message}`).sort();
  /** Japanese, no English library text (the date format YYYY-MM-DD is the one Latin word allowed). */
  const expectJapanese = (ds: Diagnostic[]) => {
    for (const d of ds) {
      expect(d.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
      expect(d.message.replace(/YYYY-MM(-DD)?/g, ''), d.message).not.toMatch(/[A-Za-z]{3,}/);
    }
  };
  const lineOf = (text: string, re: RegExp) => text.split('\n').findIndex((l) => re.test(l));
  const JUTEN = FORM_SCHEMAS['重点項目評価書'].schema;
  const PEOPLE = ['基本情報', '特定個人情報ファイルを取り扱う事務', '対象人数'];

  it('a fresh scaffold: the editor says exactly what npm run validate says, on the same lines', async () => {
    const { file, text } = scaffold('重点項目評価書', '101');
    const ds = await ls.open(file, text);
    const cli = validateText(file, text, 'report').problems;
    expect(cli.length).toBeGreaterThan(0); // 事務分類 must be filled
    expect(shown(ds)).toEqual(cli.map((p) => `${p.line}: ${p.item ? `${p.item}: ` : ''}${p.message}`).sort());
    expectJapanese(ds);
  }, 60_000);

  it('completes the choices right after 「対象人数: 」 in the scaffold, and nothing is null', async () => {
    const { file, text } = scaffold('重点項目評価書', '102');
    await ls.open(file, text);
    const line = lineOf(text, /^\s+対象人数: #/);
    const character = text.split('\n')[line].indexOf('対象人数: ') + '対象人数: '.length;
    const items = await ls.complete(file, line, character);
    const options = choiceOptions(PEOPLE.reduce((s, k) => childSchema(s, k)!, JUTEN));
    expect(options.length).toBeGreaterThan(3);
    expect(items.map((i) => i.label)).toEqual(options);
  }, 60_000);

  it.each(FORM_NAMES)('%s scaffold: every ＜選択肢＞ line completes its listed options, and no empty item offers null', async (form) => {
    const { file, text } = scaffold(form, String(200 + FORM_NAMES.indexOf(form)));
    await ls.open(file, text);
    const lines = text.split('\n');
    let choices = 0;
    for (const [i, l] of lines.entries()) {
      const m = /^(\s*(?:- )?)("?[^\s:#"]+"?): #.*?(?:＜選択肢＞ (.*))?$/.exec(l);
      if (!m) continue;
      const items = await ls.complete(file, i, m[1].length + m[2].length + 2);
      const labels = items.map((c) => c.label);
      expect(labels, `${i + 1}: ${l}`).not.toContain('null');
      expect(items.map((c) => c.insertText ?? c.textEdit?.newText ?? ''), `${i + 1}: ${l}`).not.toContainEqual(expect.stringMatching(/^null\b/));
      if (m[3] !== undefined) { expect(labels, `${i + 1}: ${l}`).toEqual(m[3].split(' / ')); choices++; }
    }
    expect(choices).toBeGreaterThan(5);
  }, 300_000);

  it('a report with mistakes: Japanese messages with the official item number, in the validator\'s wording', async () => {
    const { file, text } = scaffold('重点項目評価書', '103');
    const WAREKI = '令和7年4月1日';
    const bad = text
      .replace(/^事務分類:.*$/m, '事務分類: 国民年金')
      .replace(/^(\s+)対象人数: #/m, '$1対象人数: 1万人以上 #')
      .replace(/^(\s+)公表日: #/m, `$1公表日: ${WAREKI} #`)
      .replace(/^(\s+)事務の名称:/m, '$1事務の名前:');
    const ds = await ls.open(file, bad);
    const cli = validateText(file, bad, 'report').problems;
    expectJapanese(ds);
    const at = (re: RegExp) => ds.filter((d) => d.range.start.line === lineOf(bad, re)).map((d) => d.message);
    const cliAt = (re: RegExp) => cli.filter((p) => p.line === lineOf(bad, re) + 1);

    // A wrong choice: the item's number, and the same list of choices as the CLI gives.
    const choice = at(/^\s+対象人数: 1万人以上/);
    const people = describeItem(JUTEN, PEOPLE);
    expect(people).toBe('Ⅰ 1. ③ 対象人数');
    expect(choice).toHaveLength(1);
    expect(choice[0].startsWith(`${people}: `)).toBe(true);
    const cliChoice = cliAt(/^\s+対象人数: 1万人以上/)[0].message;
    expect(choice[0].endsWith(cliChoice.slice(cliChoice.indexOf(' 選択肢: ')))).toBe(true);

    // A 和暦 date: the item, the CLI's sentence, and how that date is written (2025-04-01).
    const date = at(/^\s+公表日: 令和/);
    expect(date).toHaveLength(1);
    expect(date[0]).toMatch(/^表紙 公表日: /);
    expect(date[0]).toContain('日付として読めません。YYYY-MM-DD の形式で書いてください');
    expect(date[0]).toContain(`「${WAREKI}」なら ${parseJapaneseDate(WAREKI)}`);
    expect(cliAt(/^\s+公表日: 令和/)[0].message).toContain('日付として読めません。YYYY-MM-DD の形式で書いてください');

    // A misspelt heading: said at the heading, with its group's number; the real item is missing.
    const heading = at(/^\s+事務の名前:/);
    expect(heading).toHaveLength(1);
    expect(heading[0]).toMatch(/^Ⅰ 1\. 特定個人情報ファイルを取り扱う事務: この様式にない見出しです。この下の見出しは 「事務の名称」/);
    expect(ds.map((d) => d.message)).toContain(`Ⅰ 1. ① 事務の名称: 必須の項目「事務の名称」がありません。「事務の名称:」の行を書いてください（記載がない場合も行を書き、値を空にします）`);
    expect(cli.map((p) => p.message).join('\n')).toContain('「事務の名前」はこの様式にない見出しです');
    // Nothing else: 事務分類 is filled now.
    expect(ds).toHaveLength(4);
  }, 60_000);
});
