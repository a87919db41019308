// Hostile content: every free-text field of a fixture report (and its organisation) holds script tags,
// event handlers, javascript: URLs, SVG/MathML tricks, Markdown links and images, RTL overrides,
// zero-width characters and a 10,000-character word. The site is built with scripts/build.ts twice —
// with the payloads and, as the baseline, with the same report holding its ordinary text — and the
// pages are compared: the payloads add no element, attribute or link, and show as the text written.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { parseDocument } from 'yaml';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { validateText } from '../../src/lib/content/validate.ts';
import { fillFreeText, LONG_WORD, PAYLOAD, PAYLOAD_LINES, type Filled } from '../support/hostile.ts';
import { checkLinks, htmlFiles, urlOf } from '../support/site-pages.ts';
import { launch } from '../support/browser.ts';
import { serve } from '../support/static-server.ts';

const REPORT = 'reports/test-shi/3.yaml'; // 全項目評価書: the form with the most free text
const ORG = 'organisations/test-shi.yaml';
const LONG_KEYS = new Set(['評価書名', '事務の名称', '名称', '特定個人情報ファイル名', 'システムの名称', '変更後の記載', '提出方法', '内容']);

/** The report with every optional part the pages can show: a comment period, a marker, transcription notes. */
function withEveryPart(text: string): string {
  const doc = parseDocument(text);
  doc.set('公開状態', doc.createNode({
    状態: '意見募集中',
    意見募集: { 開始日: '2000-01-01', 終了日: '2099-12-31', 提出方法: '意見書を提出してください', 提出先URL: 'https://example.jp/iken', 提出先メール: 'iken@example.jp', 提出先住所: 'テスト市役所', 問合せ先: 'テスト市 情報政策課' },
  }));
  doc.setIn(['表紙', '特記事項'], doc.createNode({ 記載状態: '判読不能', 注記: '判読できない箇所の注記', 原文: '読めた範囲の原文' }));
  doc.set('転記注記', doc.createNode([{ 項目: 'Ⅰ 1. ①', 内容: '転記で判断したことの記録' }]));
  return doc.toString({ lineWidth: 0 });
}

/** Builds a content folder with scripts/build.ts (asynchronously, so that the two builds overlap). */
function build(contentDir: string, outDir: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/build.ts'], { env: { ...process.env, CONTENT_DIR: contentDir, OUT_DIR: outDir, ASTRO_TELEMETRY_DISABLED: '1' } });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('close', (status) => resolve({ status, output }));
  });
}

let root: string;
let baseline: string;
let hostile: string;
let report: Filled;
let organisation: Filled;
beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
  const [baseContent, hostileContent] = [path.join(root, 'base-content'), path.join(root, 'hostile-content')];
  for (const dir of [baseContent, hostileContent]) fs.cpSync('tests/fixtures/content', dir, { recursive: true });
  const full = withEveryPart(fs.readFileSync(path.join(baseContent, REPORT), 'utf8'));
  fs.writeFileSync(path.join(baseContent, REPORT), full);
  report = fillFreeText(full, 'report', (p, i) => PAYLOAD + (i % 4 === 0 || LONG_KEYS.has(String(p.at(-1))) ? `\n${LONG_WORD}` : ''));
  organisation = fillFreeText(fs.readFileSync(path.join(hostileContent, ORG), 'utf8'), 'organisation', () => `${PAYLOAD}\n${LONG_WORD}`);
  fs.writeFileSync(path.join(hostileContent, REPORT), report.text);
  fs.writeFileSync(path.join(hostileContent, ORG), organisation.text);
  [baseline, hostile] = [path.join(root, 'base-site'), path.join(root, 'hostile-site')];
  const results = await Promise.all([build(baseContent, baseline), build(hostileContent, hostile)]);
  for (const r of results) if (r.status !== 0) throw new Error(`build failed:\n${r.output}`);
}, 180_000);
afterAll(() => { if (root) fs.rmSync(root, { recursive: true, force: true }); });

const doc = (site: string, file: string) => parseHTML(fs.readFileSync(path.join(site, file), 'utf8')).document;

/** Elements (counted by name), attribute names and link targets of a page. */
function shapeOf(document: Document) {
  const tags = new Map<string, number>();
  const attributes = new Set<string>();
  const refs: string[] = [];
  // The marks of changed words (and their note for screen readers) follow what the texts say, which
  // the payloads replace: they are left out of the tally (their text is checked like any other).
  for (const m of [...document.querySelectorAll('mark')]) m.replaceWith(...m.childNodes);
  for (const n of [...document.querySelectorAll('p.visually-hidden')].filter((p) => p.textContent === '（変わった語句を強調（mark）で示しています）')) n.remove();
  for (const el of document.querySelectorAll('*')) {
    tags.set(el.localName, (tags.get(el.localName) ?? 0) + 1);
    for (const a of el.attributes) attributes.add(`${el.localName}[${a.name}]`);
    for (const a of ['href', 'src', 'action', 'formaction', 'srcdoc', 'data', 'poster', 'xlink:href']) {
      const v = el.getAttribute(a);
      if (v === null) continue;
      // Comment links (mailto:, the form's URL) carry the report title and item in their query:
      // compare up to the query, and require the query to be fully percent-encoded.
      const [base, query] = v.split(/\?(.*)/s);
      if (query !== undefined && !/^[A-Za-z0-9%._~+\-=&!'()*]*$/.test(query)) refs.push(`${el.localName}[${a}] with an unencoded query: ${v.slice(0, 80)}`);
      refs.push(`${el.localName}[${a}]=${base}`);
    }
  }
  return { tags: Object.fromEntries([...tags].sort()), attributes: [...attributes].sort(), refs };
}

/** How a page with payloads differs in shape from the same page with ordinary text (nothing, when escaped). */
function differencesOf(file: string, baseline: Document, hostile: Document): string[] {
  const [b, h] = [shapeOf(baseline), shapeOf(hostile)];
  const out: string[] = [];
  if (JSON.stringify(b.tags) !== JSON.stringify(h.tags)) {
    const changed = Object.keys({ ...b.tags, ...h.tags }).filter((t) => b.tags[t] !== h.tags[t]).map((t) => `<${t}> ${b.tags[t] ?? 0} → ${h.tags[t] ?? 0}`);
    out.push(`${file}: elements ${changed.join(', ')}`);
  }
  const newAttributes = h.attributes.filter((a) => !b.attributes.includes(a));
  if (newAttributes.length) out.push(`${file}: new attributes ${newAttributes.join(', ')}`);
  if (JSON.stringify(b.refs) !== JSON.stringify(h.refs)) out.push(`${file}: links differ: ${h.refs.filter((r) => !b.refs.includes(r)).join(', ').slice(0, 500)}`);
  return out;
}

describe('a report whose every free-text field is hostile', () => {
  it('has the payloads in every free-text field, and only the validator-refused values kept', () => {
    const fields = report.fields.map((p) => p.join('/'));
    expect(fields.length).toBeGreaterThan(250);
    for (const f of ['表紙/評価書名', '表紙/特記事項/注記', '表紙/特記事項/原文', '転記注記/0/内容', '公開状態/意見募集/提出方法', '公開状態/意見募集/問合せ先']) expect(fields).toContain(f);
    expect(fields.some((f) => f.startsWith('変更箇所/'))).toBe(true);
    expect(fields.some((f) => /\/名称$/.test(f))).toBe(true);
    // what the validator refused is not free text: choices, dates, URLs, the e-mail address, codes
    for (const f of ['様式', '事務分類', '評価実施機関', '表紙/公表日', '公開状態/意見募集/提出先URL', '公開状態/意見募集/提出先メール']) expect(fields).not.toContain(f);
    expect(organisation.fields.map((p) => p.join('/')).sort()).toEqual(['名称', '団体名']);
  });

  it('cannot get a javascript: or data: URL into a link: the URL fields take http(s) only', () => {
    const org = fs.readFileSync(path.join('tests/fixtures/content', ORG), 'utf8');
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/']) {
      const orgProblems = validateText('o.yaml', `${org}サイトURL: ${JSON.stringify(url)}\n`, 'organisation').problems;
      expect(orgProblems.length, url).toBeGreaterThan(0);
      expect(orgProblems.every((p) => p.line === org.split('\n').length), url).toBe(true);
      const text = withEveryPart(fs.readFileSync(path.join('tests/fixtures/content', REPORT), 'utf8')).replace('https://example.jp/iken', url);
      const reportProblems = validateText('r.yaml', text, 'report').problems;
      expect(reportProblems.length, url).toBeGreaterThan(0);
      expect(reportProblems.every((p) => p.item.endsWith('提出先URL')), url).toBe(true);
    }
  });

  it('builds the same pages as the baseline', () => {
    expect(htmlFiles(hostile)).toEqual(htmlFiles(baseline));
    expect(htmlFiles(hostile).length).toBeGreaterThanOrEqual(8);
  });

  it('adds no element, attribute or link to any page', () => {
    const differences = htmlFiles(hostile).flatMap((file) => differencesOf(file, doc(baseline, file), doc(hostile, file)));
    expect(differences).toEqual([]);
  });

  it('has no live script, event handler or javascript: URL anywhere', () => {
    const found: string[] = [];
    for (const file of htmlFiles(hostile)) {
      for (const el of doc(hostile, file).querySelectorAll('*')) {
        if (el.localName === 'script' && !el.getAttribute('src')?.startsWith('/')) found.push(`${file}: inline <script>`);
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) found.push(`${file}: <${el.localName} ${a.name}>`);
          if (/^\s*(javascript|vbscript|data:text\/html)/i.test(a.value)) found.push(`${file}: <${el.localName} ${a.name}="${a.value.slice(0, 40)}">`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('shows every payload as the text that was written, escaped in the HTML', () => {
    const file = `${REPORT.replace(/\.yaml$/, '')}/index.html`;
    const html = fs.readFileSync(path.join(hostile, file), 'utf8');
    const text = doc(hostile, file).querySelector('main')!.textContent!;
    for (const line of PAYLOAD_LINES) {
      const shown = text.split(line).length - 1;
      expect(shown, `「${line}」 shown as text`).toBeGreaterThan(200);
    }
    expect(text).toContain(LONG_WORD);
    // escaped in the HTML: the text of every field (quotes too; in attribute values such as the item
    // links' labels, only the quotes need escaping, and the parsed shape above shows nothing broke out)
    expect(html.split('&lt;script&gt;window.__pwned = &quot;script&quot;&lt;/script&gt;').length - 1).toBeGreaterThan(200);
    // in the head too: the title and the description carry the report title
    const head = doc(hostile, file);
    expect(head.querySelector('title')!.textContent).toContain(PAYLOAD_LINES[0]);
    expect(head.querySelector('meta[name="description"]')?.getAttribute('content') ?? '').not.toMatch(/^"/);
    // and on the pages that list the organisation and the report
    for (const page of ['index.html', 'organisations/index.html', 'organisations/test-shi/index.html']) {
      expect(doc(hostile, page).querySelector('main')!.textContent, page).toContain(PAYLOAD_LINES[3]);
    }
  });

  it('leaves every page valid HTML with no broken link', async () => {
    const validator = new HtmlValidate(JSON.parse(fs.readFileSync('.htmlvalidate.json', 'utf8')));
    const errors: string[] = [];
    for (const f of htmlFiles(hostile)) {
      const r = await validator.validateString(fs.readFileSync(path.join(hostile, f), 'utf8'), f);
      errors.push(...r.results.flatMap((x) => x.messages.map((m) => `${f}:${m.line}:${m.column} [${m.ruleId}] ${m.message}`)));
    }
    expect(errors).toEqual([]);
    expect(checkLinks(hostile).problems).toEqual([]);
  });

  it('would catch a payload that became markup', () => {
    // The same comparison, on the report page with one payload written into the HTML unescaped.
    const file = `${REPORT.replace(/\.yaml$/, '')}/index.html`;
    const [head, body] = fs.readFileSync(path.join(hostile, file), 'utf8').split('<main');
    const escaped = '&lt;img src=&quot;x&quot; onerror=&quot;window.__pwned = &#39;img&#39;&quot;&gt;';
    expect(body).toContain(escaped);
    const planted = parseHTML(`${head}<main${body.replace(escaped, '<img src="x" onerror="window.__pwned = 1">')}`).document;
    const differences = differencesOf(file, doc(baseline, file), planted);
    expect(differences.join('\n')).toContain('<img> 0 → 1');
    expect(differences.join('\n')).toContain('img[onerror]');
  });
});

describe('the hostile pages in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => { [browser, server] = await Promise.all([launch(), serve(hostile)]); });
  afterAll(async () => { await browser?.close(); await server?.close(); });

  it('run no payload, open no dialog, and fit 320 px despite the 10,000-character word', async () => {
    const pages = htmlFiles(hostile).map(urlOf).map((u) => (u === '/search/' ? `/search/?q=${encodeURIComponent('ここを押す')}` : u));
    const problems: string[] = [];
    // two pages at a time, each in its own context (renderer process)
    const queue = [...pages];
    await Promise.all([0, 1].map(async () => {
      const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
      for (let url = queue.shift(); url; url = queue.shift()) await check(context, url);
      await context.close();
    }));
    expect(problems).toEqual([]);

    async function check(context: BrowserContext, url: string) {
      const page = await context.newPage();
      page.on('dialog', (d) => { problems.push(`${url}: dialog ${d.message()}`); void d.dismiss(); });
      await page.goto(`${server.origin}${url}`);
      if (url.startsWith('/search/')) {
        await page.locator('.search-result-link').first().waitFor({ timeout: 20_000 });
        const injected = await page.locator('#search-results :is(img, svg, math, iframe, script, object)').count();
        if (injected) problems.push(`${url}: ${injected} elements from the payload in the search results`);
      }
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      await page.mouse.move(100, 100);
      const state = await page.evaluate(() => ({ pwned: (window as any).__pwned, width: document.documentElement.scrollWidth }));
      if (state.pwned !== undefined) problems.push(`${url}: payload ran (${state.pwned})`);
      if (state.width > 320) problems.push(`${url}: ${state.width}px wide at a 320 px screen`);
      await page.close();
    }
  });
});
