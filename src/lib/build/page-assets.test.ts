// A page names its _astro/ files in attributes, entity-escaped and percent-encoded as Astro writes them:
// every name is read back whole, whatever characters it has, and the text of a page names nothing else.
import { describe, expect, it } from 'vitest';
import { seeded } from '../../../tests/support/seeded.ts';
import { assetsNamedIn } from './page-assets.ts';

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const page = (html: string) => Buffer.from(html);

describe('the _astro/ files a page names', () => {
  it('reads the names of a style sheet and a picture, and nothing from text that is no file', () => {
    const html = '<link rel="stylesheet" href="/_astro/BaseLayout.x1.css"><p>/_astro/なし.png</p><img src="/_astro/%E5%9C%B0%E5%9B%B3.a_b.webp" alt="">';
    const files = new Set(['_astro/BaseLayout.x1.css', '_astro/地図.a_b.webp']);
    expect(assetsNamedIn(page(html), (f) => files.has(f))).toEqual([...files].sort());
  });

  it('gives back every name whole, in every place a page can name it (seeded)', () => {
    const CHARS = [...'abcXYZ019._-()&\'%#? 　地図会場・（）!~+,;=@'];
    for (let seed = 1; seed <= 300; seed++) {
      const r = seeded(seed);
      const names = Array.from({ length: 1 + r.int(3) }, (_, i) => `${Array.from({ length: 1 + r.int(12) }, () => r.pick(CHARS)).join('')}.${i}h${r.int(1000)}.webp`);
      const parts = names.map((name) => {
        const encoded = encodeURIComponent(name).replace(/\(/g, r.next() < 0.5 ? '(' : '%28').replace(/\)/g, r.next() < 0.5 ? ')' : '%29');
        return r.pick([
          `<img src="/_astro/${escapeAttribute(encoded)}" alt="">`,
          `<link rel="preload" href="/_astro/${escapeAttribute(encoded)}">`,
          `<img srcset="/_astro/${escapeAttribute(encoded)} 2x" alt="">`,
          `<img src="/_astro/${escapeAttribute(encoded)}?v=1#top" alt="">`,
          `<style>a{background:url(/_astro/${encodeURIComponent(name).replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/'/g, '%27')})}</style>`,
        ]);
      });
      const files = new Set(names.map((n) => `_astro/${n}`));
      // (a shorter file named like the start of a name, up to a ")" or "&", is not what the page names)
      const decoys = names.flatMap((n) => [...n.matchAll(/[)&]/g)].map((m) => `_astro/${n.slice(0, m.index)}`)).filter((d) => !files.has(d));
      const found = assetsNamedIn(page(`<main>本文${parts.join('<p>文</p>')}</main>`), (f) => files.has(f) || decoys.includes(f));
      expect(found, `seed ${seed}: ${JSON.stringify(names)}`).toEqual([...files].sort());
    }
  });
});
