// Minifies the site's own scripts (public/*.js, which Astro copies as they are) in a built site (does
// file I/O). The sources keep their comments for whoever reads them; a reader's browser gets a third
// of the bytes (the search page's script is most of what it loads besides the search index).
import fs from 'node:fs';
import path from 'node:path';
import { transform } from 'esbuild';

/** Rewrites each script of `publicDir` in `site` (the copy Astro made) minified: a new file renamed over
 * the copy, not a write into it (a file of the site may be a link to the previous site's), so the script
 * is in place at every moment. Asynchronous (esbuild's service), so a build goes on meanwhile. */
export async function minifyScripts(site: string, publicDir: string): Promise<void> {
  await Promise.all(fs.readdirSync(publicDir).filter((f) => f.endsWith('.js')).map(async (name) => {
    const file = path.join(site, name);
    if (!fs.existsSync(file)) return;
    const { code } = await transform(fs.readFileSync(file, 'utf8'), { minify: true, loader: 'js', charset: 'utf8', legalComments: 'none' });
    // (written beside the site, not in it: the build lists the site's files meanwhile; named after the
    // site, so that it is the build's own file for whoever removes the files of ended builds)
    const next = `${site}.${name}.minified`;
    try {
      fs.writeFileSync(next, code);
      fs.renameSync(next, file);
    } finally { fs.rmSync(next, { force: true }); }
  }));
}
