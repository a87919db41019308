// npm run build: validates content/, builds the site into a temporary folder, indexes it for search,
// and only then publishes it. A failure at any step is one Japanese line and leaves the previous site.
//
// dist/ is a symbolic link to the current site, kept beside it in .dist.sites/<pid>-<time>/. The new
// site is published by one rename(2) of a new link over dist, which is atomic: a reader (a web server,
// a copy) sees the whole old site or the whole new one, never a mix, and two builds finishing together
// leave one of the two whole. An older dist/ that is a real folder is moved into .dist.sites/ once.
// A build that dies (killed, power cut) leaves its folders named by its process id; the next build
// removes those of dead processes. Astro and Pagefind run in the build's process group, so killing the
// group (Ctrl-C, CI cancelling a job, `kill -- -PGID`) stops them with it; SIGTERM/SIGINT/SIGHUP to the
// build alone stops its children and removes its folders.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { spawn, type ChildProcess } from 'node:child_process';
import { listYaml } from '../src/lib/content/content-files.ts';
import { validateFiles } from '../src/lib/content/validate-content.ts';
import { formatProblem } from '../src/lib/content/validate.ts';
import { checkMarkdownFiles, listMarkdown } from '../src/lib/content/markdown-sources.ts';
import { reportId } from '../src/lib/content/report-identity.ts';
import { cacheHome, contentCache } from '../src/lib/content/content-cache.ts';
import { SearchIndexer, setSearchPageBundles, type IndexResult } from '../src/lib/site/search-index.ts';
import { moveInto } from '../src/lib/site/download-files.ts';
import { parseCli } from './cli.ts';
import { isUnfilled, unfilledNotice } from '../src/lib/form/scaffold.ts';

parseCli(`
使い方: npm run build

content/ を検証し、問題がなければサイトを dist/ に作ります（検索索引も作ります）。
途中で失敗したときは、以前の dist/ をそのまま残します。
環境変数: CONTENT_DIR（content フォルダ）・OUT_DIR（出力先）
  -h, --help  この説明を表示します
`, {});
import { siteRoot, writeSitemap } from '../src/lib/site/sitemap-file.ts';

const out = path.resolve(process.env.OUT_DIR ?? 'dist');
const contentDir = process.env.CONTENT_DIR ?? 'content';
// Astro must build inside the project folder: for an outDir elsewhere it falls back to a shared
// ./.astro/ work folder, and two builds at once (tests, a preview) would overwrite each other.
const buildRoot = path.resolve('.build');
const stamp = `${process.pid}-${Date.now()}`;
const tmp = path.join(buildRoot, stamp);
const sites = path.join(path.dirname(out), `.${path.basename(out)}.sites`);
const version = path.join(sites, stamp);
const link = `${out}.link-${process.pid}`;
// Astro's cache (the content layer's data store of the Markdown sources) belongs to this build only.
const astroCache = `${tmp}.cache`;
// The plain step's downloads (moved into the site after Astro) and the per-report summaries.
const siteData = `${tmp}.data`;
const summariesDir = `${tmp}.summaries`;
const bin = (name: string) => path.resolve('node_modules/.bin', name);
const shownPath = (p: string) => path.relative('.', p) || p;
// BUILD_TIMINGS=1 prints how long each step took (npm run bench reads these lines).
let mark = performance.now();
const timing = (step: string) => {
  if (process.env.BUILD_TIMINGS) console.log(`[timing] ${step} ${((performance.now() - mark) / 1000).toFixed(2)} s`);
  mark = performance.now();
};

const children = new Set<ChildProcess>();
let indexer: SearchIndexer | undefined;
let published = false;
/** Removes what this build made and has not published (never the published site). */
function removeOwn() {
  indexer?.abort();
  for (const c of children) c.kill('SIGTERM');
  for (const p of published ? [tmp, astroCache, siteData, summariesDir, link] : [tmp, astroCache, siteData, summariesDir, link, version]) {
    try { fs.rmSync(p, { recursive: true, force: true }); } catch { /* removed by the next build */ }
  }
}

function fail(message: string): never {
  removeOwn();
  console.error(message);
  console.error(`\nビルドを中止しました。${isSite(out) ? `以前の ${shownPath(out)}/ はそのままです。` : ''}`);
  process.exit(1);
}
const isSite = (p: string) => { try { return fs.statSync(p).isDirectory(); } catch { return false; } };
/** One Japanese line for a file-system error: what could not be done, where, and the code. */
const ioProblem = (what: string, e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  const reason = err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS' ? '書き込みが許されていません' : err.code === 'ENOSPC' ? 'ディスクがいっぱいです' : 'ファイル操作に失敗しました';
  return `${what}できません: ${reason}（${err.code ?? 'error'}${err.path ? ` ${shownPath(err.path)}` : ''}）。`;
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => { removeOwn(); console.error(`\nビルドを中止しました（${signal}）。`); process.exit(128 + os.constants.signals[signal]); });
}
process.on('uncaughtException', (e) => fail(`ビルドの途中で失敗しました: ${String((e as Error).message ?? e).split('\n')[0]}`));

/** Whether a process id (the first part of a build's folder names) is a running process. */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}
const pidOf = (name: string) => Number(/^(\d+)-/.exec(name)?.[1] ?? NaN);
/** The folder dist/ points to now, or undefined. */
const current = () => { try { return path.resolve(path.dirname(out), fs.readlinkSync(out)); } catch { return undefined; } };

/** Removes the folders of builds whose process is gone (and, after publishing, this build's older
 * sites): a killed build must not leave a whole site behind for ever. Returns what it could not remove. */
function removeStale(): string[] {
  const failed: string[] = [];
  const rm = (p: string) => { try { fs.rmSync(p, { recursive: true, force: true }); } catch { failed.push(p); } };
  const names = (dir: string) => { try { return fs.readdirSync(dir); } catch { return []; } };
  for (const name of names(buildRoot)) if (!alive(pidOf(name))) rm(path.join(buildRoot, name));
  const live = current();
  for (const name of names(sites)) {
    const p = path.join(sites, name);
    const pid = pidOf(name);
    // Kept: the published site, and the sites of builds still running (one may be about to link to
    // its own); this build's own older site (a moved dist/) only until it has published.
    if (p === live || (pid === process.pid ? !published : alive(pid))) continue;
    rm(p);
  }
  const prefix = `${path.basename(out)}.`;
  for (const name of names(path.dirname(out))) {
    if (name.startsWith(prefix) && /^(?:link|new|old)-\d+$/.test(name.slice(prefix.length)) && !alive(Number(name.replace(/\D+/g, '')))) rm(path.join(path.dirname(out), name));
  }
  return failed;
}
removeStale();

// The site's public address goes into the feed, comment e-mails, sitemap.xml and the print stamp: a
// site built without it would point readers at this computer. `npm start` passes the local address.
const siteUrl = process.env.SITE_URL ?? '';
if (!/^https?:\/\/[^/\s]+/.test(siteUrl)) {
  fail(siteUrl
    ? `SITE_URL「${siteUrl}」はサイトのアドレスとして読めません。http:// か https:// で始まる URL を指定してください（例: SITE_URL=https://www.example.lg.jp/hyoka/）。`
    : 'SITE_URL（公開するサイトのアドレス）が指定されていません。例: SITE_URL=https://www.example.lg.jp npm run build（README の「公開する」を参照）。手元で確かめるだけなら npm start を使ってください。');
}

// The data of every valid file goes to the content cache, where the Astro build reads it back.
const unfilled: string[] = [];
const reports = new Set<string>();
const { problems: yamlProblems, files: yamlFiles } = validateFiles(listYaml(contentDir), contentDir, { keepData: true, onDocument: ({ file, kind, data }) => {
  if (kind === 'report' && isUnfilled(data)) unfilled.push(file);
  if (kind === 'report') reports.add(reportId(file));
} });
// Markdown sources (guides, notices) are untrusted like the YAML: checked before Astro sees them.
const markdown = listMarkdown(contentDir);
const problems = [...yamlProblems, ...checkMarkdownFiles(markdown, { reports })];
const files = yamlFiles + markdown.length;
if (problems.length) fail(problems.map(formatProblem).join('\n') + `\n\n${problems.length} 件の問題があります（${contentDir}/）。`);
console.log(`${files} ファイルを検証しました。`);
for (const file of unfilled) console.log(unfilledNotice(file));
timing('検証');

// Tools run on this Node (the project's Node 24), whatever node comes first on the caller's PATH.
const PATH = [path.dirname(process.execPath), path.resolve('node_modules/.bin'), process.env.PATH].join(path.delimiter);
// The Astro build reads the data validated just above from the content cache instead of validating again.
const cache = contentCache();
const cacheEnv = cache ? { CONTENT_CACHE_VERSION: cache.version, CONTENT_CACHE_DIR: cacheHome() } : {};
const env = { ...process.env, PATH, ASTRO_OUT_DIR: tmp, ASTRO_CACHE_DIR: astroCache, CONTENT_DIR: contentDir, ASTRO_TELEMETRY_DISABLED: '1', ...cacheEnv };
// Pagefind is given each report page with its words cut by Intl.Segmenter (search-index.ts). The lists every report
// repeats from the form (all choices of a choice item, unchecked boxes) are not indexed: they would
// make every report match every option's words, and they are a fifth of the text.
indexer = new SearchIndexer({
  site: tmp, pagefind: bin('pagefind'), env,
  // Interface text is not indexed either, so that excerpts show the report's words only.
  args: ['.choice details', '.checks .is-unchecked', '.anchor', '.badge', '.choice .tag', '.visually-hidden', '.section-nav', '.chapter-end', '.print-stamp', '.toc', '.comment-link'].flatMap((sel) => ['--exclude-selectors', sel]),
  partPages: Number(process.env.PAGEFIND_PART_PAGES ?? 400),
  jobs: Math.max(1, Number(process.env.PAGEFIND_JOBS ?? Math.min(2, os.availableParallelism()))),
  // Parts whose pages did not change are copied from here instead of being indexed again.
  cacheDir: process.env.PAGEFIND_CACHE_DIR || path.join(cacheHome(), 'pagefind'),
});
// ── Downloads (JSON, YAML, CSV) and per-report summaries: a plain step beside Astro (issue 23). The
// global pages wait for the summaries (SITE_SUMMARIES_DIR); a failure of the step stops the build.
const dataStep = spawn(process.execPath, ['scripts/site-data.ts', '--data', siteData, '--summaries', summariesDir], { stdio: 'inherit', env: { ...env, SITE_SUMMARIES_DIR: summariesDir } });
children.add(dataStep);
const dataDone = new Promise<void>((resolve) => {
  dataStep.on('error', () => fail('ダウンロード用のファイルを作る処理を始められませんでした。'));
  dataStep.on('close', (code) => { children.delete(dataStep); if (code !== 0) fail('ダウンロード用のファイル（JSON・YAML・CSV）を作る処理が失敗しました。'); resolve(); });
});
// ── end of the plain step's start
const astro = spawn(bin('astro'), ['build', '--silent'], { stdio: 'inherit', env: { ...env, SITE_SUMMARIES_DIR: summariesDir } });
children.add(astro);
const scanning = setInterval(() => indexer!.scan(), 2000);
const astroStatus = await new Promise<number | null>((resolve) => { astro.on('error', () => resolve(null)); astro.on('close', resolve); });
clearInterval(scanning);
children.delete(astro);
if (astroStatus !== 0) fail('Astro のビルドに失敗しました。');
timing('Astro（と並行した検索索引の一部）');
// ── The plain step's downloads join the site (issue 23).
await dataDone;
try { moveInto(siteData, tmp); } catch (e) { fail((e as NodeJS.ErrnoException).code ? ioProblem('ダウンロード用のファイルをサイトに移すことが', e) : (e as Error).message); }
fs.rmSync(summariesDir, { recursive: true, force: true });
timing('ダウンロード用のファイル（Astro と並行）');
// ── end of the plain step

let search: IndexResult;
try { search = await indexer.finish(); } catch (e) { fail((e as Error).message); }
// The search page names every bundle (pagefind-bundles.json lists them too, for merging shards).
const searchPage = path.join(tmp, 'search', 'index.html');
try { fs.writeFileSync(searchPage, setSearchPageBundles(fs.readFileSync(searchPage, 'utf8'), search.bundles)); } catch (e) { fail((e as Error).message); }
timing(`検索索引（${search.bundles.length} 部、うち ${search.cached} 部はキャッシュから）`);
await writeSitemap(tmp, siteRoot(siteUrl, process.env.BASE_PATH));

// Publish: the site goes beside dist/ (.dist.sites/<this build>), then one rename of a new link over dist.
try {
  fs.mkdirSync(sites, { recursive: true });
  try { fs.renameSync(tmp, version); } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    fs.cpSync(tmp, version, { recursive: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  }
} catch (e) { fail(ioProblem(`新しいサイトを ${shownPath(sites)}/ に置くことが`, e)); }
try {
  const st = fs.lstatSync(out, { throwIfNoEntry: false });
  if (st && !st.isSymbolicLink()) {
    if (!st.isDirectory()) fail(`${shownPath(out)} がフォルダーではありません。消すか、OUT_DIR で別の場所を指定してください。`);
    // A dist/ from before the links: moved beside the new site once (the only non-atomic step).
    fs.renameSync(out, path.join(sites, `${stamp}-previous`));
  }
  fs.symlinkSync(path.relative(path.dirname(out), version), link, 'dir');
  fs.renameSync(link, out);
  published = true;
} catch (e) { fail(ioProblem(`${shownPath(out)} を新しいサイトに切り替えることが`, e)); }
try { fs.rmSync(astroCache, { recursive: true, force: true }); } catch { /* removed by the next build */ }
const leftover = removeStale();
try { fs.rmdirSync(buildRoot); } catch { /* other builds still running */ }
console.log(`サイトを ${shownPath(out)}/ に作りました。`);
if (leftover.length) console.log(`（以前のサイト ${leftover.map(shownPath).join(', ')} を消せませんでした。次のビルドでもう一度消します。）`);
