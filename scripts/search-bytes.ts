// How many bytes one search fetches: serves a built site on a loopback HTTP server, opens its search
// page in Debian's Chromium (fresh browser context, so nothing is cached), types a query, waits for
// the first page of results, and counts every byte the server sent (pages, scripts, the Pagefind
// runtime, index chunks, fragments; the server counts them, so requests from Pagefind's worker count
// too). Does I/O (a server, a browser). `npm run bench` calls searchBytes(); also a CLI:
//   node scripts/search-bytes.ts <built site folder> [--query 語]…
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';

export interface SearchBytes {
  query: string;
  /** Reports the search page said it found. */
  results: number;
  /** Bytes of response bodies: all, before the query was typed (the page itself), and by kind. */
  bytes: number;
  pageBytes: number;
  byKind: Record<string, number>;
  requests: number;
  /** Every file fetched, in order. */
  files: { url: string; bytes: number }[];
  ms: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.xml': 'application/xml',
};

/** What a fetched file is, for the breakdown. */
function kindOf(url: string): string {
  if (/\/fragment\/.*\.pf_text$/.test(url)) return 'text';
  if (/\/fragment\/.*\.pf_heads$/.test(url)) return 'heads';
  if (/\.pf_filters?$/.test(url)) return 'filter';
  if (/\/fragment\//.test(url)) return 'fragment';
  if (/\/index\/[^/]+\.pf_index$/.test(url)) return 'index';
  if (/\/filter\//.test(url)) return 'filter';
  if (/pf_meta$|pagefind-entry\.json$/.test(url)) return 'meta';
  if (/(wasm\.[^/]+\.pagefind|pagefind(-worker)?\.js)$/.test(url)) return 'runtime';
  return 'page';
}

/** Measures one search per query on the built site at `site` (a folder, or a link to one). */
export async function searchBytes(site: string, queries: string[], { executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', timeout = 60_000 } = {}): Promise<SearchBytes[]> {
  const root = fs.realpathSync(site);
  let log: { url: string; bytes: number }[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404).end(); return; }
    const whole = fs.readFileSync(file);
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    // one byte range, as static hosts serve it (the search page reads excerpt chunks by ranges)
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (range && Number(range[1]) <= Number(range[2]) && Number(range[2]) < whole.length) {
      const body = whole.subarray(Number(range[1]), Number(range[2]) + 1);
      log.push({ url: url.pathname, bytes: body.length });
      res.writeHead(206, { 'content-type': type, 'content-length': body.length, 'content-range': `bytes ${range[1]}-${range[2]}/${whole.length}` }).end(body);
      return;
    }
    log.push({ url: url.pathname, bytes: whole.length });
    res.writeHead(200, { 'content-type': type, 'content-length': whole.length }).end(whole);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const out: SearchBytes[] = [];
  try {
    for (const query of queries) {
      const context = await browser.newContext();
      const page = await context.newPage();
      // What the page says went wrong, for the error below (a failed search only says so on the page).
      const errors: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      log = [];
      const start = performance.now();
      await page.goto(`${origin}/search/`, { waitUntil: 'networkidle' });
      const pageBytes = log.reduce((n, r) => n + r.bytes, 0);
      await page.fill('#search-input', query);
      await page.press('#search-input', 'Enter');
      const status = page.locator('#search-status');
      await status.filter({ hasText: /件|見つかりませんでした|読み込めませんでした/ }).waitFor({ timeout });
      const text = (await status.textContent()) ?? '';
      if (text.includes('読み込めませんでした')) throw new Error(`検索索引を読み込めませんでした（${query}）: ${errors.join(' / ').slice(0, 2000) || '原因の表示なし'}`);
      const results = Number(/(\d+) 件/.exec(text)?.[1] ?? 0);
      // the first page of results is shown once its (at most ten) entries are in the list
      await page.waitForFunction((n) => document.querySelectorAll('.search-result').length >= n, Math.min(results, 10), { timeout });
      const ms = performance.now() - start;
      const byKind: Record<string, number> = {};
      for (const r of log) byKind[kindOf(r.url)] = (byKind[kindOf(r.url)] ?? 0) + r.bytes;
      out.push({ query, results, bytes: log.reduce((n, r) => n + r.bytes, 0), pageBytes, byKind, requests: log.length, files: log, ms });
      await context.close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((ok) => server.close(() => ok()));
  }
  return out;
}

export const DEFAULT_QUERIES = ['ガバメントクラウド', '住民基本台帳', '特定個人情報 委託'];

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { parseCli } = await import('./cli.ts');
  const { values, positionals } = parseCli(`
使い方: node scripts/search-bytes.ts <ビルドしたサイトのフォルダ> [--query 語]…

サイトの検索ページを Chromium で開いて語を入れ、最初の結果が出るまでに読み込んだバイト数を示します。
  --query 語   検索する語（何度でも。既定: ${DEFAULT_QUERIES.join('、')}）
  --json       結果を JSON で出します
  -h, --help   この説明を表示します
`, { query: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } }, { positionals: true });
  const site = positionals[0];
  if (!site || !fs.existsSync(path.join(site, 'search', 'index.html'))) {
    console.error(`${site ?? '（フォルダの指定なし）'} はビルドしたサイトではありません（search/index.html がありません）。`);
    process.exit(2);
  }
  const rows = await searchBytes(site, values.query?.length ? values.query : DEFAULT_QUERIES);
  if (values.json) console.log(JSON.stringify(rows, null, 2));
  else for (const r of rows) {
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    console.log(`「${r.query}」 ${r.results} 件: ${kb(r.bytes)}（ページ ${kb(r.pageBytes)}、${Object.entries(r.byKind).map(([k, v]) => `${k} ${kb(v)}`).join('、')}、${r.requests} 回、${(r.ms / 1000).toFixed(1)} s）`);
  }
}
