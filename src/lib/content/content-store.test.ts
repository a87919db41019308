// loadContent in the aggregate step of a sharded build (BUILD_REPORT_RECORDS): the reports are those
// of the records, and no report file is read; organisations are validated as always.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadContent, type ReportRecord } from './content-store.ts';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'content-store-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));
afterEach(() => { delete process.env.BUILD_REPORT_RECORDS; });

/** The fixture content with every report file broken (reading one as YAML fails). */
function brokenContent(name: string): string {
  const dir = path.join(temp, name);
  fs.cpSync('tests/fixtures/content', dir, { recursive: true });
  for (const f of fs.readdirSync(path.join(dir, 'reports', 'test-shi'))) fs.writeFileSync(path.join(dir, 'reports', 'test-shi', f), '様式: [壊れた YAML\n');
  return dir;
}

describe('loadContent with the records of the reports (aggregate step)', () => {
  it('gives the records\' reports and reads no report file', () => {
    const dir = brokenContent('records');
    const file = path.relative(process.cwd(), path.join(dir, 'reports', 'test-shi', '2.yaml'));
    const records: ReportRecord[] = [{ id: 'test-shi/2', org: 'test-shi', number: '2', form: '重点項目評価書', file, head: { 事務分類: '国民年金', 表紙: { 評価書番号: 2 }, 変更日: ['2024-04-01'] } }];
    const list = path.join(temp, 'records.json');
    fs.writeFileSync(list, JSON.stringify(records));
    process.env.BUILD_REPORT_RECORDS = list;
    const content = loadContent(dir);
    expect(content.reports.map((r) => ({ id: r.id, org: r.org, number: r.number, form: r.form, file: r.file, head: r.head }))).toEqual(records);
    expect(content.reports[0].schema).toBeDefined();
    expect([...content.organisations.keys()]).toEqual(['test-shi']);
  });
  it('without them, the same broken files are refused (so the case above proves they were not read)', () => {
    expect(() => loadContent(brokenContent('plain'))).toThrow(/問題があります/);
  });
});
