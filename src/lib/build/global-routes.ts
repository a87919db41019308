// The global pages (home, organisations, comparisons, comments, feed, guides, 404): the pages made from
// every report together, kept in src/global-pages/ and added to Astro's routes by astro.config.mjs, so
// that a build can leave them out. An incremental build whose global pages' inputs are unchanged takes
// them from the previous site (scripts/build.ts), and a shard of a sharded build never makes them (the
// aggregate step does). The folder is laid out like src/pages/: a file's path is its route.
// Reads the folder (I/O).
import fs from 'node:fs';
import path from 'node:path';

export const GLOBAL_PAGES_DIR = 'src/global-pages';

export interface GlobalRoute { pattern: string; entrypoint: string }

/** The route of a page file given by its path below the pages folder (with / separators), as Astro
 * routes a file of src/pages/: `index.astro` → `/`, `compare/[category]/index.astro` →
 * `/compare/[category]`, `feed.xml.ts` → `/feed.xml`, `404.astro` → `/404`. Undefined for a file that
 * is not a page (Astro leaves out names starting with `_`, and files other than .astro/.ts/.md). Pure. */
export function routeOf(rel: string): string | undefined {
  const parts = rel.split('/');
  if (parts.some((p) => p.startsWith('_') || p.startsWith('.'))) return undefined;
  const last = parts.pop()!;
  const name = /^(.+)\.(?:astro|ts|js|md|mdx)$/.exec(last)?.[1];
  if (!name) return undefined;
  if (name !== 'index') parts.push(name);
  return `/${parts.join('/')}`;
}

/** Every page of the global pages folder below `root` with its route, in path order. */
export function globalRoutes(root = process.cwd()): GlobalRoute[] {
  const dir = path.join(root, GLOBAL_PAGES_DIR);
  const routes: GlobalRoute[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else {
        const pattern = routeOf(r);
        if (pattern) routes.push({ pattern, entrypoint: `./${GLOBAL_PAGES_DIR}/${r}` });
      }
    }
  };
  walk('');
  return routes;
}
