// A built site as comparable data: every file's digest by path, with what legitimately differs between
// two builds of the same content left out: the print stamp's date (the day the page was made), and how
// the search index is cut into bundles (pagefind*/, the search page's data-merge list). The search
// index is compared by what it holds instead: the set of Pagefind fragments (one per indexed page,
// named by a digest of the page's indexed text, URL, filters and metadata).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SiteSnapshot { files: Record<string, string>; searchFragments: string[] }

export function siteSnapshot(root: string): SiteSnapshot {
  const files: Record<string, string> = {};
  const fragments: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      const rel = path.relative(root, p).split(path.sep).join('/');
      if (e.isDirectory()) { walk(p); continue; }
      if (/^pagefind(-\d+)?\//.test(rel)) {
        if (/\/fragment\//.test(rel)) fragments.push(e.name);
        continue;
      }
      let bytes: Buffer | string = fs.readFileSync(p);
      if (rel.endsWith('.html')) {
        bytes = bytes.toString('utf8').replace(/(<span class="print-date">)[^<]*(<\/span>)/g, '$1$2');
        if (rel === 'search/index.html') bytes = bytes.replace(/ data-merge="[^"]*"/, '');
      }
      files[rel] = crypto.createHash('sha256').update(bytes).digest('hex');
    }
  };
  walk(root);
  return { files, searchFragments: fragments.sort() };
}

/** The paths whose bytes differ, or that only one site has (for a readable failure). */
export function snapshotDiff(a: SiteSnapshot, b: SiteSnapshot): string[] {
  const paths = new Set([...Object.keys(a.files), ...Object.keys(b.files)]);
  const out = [...paths].filter((p) => a.files[p] !== b.files[p]).sort();
  if (JSON.stringify(a.searchFragments) !== JSON.stringify(b.searchFragments)) out.push('(search fragments)');
  return out;
}
