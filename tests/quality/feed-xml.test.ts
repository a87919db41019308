// feed.xml is well-formed XML for any valid input: entries made of generated text (every character
// the text rule allows, markup, entities, CDATA ends) are written with atom() and read back by
// Chromium's XML parser, which stops at the first well-formedness error; the text comes back as written.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { atom, type FeedEntry } from '../../src/lib/site/feed.ts';
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

  it('is well-formed in both built sites', async () => {
    const sites = inject('sites');
    for (const site of [sites.fixture, sites.content]) {
      const result = await parse(fs.readFileSync(path.join(site, 'feed.xml'), 'utf8'));
      expect(result.error).toBeUndefined();
      expect(result.texts!.length).toBeGreaterThan(3);
    }
  });
});
