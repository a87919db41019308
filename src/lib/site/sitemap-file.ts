// sitemap.xml and robots.txt for a built site: every page found in the build (so a new page type is
// listed without being named here), as absolute URLs under SITE_URL and the base path. Does I/O (reads
// the built folder). The XML is written by the `sitemap` package.
import fs from 'node:fs';
import path from 'node:path';
import { SitemapStream, streamToPromise } from 'sitemap';

/** The page URLs of a built site, relative to its root ('', 'reports/a/1/'), the 404 page excluded. */
export function builtPages(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) { if (!e.name.startsWith('pagefind') && e.name !== '_astro') walk(path.join(dir, e.name)); }
      else if (e.name === 'index.html') out.push(path.relative(root, dir).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.map((p) => (p ? `${p}/` : '')).sort();
}

/** The site's root URL from SITE_URL and the base path, ending in '/'. */
export function siteRoot(siteUrl: string, basePath = '/'): string {
  return new URL(basePath.replace(/^\/?/, '/').replace(/\/?$/, '/'), siteUrl).toString();
}

export async function writeSitemap(root: string, siteRootUrl: string): Promise<number> {
  const pages = builtPages(root);
  const stream = new SitemapStream();
  // Paths are percent-encoded here (Japanese 事務 names in compare/…/); the package escapes the XML.
  for (const p of pages) stream.write({ url: new URL(p.split('/').map(encodeURIComponent).join('/'), siteRootUrl).toString() });
  stream.end();
  fs.writeFileSync(path.join(root, 'sitemap.xml'), (await streamToPromise(stream)).toString());
  fs.writeFileSync(path.join(root, 'robots.txt'), `User-agent: *\nAllow: /\n\nSitemap: ${new URL('sitemap.xml', siteRootUrl)}\n`);
  return pages.length;
}
