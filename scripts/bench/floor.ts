// The floor for `npm run bench`: the least any build must do for the same site, with no framework:
// read and parse every YAML file of the content (with js-yaml, the fastest reader the project has),
// and write the same bytes of HTML as the real build produced (read from its output beforehand,
// outside the measured part). Prints `[floor] <ms>`.
// Usage: node scripts/bench/floor.ts <content dir> <built site> <output dir>
import fs from 'node:fs';
import path from 'node:path';
import jsyaml from 'js-yaml';
import { listYaml } from '../../src/lib/content/content-files.ts';

const [contentDir, site, out] = process.argv.slice(2);
const pages: [string, Buffer][] = [];
const walk = (d: string) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.html')) pages.push([path.relative(site, p), fs.readFileSync(p)]);
  }
};
walk(site);

const t0 = performance.now();
let documents = 0;
for (const file of listYaml(contentDir)) { jsyaml.load(fs.readFileSync(file, 'utf8')); documents++; }
const parsed = performance.now();
for (const [rel, bytes] of pages) {
  const file = path.join(out, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
}
const done = performance.now();
console.log(`[floor] ${(done - t0).toFixed(0)} parse=${(parsed - t0).toFixed(0)} write=${(done - parsed).toFixed(0)} documents=${documents} pages=${pages.length}`);
