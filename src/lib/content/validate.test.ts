import { JOINED_NOTE } from './yaml-source.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { emailMessage, formatProblem, isLgCode, lgCheckDigit, validateBytes, validateText } from './validate.ts';
import { seeded } from '../../../tests/support/seeded.ts';
import { ORGANISATION_SCHEMA, childSchema, resolve } from '../form/form-schema.ts';

const FIXTURES = path.resolve('tests/fixtures/content');
const read = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
const juten = read('reports/test-shi/2.yaml');
const zenkomoku = read('reports/test-shi/3.yaml');

/** Replaces one exact, unique line fragment and returns the new text and the 1-based line it is on. */
function mutate(text: string, from: string, to: string): { text: string; line: number } {
  expect(text.split(from).length - 1, `「${from}」 must occur once`).toBe(1);
  const out = text.replace(from, to);
  return { text: out, line: out.slice(0, out.indexOf(to)).split('\n').length };
}
const check = (text: string) => validateText('r.yaml', text, 'report').problems;

describe('valid reports', () => {
  it.each(['2.yaml', '3.yaml', '4.yaml'])('fixture %s of its form passes', (f) => {
    expect(check(read(`reports/test-shi/${f}`))).toEqual([]);
  });
  it('accepts the three states of an item: blank, missing from the source, illegible', () => {
    // blank
    const blank = mutate(juten, '  特記事項: |-\n    特記事項の記載例。\n    ・箇条書き一つ目\n    ・箇条書き二つ目\n', '  特記事項:\n').text;
    expect(check(blank)).toEqual([]);
    const missing = mutate(juten, '  特記事項: |-\n    特記事項の記載例。\n    ・箇条書き一つ目\n    ・箇条書き二つ目\n', '  特記事項: {記載状態: 原文欠落, 注記: 抽出テキストにない}\n').text;
    expect(check(missing)).toEqual([]);
    const illegible = mutate(juten, '    対象人数: 1,000人以上1万人未満', '    対象人数: {記載状態: 判読不能, 原文: "10万人以上"}').text;
    expect(check(illegible)).toEqual([]);
  });
  it('accepts a draft without 公表日 and change rows without 変更日', () => {
    const draft = mutate(juten, '  公表日: 2025-04-25', '  公表日:').text;
    expect(check(draft)).toEqual([]);
  });
});

describe('each class of bad input gives one line naming the line and the official item', () => {
  it('wrong type', () => {
    const { text, line } = mutate(zenkomoku, '      入手に係る妥当性: |-\n        入手に係る妥当性の記載例。\n        ・箇条書き一つ目\n        ・箇条書き二つ目', '      入手に係る妥当性: 123');
    const problems = check(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line, item: 'Ⅱ (1) 3. ④ 入手に係る妥当性' });
    expect(problems[0].message).toContain('テキスト');
  });
  it('unknown key, with a もしかして suggestion', () => {
    const { text, line } = mutate(juten, '  他の評価実施機関: |-', '  他の評価実施期間: |-');
    const problems = check(text);
    const unknown = problems.find((p) => p.message.includes('この様式にない見出し'))!;
    expect(unknown).toMatchObject({ line, item: 'Ⅰ 基本情報' });
    expect(unknown.message).toContain('もしかして「他の評価実施機関」');
    // ...and the real key is reported missing, also by its official number.
    expect(problems.some((p) => p.item === 'Ⅰ 7. 他の評価実施機関' && p.message.includes('必須'))).toBe(true);
  });
  it('bad choice lists the allowed options', () => {
    const { text, line } = mutate(juten, '    対象人数: 1,000人以上1万人未満', '    対象人数: 10万人以上30万人');
    const [p] = check(text);
    expect(p).toMatchObject({ line, item: 'Ⅰ 1. ③ 対象人数' });
    expect(p.message).toContain('もしかして「10万人以上30万人未満」');
    expect(p.message).toContain('「1,000人未満」');
  });
  it('a checkbox that is not on the form', () => {
    const { text, line } = mutate(juten, '        - その他: 他のシステムとの接続の記入例\n    - システムの名称: |-\n        システムの名称の記載例2。', '        - 住基ネット\n    - システムの名称: |-\n        システムの名称の記載例2。');
    const problems = check(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line, item: 'Ⅰ 2. システム1 ③ 他のシステムとの接続' });
  });
  it('missing required item', () => {
    const { text } = mutate(juten, '      事務担当部署: |-\n        事務担当部署の記載例。\n        ・箇条書き一つ目\n        ・箇条書き二つ目\n', '');
    const problems = check(text);
    expect(problems).toHaveLength(1);
    expect(problems[0].item).toBe('Ⅱ (1) 2. ⑥ 事務担当部署');
    expect(problems[0].message).toContain('必須の項目「事務担当部署」');
  });
  it('bad date, with the ISO form of a 和暦 date', () => {
    const { text, line } = mutate(juten, '  公表日: 2025-04-25', '  公表日: 令和7年4月25日');
    const [p] = check(text);
    expect(p).toMatchObject({ line, item: '表紙 公表日' });
    expect(p.message).toContain('2025-04-25');
    const impossible = mutate(juten, '  公表日: 2025-04-25', '  公表日: 2025-02-30');
    expect(check(impossible.text)[0]).toMatchObject({ line: impossible.line, item: '表紙 公表日' });
  });
  it('syntax error', () => {
    const { text, line } = mutate(juten, '    対象人数: 1,000人以上1万人未満', '    対象人数: [1,000人以上');
    const problems = check(text);
    expect(problems.length).toBeGreaterThanOrEqual(1);
    expect(problems[0].message).toMatch(/「\[」で始めた一覧が「\]」で閉じられていません/);
    expect(problems[0].line).toBeGreaterThanOrEqual(line);
  });
  it('duplicate key', () => {
    const { text, line } = mutate(juten, '    対象人数: 1,000人以上1万人未満', '    対象人数: 1,000人以上1万人未満\n    対象人数: 1万人以上10万人未満');
    const [p] = check(text);
    expect(p.message).toBe(`見出し「対象人数」が 2 回書かれています（最初は ${line} 行目）。どちらかを消すか、字下げを確かめてください`);
    expect(p.line).toBe(line + 1);
  });
  it('a file that is not UTF-8', () => {
    const sjis = Uint8Array.from([0x97, 0x6c, 0x8e, 0xae, 0x3a, 0x20, 0x8f, 0x64, 0x93, 0x5f]); // 「様式: 重点」 in Shift_JIS
    const { problems } = validateBytes('sjis.yaml', sjis, 'report');
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('UTF-8');
  });
  it('an unknown form', () => {
    const { text, line } = mutate(juten, '様式: 重点項目評価書', '様式: 重点項目評価');
    const [p] = check(text);
    expect(p.line).toBe(line);
    expect(p.message).toContain('もしかして「重点項目評価書」');
  });
});

describe('organisation files', () => {
  const org = read('organisations/test-shi.yaml');
  it('keep a leading-zero code as a string and check its check digit', () => {
    expect(isLgCode('011002')).toBe(true); // 札幌市
    expect(isLgCode('431001')).toBe(true); // 熊本市
    expect(isLgCode('431002')).toBe(false);
    // A weighted sum divisible by 11: the check digit is the ones digit of 11 (浦安市).
    expect(isLgCode('122271')).toBe(true);
    expect(isLgCode('122270')).toBe(false);
    const zero = org.replace('"999997"', '011002').replace('都道府県: 東京都', '都道府県: 北海道');
    expect(validateText('o.yaml', zero, 'organisation').problems).toEqual([]);
  });
  it('reject a wrong check digit', () => {
    const [p] = validateText('o.yaml', org.replace('"999997"', '"999990"'), 'organisation').problems;
    expect(p.message).toContain('検査数字');
  });
});

describe('npm run validate', () => {
  it('prints one line per problem and exits 1; exits 0 on clean content', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-'));
    fs.cpSync(FIXTURES, dir, { recursive: true });
    const bad = path.join(dir, 'reports/test-shi/2.yaml');
    let t = mutate(juten, '    対象人数: 1,000人以上1万人未満', '    対象人数: 30万人以上').text;
    t = mutate(t, '  公表日: 2025-04-25', '  公表日: 2025/4/25').text;
    t = mutate(t, '  他の評価実施機関: |-', '  他の評価実施期間: |-').text;
    fs.writeFileSync(bad, t);
    const run = (files: string[]) => spawnSync(process.execPath, ['scripts/validate.ts', ...files], { encoding: 'utf8' });
    const failed = run([bad]);
    expect(failed.status).toBe(1);
    const lines = failed.stdout.split('\n').filter((l) => l.includes('.yaml:'));
    expect(lines).toHaveLength(4);
    for (const l of lines) expect(l).toMatch(/^\S+\.yaml:\d+:\d+  \S.*: .+/);
    expect(failed.stdout).toContain('Ⅰ 1. ③ 対象人数: 「30万人以上」は選択肢にありません');
    const clean = run([path.join(dir, 'reports/test-shi/3.yaml')]);
    expect(clean.stdout).toContain('問題はありません');
    expect(clean.status).toBe(0);
  });
  it('formats a problem as path:LINE:COL  item: message', () => {
    expect(formatProblem({ file: 'a.yaml', line: 3, col: 5, item: 'Ⅱ (1) 3. ④ 入手に係る妥当性', message: 'x' })).toBe('a.yaml:3:5  Ⅱ (1) 3. ④ 入手に係る妥当性: x');
  });
});

describe('forbidden characters in keys and values (seeded texts)', () => {
  // Whatever way a control character, noncharacter or lone surrogate gets into a key or value (written
  // as it is, or made by a double-quoted escape), the validator reports it, and only then: the check
  // that skips reports whose text holds none must never skip one that does.
  const pieces = ['日本', 'a', ' ', '"', "'", '\\', 'x01', 'N', 'u0007', 'uFFFE', 'uD800', '\u0007', '\u0085', '\uFFFE', '\uD800', '\uDC00', '\uD83D\uDE00', '\t', '\u3000', '0'];
  const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)]) : []);
  it('reports exactly the documents whose data holds one', async () => {
    const { seeded } = await import('../../../tests/support/seeded.ts');
    const { forbiddenCharacter } = await import('./value-rules.ts');
    const { readYaml } = await import('./yaml-source.ts');
    const r = seeded(23);
    let bad = 0;
    let good = 0;
    for (let n = 0; n < 3_000; n++) {
      const scalar = () => Array.from({ length: 1 + r.int(4) }, () => r.pick(pieces)).join('');
      const quote = r.pick(['plain', 'double', 'single']);
      const value = quote === 'double' ? `"${scalar().replace(/"/g, '')}"` : quote === 'single' ? `'${scalar().replace(/'/g, '')}'` : `日${scalar().replace(/["'\\]/g, '')}`;
      const key = r.int(4) ? '表紙' : `見${scalar().replace(/["'\\ ]/g, '')}`;
      const text = `様式: 重点項目評価書\n${key}:\n  評価書名: ${value}\n`;
      const parsed = readYaml(text);
      if (parsed.problems.length) continue;
      const expected = strings(parsed.data).some((s) => forbiddenCharacter(s));
      const reported = check(text).some((p) => p.message.includes('使えない文字'));
      expect(reported, JSON.stringify(text)).toBe(expected);
      if (expected) bad++; else good++;
    }
    expect(bad).toBeGreaterThan(300);
    expect(good).toBeGreaterThan(300);
  });
});

describe('checks between items that the schema cannot state', () => {
  const organisation = fs.readFileSync('content/organisations/kumamoto-shi.yaml', 'utf8');
  const commented = fs.readFileSync('content/reports/kumamoto-shi/1.yaml', 'utf8');
  it('an organisation\'s 全国地方公共団体コード begins with its prefecture\'s code', () => {
    expect(validateText('o.yaml', organisation, 'organisation').problems).toEqual([]);
    const { text, line } = mutate(organisation, '都道府県: 熊本県', '都道府県: 福岡県');
    expect(validateText('o.yaml', text, 'organisation').problems).toEqual([{
      file: 'o.yaml', line: line + 1, col: 1, item: '全国地方公共団体コード',
      message: '全国地方公共団体コード「431001」は熊本県のコード（43）で始まっています。都道府県「福岡県」の団体のコードは 40 で始まります。どちらかを直してください',
    }]);
  });
  it('every prefecture, with codes of its own and of others (seeded)', () => {
    const prefectures = resolve(childSchema(ORGANISATION_SCHEMA, '都道府県'))!.enum as string[];
    expect(prefectures).toHaveLength(47);
    const r = seeded(47);
    for (const [i, name] of prefectures.entries()) {
      const other = r.int(47);
      const code = (n: number) => { const five = String(n + 1).padStart(2, '0') + String(100 + r.int(900)); return five + lgCheckDigit(five); };
      const org = (c: string) => validateText('o.yaml', `名称: 試験市長\n種別: 地方公共団体\n団体名: 試験市\n都道府県: ${name}\n全国地方公共団体コード: "${c}"\n`, 'organisation').problems;
      expect(org(code(i)), name).toEqual([]);
      if (other !== i) expect(org(code(other)).map((p) => p.item), name).toEqual(['全国地方公共団体コード']);
    }
  });
  it('a code written without quotes, or of five digits, is told the text to write, which passes (seeded)', () => {
    const prefectures = resolve(childSchema(ORGANISATION_SCHEMA, '都道府県'))!.enum as string[];
    const r = seeded(59);
    const org = (name: string, written: string) => validateText('o.yaml', `名称: 試験市長\n種別: 地方公共団体\n団体名: 試験市\n都道府県: ${name}\n全国地方公共団体コード: ${written}\n`, 'organisation').problems;
    for (let n = 0; n < 200; n++) {
      const i = r.int(47);
      const five = String(i + 1).padStart(2, '0') + String(r.int(1000)).padStart(3, '0');
      const six = five + lgCheckDigit(five);
      for (const written of [five, `"${five}"`, six]) {
        const problems = org(prefectures[i], written);
        // (digits that begin with 0 are read as text without quotes: 「012345」 is a code as written)
        if (written === six && six.startsWith('0')) { expect(problems, written).toEqual([]); continue; }
        expect(problems, written).toHaveLength(1);
        // (the advice names the six digits to write, in quotes; never a leading 0 the value did not have)
        const advised = /「("\d{6}")」/.exec(problems[0].message)?.[1];
        expect(advised, problems[0].message).toBe(`"${six}"`);
        expect(problems[0].message).not.toContain('先頭の 0');
        expect(org(prefectures[i], advised!), advised).toEqual([]);
      }
    }
  });
  it('a comment period ends on or after the day it starts', () => {
    expect(check(commented)).toEqual([]);
    const { text, line } = mutate(commented, '    終了日: 2026-01-05', '    終了日: 2025-11-05');
    expect(check(text)).toEqual([{ file: 'r.yaml', line, col: 5, item: expect.stringContaining('終了日'), message: '終了日 2025-11-05 が開始日 2025-12-01 より前です。意見募集の期間を確かめて直してください' }]);
    expect(check(mutate(commented, '    終了日: 2026-01-05', '    終了日: 2025-12-01').text)).toEqual([]);
  });
});

describe('a date that may be a month', () => {
  it('gets one message, with the date written the right way when it can be read', () => {
    for (const [written, hint] of [['2015/12', '（「2015/12」なら 2015-12）'], ['平成28年1月1日', '（「平成28年1月1日」なら 2016-01-01）'],
      // (words around a date are kept with 表記, and the date it reads is given with it)
      ['平成29年4月1日予定', '。原本の書き方（「予定」「年度中」など）を残すときは {表記: 平成29年4月1日予定, 日付: 2017-04-01} と書きます'],
      ['昨年', '。原本の書き方（「予定」「年度中」など）を残すときは {表記: 昨年} と書きます（日付が決まらないときは「日付」を書きません）']]) {
      // (the first file's; the second one has the same lines)
      const text = juten.replace('      保有開始日:\n        表記: 令和7年4月予定\n        日付: 2025-04', `      保有開始日: ${written}`);
      const line = text.slice(0, text.indexOf(`保有開始日: ${written}`)).split('\n').length;
      expect(check(text), written).toEqual([{ file: 'r.yaml', line, col: 7, item: expect.stringContaining('保有開始日'), message: `「${written}」は日付として読めません。YYYY-MM-DD か YYYY-MM で書いてください${hint}` }]);
    }
  });
});

describe('a choice written the wrong way', () => {
  const at = (to: string) => { const { text, line } = mutate(juten, '    対象人数: 1,000人以上1万人未満', to); return { problems: check(text), line }; };
  it('as a list of one right choice: the 「- 」 is the mistake, not the choice', () => {
    const { problems, line } = at('    対象人数:\n      - 1万人以上10万人未満');
    expect(problems).toEqual([{ file: 'r.yaml', line, col: 5, item: 'Ⅰ 1. ③ 対象人数', message: '選択肢は「- 」を付けずに、見出しの後に 1 つだけ書きます（「対象人数: 1万人以上10万人未満」）' }]);
  });
  it('as an empty string: how to leave it blank, or the choices', () => {
    const [p] = at('    対象人数: ""').problems;
    expect(p.message).toMatch(/^値が空の文字列です。空欄なら値を書かずに「対象人数:」だけにし、そうでなければ選択肢から 1 つ書いてください。選択肢: 「1,000人未満」/);
  });
});

describe('a missing item with items under it', () => {
  it('asks for the heading and its items, not for an empty value (which would be refused next)', () => {
    const lines = juten.split('\n');
    const at = lines.indexOf('  評価実施機関における担当部署:');
    // (the heading and every line under it)
    let end = at + 1;
    while (/^ {3,}/.test(lines[end])) end++;
    const text = [...lines.slice(0, at), ...lines.slice(end)].join('\n');
    const missing = check(text).find((p) => p.message.startsWith('必須の項目「評価実施機関における担当部署」'))!;
    expect(missing.message).toContain('「評価実施機関における担当部署:」の行と、その下に字下げして、その中の項目を書いてください');
    expect(check(text).filter((p) => p.message.includes('値を空にします'))).toEqual([]);
  });
});

describe('a file named on the command line that is not there', () => {
  it('says so in words, not by an error code', async () => {
    const { readContentFile } = await import('./content-files.ts');
    expect(() => readContentFile(path.join(FIXTURES, 'reports/test-shi/99.yaml'), FIXTURES)).toThrow('ファイルがありません。ファイル名と場所を確かめてください');
  });
  it.each(['99.yaml', 'reports/99.yaml', 'organisations/x/y.yaml'])('is told missing before where files belong: %s', async (name) => {
    const { checkFile } = await import('./validate-content.ts');
    expect(checkFile(path.join(FIXTURES, name)).problems.map((p) => p.message)).toEqual(['ファイルがありません。ファイル名と場所を確かめてください']);
  });
});

describe('a list where an item without a type takes one choice', () => {
  it('is refused (公開状態 → 状態)', () => {
    const commented = fs.readFileSync('content/reports/kumamoto-shi/1.yaml', 'utf8');
    const { text, line } = mutate(commented, '  状態: 意見募集終了・確定待ち', '  状態:\n    - 意見募集終了・確定待ち');
    const problems = check(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].line).toBe(line);
  });
});

describe('a report copied to a second file (the same 機関・様式・評価書番号)', () => {
  // A copy saved as 2-2.yaml: both files are told, each naming the other, and a run over the copy alone
  // finds its original in its folder (which of the two is the copy, only the clerk knows).
  const tree = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copy-'));
    fs.cpSync(FIXTURES, path.join(dir, 'content'), { recursive: true });
    fs.copyFileSync(path.join(dir, 'content/reports/test-shi/2.yaml'), path.join(dir, 'content/reports/test-shi/2-2.yaml'));
    // what else an editor or a clerk leaves in a folder: a lock link to nowhere, a folder named .yaml
    fs.symlinkSync('nowhere', path.join(dir, 'content/reports/test-shi/.#2.yaml'));
    fs.mkdirSync(path.join(dir, 'content/reports/test-shi/old.yaml'));
    return dir;
  };
  const validate = (dir: string, files: string[]) => spawnSync(process.execPath, [path.resolve('scripts/validate.ts'), ...files], { cwd: dir, encoding: 'utf8', env: { ...process.env, CONTENT_CACHE_DIR: path.join(dir, 'cache') } });
  it('tells both files in a full run, and the copy in a run over it alone', () => {
    const dir = tree();
    try {
      const full = validate(dir, []);
      expect(full.status).toBe(1);
      const told = full.stdout.split('\n').filter((l) => l.includes('と同じ評価実施機関・様式・評価書番号'));
      expect(told.map((l) => l.split(':')[0]).sort()).toEqual(['content/reports/test-shi/2-2.yaml', 'content/reports/test-shi/2.yaml']);
      const alone = validate(dir, ['content/reports/test-shi/2-2.yaml']);
      expect(alone.status).toBe(1);
      expect(alone.stdout).toContain('content/reports/test-shi/2-2.yaml:');
      expect(alone.stdout).toContain('content/reports/test-shi/2.yaml と同じ評価実施機関・様式・評価書番号です');
      // the original alone is told of its copy too
      expect(validate(dir, ['content/reports/test-shi/2.yaml']).stdout).toContain('content/reports/test-shi/2-2.yaml と同じ');
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  }, 60_000);
});

describe('様式版', () => {
  // As copied from a cover: any blanks between and around the parts (full-width, tab, no-break).
  const withEdition = (edition: string) => validateText('x.yaml', fs.readFileSync(path.join(FIXTURES, 'reports/test-shi/4.yaml'), 'utf8').replace(/^様式: 基礎項目評価書$/m, `様式: 基礎項目評価書\n様式版: "${edition}"`), 'report').problems.map((p) => p.message);
  it('takes the edition as the cover prints it, blanks of any kind included', () => {
    for (const e of ['令和７年５月　様式２', '令和7年5月 様式2', '平成２６年４月　様式２　', '令和元年5月\t様式2', '平成29年5月\u00a0様式2']) expect(withEdition(e), e).toEqual([]);
  });
  it('refuses the brackets, another form\'s number, and words after the number, each with what to write', () => {
    expect(withEdition('［令和７年５月　様式２］')).toEqual([expect.stringContaining('［ ］を付けずに')]);
    expect(withEdition('令和７年５月　様式４')).toEqual([expect.stringContaining('この評価書（基礎項目評価書）は様式２です')]);
    expect(withEdition('令和７年５月　様式２（改）')).toEqual([expect.stringContaining('（例: 令和７年５月　様式２）')]);
  });
});

describe('npm run validate with a folder', () => {
  // 「npm run validate -- content/reports/kumamoto-shi」 was told to put a report file in reports/<機関>/.
  it('checks the content files in it, and says so when it holds none', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folder-'));
    try {
      fs.cpSync(FIXTURES, path.join(dir, 'content'), { recursive: true });
      const run = (...args: string[]) => spawnSync(process.execPath, [path.resolve('scripts/validate.ts'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CONTENT_CACHE_DIR: path.join(dir, 'cache') } });
      const reports = fs.readdirSync(path.join(dir, 'content/reports/test-shi'));
      const ok = run('content/reports/test-shi');
      expect(ok.stdout, ok.stderr).toContain(`${reports.length} ファイルを検証しました`);
      fs.writeFileSync(path.join(dir, 'content/reports/test-shi/2.yaml'), fs.readFileSync(path.join(dir, 'content/reports/test-shi/2.yaml'), 'utf8').replace(/^様式: .*$/m, '様式: 重点'));
      const bad = run('content/reports/test-shi/');
      expect(bad.status).toBe(1);
      expect(bad.stdout).toMatch(/^content\/reports\/test-shi\/2\.yaml:\d+:1 {2}様式/m);
      fs.mkdirSync(path.join(dir, 'content/reports/empty-shi'));
      const none = run('content/reports/empty-shi');
      expect(none.status).toBe(2);
      expect(none.stderr).toContain('content/reports/empty-shi/ に評価書・機関ファイル（.yaml）やお知らせ・ガイド（.md）はありません');
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  }, 60_000);
});

describe('notes: answers that contradict each other, and lines joined inside Japanese', () => {
  // test-shi/2.yaml, as its fixture was written, lists 委託事項 under 「委託しない」: told as a note on
  // every run (also when the stat-index knows the file and does not read it), and not an error.
  it('are printed with 「[注意]」 at their line, keep exit code 0, and are told again from the stat-index', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notes-'));
    try {
      fs.cpSync(FIXTURES, path.join(dir, 'content'), { recursive: true });
      // (a file left alone for 2 s is one the stat-index may know without reading it on the next run)
      await new Promise((ok) => setTimeout(ok, 2_100));
      const run = () => spawnSync(process.execPath, [path.resolve('scripts/validate.ts'), 'content/reports/test-shi/2.yaml'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CONTENT_CACHE_DIR: path.join(dir, 'cache') } });
      // (and a one-line value broken inside Japanese, as text pasted from a PDF is: a note too)
      const file = path.join(dir, 'content/reports/test-shi/2.yaml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('  評価実施機関名: テスト市長\n', '  評価実施機関名: テスト市長（国民年金第１号被保険者資格の管理、保険料免除判定、老齢基礎・障害\n    基礎・遺族基礎年金などの裁定請求の担当）\n'));
      const text = fs.readFileSync(file, 'utf8').split('\n');
      const entriesLine = text.findIndex((l) => l === '      委託事項:') + 1;
      const brokenLine = text.findIndex((l) => l.startsWith('    基礎・遺族')) + 1;
      const outputs = [run(), run()];
      for (const r of outputs) {
        expect(r.status, r.stdout + r.stderr).toBe(0);
        const notes = r.stdout.split('\n').filter((l) => l.includes('[注意]'));
        expect(notes).toContain(`content/reports/test-shi/2.yaml:${entriesLine}:7  [注意] Ⅱ (1) 4. 特定個人情報ファイルの取扱いの委託 委託事項: 「委託の有無」は「委託しない」ですが、委託事項が 2 件書かれています（委託事項は「委託する」のときに書く項目です）。原本のとおりなら、このままでかまいません（転記の誤りなら、どちらかを直してください）`);
        expect(notes).toContain(`content/reports/test-shi/2.yaml:${brokenLine}:5  [注意] 表紙 評価実施機関名: ${JOINED_NOTE('、老齢基礎・障害 基礎・遺族基礎年')}`);
        expect(r.stdout).toContain(`問題はありません（注意 ${notes.length} 件`);
      }
      expect(outputs[1].stdout).toBe(outputs[0].stdout);
      const index = fs.readdirSync(path.join(dir, 'cache'), { recursive: true }).map(String).filter((f) => /stat/i.test(f));
      expect(index.length, 'the first run kept a stat-index').toBeGreaterThan(0);
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  }, 60_000);
});

describe('a 事務分類 that no other report writes, close to one that others write', () => {
  it('is told as a note in a run over all files (the report would be compared with no other), not in a run over one file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'category-'));
    try {
      fs.cpSync('content', path.join(dir, 'content'), { recursive: true });
      const file = 'content/reports/kurashiki-shi/11.yaml';
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      fs.writeFileSync(path.join(dir, file), text.replace(/^事務分類: 国民年金$/m, '事務分類: 国民年金事務'));
      const run = (args: string[]) => spawnSync(process.execPath, [path.resolve('scripts/validate.ts'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CONTENT_CACHE: '0' } });
      const line = text.split('\n').findIndex((l) => l.startsWith('事務分類:')) + 1;
      const all = run([]);
      expect(all.status, all.stdout).toBe(0);
      expect(all.stdout.split('\n').filter((l) => l.includes('[注意]'))).toEqual([`${file}:${line}:1  [注意] 事務分類: 事務分類「国民年金事務」の評価書はほかにありません。ほかの 3 件は「国民年金」と書いています。同じ事務なら同じ書き方にしてください（比較のページは事務分類ごとに作られ、ほかの評価書と並びません）`]);
      expect(run([file]).stdout).not.toContain('[注意]');
      // as bundled, every 事務分類 is written alike
      fs.writeFileSync(path.join(dir, file), text);
      expect(run([]).stdout).not.toContain('[注意]');
      // two 事務 whose names look alike are two 事務 (児童手当, 児童扶養手当), and short names are not alike by length
      const other = 'content/reports/matsusaka-shi/8.yaml';
      const otherText = fs.readFileSync(path.join(dir, other), 'utf8');
      for (const [a, b] of [['児童手当', '児童扶養手当'], ['戸籍', '選挙'], ['特別児童扶養手当', '児童扶養手当']]) {
        fs.writeFileSync(path.join(dir, file), text.replace(/^事務分類: 国民年金$/m, `事務分類: ${a}`));
        fs.writeFileSync(path.join(dir, other), otherText.replace(/^事務分類: 国民年金$/m, `事務分類: ${b}`));
        expect(run([]).stdout, `${a} / ${b}`).not.toContain('[注意]');
      }
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  }, 60_000);
});

describe('an e-mail address with a full-width character', () => {
  it('is told which character to write half-width', () => {
    expect(emailMessage('kojin＠city.example.jp')).toContain('全角の「＠」を半角の「@」にしてください');
    expect(emailMessage('kojin@city．example.jp')).toContain('全角の「．」を半角の「.」にしてください');
    expect(emailMessage('kojin@@city')).not.toContain('全角');
  });
});

describe('a mark copied from a blank or ticked cell is never guessed as a choice', () => {
  it('dashes, circles and other marks get no 「もしかして」, for every choice list of the forms (seeded)', async () => {
    const { closest } = await import('./suggest.ts');
    const { FORM_SCHEMAS, choiceOptions, walkForm } = await import('../form/form-schema.ts');
    const lists: string[][] = [];
    for (const { schema } of Object.values(FORM_SCHEMAS)) walkForm(schema, (v) => { const o = choiceOptions(v.node); if (o.length) lists.push(o); });
    expect(lists.length).toBeGreaterThan(20);
    const MARKS = ['-', '－', '‐', '―', 'ー', '—', '–', '○', '◯', '●', '✓', '×', '・', '／', '…', '※', '＊', '　', ' '];
    const r = seeded(4704);
    for (let n = 0; n < 500; n++) {
      const mark = Array.from({ length: 1 + r.int(3) }, () => r.pick(MARKS)).join('');
      if (!mark.trim()) continue;
      expect(closest(mark, r.pick(lists)), JSON.stringify(mark)).toBeUndefined();
    }
  });
});

describe('the count of problems', () => {
  it('says when a file was not checked against the form yet (a line YAML cannot read, a character no text may hold), and only then', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'early-'));
    try {
      fs.cpSync(FIXTURES, path.join(dir, 'content'), { recursive: true });
      const file = path.join(dir, 'content/reports/test-shi/2.yaml');
      const text = fs.readFileSync(file, 'utf8');
      const run = () => spawnSync(process.execPath, [path.resolve('scripts/validate.ts'), 'content/reports/test-shi/2.yaml'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CONTENT_CACHE: '0' } });
      const EARLY = 'ファイルは、読めない行や使えない文字を直すまで様式どおりかの検査をしていません';
      for (const [edit, early] of [
        [text.replace('  評価実施機関名: テスト市長\n', '  評価実施機関名：テスト市長\n'), true],
        [text.replace('  評価実施機関名: テスト市長\n', '  評価実施機関名: テスト市\u200B長\n'), true],
        [text.replace('    実施の有無: 実施しない\n', '    実施の有無: たぶん\n'), false],
      ] as [string, boolean][]) {
        expect(edit).not.toBe(text);
        fs.writeFileSync(file, edit);
        const r = run();
        expect(r.status, r.stdout).toBe(1);
        expect(r.stdout.includes(EARLY), r.stdout).toBe(early);
      }
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  }, 60_000);
});

describe('a date item that keeps no printed words (実施日, いつ時点の計数か)', () => {
  const at = '    実施日: 2025-04-25';
  it('written {表記: …, 日付: …} on one line or as a block: one message, with the date to write', () => {
    for (const written of ['{表記: 令和7年4月25日実施, 日付: 2025-04-25}', '\n      表記: 令和7年4月25日実施\n      日付: 2025-04-25', '{表記: 令和7年4月25日実施}']) {
      const { text, line } = mutate(juten, at, `    実施日: ${written}`);
      const problems = check(text);
      expect(problems, written).toEqual([{ file: 'r.yaml', line, col: 5, item: expect.stringContaining('実施日'), message: expect.stringMatching(/^「表記:」「日付:」の形は使えません。この項目は日付だけを書きます。.*（「2025-04-25」と書きます）$/) }]);
    }
  });
  it('a date with a word the form prints (「時点」) or another word is told the date it reads (seeded)', () => {
    const r = seeded(5252);
    const ERAS: [string, number][] = [['令和', 2018], ['平成', 1988]];
    for (let i = 0; i < 60; i++) {
      const [era, base] = r.pick(ERAS);
      const y = base + 2 + r.int(era === '令和' ? 6 : 29); // (not the era's first year, which starts mid-year)
      const m = 1 + r.int(12);
      const d = 1 + r.int(28);
      const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const written = `${era}${y - base}年${m}月${d}日${r.pick(['', ' ', '　'])}${r.pick(['時点', '現在', '実施'])}`;
      const { text } = mutate(juten, at, `    実施日: ${written}`);
      const [p, ...rest] = check(text);
      expect(rest, written).toEqual([]);
      expect(p.message, written).toContain(`（「${written}」なら ${iso}。この項目は日付だけを書きます。`);
    }
  });
});

describe("a cover's 評価実施機関名 that is not its organisation's 名称", () => {
  const NOTE = (printed: string) => `評価実施機関名「${printed}」が、機関ファイル organisations/test-shi.yaml の名称「テスト市長」と違います。ほかの機関の評価書なら、その機関のフォルダーに置いてください。同じ機関なら、表紙のとおりの名称に機関ファイルをそろえてください（機関のページは機関ファイルの名称で示します）`;
  it('is told at the cover, in a run over all files and over the report alone, cold and warm', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'org-name-'));
    try {
      fs.cpSync(FIXTURES, path.join(dir, 'content'), { recursive: true });
      const file = 'content/reports/test-shi/2.yaml';
      fs.writeFileSync(path.join(dir, file), juten.replace('  評価実施機関名: テスト市長\n', '  評価実施機関名: テスト市教育委員会\n'));
      const line = juten.split('\n').indexOf('  評価実施機関名: テスト市長') + 1;
      const run = (args: string[]) => spawnSync(process.execPath, [path.resolve('scripts/validate.ts'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CONTENT_CACHE_DIR: path.join(dir, 'cache') } });
      const expected = `${file}:${line}:3  [注意] 表紙 評価実施機関名: ${NOTE('テスト市教育委員会')}`;
      for (const args of [[], [], [file]]) {
        const r = run(args);
        expect(r.status, r.stdout).toBe(0);
        expect(r.stdout.split('\n').filter((l) => l.includes('評価実施機関名「')), args.join(' ')).toEqual([expected]);
      }
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  }, 60_000);
  it('another name is always told, and the same name written with other widths or blanks never (seeded)', async () => {
    const { validateFiles } = await import('./validate-content.ts');
    const { listYaml } = await import('./content-files.ts');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'org-name-seeded-'));
    const off = process.env.CONTENT_CACHE;
    process.env.CONTENT_CACHE = '0';
    try {
      const content = path.join(dir, 'content');
      fs.cpSync(FIXTURES, content, { recursive: true });
      const file = path.join(content, 'reports/test-shi/2.yaml');
      const r = seeded(2929);
      const WIDE: Record<string, string> = { テ: 'ﾃ', ス: 'ｽ', ト: 'ﾄ' };
      for (let n = 0; n < 40; n++) {
        const chars = [...'テスト市長'];
        const same = r.next() < 0.5;
        if (same) {
          // the same name: half-width kana, blanks between characters
          for (let i = 0; i < chars.length; i++) if (WIDE[chars[i]] && r.next() < 0.5) chars[i] = WIDE[chars[i]];
          chars.splice(1 + r.int(chars.length - 1), 0, r.pick(['　', ' ']));
        } else {
          // another name: a character put in, taken out or changed
          const at = r.int(chars.length);
          const k = r.int(3);
          if (k === 0) chars.splice(at, 0, r.pick(['教', '区', '県', '副']));
          else if (k === 1) chars.splice(at, 1);
          else chars[at] = r.pick(['町', '村', '都', '府']);
        }
        const printed = chars.join('').trim();
        fs.writeFileSync(file, juten.replace('  評価実施機関名: テスト市長\n', `  評価実施機関名: '${printed}'\n`));
        const { problems, notes } = validateFiles(listYaml(content), content);
        expect(problems, printed).toEqual([]);
        const told = notes.filter((x) => x.item === '表紙 評価実施機関名' && x.message.startsWith('評価実施機関名「'));
        expect(told.map((x) => x.message), printed).toEqual(same ? [] : [NOTE(printed)]);
      }
    } finally {
      if (off === undefined) delete process.env.CONTENT_CACHE; else process.env.CONTENT_CACHE = off;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
