// The pages of a built site, found by listing it (never a hard-coded list: new page types are
// picked up as they appear), and a checker for internal links and #anchors over the built files.
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';

/** Every .html file under a built site, as site-relative paths ('index.html', 'reports/a/1/index.html'). */
export function htmlFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) out.push(path.relative(root, p).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** The URL path a file is served at: 'reports/a/1/index.html' → '/reports/a/1/'. */
export const urlOf = (file: string) => '/' + file.replace(/(^|\/)index\.html$/, '$1');

/**
 * The page type of a URL path: its directories with the variable parts (ids, numbers) replaced by '*'.
 * '/' → 'home', '/organisations/' → 'organisations', '/reports/kumamoto-shi/1/' → 'reports/*\/*'.
 */
export function pageType(url: string): string {
  const parts = url.split('/').filter(Boolean);
  if (!parts.length) return 'home';
  return parts.map((p, i) => (i === 0 ? p : '*')).join('/');
}

/** Site-relative HTML files grouped by page type, in sorted order. */
export function pagesByType(root: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of htmlFiles(root)) {
    const t = pageType(urlOf(f));
    out.set(t, [...(out.get(t) ?? []), urlOf(f)]);
  }
  return out;
}

export interface LinkProblem { page: string; ref: string; problem: string }

const REF_ATTRS: [string, string][] = [
  ['a[href]', 'href'], ['area[href]', 'href'], ['link[href]', 'href'], ['script[src]', 'src'], ['img[src]', 'src'],
  ['source[src]', 'src'], ['iframe[src]', 'src'], ['form[action]', 'action'], ['[srcset]', 'srcset'],
];

/**
 * Checks every internal href/src of every page: the target file exists and, for a #fragment
 * (percent-encoded Japanese included), the target page has an element with that id.
 * Links to other origins are not followed (they are checked for requests in the browser tests).
 */
export function checkLinks(root: string): { pages: number; links: number; anchors: number; problems: LinkProblem[] } {
  const base = 'http://site.invalid';
  const idCache = new Map<string, Set<string> | null>();
  const idsOf = (file: string) => {
    if (!idCache.has(file)) {
      if (!file.endsWith('.html')) idCache.set(file, null);
      else {
        const { document } = parseHTML(fs.readFileSync(path.join(root, file), 'utf8'));
        const ids = new Set<string>();
        for (const el of document.querySelectorAll('[id]')) ids.add(el.getAttribute('id')!);
        for (const el of document.querySelectorAll('a[name]')) ids.add(el.getAttribute('name')!);
        idCache.set(file, ids);
      }
    }
    return idCache.get(file)!;
  };
  /** The file a URL path is served from, or undefined when none (same rules as a static server). */
  const fileOf = (pathname: string): string | undefined => {
    let rel: string;
    try { rel = decodeURIComponent(pathname).replace(/^\/+/, ''); } catch { return undefined; }
    const abs = path.join(root, rel);
    if (!abs.startsWith(root)) return undefined;
    if (fs.existsSync(abs) && fs.statSync(abs).isFile()) return rel;
    const index = path.join(abs, 'index.html');
    if ((pathname.endsWith('/') || pathname === '') && fs.existsSync(index)) return path.relative(root, index).split(path.sep).join('/');
    if (fs.existsSync(index)) return path.relative(root, index).split(path.sep).join('/');
    return undefined;
  };

  const problems: LinkProblem[] = [];
  let links = 0;
  let anchors = 0;
  const pages = htmlFiles(root);
  for (const page of pages) {
    const pageUrl = new URL(urlOf(page), base);
    const { document } = parseHTML(fs.readFileSync(path.join(root, page), 'utf8'));
    const baseEl = document.querySelector('base[href]');
    const docBase = baseEl ? new URL(baseEl.getAttribute('href')!, pageUrl) : pageUrl;
    for (const [selector, attr] of REF_ATTRS) {
      for (const el of document.querySelectorAll(selector)) {
        const raw = el.getAttribute(attr)!;
        const refs = attr === 'srcset' ? raw.split(',').map((s: string) => s.trim().split(/\s+/)[0]).filter(Boolean) : [raw];
        for (const ref of refs) {
          links++;
          const bad = (problem: string) => problems.push({ page: urlOf(page), ref, problem });
          if (ref.trim() !== ref || ref === '') { bad('空、または前後に空白のあるリンク'); continue; }
          if (/^javascript:/i.test(ref)) { bad('javascript: のリンク'); continue; }
          let target: URL;
          try { target = new URL(ref, docBase); } catch { bad('URL として読めません'); continue; }
          if (target.origin !== base) continue; // another site (or mailto:, tel:)
          const file = fileOf(target.pathname);
          if (!file) { bad(`${decodeURIComponent(target.pathname)} がありません`); continue; }
          if (!target.hash || target.hash === '#') continue;
          let id: string;
          try { id = decodeURIComponent(target.hash.slice(1)); } catch { bad('アンカーのパーセントエンコードが不正です'); continue; }
          anchors++;
          const ids = idsOf(file);
          if (ids === null) { bad(`${file} は HTML ではないのにアンカー #${id} があります`); continue; }
          if (!ids.has(id) && id !== 'top') bad(`${urlOf(file)} に id="${id}" の要素がありません`);
        }
      }
    }
  }
  return { pages: pages.length, links, anchors, problems };
}
