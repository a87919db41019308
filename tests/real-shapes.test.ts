// Real-shaped reports the data model must hold (issue 19), each built into a site through
// scripts/build.ts and checked on the page a citizen reads: a draft without 評価書番号, a 表紙 the
// source lacks, a 公表日 not known, a 基礎 summary card, a national body, one 事務's 基礎 and 全項目
// with the same number, and an old-edition 全項目 cover. Then every page of every test site is read
// for the words a broken derivation leaves behind (undefined, NaN, [object Object]) and empty links.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { buildSite } from './support/global-setup.ts';
import { htmlFiles } from './support/site-pages.ts';

const FIX = 'tests/fixtures/content';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'real-shapes-'));
const content = path.join(root, 'content');
const site = path.join(root, 'site');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const fixture = (n: number) => fs.readFileSync(`${FIX}/reports/test-shi/${n}.yaml`, 'utf8');
function write(rel: string, text: string) {
  const file = path.join(content, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
/** The 表紙 block of a fixture (from 「表紙:」 to the next top-level key). */
const coverBlock = (text: string) => /^表紙:\n(?:[ #].*\n|\n)*/m.exec(text)![0];

beforeAll(() => {
  write('organisations/test-shi.yaml', fs.readFileSync(`${FIX}/organisations/test-shi.yaml`, 'utf8'));
  // A national body: no prefecture, no 全国地方公共団体コード; the 法人番号 is the 省令's worked example.
  write('organisations/test-sho.yaml', '名称: テスト大臣\n種別: 国の行政機関\n団体名: テスト省\n法人番号: "7123456789012"\n');
  write('reports/test-shi/draft-numberless.yaml', fixture(3)
    .replace('  評価書番号: 3\n', '  評価書番号:\n').replace(/^  公表日: .*$/m, '  公表日:'));
  write('reports/test-shi/cover-missing.yaml', fixture(2)
    .replace(coverBlock(fixture(2)), '表紙:\n  記載状態: 原文欠落\n  注記: 表紙の頁が公表された PDF にない。\n'));
  write('reports/test-shi/6.yaml', fixture(2)
    .replace('  評価書番号: 2\n', '  評価書番号: 6\n').replace(/^  公表日: .*$/m, '  公表日:\n    記載状態: 原文欠落'));
  write('reports/test-shi/4.yaml', fixture(4));
  write('reports/test-shi/4-zenkomoku.yaml', fixture(3).replace('  評価書番号: 3\n', '  評価書番号: 4\n'));
  write('reports/test-shi/7.yaml', fixture(3).replace('  評価書番号: 3\n', '  評価書番号: 7\n')
    .replace('様式: 全項目評価書\n', '様式: 全項目評価書\n様式版: 平成26年4月　様式4\n表題の上の記載: (素案)\n'));
  write('reports/test-sho/1.yaml', fixture(4).replace('評価実施機関: test-shi', '評価実施機関: test-sho').replace('  評価書番号: 4\n', '  評価書番号: 1\n'));
  const r = buildSite(content, site);
  if (r.status !== 0) throw new Error(r.output);
}, 240_000);

const page = (url: string) => parseHTML(fs.readFileSync(path.join(site, url, 'index.html'), 'utf8')).document;
const text = (url: string) => page(url).querySelector('main')!.textContent!.replace(/\s+/g, ' ');
const row = (orgUrl: string, reportUrl: string) => [...page(orgUrl).querySelectorAll('tbody tr')]
  .find((tr) => tr.querySelector(`a[href$="${reportUrl}"]`))!.textContent!.replace(/\s+/g, ' ');

describe('a 全項目評価書(案) with no 評価書番号 yet (draft-numberless.yaml)', () => {
  it('is published at its file name and says the number is not stated', () => {
    expect(text('reports/test-shi/draft-numberless')).toContain('評価書番号の記載なし');
    expect(text('reports/test-shi/draft-numberless')).toContain('この評価書は案です');
  });
  it('is listed as 案 with 記載なし for its number', () => expect(row('organisations/test-shi', '/reports/test-shi/draft-numberless/')).toMatch(/記載なし.*案/));
});

describe('a report whose 表紙 the source lacks (cover-missing.yaml)', () => {
  it('is titled by its form, not 「undefined」, and says the number is not stated', () => {
    expect(page('reports/test-shi/cover-missing').querySelector('h1')!.textContent).toBe('重点項目評価書');
    expect(text('reports/test-shi/cover-missing')).toContain('評価書番号の記載なし');
  });
  it('is not called a draft, and its 公表日 is not known', () => {
    expect(text('reports/test-shi/cover-missing')).not.toContain('この評価書は案です');
    expect(row('organisations/test-shi', '/reports/test-shi/cover-missing/')).toContain('［原文欠落］');
  });
});

describe('a report whose 公表日 is marked 原文欠落 (6.yaml)', () => {
  it('is not a draft: the list says the date is not known', () => {
    expect(text('reports/test-shi/6')).not.toContain('この評価書は案です');
    const r = row('organisations/test-shi', '/reports/test-shi/6/');
    expect(r).toContain('［原文欠落］');
    expect(r).not.toMatch(/\b案\b|公表中/);
  });
});

describe('a 基礎項目評価書 summary card (4.yaml)', () => {
  const card = () => page('reports/test-shi/4').querySelector('.summary, section[aria-labelledby="summary-heading"]')!.textContent!.replace(/\s+/g, ' ');
  it('states the number of people and the file as printed', () => {
    expect(card()).toMatch(/対象人数 ?[^ —]*人/);
    expect(card()).not.toMatch(/特定個人情報ファイル ?0件/);
  });
});

describe('one 事務 published as a 基礎 and a 全項目 report with the same number', () => {
  it('has both pages, each with its own form', () => {
    expect(text('reports/test-shi/4')).toContain('基礎項目評価書（評価書番号 4）');
    expect(text('reports/test-shi/4-zenkomoku')).toContain('全項目評価書（評価書番号 4）');
  });
});

describe('a national body (テスト大臣)', () => {
  it('shows its kind and 法人番号, and no local-government code', () => {
    const t = text('organisations/test-sho');
    expect(t).toContain('国の行政機関');
    expect(t).toContain('7123456789012');
    expect(t).not.toContain('全国地方公共団体コード');
  });
  it('publishes its report under its own folder', () => expect(text('reports/test-sho/1')).toContain('テスト大臣'));
});

describe('an old-edition 全項目 cover (平成26年4月 様式4, (素案))', () => {
  it('prints the label its edition printed, and the mark above the title', () => {
    const t = text('reports/test-shi/7');
    expect(t).toContain('特定個人情報保護委員会 承認日');
    expect(t).toContain('(素案)');
  });
  it('a report of today\'s edition prints today\'s label', () => {
    const t = text('reports/test-shi/4-zenkomoku');
    expect(t).toContain('個人情報保護委員会 承認日');
    expect(t).not.toContain('特定個人情報保護委員会 承認日');
  });
});

describe('npm run validate: 全国地方公共団体コード and 法人番号 check digits', () => {
  const validate = (name: string, body: string) => {
    const file = path.join(root, 'v', 'organisations', `${name}.yaml`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, body);
    return spawnSync(process.execPath, ['scripts/validate.ts', file], { encoding: 'utf8' });
  };
  const urayasu = (code: string, extra = '') => `名称: 浦安市長\n種別: 地方公共団体\n団体名: 浦安市\n都道府県: 千葉県\n全国地方公共団体コード: "${code}"\n${extra}`;
  it('accepts 浦安市 122271 (the weighted sum is divisible by 11)', () => expect(validate('urayasu', urayasu('122271')).status).toBe(0));
  it('rejects a wrong check digit, in Japanese', () => {
    const r = validate('urayasu', urayasu('122272'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('全国地方公共団体コード「122272」の検査数字（6 桁目）が合いません');
  });
  it('rejects a wrong 法人番号 check digit', () => {
    const r = validate('sho', '名称: テスト大臣\n種別: 国の行政機関\n団体名: テスト省\n法人番号: "8123456789012"\n');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('法人番号「8123456789012」の検査用数字');
  });
  it('asks a local body for its prefecture and code, not a national one', () => {
    const r = validate('urayasu', '名称: 浦安市長\n種別: 地方公共団体\n団体名: 浦安市\n');
    expect(r.stdout).toContain('「都道府県」がありません');
    expect(r.stdout).toContain('「全国地方公共団体コード」がありません');
  });
});

describe('no built page of any test site shows a broken derivation or an empty link', () => {
  const sites = () => ({ ...inject('sites'), 'real-shapes': site });
  it('has no undefined, NaN, [object Object] or empty link', () => {
    const bad: string[] = [];
    for (const [name, dir] of Object.entries(sites())) {
      for (const f of htmlFiles(dir)) {
        const html = fs.readFileSync(path.join(dir, f), 'utf8');
        const { document } = parseHTML(html);
        const words = document.documentElement.outerHTML;
        for (const w of ['undefined', 'NaN', '[object Object]']) if (new RegExp(`(^|[^A-Za-z])${w.replace(/[[\]]/g, '\\$&')}([^A-Za-z]|$)`).test(words)) bad.push(`${name}/${f}: ${w}`);
        for (const a of document.querySelectorAll('a')) {
          const href = a.getAttribute('href');
          if (!href || !href.trim() || !a.textContent!.trim() && !a.querySelector('img[alt]') && !a.getAttribute('aria-label')) bad.push(`${name}/${f}: empty link ${a.outerHTML.slice(0, 80)}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
