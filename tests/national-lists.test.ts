// The entry pages at national size: with 1,800 organisations (about every municipality of Japan), the
// home page and the organisation list stay under 100 KB gzip, and the list is grouped by prefecture.
// (npm run bench records the same sizes for its 5,000-report corpus.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from './support/global-setup.ts';
import { lgCheckDigit } from '../src/lib/content/validate.ts';

const ORGS = 1800;
const PREFECTURES: string[] = JSON.parse(fs.readFileSync('schemas/organisation.schema.json', 'utf8')).properties['都道府県'].enum;
/** 全国地方公共団体コード with its check digit (the validator's own rule). */
const lgCode = (five: string) => five + String(lgCheckDigit(five));
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'national-'));
const out = path.join(root, 'site');

beforeAll(() => {
  const content = path.join(root, 'content');
  fs.cpSync('tests/fixtures/content', content, { recursive: true });
  for (let i = 0; i < ORGS; i++) {
    const pref = (i % 47) + 1;
    const code = lgCode(String(pref).padStart(2, '0') + String(100 + Math.floor(i / 47) * 2).padStart(3, '0'));
    fs.writeFileSync(path.join(content, 'organisations', `n-${String(i).padStart(4, '0')}.yaml`), `名称: 試験${i}市長\n種別: 地方公共団体\n団体名: 試験${i}市\n都道府県: ${PREFECTURES[pref - 1]}\n全国地方公共団体コード: "${code}"\n`);
  }
  const r = buildSite(content, out);
  if (r.status !== 0) throw new Error(r.output);
}, 600_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('entry pages at national size', () => {
  it.each(['index.html', 'organisations/index.html'])('%s is under 100 KB gzip', (page) => {
    const size = zlib.gzipSync(fs.readFileSync(path.join(out, page))).length;
    expect(size).toBeLessThan(100 * 1024);
  });

  it('groups the organisations by prefecture, in code order', () => {
    const doc = parseHTML(fs.readFileSync(path.join(out, 'organisations/index.html'), 'utf8')).document;
    const headings = [...doc.querySelectorAll('main section > h2')].map((h) => h.textContent!.replace(/（\d+）$/, ''));
    expect(headings.slice(0, 3)).toEqual(PREFECTURES.slice(0, 3));
    expect(headings).toHaveLength(PREFECTURES.length);
    expect(doc.querySelectorAll('.org-list li')).toHaveLength(ORGS + 1);
  });
});
