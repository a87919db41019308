// npm run build: validates content/, builds the site into a temporary folder, indexes it for search,
// and only then replaces dist/. A failure at any step leaves the previous dist/ untouched.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { spawn } from 'node:child_process';
import { listYaml } from '../src/lib/content/content-files.ts';
import { validateFiles } from '../src/lib/content/validate-content.ts';
import { formatProblem } from '../src/lib/content/validate.ts';
import { checkMarkdownFiles, listMarkdown, reportIdOf } from '../src/lib/content/markdown-sources.ts';
import { cacheHome, contentCache } from '../src/lib/content/content-cache.ts';
import { SearchIndexer } from '../src/lib/site/search-index.ts';

const out = path.resolve(process.env.OUT_DIR ?? 'dist');
const contentDir = process.env.CONTENT_DIR ?? 'content';
// Astro must build inside the project folder: for an outDir elsewhere it falls back to a shared
// ./.astro/ work folder, and two builds at once (tests, a preview) would overwrite each other.
const buildRoot = path.resolve('.build');
const tmp = path.join(buildRoot, `${process.pid}-${Date.now()}`);
// Astro's cache (the content layer's data store of the Markdown sources) belongs to this build only.
const astroCache = `${tmp}.cache`;
const bin = (name: string) => path.resolve('node_modules/.bin', name);
// BUILD_TIMINGS=1 prints how long each step took (npm run bench reads these lines).
let mark = performance.now();
const timing = (step: string) => {
  if (process.env.BUILD_TIMINGS) console.log(`[timing] ${step} ${((performance.now() - mark) / 1000).toFixed(2)} s`);
  mark = performance.now();
};
// The finished site is first put beside its destination, so the final swap is one rename.
const staged = `${out}.new-${process.pid}`;

function fail(message: string): never {
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(astroCache, { recursive: true, force: true });
  fs.rmSync(staged, { recursive: true, force: true });
  console.error(message);
  console.error(`\nビルドを中止しました。${fs.existsSync(out) ? `以前の ${path.relative('.', out)}/ はそのままです。` : ''}`);
  process.exit(1);
}

const reports = new Set<string>();
// The data of every valid file goes to the content cache, where the Astro build reads it back.
const { problems: yamlProblems, files: yamlFiles } = validateFiles(listYaml(contentDir), contentDir, { keepData: true, onDocument: (d) => { if (d.kind === 'report') reports.add(reportIdOf(d.data)); } });
// Markdown sources (guides, notices) are untrusted like the YAML: checked before Astro sees them.
const markdown = listMarkdown(contentDir);
const problems = [...yamlProblems, ...checkMarkdownFiles(markdown, { reports })];
const files = yamlFiles + markdown.length;
if (problems.length) fail(problems.map(formatProblem).join('\n') + `\n\n${problems.length} 件の問題があります（${contentDir}/）。`);
console.log(`${files} ファイルを検証しました。`);
timing('検証');

// Tools run on this Node (the project's Node 24), whatever node comes first on the caller's PATH.
const PATH = [path.dirname(process.execPath), path.resolve('node_modules/.bin'), process.env.PATH].join(path.delimiter);
// The Astro build reads the data validated just above from the content cache instead of validating again.
const cache = contentCache();
const cacheEnv = cache ? { CONTENT_CACHE_VERSION: cache.version, CONTENT_CACHE_DIR: cacheHome() } : {};
const env = { ...process.env, PATH, ASTRO_OUT_DIR: tmp, ASTRO_CACHE_DIR: astroCache, CONTENT_DIR: contentDir, ASTRO_TELEMETRY_DISABLED: '1', ...cacheEnv };
// Pagefind segments Japanese text because every page declares lang="ja". The lists every report
// repeats from the form (all choices of a choice item, unchecked boxes) are not indexed: they would
// make every report match every option's words, and they are a fifth of the text.
const indexer = new SearchIndexer({
  site: tmp, pagefind: bin('pagefind'), env,
  args: ['.choice details', '.checks .is-unchecked'].flatMap((sel) => ['--exclude-selectors', sel]),
  partPages: Number(process.env.PAGEFIND_PART_PAGES ?? 200),
  jobs: Math.max(1, Number(process.env.PAGEFIND_JOBS ?? Math.min(2, os.availableParallelism()))),
});
const astro = spawn(bin('astro'), ['build', '--silent'], { stdio: 'inherit', env });
const scanning = setInterval(() => indexer.scan(), 2000);
const astroStatus = await new Promise<number | null>((resolve) => { astro.on('error', () => resolve(null)); astro.on('close', resolve); });
clearInterval(scanning);
if (astroStatus !== 0) { indexer.abort(); fail('Astro のビルドに失敗しました。'); }
timing('Astro（と並行した検索索引の一部）');

let bundles: string[];
try { bundles = await indexer.finish(); } catch (e) { fail((e as Error).message); }
if (bundles.length > 1) {
  // The search page names the other parts: data-merge="<base>pagefind-1/ <base>pagefind-2/ …".
  const searchPage = path.join(tmp, 'search', 'index.html');
  const html = fs.readFileSync(searchPage, 'utf8');
  const patched = html.replace(/data-bundle="([^"]*)pagefind\/"/, (m, base) => `${m} data-merge="${bundles.slice(1).map((b) => `${base}${b}/`).join(' ')}"`);
  if (patched === html) fail('検索ページ（search/index.html）に検索索引の場所（data-bundle）がありません。');
  fs.writeFileSync(searchPage, patched);
}
timing(`検索索引（${bundles.length} 部）`);

try { fs.renameSync(tmp, staged); } catch (e) {
  if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
  try { fs.cpSync(tmp, staged, { recursive: true }); } catch { fail(`${path.dirname(out)} に書き込めません。`); }
  fs.rmSync(tmp, { recursive: true, force: true });
}
const old = `${out}.old-${process.pid}`;
if (fs.existsSync(out)) fs.renameSync(out, old);
fs.renameSync(staged, out);
fs.rmSync(old, { recursive: true, force: true });
fs.rmSync(astroCache, { recursive: true, force: true });
try { fs.rmdirSync(buildRoot); } catch { /* other builds still running */ }
console.log(`サイトを ${path.relative('.', out) || out}/ に作りました。`);
