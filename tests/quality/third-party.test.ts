// No third-party requests: every page declares a Content-Security-Policy that allows only the site's
// own origin, and in Chromium every request of every page type (search with a query included) goes to
// the site itself. Planted cases show that the browser enforces the policy and that the recorder sees
// a request to another origin.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch } from '../support/browser.ts';
import { serve } from '../support/static-server.ts';
import { htmlFiles, pagesByType } from '../support/site-pages.ts';

const sites = inject('sites');

/** Sources each directive may list: only the site itself (plus inline images and Pagefind's WebAssembly). */
const ALLOWED: Record<string, string[]> = {
  '*': ["'self'", "'none'"],
  'img-src': ["'self'", 'data:'],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
};

function policyOf(html: string): { problems: string[]; directives: Map<string, string[]> } {
  const { document } = parseHTML(html);
  const problems: string[] = [];
  const directives = new Map<string, string[]>();
  const metas = [...document.querySelectorAll('meta[http-equiv]')].filter((m) => m.getAttribute('http-equiv')!.toLowerCase() === 'content-security-policy');
  if (metas.length !== 1) return { problems: [`${metas.length} CSP meta elements`], directives };
  // A policy in a <meta> applies only to what comes after it.
  const first = document.querySelector('script, link, style, meta[http-equiv]');
  if (first !== metas[0]) problems.push(`<${first?.localName}> comes before the CSP meta`);
  for (const part of metas[0].getAttribute('content')!.split(';').map((s: string) => s.trim()).filter(Boolean)) {
    const [name, ...sources] = part.split(/\s+/);
    directives.set(name, sources);
    const allowed = ALLOWED[name] ?? ALLOWED['*'];
    for (const src of sources) if (!allowed.includes(src)) problems.push(`${name} allows ${src}`);
  }
  if (directives.get('default-src')?.join(' ') !== "'self'") problems.push("default-src is not 'self'");
  if (directives.get('object-src')?.join(' ') !== "'none'") problems.push("object-src is not 'none'");
  if (!directives.has('base-uri')) problems.push('no base-uri');
  return { problems, directives };
}

describe('Content-Security-Policy', () => {
  it.each(Object.entries(sites))('every page of the %s site declares a same-origin policy before loading anything', (_name, root) => {
    const files = htmlFiles(root);
    expect(files.length).toBeGreaterThanOrEqual(7);
    const problems = files.flatMap((f) => policyOf(fs.readFileSync(path.join(root, f), 'utf8')).problems.map((p) => `${f}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('the policy check refuses a page without a policy, an inline-script policy, and a late policy', () => {
    const page = (head: string) => `<!doctype html><html><head>${head}</head><body></body></html>`;
    const csp = (c: string) => `<meta http-equiv="Content-Security-Policy" content="${c}">`;
    expect(policyOf(page('<title>x</title>')).problems).toEqual(['0 CSP meta elements']);
    expect(policyOf(page(csp("default-src 'self'; object-src 'none'; base-uri 'self'; script-src 'self' 'unsafe-inline' https://cdn.example"))).problems)
      .toEqual(["script-src allows 'unsafe-inline'", 'script-src allows https://cdn.example']);
    expect(policyOf(page(`<script src="/a.js"></script>${csp("default-src 'self'; object-src 'none'; base-uri 'self'")}`)).problems)
      .toEqual(['<script> comes before the CSP meta']);
  });
});

describe('requests in Chromium', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serve>>;
  /** Another origin: counts the requests it receives and serves a script that marks the page. */
  let other: { origin: string; hits: string[]; close: () => Promise<void> };
  beforeAll(async () => {
    const hits: string[] = [];
    const server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' }).end('window.__thirdParty = true;');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    // "localhost" and "127.0.0.1" are different origins, as are different ports.
    other = { origin: `http://localhost:${(server.address() as AddressInfo).port}`, hits, close: () => new Promise((ok) => server.close(() => ok())) };
    [browser, site] = await Promise.all([launch(), serve(sites.content)]);
  });
  afterAll(async () => { await browser?.close(); await site?.close(); await other?.close(); });

  /** Opens a page recording every request, failed response, console error and CSP violation. */
  async function record(page: Page, url: string) {
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`script error: ${e.message}`));
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => {
      ((window as any).__violations ??= []).push(`${e.effectiveDirective} ${e.blockedURI}`);
    }));
    await page.goto(url);
    const violations = async (): Promise<string[]> => (await page.evaluate(() => (window as any).__violations)) ?? [];
    return { requests, errors, violations, foreign: () => requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== new URL(url).origin) };
  }

  const oneOfEachType = [...pagesByType(sites.content).values()].map((urls) => urls[0]);
  it.each([...oneOfEachType, `/search/?q=${encodeURIComponent('ガバメントクラウド')}`])('%s loads only from its own origin, without errors', async (url) => {
    const page = await browser.newPage();
    const r = await record(page, `${site.origin}${url}`);
    if (url.includes('?q=')) await page.locator('.search-result-link').first().waitFor({ timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    expect(r.requests.length).toBeGreaterThan(1);
    expect(r.foreign()).toEqual([]);
    expect(await r.violations()).toEqual([]);
    expect(r.errors).toEqual([]);
    await page.close();
  });

  /** Injects what an attacker would: a script from another origin, and an inline event handler. */
  const inject3p = (page: Page, origin: string) => page.evaluate((o) => {
    const settled = (el: HTMLElement) => new Promise<void>((done) => { el.addEventListener('load', () => done()); el.addEventListener('error', () => done()); setTimeout(done, 2000); });
    const s = document.createElement('script');
    s.src = `${o}/evil.js`;
    const script = settled(s);
    document.head.append(s);
    const holder = document.createElement('div');
    holder.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__inline = true" onerror="window.__inline = true" alt="">';
    const image = settled(holder.firstElementChild as HTMLElement);
    document.body.append(holder);
    return Promise.all([script, image]).then(() => new Promise((ok) => setTimeout(ok, 50)));
  }, origin);
  const marks = (page: Page) => page.evaluate(() => ({ thirdParty: (window as any).__thirdParty ?? false, inline: (window as any).__inline ?? false }));

  it('the site\'s policy blocks a script from another origin and an inline handler (planted)', async () => {
    other.hits.length = 0;
    const page = await browser.newPage();
    const r = await record(page, `${site.origin}/reports/kurashiki-shi/11/`);
    await inject3p(page, other.origin);
    await page.waitForTimeout(200);
    expect(await marks(page)).toEqual({ thirdParty: false, inline: false });
    expect(other.hits).toEqual([]);
    const violations = await r.violations();
    expect(violations).toContain(`script-src-elem ${other.origin}/evil.js`);
    expect(violations.some((v) => v.startsWith('script-src-attr'))).toBe(true);
    await page.close();
  });

  it('without the policy the same injection runs, and the recorder reports the foreign request (control)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'no-csp-'));
    const html = fs.readFileSync(path.join(sites.content, 'index.html'), 'utf8').replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, '');
    fs.writeFileSync(path.join(dir, 'index.html'), html);
    const bare = await serve(dir);
    other.hits.length = 0;
    const page = await browser.newPage();
    try {
      const r = await record(page, `${bare.origin}/`);
      await inject3p(page, other.origin);
      expect(await marks(page)).toEqual({ thirdParty: true, inline: true });
      expect(other.hits).toEqual(['/evil.js']);
      expect(r.foreign()).toEqual([`${other.origin}/evil.js`]);
    } finally {
      await page.close();
      await bare.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
