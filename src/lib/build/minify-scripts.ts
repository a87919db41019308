// Minifies the site's own scripts (public/*.js, which Astro copies as they are) in a built site (does
// file I/O). The sources keep their comments for whoever reads them; a reader's browser gets a third
// of the bytes (the search page's script is most of what it loads besides the search index).
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';

/** Rewrites each script of `publicDir` in `site` (the copy Astro made) minified: a new file, not a
 * write into the old one (a file of the site may be a link to the previous site's). */
export function minifyScripts(site: string, publicDir: string): void {
  for (const name of fs.readdirSync(publicDir).filter((f) => f.endsWith('.js'))) {
    const file = path.join(site, name);
    if (!fs.existsSync(file)) continue;
    const { code } = transformSync(fs.readFileSync(file, 'utf8'), { minify: true, loader: 'js', charset: 'utf8', legalComments: 'none' });
    fs.rmSync(file);
    fs.writeFileSync(file, code);
  }
}
