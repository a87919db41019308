// The built guides and notices: the three guides exist with headings in order, every glossary entry
// cites a source, notices show on their pages, report pages read the same with and without glossary
// links, and hostile Markdown stops the build leaving the previous site.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildSite } from './support/global-setup.ts';
import { htmlFiles } from './support/site-pages.ts';

const sites = inject('sites');
const read = (root: string, page: string) => parseHTML(fs.readFileSync(path.join(root, page), 'utf8')).document;

describe('the guides of content/', () => {
  const pages = { about: 'このサイトについて', reading: '評価書の読み方', glossary: '用語集', data: 'データの使い方（ダウンロード）' };
  it.each(Object.entries(pages))('%s exists, is linked from the header or footer and home, and its headings skip no level', (slug, title) => {
    const doc = read(sites.content, `guides/${slug}/index.html`);
    expect(doc.querySelector('h1')!.textContent).toBe(title);
    let level = 1;
    for (const h of doc.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')) {
      const l = Number(h.tagName[1]);
      expect(l, h.textContent).toBeLessThanOrEqual(level + 1);
      level = l;
    }
    const home = read(sites.content, 'index.html');
    const hrefs = (sel: string) => [...home.querySelectorAll(sel)].map((a) => a.getAttribute('href'));
    expect(hrefs('main a')).toContain(`/guides/${slug}/`);
    expect([...hrefs('header a'), ...hrefs('footer a')]).toContain(`/guides/${slug}/`);
  });

  it('the data guide names every kind of download file the site has, at the place the site has it', () => {
    const text = read(sites.content, 'guides/data/index.html').querySelector('main')!.textContent!;
    const files = (fs.readdirSync(sites.content, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/')).filter((f) => /\.(json|ya?ml|csv|xml)$/.test(f) && !f.startsWith('pagefind') && f !== 'sitemap.xml' && !f.startsWith('sitemap'));
    const kinds = new Set(files.map((f) => f.replace(/^reports\/[^/]+\/[^/]+\/history\/[^/]+\.(json|yaml)$/, '/reports/<機関>/<番号>/history/<版>.yaml')
      .replace(/^reports\/[^/]+\/[^/]+\//, '/reports/<機関>/<番号>/').replace(/^compare\/[^/]+\//, '/compare/<事務分類>/').replace(/^(?!\/)/, '/')));
    expect(kinds.size).toBeGreaterThanOrEqual(5);
    for (const k of kinds) expect(text, k).toContain(k);
  });

  it('the reading guide embeds a real summary card, a report item and a comparison row', () => {
    const doc = read(sites.content, 'guides/reading/index.html');
    expect(doc.querySelector('figure .summary')).not.toBeNull();
    expect(doc.querySelector('figure .item#Ⅰ-1-③')).not.toBeNull();
    expect(doc.querySelector('figure table.compare-table')).not.toBeNull();
  });

  it('every glossary entry has its own anchor and a source link', () => {
    const doc = read(sites.content, 'guides/glossary/index.html');
    const entries = [...doc.querySelectorAll('main h2')];
    expect(entries.length).toBeGreaterThanOrEqual(14);
    for (const h of entries) {
      expect(h.id, h.textContent).toBe(h.textContent!.trim());
      const section: Element[] = [];
      for (let e = h.nextElementSibling; e && e.tagName !== 'H2'; e = e.nextElementSibling) section.push(e);
      const source = section.find((e) => e.textContent!.startsWith('出典'));
      expect(source, h.textContent).toBeDefined();
      expect(source!.querySelector('a[href]'), h.textContent).not.toBeNull();
      expect(section.some((e) => e.tagName === 'P' && !e.textContent!.startsWith('出典')), `${h.textContent} has a definition`).toBe(true);
    }
  });

  it('report pages link terms to existing glossary entries, from the text, the ※ legend and the summary card', () => {
    const ids = new Set([...read(sites.content, 'guides/glossary/index.html').querySelectorAll('[id]')].map((e) => e.id));
    const reports = htmlFiles(sites.content).filter((f) => /^reports\/[^/]+\/[^/]+\/index\.html$/.test(f));
    expect(reports.length).toBe(5);
    for (const page of reports) {
      const doc = read(sites.content, page);
      const terms = [...doc.querySelectorAll('a.term')];
      expect(terms.length, page).toBeGreaterThan(0);
      for (const a of [...terms, ...doc.querySelectorAll('.summary dt a, .legend a')]) {
        const href = a.getAttribute('href')!;
        expect(href).toMatch(/^\/guides\/glossary\/#/);
        expect(ids.has(decodeURIComponent(href.split('#')[1]!)), href).toBe(true);
      }
      expect(doc.querySelectorAll('.summary dt a').length, page).toBe(4);
    }
  });
});

describe('report pages without the glossary transform', () => {
  let plain: string;
  beforeAll(() => {
    plain = fs.mkdtempSync(path.join(os.tmpdir(), 'site-plain-'));
    const r = buildSite('content', path.join(plain, 'out'), { GLOSSARY_LINKS: 'off' });
    if (r.status !== 0) throw new Error(r.output);
  }, 180_000);
  afterAll(() => fs.rmSync(plain, { recursive: true, force: true }));

  it('read the same: with the glossary links removed, every report page equals the page built without them', () => {
    const reports = htmlFiles(sites.content).filter((f) => /^reports\/[^/]+\/[^/]+\/index\.html$/.test(f));
    for (const page of reports) {
      const linked = read(sites.content, page);
      // Every link to the glossary (text terms, the ※ legend, the summary card's labels) becomes its text.
      for (const a of [...linked.querySelectorAll('main a[href^="/guides/glossary/"]')]) a.replaceWith(linked.createTextNode(a.textContent!));
      const without = read(path.join(plain, 'out'), page);
      // (the print stamp's date is the day each page was made: the two builds may straddle midnight in Japan)
      for (const doc of [linked, without]) for (const d of doc.querySelectorAll('.print-date')) d.textContent = '';
      expect(without.querySelectorAll('main a[href^="/guides/glossary/"]').length).toBe(0);
      expect(linked.querySelector('main')!.textContent === without.querySelector('main')!.textContent, page).toBe(true);
      // The markup too: only the links differ (whitespace between elements aside).
      const a = linked.querySelector('main')!.innerHTML.replace(/\s+/g, '');
      const b = without.querySelector('main')!.innerHTML.replace(/\s+/g, '');
      const at = [...a].findIndex((c, i) => c !== b[i]);
      expect(a === b, `${page}: differs at …${a.slice(Math.max(0, at - 80), at + 80)}… / …${b.slice(Math.max(0, at - 80), at + 80)}…`).toBe(true);
    }
  });
});

describe('notices', () => {
  it('an organisation notice shows on the organisation page, a report notice on the report page', () => {
    const org = read(sites.fixture, 'organisations/test-shi/index.html');
    expect(org.querySelector('.notice-md h2')!.textContent).toBe('テスト市からのお知らせ');
    expect(org.querySelector('.notice-md strong')!.textContent).toBe('情報政策課');
    const report = read(sites.fixture, 'reports/test-shi/3/index.html');
    expect(report.querySelector('.notice-md')!.textContent).toContain('説明会を開きます');
  });
});

describe('hostile Markdown stops the build', () => {
  const cases: [string, string, string, RegExp][] = [
    ['raw <script>', 'guides/evil.md', '---\ntitle: x\n---\n\n<script>alert(1)</script>\n', /evil\.md:5:1 .*HTML は書けません/],
    ['<img onerror> in a notice', 'organisations/test-shi.md', '本文\n\n<img src=x onerror=alert(1)>\n', /test-shi\.md:3:1 .*HTML は書けません/],
    ['javascript: link', 'reports/test-shi/3.notice.md', '[押す](javascript:alert(1))\n', /3\.notice\.md:1:1 .*javascript:/],
    ['image from another origin', 'guides/evil.md', '---\ntitle: x\n---\n\n![](https://other.example/x.png)\n', /evil\.md:5:1 .*画像/],
    ['unknown MDX component', 'guides/evil.mdx', '---\ntitle: x\n---\n\n<Evil />\n', /evil\.mdx:5:1 .*<Evil>/],
    ['MDX expression', 'guides/evil.mdx', '---\ntitle: x\n---\n\n{alert(1)}\n', /evil\.mdx:5:1 .*MDX の式/],
    // (it stopped the build inside Astro, naming the page rather than the line)
    ['an embed of an item the report does not have', 'guides/evil.mdx', '---\ntitle: x\n---\n\n<ReportItem report="test-shi/2" item="Ⅸ-9" />\n', /evil\.mdx:5:1 .*評価書 test-shi\/2 に項目「Ⅸ-9」がありません/],
  ];
  let root: string;
  let out: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-md-'));
    out = path.join(root, 'out');
    fs.cpSync(sites.fixture, out, { recursive: true });
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it.each(cases)('%s: one Japanese error with file:line, the previous site stays', (_name, file, text, message) => {
    const content = path.join(root, 'content');
    fs.rmSync(content, { recursive: true, force: true });
    fs.cpSync('tests/fixtures/content', content, { recursive: true });
    fs.mkdirSync(path.dirname(path.join(content, file)), { recursive: true });
    fs.writeFileSync(path.join(content, file), text);
    const before = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    const r = buildSite(content, out);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(message);
    expect(r.output).toMatch(/1 件の問題があります/);
    expect(r.output).toContain('以前の');
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe(before);
  });

  // Read as the YAML is: the build's loader would follow a link to any file of the machine (a CI
  // runner's .git/config) and publish it; a guide's name is its URL.
  const link = (target: string, file: string) => { fs.rmSync(file, { force: true }); fs.symlinkSync(target, file); };
  const places: [string, (content: string) => void, RegExp][] = [
    ['a notice that is a link to a file outside content/', (c) => link(path.resolve('package.json'), path.join(c, 'organisations/test-shi.md')), /test-shi\.md:1:1 .*シンボリックリンクは使えません/],
    ['a report notice that is a link inside content/', (c) => link('../../organisations/test-shi.yaml', path.join(c, 'reports/test-shi/3.notice.md')), /3\.notice\.md:1:1 .*シンボリックリンクは使えません/],
    ['a guide named with characters a URL cannot carry', (c) => fs.writeFileSync(path.join(c, 'guides/q?x.md'), '---\ntitle: x\n---\n\n本文\n'), /q\?x\.md:1:1 .*ガイドのファイルの名前は/],
    ['two guides of one page', (c) => { fs.writeFileSync(path.join(c, 'guides/about.md'), '---\ntitle: 案内\n---\n\n本文\n'); fs.writeFileSync(path.join(c, 'guides/about.mdx'), '---\ntitle: 偽の案内\n---\n\n本文\n'); }, /about\.mdx:1:1 .*about\.md と同じページ（\/guides\/about\/）/],
  ];
  it.each(places)('%s: one Japanese error with file:line, the previous site stays', (_name, make, message) => {
    const content = path.join(root, 'content');
    fs.rmSync(content, { recursive: true, force: true });
    fs.cpSync('tests/fixtures/content', content, { recursive: true });
    fs.mkdirSync(path.join(content, 'guides'), { recursive: true });
    make(content);
    const before = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    const r = buildSite(content, out);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(message);
    expect(r.output).toMatch(/1 件の問題があります/);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe(before);
  });
});
