// A built site as comparable data: every file's digest by path, with the one thing that legitimately
// differs between two builds of the same content left out: the print stamp's date (the day the page was
// made; a page reused by an incremental build keeps its day). Everything else, the search bundles
// included, must be the same bytes: a sharded build's shards index whole search parts, and a part is
// named by the hash of its inputs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SiteSnapshot { files: Record<string, string> }

export function siteSnapshot(root: string): SiteSnapshot {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      const rel = path.relative(root, p).split(path.sep).join('/');
      if (e.isDirectory()) { walk(p); continue; }
      let bytes: Buffer | string = fs.readFileSync(p);
      if (rel.endsWith('.html')) bytes = bytes.toString('utf8').replace(/(<span class="print-date">)[^<]*(<\/span>)/g, '$1$2');
      files[rel] = crypto.createHash('sha256').update(bytes).digest('hex');
    }
  };
  walk(root);
  return { files };
}

/** The paths whose bytes differ, or that only one site has (for a readable failure). */
export function snapshotDiff(a: SiteSnapshot, b: SiteSnapshot): string[] {
  const paths = new Set([...Object.keys(a.files), ...Object.keys(b.files)]);
  return [...paths].filter((p) => a.files[p] !== b.files[p]).sort();
}
