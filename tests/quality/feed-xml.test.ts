// feed.xml is well-formed XML for any valid input: entries made of generated text (every character
// the text rule allows, markup, entities, CDATA ends) are written with atom() and read back by
// Chromium's XML parser, which stops at the first well-formedness error; the text comes back as written.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { atom, feedEntries, type FeedEntry } from '../../src/lib/site/feed.ts';
import { loadContent } from '../../src/lib/content/content-store.ts';
import type { GeneratedRow } from '../../src/lib/changes/change-rows.ts';
import { forbiddenCharacter } from '../../src/lib/content/value-rules.ts';
import { launch } from '../support/browser.ts';
import { seeded, type Random } from '../support/seeded.ts';

const PIECES = ['<', '>', '&', '"', "'", ']]>', '<![CDATA[', '&amp;', '&#0;', '\t', '\n', '\r', '\u2028', '\u00a0', 'テスト', '𠮷', '\u{1F600}', '\uFEFF', '\u200B', '\u202E', '\uFFFD'];
function validText(r: Random): string {
  let s = '';
  for (let i = r.int(12); i >= 0; i--) {
    if (r.next() < 0.5) s += r.pick(PIECES);
    else { const c = String.fromCodePoint(r.int(0x30000)); if (!forbiddenCharacter(c)) s += c; }
  }
  return s;
}

let browser: Browser;
let page: Page;
beforeAll(async () => { browser = await launch(); page = await browser.newPage(); });
afterAll(async () => { await browser?.close(); });

/** Parses XML in Chromium: the parser error, or the text of every element in document order. */
const parse = (xml: string) => page.evaluate((x) => {
  const doc = new DOMParser().parseFromString(x, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) return { error: error.textContent };
  return { texts: [...doc.querySelectorAll('title, summary, id')].map((e) => e.textContent) };
}, xml);

describe('feed.xml', () => {
  it('is well-formed and keeps the text for 300 generated feeds', async () => {
    const r = seeded(1812);
    for (let i = 0; i < 300; i++) {
      const title = validText(r);
      const entries: FeedEntry[] = Array.from({ length: 1 + r.int(3) }, (_, j) => ({ id: `tag:example.jp,2025:${j}`, title: validText(r), summary: validText(r), updated: '2025-01-01T00:00:00+09:00', link: `https://example.jp/reports/a/${j}/?q=${encodeURIComponent(validText(r))}` }));
      const result = await parse(atom(title, 'https://example.jp/feed.xml', 'https://example.jp/', entries));
      expect(result.error, `feed ${i}`).toBeUndefined();
      const expected = [title, 'https://example.jp/', ...entries.flatMap((e) => [e.id, e.title, e.summary])];
      expect(result.texts).toEqual(expected);
    }
  }, 120_000);

  // A change set whose 変更日 is not known (a trailer error: its rows are 要確認, the 変更日 blank) gave
  // 「<updated></updated>」, which is no Atom date; any other day would be invented. It is left out.
  it('dates every entry; a change set without a known 変更日 has no entry (seeded)', () => {
    const content = loadContent(path.resolve('tests/fixtures/content'));
    const reports = [...content.reports.values()];
    const r = seeded(46);
    for (let run = 0; run < 50; run++) {
      const generated = new Map<string, GeneratedRow[]>();
      let dated = 0;
      for (const report of reports) {
        const rows: GeneratedRow[] = [];
        for (let c = r.int(4); c > 0; c--) {
          const date = r.int(3) ? `2025-0${1 + r.int(9)}-1${r.int(10)}` : null;
          if (date) dated++;
          for (let n = 1 + r.int(3); n > 0; n--) rows.push({ commit: `${run}-${c}-${report.id}`, 変更日: date, 項目: `項目${n}`, 変更前の記載: 'a', 変更後の記載: 'b', 提出時期: date ? '事後' : null, 提出時期に係る説明: '', 要確認: !date } as unknown as GeneratedRow);
        }
        generated.set(path.resolve(report.file), rows);
      }
      const entries = feedEntries(reports, content.organisations, generated, (p) => new URL(p, 'https://example.jp/').toString(), (f) => path.resolve(f));
      for (const e of entries) expect(e.updated, e.id).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+09:00$/);
      expect(entries.filter((e) => e.title.startsWith('更新:'))).toHaveLength(dated);
    }
  });

  it('is well-formed in both built sites', async () => {
    const sites = inject('sites');
    for (const site of [sites.fixture, sites.content]) {
      const result = await parse(fs.readFileSync(path.join(site, 'feed.xml'), 'utf8'));
      expect(result.error).toBeUndefined();
      expect(result.texts!.length).toBeGreaterThan(3);
    }
  });
});
