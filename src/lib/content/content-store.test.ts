// loadContent in the aggregate step of a sharded build (BUILD_REPORT_RECORDS): the reports are those
// of the records, and no report file is read; organisations are validated as always. In an incremental
// build (BUILD_REUSED_RECORDS) the reports taken from the previous site come as records, the others are
// read from their files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadContent, type ReportRecord } from './content-store.ts';
import { summaryOf } from '../site/site-summary.ts';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'content-store-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));
afterEach(() => { delete process.env.BUILD_REPORT_RECORDS; delete process.env.BUILD_REUSED_RECORDS; });

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

describe('loadContent with the records of the reused reports (incremental build)', () => {
  it('gives the records\' reports without reading their files, and reads the others', () => {
    const copy = (name: string) => { const d = path.join(temp, name); fs.cpSync('tests/fixtures/content', d, { recursive: true }); return d; };
    const pick = (r: ReportRecord) => ({ id: r.id, org: r.org, number: r.number, form: r.form, file: r.file, head: r.head });
    const whole = loadContent(copy('whole')).reports.map(pick).map((r) => ({ ...r, file: r.file.replace(`${path.sep}whole${path.sep}`, `${path.sep}reused${path.sep}`) }));
    expect(whole.map((r) => r.id)).toEqual(['test-shi/2', 'test-shi/3', 'test-shi/4']);
    // Report 2's file is broken after its record was taken: a build that read it would stop.
    const dir = copy('reused');
    fs.writeFileSync(path.join(dir, 'reports', 'test-shi', '2.yaml'), '様式: [壊れた YAML\n');
    const record = whole.find((r) => r.id === 'test-shi/2')!;
    const list = path.join(temp, 'reused.json');
    // (with an absolute path, as scripts/build.ts writes it; named as loadContent names the files it reads)
    fs.writeFileSync(list, JSON.stringify([{ ...record, file: path.resolve(record.file) }]));
    process.env.BUILD_REUSED_RECORDS = list;
    expect(loadContent(dir).reports.map(pick)).toEqual(whole);
  });

  it('a summary is made of the file as it is, not of a record taken before the file changed', () => {
    const dir = path.join(temp, 'changed');
    fs.cpSync('tests/fixtures/content', dir, { recursive: true });
    const file = path.join(dir, 'reports', 'test-shi', '3.yaml');
    // The record the build took, then the file saved again (another 事務分類) while the build runs.
    const record: ReportRecord = { id: 'test-shi/3', org: 'test-shi', number: '3', form: '重点項目評価書', file: path.resolve(file), head: { 事務分類: '古い分類', 表紙: { 評価書番号: 3 }, 変更日: [] } };
    const list = path.join(temp, 'changed.json');
    fs.writeFileSync(list, JSON.stringify([record]));
    process.env.BUILD_REUSED_RECORDS = list;
    const report = loadContent(dir).reports.find((r) => r.id === 'test-shi/3')!;
    expect(report.head.事務分類).toBe('古い分類');
    const summary = summaryOf(report, 'digest-of-the-new-bytes');
    expect(summary.head.事務分類).toBe(report.data.事務分類);
    expect(summary.head.事務分類).not.toBe('古い分類');
    expect(summary.form).toBe(report.data.様式);
  });
});
