// Adding a form item is one schema edit: a copy of the project whose 重点項目評価書 schema has one more
// rated question in each file's Ⅲ リスク対策 validates it, renders it with its number, scaffolds it, compares it
// across reports and diffs it, with no code changed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';

const KEY = '試験用に足した問い';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'form-item-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function projectWithItem(): string {
  const root = path.join(dir, 'project');
  for (const p of ['src', 'schemas', 'scripts', 'tests/form-item', 'tests/fixtures', 'package.json']) fs.cpSync(p, path.join(root, p), { recursive: true });
  fs.symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'));
  const file = path.join(root, 'schemas/juten.schema.json');
  const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  // The one edit: an item with its official number, label and answer kind.
  schema.properties['リスク対策'].items.properties[KEY] = { title: KEY, 'x-item': '11', $ref: 'common.schema.json#/definitions/選択_十分か' };
  fs.writeFileSync(file, JSON.stringify(schema, null, 2));
  return root;
}

describe('a new form item, added only in the schema', () => {
  const root = projectWithItem();
  const out = fs.mkdtempSync(path.join(dir, 'out-'));
  const r = spawnSync(process.execPath, ['tests/form-item/driver.ts', 'tests/fixtures/content/reports/test-shi/2.yaml', KEY, out], { cwd: root, encoding: 'utf8', env: { ...process.env, CONTENT_CACHE: '0' } });
  const result = r.status === 0 ? JSON.parse(r.stdout) : undefined;

  it('runs', () => expect(r.stderr).toBe(''));
  it('is named by its number and label', () => expect(result.item).toBe(`Ⅲ (1) 11. ${KEY}`));
  it('is validated: a choice of the form passes, another is refused naming the item', () => {
    expect(result.valid).toEqual([]);
    expect(result.invalid).toHaveLength(1);
    expect(result.invalid[0]).toMatchObject({ item: `Ⅲ (1) 11. ${KEY}`, line: 583 });
    expect(result.invalid[0].message).toContain('選択肢にありません');
  });
  it('is rendered with its number, label, anchor and value', () => {
    expect(result.rendered).toMatchObject({ number: '11.', label: KEY, anchor: 'Ⅲ(1)-11', value: { type: 'choice', selected: '十分である', marks: ['◎', '○', '△'] } });
  });
  it('is scaffolded on its own line with its number', () => {
    expect(result.scaffolded).toHaveLength(1);
    expect(result.scaffolded[0]).toMatch(new RegExp(`^\\s+${KEY}:\\s+# Ⅲ \\(1\\) 11\\. ${KEY}`));
  });
  it('is compared across reports (a rated question joins the risk matrix)', () => {
    expect(result.compared).toHaveLength(1);
    // The fixture has two files; only file (1) answers the new question.
    expect(result.compared[0].cells.map((c: { values: { text: string; prefix: string }[] }) => c.values.map((v) => `${v.prefix} ${v.text}`))).toEqual([['(1) 十分である', '(2) （記載なし）'], ['(1) 課題が残されている', '(2) （記載なし）']]);
  });
  it('is diffed: a change to it is one 変更箇所 row naming it', () => {
    expect(result.diffed).toMatchObject({ before: '課題が残されている', after: '十分である' });
    expect(result.diffed.item).toMatch(new RegExp(`^Ⅲ リスク対策 1\\. 特定個人情報ファイル名 \\(1\\)[^]* 11\\. ${KEY}$`));
  });
});
