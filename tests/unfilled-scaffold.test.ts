// A report made by `npm run new` and not filled in is not published: the build says so, and its page,
// its listing and its summary (which would read 提供 なし / 移転 なし) are not on the site. As soon as
// any item is written the report is published (as a draft, 案, until its 公表日).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite } from './support/global-setup.ts';
import { FORM_NAMES, type FormName } from '../src/lib/form/form-schema.ts';
import { isUnfilled, scaffoldReport } from '../src/lib/form/scaffold.ts';
import { parseYaml } from '../src/lib/content/yaml-source.ts';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'unfilled-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

const scaffoldData = (form: FormName) => parseYaml(scaffoldReport(form, { organisation: 'test-shi', number: '9', category: '国民年金', schemaPath: 'x.json' }).text).data as Record<string, unknown>;

/** Every leaf path of a data tree. */
function leaves(v: unknown, p: (string | number)[] = []): (string | number)[][] {
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, [...p, Array.isArray(v) ? Number(k) : k]));
  return [p];
}

describe('isUnfilled', () => {
  it.each(FORM_NAMES)('the scaffold of %s is unfilled; writing any one of its items makes it filled', (form) => {
    const data = scaffoldData(form);
    expect(isUnfilled(data)).toBe(true);
    const items = leaves(data).filter((p) => !['様式', '様式版', '事務分類', '評価実施機関'].includes(String(p[0])) && p[p.length - 1] !== '評価書番号');
    expect(items.length).toBeGreaterThan(30);
    for (const p of items) {
      const copy = structuredClone(data);
      const parent = p.slice(0, -1).reduce<any>((d, k) => d[k], copy);
      parent[p[p.length - 1]] = '記入した';
      expect(isUnfilled(copy), p.join('/')).toBe(false);
    }
  });
  it('a real report is filled', () => {
    const data = parseYaml(fs.readFileSync('tests/fixtures/content/reports/test-shi/4.yaml', 'utf8')).data as Record<string, unknown>;
    expect(isUnfilled(data)).toBe(false);
  });
});

describe('building content that holds an untouched scaffold', () => {
  it('builds the other reports, says why the scaffold is left out, and publishes nothing of it', () => {
    const content = path.join(temp, 'content');
    fs.cpSync('tests/fixtures/content', content, { recursive: true });
    const made = spawnSync(process.execPath, ['scripts/new.ts', '--org', 'test-shi', '--form', '重点項目', '--number', '77', '--category', '国民年金', '--out', content], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const site = path.join(temp, 'site');
    const r = buildSite(content, site);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toMatch(/reports\/test-shi\/77\.yaml: 項目がまだ 1 つも記入されていない雛形のため、サイトには公開しません/);
    expect(fs.existsSync(path.join(site, 'reports/test-shi/2/index.html'))).toBe(true);
    expect(fs.existsSync(path.join(site, 'reports/test-shi/77'))).toBe(false);
    const everything = spawnSync('grep', ['-rl', 'test-shi/77', site], { encoding: 'utf8' }).stdout;
    expect(everything).toBe('');
  });
});
