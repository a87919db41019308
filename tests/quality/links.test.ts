// No broken internal link or anchor anywhere in the built sites: every href/src that stays on the site
// names an existing file, and every #fragment (percent-encoded Japanese included) an existing id.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { checkLinks } from '../support/site-pages.ts';

const sites = inject('sites');

describe.each(Object.entries(sites))('the %s site', (_name, root) => {
  it('has no broken internal link or anchor', () => {
    const { pages, links, anchors, problems } = checkLinks(root);
    expect(pages).toBeGreaterThanOrEqual(7);
    expect(links).toBeGreaterThan(500);
    expect(anchors).toBeGreaterThan(100); // the item links (#Ⅱ(1)-3-④ …) are followed too
    expect(problems.map((p) => `${p.page}: ${p.ref} — ${p.problem}`)).toEqual([]);
  });
});

describe('the link checker', () => {
  it('finds a missing page, a missing file, a missing anchor and a javascript: link, and accepts the good ones', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'links-'));
    try {
      fs.mkdirSync(path.join(root, 'reports/a/1'), { recursive: true });
      fs.writeFileSync(path.join(root, 'reports/a/1/index.html'),
        '<!doctype html><html lang="ja"><title>a</title><h2 id="Ⅱ(1)-3-④">④</h2><p id="存在">x</p><a href="#存在">same page</a></html>');
      fs.writeFileSync(path.join(root, 'style.css'), 'body{}');
      const good = [
        '/reports/a/1/', 'reports/a/1/index.html', `/reports/a/1/#${encodeURIComponent('Ⅱ(1)-3-④')}`, '/reports/a/1/#存在',
        '/style.css', 'https://example.org/missing', 'mailto:a@example.org', '#top-of-page',
      ];
      const bad = ['/reports/b/1/', '/missing.css', `/reports/a/1/#${encodeURIComponent('Ⅱ(1)-3-⑤')}`, '#nowhere', 'javascript:alert(1)', '/reports/a/1/#%E3%81'];
      const links = [...good, ...bad].map((h) => `<a href="${h}">x</a>`).join('');
      fs.writeFileSync(path.join(root, 'index.html'),
        `<!doctype html><html lang="ja"><head><title>t</title><link rel="stylesheet" href="/style.css"><script src="/gone.js"></script></head><body><p id="top-of-page"></p>${links}</body></html>`);
      const { problems } = checkLinks(root);
      expect(problems.map((p) => p.ref).sort()).toEqual([...bad, '/gone.js'].sort());
      expect(problems.find((p) => p.ref.includes('%E2%85%A1'))!.problem).toContain('id="Ⅱ(1)-3-⑤"');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
