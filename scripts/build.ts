// npm run build: validates content/, builds the site into a temporary folder, indexes it for search,
// and only then publishes it. A failure at any step is one Japanese line and leaves the previous site.
//
// dist/ is a symbolic link to the current site, kept beside it in .dist.sites/<pid>-<time>/. The new
// site is published by one rename(2) of a new link over dist, which is atomic: a reader (a web server,
// a copy) sees the whole old site or the whole new one, never a mix, and two builds finishing together
// leave one of the two whole. An older dist/ that is a real folder is moved into .dist.sites/ once.
// A build that dies (killed, power cut) leaves its folders named by its process id; the next build
// removes those of dead processes, and the site the build before it replaced, while it works. Astro
// and Pagefind run in the build's process group, so killing the group (Ctrl-C, CI cancelling a job,
// `kill -- -PGID`) stops them with it; SIGTERM/SIGINT/SIGHUP to the build alone stops its children and
// removes its folders.
//
// Incremental: each published site has a manifest beside it (<site>.manifest.json: per report, the
// digest of everything its pages are made from, and the files it produced; src/lib/build/). A report
// whose key is unchanged is not rendered again: its files are hard-linked from the previous site into
// the new one (never written to afterwards, so the previous site stays as it was). The global pages
// (home, organisations, comparisons, comments, feed, guides) have one key for all of them: unchanged,
// they are linked too, and Astro leaves them out. When they changed, each organisation's page and each
// 事務's comparison pages (units, src/lib/build/global-units.ts) are rendered only if their own key
// changed, and linked otherwise. Astro renders the other reports, the global pages when they changed,
// and the search page. --full renders everything.
// Sharded: --shard k/N builds one share of the reports (whole organisations) into a shard folder (pages,
// search bundle, shard.json); --aggregate <shard folders…> renders the global pages, merges the shards'
// files and search bundles and publishes like any build. --shards N runs both, as processes, here.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { spawn, type ChildProcess } from 'node:child_process';
import { listFilesUnder, listYaml } from '../src/lib/content/content-files.ts';
import { validateFilesInParallel } from '../src/lib/content/validate-content.ts';
import { formatProblem } from '../src/lib/content/validate.ts';
import { checkMarkdownFiles, listMarkdown, markdownKindOf } from '../src/lib/content/markdown-sources.ts';
import { reportItemExists } from '../src/lib/site/embed-items.ts';
import { reportId } from '../src/lib/content/report-identity.ts';
import { cacheHome, contentCache } from '../src/lib/content/content-cache.ts';
import { sharedPageIds, writeFilterCounts } from '../src/lib/site/pagefind-bundle.ts';
import { orderFilterCounts } from '../src/lib/site/filter-order.ts';
import { minifyScripts } from '../src/lib/build/minify-scripts.ts';
import { mergeLayouts, parseLayout, type SearchLayout } from '../src/lib/site/search-overlay.ts';
import { inspectPage, linkTree, mergeBundleLists, partCount, partPagesFor, partOf, prepareSignature, SearchIndexer, setSearchPageBundles, writeBundleList, type IndexResult } from '../src/lib/site/search-index.ts';
import { moveInto } from '../src/lib/site/download-files.ts';
import { markSummariesComplete, markSummariesProducer, readSummaries, summariesOf } from '../src/lib/site/summary-files.ts';
import type { SiteSummary } from '../src/lib/site/site-summary.ts';
import { parseCli, userPath } from './cli.ts';
import { unfilledNotice } from '../src/lib/form/scaffold.ts';
import { loadOrganisations, Report, storedName, type Content, type ReportHead, type ReportRecord } from '../src/lib/content/content-store.ts';
import { ORGANISATIONS_DIR, REPORTS_DIR } from '../src/lib/content/content-files.ts';
import { commentState, today } from '../src/lib/site/comment-period.ts';
import { isIsoDate } from '../src/lib/form/wareki.ts';
import { assignShards, parseShard, reportPage, shardedPartCount, type ShardSpec } from '../src/lib/build/shard-plan.ts';
import { globalKey, reportKey, summaryKey, type SiteInputs } from '../src/lib/build/page-keys.ts';
import { emptyManifest, isAsset, isGlobalFile, isReportFile, parseManifest, planReuse, reportDir, serialiseManifest, type Manifest, type UnitEntry } from '../src/lib/build/manifest.ts';
import { unitKey, unitKeys, unitOfFile, unitSalt } from '../src/lib/build/global-units.ts';
import { assetsNamedIn } from '../src/lib/build/page-assets.ts';
import type { UnitPlan } from '../src/lib/site/unit-filter.ts';
import { codeVersion, digestBytes, fileDigest, gitTouches, imagesDigest, markdownDigest, sharedContentDigest, treeDigest } from '../src/lib/build/build-inputs.ts';

const { values: cli, positionals: typed } = parseCli(`
使い方: npm run build [-- オプション]

content/ を検証し、問題がなければサイトを dist/ に作ります（検索索引も作ります）。
途中で失敗したときは、以前の dist/ をそのまま残します。
前回のサイトと比べて、材料（評価書・機関ファイル・用語集などの Markdown・git の版・
プログラム・SITE_URL・日付による意見募集の状態）の変わらない評価書のページは作り直さず、
前回のものを使います。
環境変数: CONTENT_DIR（content フォルダ）・OUT_DIR（出力先）・BUILD_TIMINGS=1（手順ごとの時間を表示）
  --full                 前回のサイトを使わず、すべてのページを作ります
  --out <フォルダ>       出力先（OUT_DIR の代わり。--shard ではシャードの出力フォルダ）
  --shards <N>           評価書を N 個のシャードに分けて別々のプロセスで作り、最後にまとめます
  --shard <k/N>          N 個に分けたうちの k 番目のシャードだけを作り、--out のフォルダに書きます
  --aggregate <フォルダ…>  シャードの出力フォルダをまとめ、全体のページを作って公開します
  -h, --help             この説明を表示します
`, { full: { type: 'boolean' }, out: { type: 'string' }, shards: { type: 'string' }, shard: { type: 'string' }, aggregate: { type: 'boolean' } }, { positionals: true });
// (folders as the user typed them, from the folder npm was run in)
const positionals = typed.map(userPath);
if (cli.out !== undefined) cli.out = userPath(cli.out);
import { siteRoot, writeSitemap } from '../src/lib/site/sitemap-file.ts';

const mode: 'single' | 'shard' | 'aggregate' | 'shards' = cli.shard ? 'shard' : cli.aggregate ? 'aggregate' : cli.shards ? 'shards' : 'single';
const usageProblem = [cli.shard, cli.aggregate, cli.shards].filter(Boolean).length > 1 ? '--shard・--aggregate・--shards は一つだけ指定してください。'
  : mode === 'shard' && !cli.out ? '--shard にはシャードの出力フォルダを --out で指定してください（例: --shard 1/4 --out shards/1）。'
  : mode === 'aggregate' && !positionals.length ? '--aggregate にはシャードの出力フォルダを指定してください（例: --aggregate shards/1 shards/2）。'
  : mode !== 'aggregate' && positionals.length ? `余分な引数「${positionals[0]}」があります。使い方は --help で表示します`
  : mode === 'shards' && !/^[1-9]\d*$/.test(cli.shards!) ? `--shards「${cli.shards}」はシャードの数（1 以上の整数）で指定してください。` : undefined;
if (usageProblem) { console.error(usageProblem); process.exit(2); }
let shard: ShardSpec | undefined;
if (cli.shard) {
  const parsed = parseShard(cli.shard);
  if ('problem' in parsed) { console.error(parsed.problem); process.exit(2); }
  shard = parsed;
}

const out = path.resolve(mode === 'shard' ? path.join(path.resolve(cli.out!), 'site') : cli.out ?? process.env.OUT_DIR ?? 'dist');
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
const started = mark;
const timing = (step: string) => {
  if (process.env.BUILD_TIMINGS) console.log(`[timing] ${step} ${((performance.now() - mark) / 1000).toFixed(2)} s`);
  mark = performance.now();
};

const children = new Set<ChildProcess>();
let indexer: SearchIndexer | undefined;
let published = false;
const manifestOf = (site: string) => `${site}.manifest.json`;
/** A shard folder's record of its reports and search bundles. */
const SHARD_FILE = 'shard.json';
/** Other work files of this build (lists of reports for Astro, a shard's folder being written). */
const ownFiles: string[] = [];
/** Removes what this build made and has not published (never the published site). */
function removeOwn() {
  indexer?.abort();
  for (const c of children) c.kill('SIGTERM');
  for (const p of published ? [tmp, astroCache, siteData, summariesDir, link, ...ownFiles] : [tmp, astroCache, siteData, summariesDir, link, version, manifestOf(version), ...ownFiles]) {
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

/** The folders of builds whose process is gone, and the sites that are neither published nor a running
 * build's, with their manifests: a killed build must not leave a whole site behind for ever. */
function stale(): string[] {
  const found: string[] = [];
  const names = (dir: string) => { try { return fs.readdirSync(dir); } catch { return []; } };
  // (a name with this process's id and another time is an earlier build's that had the same id, as
  // builds in a container may have every time)
  const running = (name: string) => name.startsWith(stamp) || (pidOf(name) !== process.pid && alive(pidOf(name)));
  for (const name of names(buildRoot)) if (!running(name)) found.push(path.join(buildRoot, name));
  const live = current();
  for (const name of names(sites)) {
    const p = path.join(sites, name);
    // A site's manifest goes with its site; kept: the published site, and the sites of builds still
    // running (one may be about to link to its own).
    if (p === live || manifestOf(live ?? '') === p || running(name)) continue;
    found.push(p);
  }
  const prefix = `${path.basename(out)}.`;
  for (const name of names(path.dirname(out))) {
    if (name.startsWith(prefix) && /^(?:link|new|old)-\d+$/.test(name.slice(prefix.length)) && !alive(Number(name.replace(/\D+/g, '')))) found.push(path.join(path.dirname(out), name));
  }
  return found;
}
// Removed while this build works (on libuv's threads: unlinking a site of 10,000 files takes most of a
// second, which a rebuild after one change should not wait for), awaited before the build ends. The
// site this build replaces stays until the next build, as the previous site does now (after a build
// that renders every report the two share no files, so the room a site takes is taken twice until then).
/** The site dist/ pointed to just before this build published its own. */
let replaced: string | undefined;
const removing: Promise<string[]> = Promise.all(stale().map((p) => fs.promises.rm(p, { recursive: true, force: true }).then(() => '', () => p)))
  .then((failed) => failed.filter(Boolean));
/** After publishing: what removing did not remove, and what became stale meanwhile (a build that ended
 * while this one ran), except the site this build replaced. Returns what could not be removed. */
async function removeStale(): Promise<string[]> {
  const failed = await removing;
  for (const p of stale()) {
    if (p === replaced || (replaced && p === manifestOf(replaced)) || failed.includes(p)) continue;
    try { fs.rmSync(p, { recursive: true, force: true }); } catch { failed.push(p); }
  }
  return failed;
}

// One day for the whole build. A report's comment-period state (its banner, the comments page, the
// feed) depends on the day, so every process of one build (Astro, the data step, the shards of
// --shards) must see the same one even when the build runs past midnight in Japan: the day it started,
// passed on in SITE_TODAY. The aggregate step takes the day its shards were made on (shard.json).
if (process.env.SITE_TODAY && !isIsoDate(process.env.SITE_TODAY)) {
  console.error(`SITE_TODAY「${process.env.SITE_TODAY}」は日付として読めません。YYYY-MM-DD の形で指定してください（例: SITE_TODAY=2026-04-01）。`);
  process.exit(2);
}
if (mode === 'aggregate' && !process.env.SITE_TODAY) {
  const day = positionals.map((dir) => shardDay(path.resolve(dir))).find(Boolean);
  if (day) process.env.SITE_TODAY = day;
}
process.env.SITE_TODAY ||= today();

if (mode === 'shards') await runShards(Number(cli.shards));

// The site's public address goes into the feed, comment e-mails, sitemap.xml and the print stamp: a
// site built without it would point readers at this computer. `npm start` passes the local address.
const siteUrl = process.env.SITE_URL ?? '';
if (!/^https?:\/\/[^/\s]+/.test(siteUrl)) {
  fail(siteUrl
    ? `SITE_URL「${siteUrl}」はサイトのアドレスとして読めません。http:// か https:// で始まる URL を指定してください（例: SITE_URL=https://www.example.lg.jp/hyoka/）。`
    : 'SITE_URL（公開するサイトのアドレス）が指定されていません。例: SITE_URL=https://www.example.lg.jp npm run build（README の「公開する」を参照）。手元で確かめるだけなら npm start を使ってください。');
}

// Which report files this build validates: all of them, or a shard's share (whole organisations,
// decided from the files' places alone, so every shard computes the same plan).
const allYaml = listYaml(contentDir);
const isReportPath = (f: string) => path.basename(path.dirname(path.dirname(f))) === 'reports' && /\.ya?ml$/.test(f);
// Search parts are fixed from the number of reports and of shards, the same in every shard (each shard
// indexes whole parts: its bundles are those a single build makes of the same pages when it has as
// many parts; see shardedPartCount). The aggregate step indexes no report page.
const reportCount = allYaml.filter(isReportPath).length;
const partPages = Number(process.env.PAGEFIND_PART_PAGES ?? partPagesFor(reportCount));
const searchParts = shardedPartCount(partCount(reportCount, partPages), shard?.count ?? (mode === 'aggregate' ? positionals.length : 1));
const owner = shard ? assignShards(allYaml.filter(isReportPath).map(reportId), shard.count, searchParts) : undefined;
// The aggregate step reads no report: the shards validated them, and their summaries are checked
// against the files' bytes below (checkShardReports).
const ownYaml = mode === 'aggregate' ? allYaml.filter((f) => !isReportPath(f))
  : owner ? allYaml.filter((f) => !isReportPath(f) || owner.get(reportId(f)) === shard!.index) : allYaml;

// The data of the files validated now goes to the content cache, where the Astro build reads it back
// (Astro reads and parses any other it renders). A file unchanged since it passed (by its metadata, or
// by its digest, content-cache.ts statIndex) is not validated again: its report is made from the head
// the stat-index kept (validate-content.ts headOf), with the digest of its bytes.
const unfilled: string[] = [];
const reports = new Set<string>();
const reportObjects: Report[] = [];
const reportDigests = new Map<string, string>();
// The files that must be read are checked by worker threads, one per core (nothing else runs yet).
const { problems: yamlProblems, files: yamlFiles } = await validateFilesInParallel(ownYaml, contentDir, { keepData: true, workers: os.availableParallelism(), onChecked: ({ file, kind, unfilled: blank, head, digest }) => {
  if (kind !== 'report') return;
  reports.add(reportId(file));
  // An untouched scaffold is not published: it has no pages (content-store.ts leaves it out too).
  if (blank) unfilled.push(file);
  else reportObjects.push(new Report(file, head));
  if (digest) reportDigests.set(reportId(file), digest);
} });
// Markdown sources (guides, notices) are untrusted like the YAML: checked before Astro sees them. A
// shard knows every report by its file's place (a notice may name a report of another shard).
const markdown = listMarkdown(contentDir);
const knownReports = mode === 'shard' || mode === 'aggregate' ? new Set(allYaml.filter(isReportPath).map(reportId)) : reports;
const embedded = new Set<string>();
// (the files each source's images are: a page changes when a picture is replaced under the same name)
const markdownImages = new Map<string, string[]>();
const problems = [...yamlProblems, ...checkMarkdownFiles(markdown, { reports: knownReports, embedded, images: markdownImages, itemExists: reportItemExists(contentDir) })];
const files = yamlFiles + markdown.length;
if (problems.length) fail(problems.map(formatProblem).join('\n') + `\n\n${problems.length} 件の問題があります（${contentDir}/）。`);
console.log(`${files} ファイルを検証しました。`);
for (const file of unfilled) console.log(unfilledNotice(file));
timing('検証');

// Every report's dependency key: what its pages are made from (src/lib/build/report-key.ts). The
// aggregate step computes them too, for the reports the shards made (checkShardReports).
let codeNow: string | undefined;
const code = () => (codeNow ??= codeVersion());
let siteInputsNow: SiteInputs | undefined;
// (the shared content: every file outside reports/ and organisations/, and the pictures of guides and
// organisations' notices that no other digest has: those below reports/ or outside the content; those
// below organisations/ are in the organisations' digest the global pages have. A report's notice and
// its pictures are in the report's own key)
const uncovered = (image: string) => { const rel = path.relative(contentDir, image); const top = rel.split(path.sep)[0]; return top === REPORTS_DIR || top === '..' || path.isAbsolute(rel); };
const sharedDigest = () => digestBytes(JSON.stringify([sharedContentDigest(contentDir),
  imagesDigest([...markdownImages].filter(([f]) => markdownKindOf(path.relative(contentDir, f)) !== 'report-notice').flatMap(([, images]) => images.filter(uncovered)), contentDir)]));
const siteInputs = () => (siteInputsNow ??= { code: code(), siteUrl, basePath: process.env.BASE_PATH ?? '/', shared: sharedDigest(), contentDir: path.resolve(contentDir), glossaryLinks: process.env.GLOSSARY_LINKS ?? '' });
/** A report's notice with its pictures, as one digest ('' when it has none). */
const noticeDigest = (reportFile: string) => {
  const notice = reportFile.replace(/\.ya?ml$/, '.notice.md');
  return markdownDigest(notice, markdownImages.get(path.resolve(notice)) ?? [], contentDir);
};
// The published reports: those validated, or in the aggregate step those the shards published
// (checkShardReports); and the commits that touched each one's file (one git log for the report keys
// and the global key).
let publishedReports: { id: string; file: string }[] = reportObjects;
let touchesNow: Map<string, string[]> | undefined;
const touches = () => (touchesNow ??= gitTouches(contentDir, publishedReports.map((r) => r.file)));
function reportKeysOf(items: { id: string; file: string; org: string; head: ReportHead }[], fileDigests = new Map<string, string>()): Map<string, string> {
  const touchesOf = items === publishedReports ? touches() : gitTouches(contentDir, items.map((r) => r.file));
  const orgDigests = new Map<string, string>();
  const orgDigest = (org: string) => {
    if (!orgDigests.has(org)) orgDigests.set(org, fileDigest(path.join(contentDir, ORGANISATIONS_DIR, `${org}.yaml`)));
    return orgDigests.get(org)!;
  };
  return new Map(items.map((r) => [r.id, reportKey(siteInputs(), { id: r.id, file: fileDigests.get(r.id) ?? fileDigest(r.file), notice: noticeDigest(r.file), organisation: orgDigest(r.org), commits: touchesOf.get(r.file) ?? [], dateState: JSON.stringify(commentState(r)) })]));
}
// (in the aggregate step, the keys of the reports the shards made: checkShardReports)
const keys = mode === 'aggregate' ? new Map<string, string>() : reportKeysOf(reportObjects, reportDigests);
// The digests of the report files not published (untouched scaffolds; the aggregate step adds the shards').
const unfilledDigests = new Map(unfilled.map((f) => [path.relative(contentDir, f).split(path.sep).join('/'), reportDigests.get(reportId(f)) ?? fileDigest(f)]));
if (mode !== 'aggregate') timing(`依存キー（${keys.size} 件）`);

// The aggregate step: the reports of the content are those the shards summarised (or found unfilled).
const shardRecordsFile = `${tmp}.reports.json`;
// The shards' records, as checkShardReports read them.
const shardFiles = new Map<string, ShardFile>();
let aggregateRecords: ReportRecord[] = [];
if (mode === 'aggregate') {
  ownFiles.push(shardRecordsFile);
  gatherSummaries(positionals.map((p) => path.resolve(p)));
  checkShardReports(positionals.map((p) => path.resolve(p)));
  timing('シャードの評価書の照合');
}

// What Astro renders: in a single build the reports the previous site cannot give again; in a shard its
// own reports (and it sees no others); in the aggregate step no report, only the global pages.
const previous = mode === 'single' && !cli.full ? current() : undefined;
const previousManifest = previous ? parseManifest(readText(manifestOf(previous))) : emptyManifest();
const plan = mode === 'single' ? planReuse(previousManifest, keys, (f) => fs.existsSync(path.join(previous ?? '', f)))
  : { reuse: [], render: mode === 'shard' ? [...keys.keys()] : [] };
if (mode === 'single' && plan.reuse.length) console.log(`${plan.render.length} 件の評価書のページを作り、変わっていない ${plan.reuse.length} 件は前回のサイトのものを使います。`);
// The global pages (src/global-pages/) list every report: a single build takes them from the previous
// site when nothing they are made from changed (page-keys.ts globalKey), and a shard never makes them.
// Their key needs what each report's summary shows (page-keys.ts summaryKey), which the manifest keeps
// for every report. Unchanged global pages need the same reports with the same summaries: first the key
// is made with every report's previous summary (a report added, removed, or anything else changed
// shows there, at no cost), then only the reports rendered now are summarised (from the summary cache
// when the same file was summarised before), stopping at the first whose summary changed. Otherwise
// the data step's summaries give the key.
// The other inputs are read now, before Astro and the data step start: what the pages are made from is
// at least as new as the key says (an input changed during the build only means one more rendering).
const summaryKeys = new Map<string, string>();
const byId = new Map(publishedReports.map((r) => [r.id, r.file]));
const globalInputs = mode === 'single' || mode === 'aggregate' ? {
  commits: new Map([...byId].map(([id, file]) => [id, touches().get(file) ?? []])),
  embedded: new Map([...embedded].map((id) => [id, keys.get(id) ?? ''])),
  unfilled: unfilledDigests,
  organisations: treeDigest(path.join(contentDir, ORGANISATIONS_DIR)),
  today: today(),
} : undefined;
const globalKeyOf = () => globalKey(siteInputs(), { summaries: summaryKeys, ...globalInputs! });
const previousGlobal = previousManifest.global;
let globalKeyNow: string | undefined;
const inPrevious = (f: string) => fs.existsSync(path.join(previous ?? '', f));
const unitFiles = (u: UnitEntry) => [...u.files, ...u.assets];
if (mode === 'single' && previousGlobal && Object.keys(previousManifest.reports).length === keys.size && [...keys.keys()].every((id) => previousManifest.reports[id]?.summary)
  && previousGlobal.files.every(inPrevious) && Object.values(previousManifest.units ?? {}).every((u) => unitFiles(u).every(inPrevious))) {
  for (const id of keys.keys()) summaryKeys.set(id, previousManifest.reports[id].summary!);
  const rendered = new Set(plan.render);
  const same = globalKeyOf() === previousGlobal.key && reportObjects.filter((r) => rendered.has(r.id))
    .every((r) => summaryKey(summariesOf({ reports: [Report.fromRecord({ ...r, file: storedName(r.file) })] } as Content)[0]) === summaryKeys.get(r.id));
  if (same) globalKeyNow = previousGlobal.key;
  else summaryKeys.clear();
}
const reuseGlobal = globalKeyNow !== undefined;
if (reuseGlobal) console.log('全体のページ（ホーム・機関・比較・意見募集・フィード・ガイド）は変わらないので、前回のサイトのものを使います。');
// When the global pages are rendered again, their units (global-units.ts: an organisation's page, a
// 事務's comparison pages) are rendered only if their own key changed (unit-filter.ts decides in Astro,
// once the summaries are there); the others come from the previous site, if it still has their files.
const salt = globalInputs ? unitSalt(siteInputs(), globalInputs.organisations, globalInputs.today) : '';
const previousUnits: Record<string, UnitEntry> = mode === 'single' && previous && !reuseGlobal
  ? Object.fromEntries(Object.entries(previousManifest.units ?? {}).filter(([, u]) => unitFiles(u).every(inPrevious))) : {};
if (mode === 'single') timing('全体のページの依存キー');
const renderList = `${tmp}.render.json`;
ownFiles.push(renderList);
fs.mkdirSync(buildRoot, { recursive: true });
// Astro renders the reports in this order (report-routes.ts): search part by search part, so that each
// part's pages are all written early and the part is indexed while Astro renders the next ones.
const partOfReport = new Map(plan.render.map((id) => [id, partOf(reportPage(id), searchParts)]));
plan.render.sort((a, b) => partOfReport.get(a)! - partOfReport.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
fs.writeFileSync(renderList, JSON.stringify(plan.render));
const contentEnv: Record<string, string> = {};
if (mode === 'shard') { contentEnv.BUILD_CONTENT_REPORTS = renderList; }
if (mode === 'shard' || reuseGlobal) contentEnv.BUILD_GLOBAL_PAGES = 'none';
if (mode === 'aggregate') { contentEnv.BUILD_REPORT_RECORDS = shardRecordsFile; }
if (Object.keys(previousUnits).length) {
  const unitsFile = `${tmp}.units.json`;
  ownFiles.push(unitsFile);
  const unitPlan: UnitPlan = { salt, previous: Object.fromEntries(Object.entries(previousUnits).map(([u, e]) => [u, e.key])) };
  fs.writeFileSync(unitsFile, JSON.stringify(unitPlan));
  contentEnv.BUILD_GLOBAL_UNITS = unitsFile;
}
// The reports whose pages come from the previous site: Astro takes their records (read above) instead of
// reading their files again (content-store.ts reusedRecords).
if (mode === 'single' && plan.reuse.length) {
  const reusedFile = `${tmp}.reused.json`;
  ownFiles.push(reusedFile);
  const reused = new Set(plan.reuse);
  const records: ReportRecord[] = reportObjects.filter((r) => reused.has(r.id)).map((r) => ({ id: r.id, org: r.org, number: r.number, form: r.form, file: path.resolve(r.file), head: r.head }));
  fs.writeFileSync(reusedFile, JSON.stringify(records));
  contentEnv.BUILD_REUSED_RECORDS = reusedFile;
}

// Tools run on this Node (the project's Node 24), whatever node comes first on the caller's PATH.
const PATH = [path.dirname(process.execPath), path.resolve('node_modules/.bin'), process.env.PATH].join(path.delimiter);
// The Astro build reads the data validated just above from the content cache instead of validating again.
const cache = contentCache();
const cacheEnv = cache ? { CONTENT_CACHE_VERSION: cache.version, CONTENT_CACHE_DIR: cacheHome() } : {};
const env = { ...process.env, PATH, ASTRO_OUT_DIR: tmp, ASTRO_CACHE_DIR: astroCache, CONTENT_DIR: contentDir, ASTRO_TELEMETRY_DISABLED: '1', BUILD_RENDER_REPORTS: renderList, SITE_SUMMARIES_DIR: summariesDir, ...contentEnv, ...cacheEnv };
// Pagefind is given each report page with its words cut by Intl.Segmenter (search-index.ts). The lists every report
// repeats from the form (all choices of a choice item, unchecked boxes) are not indexed: they would
// make every report match every option's words, and they are a fifth of the text.
// Interface text is not indexed either, so that excerpts show the report's words only.
const searchExclude = ['.choice details', '.checks .is-unchecked', '.anchor', '.badge', '.choice .tag', '.visually-hidden', '.section-nav', '.chapter-end', '.print-stamp', '.toc', '.comment-link'];
// A rebuild keeps the previous site's search parts that changed in a few pages only, with those pages in
// an overlay (search-overlay.ts), if the previous site's pages were prepared as this build prepares them.
const previousLayout = previousManifest.searchLayout && previousManifest.searchSignature === prepareSignature({ exclude: searchExclude }) ? previousManifest.searchLayout : undefined;
const newIndexer = (site: string, expected?: string[]) => new SearchIndexer({
  site, pagefind: bin('pagefind'), env,
  args: [],
  exclude: searchExclude,
  previous: previousLayout,
  ...(process.env.PAGEFIND_OVERLAY_MIN_PART ? { overlayMinPart: Number(process.env.PAGEFIND_OVERLAY_MIN_PART) } : {}),
  partPages,
  parts: searchParts,
  jobs: Math.max(1, Number(process.env.PAGEFIND_JOBS ?? Math.min(2, os.availableParallelism()))),
  // Parts whose pages did not change are copied from here instead of being indexed again.
  cacheDir: process.env.PAGEFIND_CACHE_DIR || path.join(cacheHome(), 'pagefind'),
  expected,
  log: process.env.BUILD_TIMINGS ? (event) => console.log(`[search] ${((performance.now() - started) / 1000).toFixed(1)} s ${event}`) : undefined,
});

// ── Downloads (JSON, YAML, CSV) and per-report summaries: a plain step beside Astro. The global pages
// wait for the summaries (SITE_SUMMARIES_DIR); a failure of the step stops the build. A single build
// writes the downloads of the reports it renders (the others' come with their pages from the previous
// site) and every summary; a shard those of its own reports; the aggregate step gathers the shards'
// summaries and writes only the comparison CSVs.
const dataArgs = mode === 'aggregate' ? ['--csv-only']
  : ['--reports', renderList, ...(mode === 'shard' ? ['--no-csv', '--part', `shard-${shard!.index}-of-${shard!.count}`] : reuseGlobal ? ['--no-summaries'] : [])];
const dataStep = spawn(process.execPath, [path.resolve(import.meta.dirname, 'site-data.ts'), '--data', siteData, '--summaries', summariesDir, ...dataArgs], { stdio: 'inherit', env });
children.add(dataStep);
// (before Astro starts: its global pages wait for the summaries only while this step lives)
if (mode === 'single' && !reuseGlobal && dataStep.pid) markSummariesProducer(summariesDir, dataStep.pid);
const dataDone = new Promise<void>((resolve) => {
  dataStep.on('error', () => fail('ダウンロード用のファイルを作る処理を始められませんでした。'));
  dataStep.on('close', (code) => { children.delete(dataStep); if (code !== 0) fail('ダウンロード用のファイル（JSON・YAML・CSV）を作る処理が失敗しました。'); resolve(); });
});

// A shard with no report has nothing for Astro to render (its global pages would be thrown away).
const runAstro = !(mode === 'shard' && plan.render.length === 0);
// The indexer knows which report pages the site will have, so it indexes each search part as soon as
// Astro has written its pages; the pages of unchanged reports are prepared from the previous site now.
indexer = newIndexer(tmp, mode === 'aggregate' ? undefined : [...plan.render, ...plan.reuse].map(reportPage));
// (those whose prepared page the previous build recorded are staged, from the search cache by that hash
// or else from their file, only in a part that also holds a page rendered now)
const knownPages: { rel: string; file: string; hash: string }[] = [];
for (const id of plan.reuse) {
  const entry = previousManifest.reports[id];
  if (!entry.files.includes(reportPage(id))) continue;
  const file = path.join(previous!, reportPage(id));
  if (entry.search && previousManifest.searchSignature === indexer.signature) knownPages.push({ rel: reportPage(id), file, hash: entry.search });
  else indexer.addPage(reportPage(id), file);
}
indexer.addKnownPages(knownPages);
let scriptsMinified: Promise<void> | undefined;
if (runAstro) {
  const astro = spawn(bin('astro'), ['build', '--silent'], { stdio: 'inherit', env });
  children.add(astro);
  const scanning = indexer && setInterval(() => indexer!.scan(), 2000);
  const astroStatus = await new Promise<number | null>((resolve) => { astro.on('error', () => resolve(null)); astro.on('close', resolve); });
  if (scanning) clearInterval(scanning);
  children.delete(astro);
  if (astroStatus !== 0) fail('Astro のビルドに失敗しました。');
  // (Astro writes a page late in its run: the pages it wrote last are prepared now, and a search part
  // whose pages are then all prepared is indexed while the previous site's pages are linked below)
  indexer.scan();
  // (on esbuild's service while the build goes on; awaited before the site is published)
  // (not in a shard: its output has no scripts, the aggregate step's has)
  if (mode !== 'shard') {
    scriptsMinified = minifyScripts(tmp, path.resolve('public'));
    scriptsMinified.catch(() => { /* reported where it is awaited */ });
  }
} else fs.mkdirSync(tmp, { recursive: true });
timing(`Astro（評価書 ${plan.render.length} 件${mode === 'shard' || reuseGlobal ? '' : 'と全体のページ'}、並行して検索用の準備）`);
// The plain step's files join the site before its reports' files are listed for the manifest.
await dataDone;
try { if (fs.existsSync(siteData)) moveInto(siteData, tmp); } catch (e) { fail((e as NodeJS.ErrnoException).code ? ioProblem('ダウンロード用のファイルをサイトに移すことが', e) : (e as Error).message); }
timing('ダウンロード用のファイル（Astro と並行）');

if (mode === 'shard') await finishShard();
// (the data step's summaries give the global pages' key when it was not computed before Astro)
let summariesNow: SiteSummary[] = [];
try {
  if (globalInputs && globalKeyNow === undefined) {
    summariesNow = readSummaries(summariesDir);
    for (const s of summariesNow) summaryKeys.set(s.id, summaryKey(s));
  }
} catch (e) { fail(`評価書の要約が読めません: ${(e as Error).message}`); }
fs.rmSync(summariesDir, { recursive: true, force: true });

// The files each rendered report produced, for the manifest.
const manifest: Manifest = emptyManifest();
const withSummary = (id: string) => (summaryKeys.has(id) ? { summary: summaryKeys.get(id)! } : {});
for (const id of plan.render) {
  const files = listFiles(path.join(tmp, reportDir(id)), tmp);
  manifest.reports[id] = { key: keys.get(id)!, files, ...withSummary(id), ...reportAssets(id, files, tmp) };
}
// The global pages' files: those this build made (everything outside the reports' folders and the
// files every build writes anew), and, reused, the previous site's too (a file Astro has written again,
// such as a script or a style sheet named by its content, is kept as written). An image of a report's
// notice is the report's (its entry's assets), kept for the builds that reuse that report's pages.
if (globalInputs) globalKeyNow ??= globalKeyOf();
// Units: those Astro rendered (by the rule unit-filter.ts applied) with the files it wrote in their
// folders and the _astro/ files their pages name; the others as the previous site has them.
const reusedUnits = new Set<string>();
if (globalKeyNow) {
  let written = listFiles(tmp, tmp).filter(isGlobalFile);
  const renderedUnits: Record<string, UnitEntry> = {};
  let renders = (_u: string) => false;
  let keysNow = new Map<string, string>();
  if (!reuseGlobal) {
    keysNow = unitKeys(salt, summariesNow, (s) => summaryKeys.get(s.id)!, Object.keys(previousUnits));
    renders = (u: string) => previousUnits[u] === undefined || keysNow.get(u) !== previousUnits[u].key;
    for (const f of written) {
      const u = unitOfFile(f);
      // (a unit not rendered gets its comparison CSV written again by the data step: the same bytes)
      if (u && renders(u)) (renderedUnits[u] ??= { key: keysNow.get(u) ?? unitKey(salt, u, []), files: [], assets: [] }).files.push(f);
    }
  }
  // An image of a rendered report's notice belongs to that report (its manifest entry's assets), not to
  // the global pages unless one of them shows it too: otherwise a picture the report no longer shows
  // would be carried from site to site while the global pages are reused.
  const reportOwned = new Set(plan.render.flatMap((id) => manifest.reports[id]?.assets ?? []));
  const globalPages = written.filter((f) => !unitOfFile(f));
  let shownByGlobal = new Set<string>();
  try {
    for (const u of Object.values(renderedUnits)) u.assets = assetsNamed(tmp, u.files);
    if (!reuseGlobal) shownByGlobal = new Set(assetsNamed(tmp, globalPages));
  } catch (e) { fail(ioProblem('全体のページが使うファイルを調べることが', e)); }
  // Astro writes the original of every picture the content shows, and removes it only where it made a
  // page that shows the picture: the original of a notice whose page is taken from the previous site is
  // named by no page. Such files are not published (a full build has none).
  const named = new Set([...reportOwned, ...Object.values(renderedUnits).flatMap((u) => u.assets), ...shownByGlobal, ...(reuseGlobal ? previousGlobal!.files : [])]);
  const strays = new Set(written.filter((f) => f.startsWith('_astro/') && !f.endsWith('.css') && !named.has(f)));
  try { for (const f of strays) fs.rmSync(path.join(tmp, f)); } catch (e) { fail(ioProblem('使われない画像を新しいサイトから除くことが', e)); }
  written = written.filter((f) => !strays.has(f));
  if (reuseGlobal) {
    manifest.global = { key: globalKeyNow, files: [...new Set([...previousGlobal!.files, ...written.filter((f) => !reportOwned.has(f))])].sort() };
    if (previousManifest.units) manifest.units = previousManifest.units;
    for (const u of Object.keys(previousManifest.units ?? {})) reusedUnits.add(u);
  } else {
    manifest.global = { key: globalKeyNow, files: globalPages.filter((f) => !strays.has(f) && (!reportOwned.has(f) || shownByGlobal.has(f))) };
    const units = renderedUnits;
    for (const [u, entry] of Object.entries(previousUnits)) if (!renders(u)) { units[u] = entry; reusedUnits.add(u); }
    if (Object.keys(units).length) manifest.units = units;
  }
}
// Reports (and global pages) unchanged since the previous site: hard links to its files (the new site
// never writes to them, so the previous site stays byte for byte what it was until it is removed).
try {
  const links: string[] = [];
  const assets: string[] = [];
  for (const id of plan.reuse) {
    const entry = previousManifest.reports[id];
    links.push(...entry.files);
    if (entry.assets) assets.push(...entry.assets);
    manifest.reports[id] = { key: keys.get(id)!, files: entry.files, ...withSummary(id), ...(entry.assets ? { assets: entry.assets } : {}) };
  }
  const globalLinks = new Set([...assets, ...(reuseGlobal ? previousGlobal!.files : []), ...[...reusedUnits].flatMap((u) => unitFiles(manifest.units![u]))]);
  for (const f of globalLinks) if (!fs.existsSync(path.join(tmp, f))) links.push(f);
  indexer!.ignore(links);
  await linkFiles(links.map((f) => [path.join(previous!, f), path.join(tmp, f)]));
} catch (e) { fail(ioProblem('前回のサイトのページを新しいサイトに置くことが', e)); }
if (!reuseGlobal && reusedUnits.size) console.log(`機関と比較のページのうち、変わっていない ${reusedUnits.size} か所（機関ごと・事務ごと）は前回のサイトのものを使います。`);
if (plan.reuse.length || reuseGlobal || reusedUnits.size) timing(`前回のページ（評価書 ${plan.reuse.length} 件${reuseGlobal ? 'と全体のページ' : reusedUnits.size ? `と機関・事務 ${reusedUnits.size} か所` : ''}）`);

// Search: the indexer sees the rendered and the linked pages; parts whose pages are unchanged come from
// its cache. The aggregate step adds the shards' bundles (named by the hash of their inputs, so the
// same part made twice is one bundle).
let bundles: string[] = [];
let cachedParts = 0;
// The sitemap lists the pages, all in place by now (but for the aggregate step's, from the shards below):
// its walk of the site runs while Pagefind indexes.
const sitemapWritten = mode === 'aggregate' ? undefined : writeSitemap(tmp, siteRoot(siteUrl, process.env.BASE_PATH));
sitemapWritten?.catch(() => { /* reported where it is awaited */ });
const own = mode !== 'aggregate' || hasSearchable(tmp) ? await finishIndexer(indexer!) : (indexer!.abort(), { bundles: [], prepared: new Map<string, string>(), indexed: 0, cached: 0, hidden: [] as string[] });
cachedParts = own.cached;
// (each report page's prepared hash, for the next build's addKnownPages)
if (own.prepared.size) {
  manifest.searchSignature = indexer!.signature;
  if (mode === 'single' && 'layout' in own) manifest.searchLayout = own.layout;
  for (const [id, entry] of Object.entries(manifest.reports)) { const hash = own.prepared.get(reportPage(id)); if (hash) entry.search = hash; }
}
if (mode === 'aggregate') {
  const shardLists = mergeShards(positionals.map((p) => path.resolve(p)), manifest);
  bundles = mergeBundleLists([own.bundles, ...shardLists.map((l) => l.bundles)]);
  // (the next single build may overlay the parts the shards made, as a single build's own)
  const layouts = [...('layout' in own && own.prepared.size ? [own.layout] : []), ...positionals.map((p) => shardFiles.get(path.resolve(p))!).filter((r) => r.bundles.length).map((r) => parseLayout(r.searchLayout))];
  const merged = layouts.every((l) => l !== undefined) ? mergeLayouts(layouts as SearchLayout[]) : undefined;
  if (merged) manifest.searchLayout = merged;
  try {
    for (const l of shardLists) for (const b of l.bundles) if (!fs.existsSync(path.join(tmp, b))) linkTree(path.join(l.site, b), path.join(tmp, b));
    writeBundleList(tmp, bundles);
  } catch (e) { fail(ioProblem('シャードの検索索引を新しいサイトに置くことが', e)); }
  timing(`シャードのまとめ（${positionals.length} 個）`);
} else bundles = own.bundles;
// The search page names every bundle (pagefind-bundles.json lists them too, for merging shards). A new
// file, not a write into the page (a file of the site may be a link to the previous site's).
const searchPage = path.join(tmp, 'search', 'index.html');
try {
  const html = setSearchPageBundles(fs.readFileSync(searchPage, 'utf8'), bundles, writeFilterCounts(tmp, bundles, own.hidden, (counts) => orderFilterCounts(counts, loadOrganisations(contentDir))), own.hidden, sharedPageIds(tmp, bundles));
  fs.rmSync(searchPage);
  fs.writeFileSync(searchPage, html);
} catch (e) { fail((e as NodeJS.ErrnoException).code ? ioProblem('検索ページを書くことが', e) : (e as Error).message); }
timing(`検索索引（${bundles.length} 部、うち ${cachedParts} 部はキャッシュから）`);
try { await (sitemapWritten ?? writeSitemap(tmp, siteRoot(siteUrl, process.env.BASE_PATH))); } catch (e) { fail(ioProblem('サイトマップを書くことが', e)); }
try { await scriptsMinified; } catch (e) { fail(`サイトのスクリプトを縮められませんでした: ${String((e as Error).message ?? e).split('\n')[0]}`); }

// Publish: the site goes beside dist/ (.dist.sites/<this build>), then one rename of a new link over dist.
try {
  fs.mkdirSync(sites, { recursive: true });
  try { fs.renameSync(tmp, version); } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    fs.cpSync(tmp, version, { recursive: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  fs.writeFileSync(manifestOf(version), serialiseManifest(manifest));
} catch (e) { fail(ioProblem(`新しいサイトを ${shownPath(sites)}/ に置くことが`, e)); }
try {
  const st = fs.lstatSync(out, { throwIfNoEntry: false });
  if (st && !st.isSymbolicLink()) {
    if (!st.isDirectory()) fail(`${shownPath(out)} がフォルダーではありません。消すか、OUT_DIR で別の場所を指定してください。`);
    // A dist/ from before the links: moved beside the new site once (the only non-atomic step).
    fs.renameSync(out, path.join(sites, `${stamp}-previous`));
  }
  fs.symlinkSync(path.relative(path.dirname(out), version), link, 'dir');
  replaced = current();
  fs.renameSync(link, out);
  published = true;
} catch (e) { fail(ioProblem(`${shownPath(out)} を新しいサイトに切り替えることが`, e)); }
for (const p of [astroCache, ...ownFiles]) { try { fs.rmSync(p, { recursive: true, force: true }); } catch { /* removed by the next build */ } }
const leftover = await removeStale();
try { fs.rmdirSync(buildRoot); } catch { /* other builds still running */ }
console.log(`サイトを ${shownPath(out)}/ に作りました。`);
if (leftover.length) console.log(`（以前のサイト ${leftover.map(shownPath).join(', ')} を消せませんでした。次のビルドでもう一度消します。）`);

// ---------------------------------------------------------------- helpers

function readText(file: string): string | undefined {
  try { return fs.readFileSync(file, 'utf8'); } catch { return undefined; }
}

/** The files below `dir`, relative to `root` with / separators, sorted. */
function listFiles(dir: string, root: string): string[] {
  return listFilesUnder(dir).map((p) => path.relative(root, p).split(path.sep).join('/')).sort();
}

/** Whether a link that failed so is made as a copy instead (across file systems, or where links are
 * not allowed or too many). */
const copyInstead = (e: unknown) => ['EXDEV', 'EPERM', 'EMLINK'].includes((e as NodeJS.ErrnoException).code ?? '');

/** The assets a rendered report's pages name (assetsNamed), if it has a notice: a report's pages name
 * nothing outside its folder but the site's shared styles (written by every Astro run) and the images
 * of its notice, so the pages of a report without one are not searched. */
function reportAssets(id: string, files: string[], pages: string, assetsIn = pages): { assets?: string[] } {
  const file = byId.get(id);
  if (!file || !fs.existsSync(file.replace(/\.ya?ml$/, '.notice.md'))) return {};
  const found = assetsNamed(pages, files, assetsIn);
  return found.length ? { assets: found } : {};
}

/** The _astro/ files (styles, images of notices) that the pages among `files` name, which the site has
 * (page-assets.ts). */
function assetsNamed(site: string, files: string[], assetsIn = site): string[] {
  const exists = (asset: string) => isAsset(asset) && fs.existsSync(path.join(assetsIn, asset));
  return [...new Set(files.filter((f) => f.endsWith('.html')).flatMap((f) => assetsNamedIn(fs.readFileSync(path.join(site, f)), exists)))].sort();
}

/** A hard link (a copy across file systems) of `from` at `to`. */
function linkFile(from: string, to: string) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  try { fs.linkSync(from, to); } catch (e) {
    if (!copyInstead(e)) throw e;
    fs.copyFileSync(from, to);
  }
}

/** linkFile for every pair, on libuv's threads (`width` at a time): the main thread stays free for the
 * search indexer meanwhile (50,000 links of 5,000 reports took 2–4 s). */
async function linkFiles(pairs: [from: string, to: string][], width = 32): Promise<void> {
  const made = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < pairs.length) {
      const [from, to] = pairs[next++];
      const dir = path.dirname(to);
      if (!made.has(dir)) { await fs.promises.mkdir(dir, { recursive: true }); made.add(dir); }
      try { await fs.promises.link(from, to); } catch (e) {
        if (!copyInstead(e)) throw e;
        await fs.promises.copyFile(from, to);
      }
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}

async function finishIndexer(ix: SearchIndexer): Promise<IndexResult> {
  try { return await ix.finish(); } catch (e) { fail((e as Error).message); }
}

/** Whether a finished page of `site` (outside the search bundles) is searchable. */
function hasSearchable(site: string): boolean {
  return listFiles(site, site).some((f) => f.endsWith('.html') && !f.startsWith('pagefind') && inspectPage(path.join(site, f)).searchable);
}

// ---------------------------------------------------------------- shards

/** reports: the shard's published reports (their files); unfilled: its reports not published (an
 * untouched scaffold), each with the digest of its file's bytes. */
interface ShardFile { format: 3; shard: string; /** the build's day (SITE_TODAY) */ today: string; reports: Manifest['reports']; unfilled: Record<string, string>; bundles: string[]; searchSignature?: string; /** its own parts (search-overlay.ts) */ searchLayout?: unknown }

/** --shard: the shard's report files and search bundle go to <out>/site, its manifest to <out>/shard.json.
 * The folder is written beside as <out>.tmp-<pid> and renamed into place whole. */
async function finishShard(): Promise<never> {
  const shardDir = path.resolve(cli.out!);
  const staging = `${shardDir}.tmp-${process.pid}`;
  ownFiles.push(staging);
  const site = path.join(staging, 'site');
  const record: ShardFile = { format: 3, shard: `${shard!.index}/${shard!.count}`, today: process.env.SITE_TODAY!, reports: {}, unfilled: Object.fromEntries(unfilled.map((f) => [reportId(f), unfilledDigest(fileDigest(f))])), bundles: [] };
  // The shard's search parts, indexed in the build folder (its report pages have the same paths there as
  // in the shard's site), each as soon as Astro had written its pages.
  const result = plan.render.length ? await finishIndexer(indexer!) : (indexer!.abort(), { bundles: [], prepared: new Map<string, string>(), indexed: 0, cached: 0 });
  record.bundles = result.bundles;
  timing(`検索索引（${record.bundles.length} 部、うち ${result.cached} 部はキャッシュから）`);
  try {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(site, { recursive: true });
    if (fs.existsSync(path.join(tmp, 'reports'))) fs.renameSync(path.join(tmp, 'reports'), path.join(site, 'reports'));
    for (const b of record.bundles) fs.renameSync(path.join(tmp, b), path.join(site, b));
    // (with what the manifest of a single build keeps: the summary's key, the page's prepared hash)
    const summaries = new Map(readSummaries(summariesDir).map((s) => [s.id, summaryKey(s)]));
    for (const id of plan.render) {
      const hash = result.prepared.get(reportPage(id));
      const files = listFiles(path.join(site, reportDir(id)), site);
      // (the images of its notice go with the shard's pages: the aggregate step's Astro does not make them)
      const named = reportAssets(id, files, site, tmp);
      for (const a of named.assets ?? []) if (!fs.existsSync(path.join(site, a))) linkFile(path.join(tmp, a), path.join(site, a));
      record.reports[id] = { key: keys.get(id)!, files, ...(summaries.has(id) ? { summary: summaries.get(id)! } : {}), ...(hash ? { search: hash } : {}), ...named };
    }
    if (result.prepared.size) record.searchSignature = indexer!.signature;
    if (result.prepared.size && 'layout' in result) record.searchLayout = result.layout;
  } catch (e) { fail(ioProblem(`シャードの出力を ${shownPath(staging)}/ に書くことが`, e)); }
  // The shard's summaries go with it: the aggregate step builds the global pages from them.
  try { fs.renameSync(summariesDir, path.join(staging, 'summaries')); } catch (e) { fail(ioProblem(`シャードの要約を ${shownPath(staging)}/ に置くことが`, e)); }
  try {
    fs.writeFileSync(path.join(staging, SHARD_FILE), JSON.stringify(record));
    fs.rmSync(shardDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(shardDir), { recursive: true });
    fs.renameSync(staging, shardDir);
  } catch (e) { fail(ioProblem(`シャードの出力を ${shownPath(shardDir)}/ に置くことが`, e)); }
  timing('シャードの出力（ページの一覧、要約、shard.json）');
  for (const p of [tmp, astroCache, renderList]) { try { fs.rmSync(p, { recursive: true, force: true }); } catch { /* removed by the next build */ } }
  await removeStale();
  try { fs.rmdirSync(buildRoot); } catch { /* other builds still running */ }
  timing('作業用のファイルの削除');
  console.log(`シャード ${record.shard}（評価書 ${plan.render.length} 件）を ${shownPath(shardDir)}/ に作りました。`);
  process.exit(0);
}

/** --aggregate: links every shard's report files into the new site and adds their manifests to
 * `manifest`; returns the shards' search bundle folders in order. Every report of the content must come
 * from exactly one shard, made from the same content (same keys are not checked here: a shard folder
 * from another content fails on the reports it lacks or has too many). */
function mergeShards(dirs: string[], manifest: Manifest): { site: string; bundles: string[] }[] {
  const lists: { site: string; bundles: string[] }[] = [];
  const from = new Map<string, string>();
  for (const dir of dirs) {
    // (read and checked by checkShardReports)
    const record = shardFiles.get(dir)!;
    for (const [id, entry] of Object.entries(record.reports)) {
      if (from.has(id)) fail(`評価書 ${id} が 2 つのシャード（${shownPath(from.get(id)!)}/ と ${shownPath(dir)}/）にあります。同じ N で作ったシャードをまとめてください。`);
      if (!reports.has(id)) fail(`シャード ${shownPath(dir)}/ の評価書 ${id} が ${contentDir}/ にありません。同じ内容から作ったシャードをまとめてください。`);
      from.set(id, dir);
      if (!entry.files.every((f) => isReportFile(id, f))) fail(`シャード ${shownPath(dir)}/ の ${SHARD_FILE} に、評価書 ${id} のフォルダの外のファイルがあります。`);
      if (!(entry.assets ?? []).every(isAsset)) fail(`シャード ${shownPath(dir)}/ の ${SHARD_FILE} に、評価書 ${id} が使うファイルとして読めない名前があります。`);
      try {
        for (const f of entry.files) linkFile(path.join(dir, 'site', f), path.join(tmp, f));
        for (const a of entry.assets ?? []) if (!fs.existsSync(path.join(tmp, a))) linkFile(path.join(dir, 'site', a), path.join(tmp, a));
      } catch (e) { fail(ioProblem(`シャード ${shownPath(dir)}/ のページを新しいサイトに置くことが`, e)); }
      manifest.reports[id] = entry;
      if (record.searchSignature) manifest.searchSignature = record.searchSignature;
    }
    for (const b of record.bundles) if (!/^pagefind-[0-9a-f]+$/.test(b) || !fs.existsSync(path.join(dir, 'site', b))) fail(`シャード ${shownPath(dir)}/ の検索索引「${b}」がないか、名前が読めません。`);
    lists.push({ site: path.join(dir, 'site'), bundles: record.bundles });
  }
  // (checkShardReports made sure that every published report has a summary from a shard)
  const published = aggregateRecords.map((r) => r.id).filter((id) => !from.has(id));
  if (published.length) fail(`評価書 ${published.slice(0, 5).join('、')}${published.length > 5 ? ` ほか ${published.length - 5} 件` : ''} のページがどのシャードにもありません。すべてのシャード（1/N〜N/N）の出力フォルダを指定してください。`);
  return lists;
}

function isShardFile(r: unknown): r is ShardFile {
  const x = r as ShardFile | undefined;
  return !!x && x.format === 3 && typeof x.today === 'string' && !!x.reports && typeof x.reports === 'object' && !!x.unfilled && typeof x.unfilled === 'object' && Array.isArray(x.bundles);
}

/**
 * --aggregate: every report file of the content must be accounted for by exactly one shard, made from
 * these very bytes: published (a summary of that file, and pages whose dependency key, computed now,
 * is the one the shard recorded) or unfilled (the digest of its bytes and the code). A shard of other
 * content, of other code, or a missing shard stops the step. The published reports' records (identity
 * and head) go to Astro, which then reads no report file (content-store.ts reportRecords).
 */
function checkShardReports(dirs: string[]) {
  let summaries: SiteSummary[];
  try { summaries = readSummaries(summariesDir); } catch (e) { fail(`シャードの要約（summaries/）が読めないか、このプログラムの形式ではありません（${(e as Error).message}）。同じ版のプログラムで作ったシャードをまとめてください。`); }
  for (const s of summaries) {
    if (!s || typeof s.id !== 'string' || typeof s.file !== 'string' || typeof s.org !== 'string' || typeof s.digest !== 'string' || !s.head || typeof s.head !== 'object') fail('シャードの要約（summaries/）に、このプログラムの形式ではないものがあります。同じ版のプログラムで作ったシャードをまとめてください。');
  }
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const unfilledIds = new Map<string, { digest: string; dir: string }>();
  const shardKeys = new Map<string, { key: string; dir: string }>();
  for (const dir of dirs) {
    let record: unknown;
    try { record = JSON.parse(readText(path.join(dir, SHARD_FILE)) ?? ''); } catch { record = undefined; }
    if (!isShardFile(record)) fail(`${shownPath(dir)}/ はシャードの出力フォルダではありません（${SHARD_FILE} がないか、このプログラムの形式ではありません）。npm run build -- --shard k/N --out ${shownPath(dir)} で作ってください。`);
    // (every report's comment-period state is the shard's day's: shards of different days would make a
    // site that says two things of the same day)
    if (record.today !== process.env.SITE_TODAY) fail(`シャード ${shownPath(dir)}/ は ${record.today} の日付で作られていて、このまとめの日付（${process.env.SITE_TODAY}）と違います。意見募集の状態は日によって変わるため、すべてのシャードを同じ日付で作ってください（SITE_TODAY=YYYY-MM-DD で指定できます）。`);
    shardFiles.set(dir, record);
    for (const [id, digest] of Object.entries(record.unfilled)) unfilledIds.set(id, { digest: String(digest), dir });
    for (const [id, entry] of Object.entries(record.reports)) shardKeys.set(id, { key: String(entry?.key), dir });
  }
  const missing: string[] = [];
  const files = new Map(allYaml.filter(isReportPath).map((f) => [reportId(f), f]));
  const shardsPublished: { id: string; file: string; org: string; head: ReportHead }[] = [];
  const fileDigests = new Map<string, string>();
  for (const [id, file] of files) {
    let bytes: Buffer;
    try { bytes = fs.readFileSync(file); } catch (e) { fail(ioProblem(`${shownPath(file)} を読むことが`, e)); }
    const s = byId.get(id);
    const blank = unfilledIds.get(id);
    if (s) {
      // (the bytes and the code are checked with the pages' key below: one digest of the file)
      if (path.resolve(s.file) !== path.resolve(file)) fail(`シャードの評価書 ${id} の要約は、${shownPath(file)} の今の内容（またはこのプログラム）とは違うものから作られています。同じ内容・同じ版のプログラムで作ったシャードをまとめてください。`);
      shardsPublished.push({ id, file, org: s.org, head: s.head });
      fileDigests.set(id, digestBytes(bytes));
    } else if (blank) {
      unfilledDigests.set(path.relative(contentDir, file).split(path.sep).join('/'), digestBytes(bytes));
      if (blank.digest !== unfilledDigest(digestBytes(bytes))) fail(`シャード ${shownPath(blank.dir)}/ の評価書 ${id} は、${shownPath(file)} の今の内容（またはこのプログラム）とは違うものから作られています。同じ内容・同じ版のプログラムで作ったシャードをまとめてください。`);
    } else missing.push(id);
  }
  if (missing.length) fail(`評価書 ${missing.slice(0, 5).join('、')}${missing.length > 5 ? ` ほか ${missing.length - 5} 件` : ''} を作ったシャードがありません。すべてのシャード（1/N〜N/N）の出力フォルダを指定してください。`);
  for (const s of summaries) if (!files.has(s.id)) fail(`シャードの評価書 ${s.id} が ${contentDir}/ にありません。同じ内容から作ったシャードをまとめてください。`);
  // The pages the shards made: each from the inputs this build sees now (the report, its organisation
  // and notice, the guides and glossary, its commits, SITE_URL, the code), as a single build would check.
  publishedReports = shardsPublished;
  for (const [id, key] of reportKeysOf(shardsPublished, fileDigests)) {
    keys.set(id, key);
    const made = shardKeys.get(id);
    if (made && made.key !== key) fail(`シャード ${shownPath(made.dir)}/ の評価書 ${id} のページは、今とは違う入力から作られています（評価書・機関・お知らせのファイル、用語集やガイド、git の版、その日の意見募集の状態、SITE_URL・BASE_PATH、プログラムのどれかが変わりました）。同じ内容・同じ設定・同じ版のプログラムで作ったシャードをまとめてください。`);
  }
  for (const s of summaries) reports.add(s.id);
  aggregateRecords = summaries.map((s) => ({ id: s.id, org: s.org, number: s.number, form: s.form, file: s.file, head: s.head }));
  try { fs.mkdirSync(path.dirname(shardRecordsFile), { recursive: true }); fs.writeFileSync(shardRecordsFile, JSON.stringify(aggregateRecords)); } catch (e) { fail(ioProblem('評価書の一覧を書くことが', e)); }
}

/** The day a shard folder was made on, if its shard.json says (checked with the rest in checkShardReports). */
function shardDay(dir: string): string | undefined {
  try {
    const day = (JSON.parse(fs.readFileSync(path.join(dir, SHARD_FILE), 'utf8')) as Partial<ShardFile>).today;
    return typeof day === 'string' && isIsoDate(day) ? day : undefined;
  } catch { return undefined; }
}

/** What a shard records of an unfilled report (not published): the digest of its bytes, with the code
 * that found it unfilled. */
function unfilledDigest(bytesDigest: string): string {
  return digestBytes(`${code()}\0${bytesDigest}`);
}

/** --aggregate: the shards' per-report summaries, gathered into this build's summaries folder for the
 * global pages and the comparison CSVs (a report summarised by two shards is refused when they are read). */
function gatherSummaries(dirs: string[]) {
  try {
    fs.mkdirSync(summariesDir, { recursive: true });
    for (const dir of dirs) {
      const from = path.join(dir, 'summaries');
      if (!fs.existsSync(path.join(dir, SHARD_FILE)) || !fs.existsSync(from)) fail(`${shownPath(dir)}/ はシャードの出力フォルダではありません（${SHARD_FILE} か summaries/ がありません）。npm run build -- --shard k/N --out ${shownPath(dir)} で作ってください。`);
      for (const name of fs.readdirSync(from)) if (name.endsWith('.summaries.json')) fs.copyFileSync(path.join(from, name), path.join(summariesDir, name));
    }
    markSummariesComplete(summariesDir);
  } catch (e) { fail(ioProblem('シャードの要約を集めることが', e)); }
}

/** --shards N: the same steps CI runs on separate runners, as processes here: each shard into a folder
 * of its own, then the aggregate step, which publishes. SHARD_JOBS shards run at a time (default 1). */
async function runShards(count: number): Promise<never> {
  const dir = path.join(buildRoot, `${stamp}.shards`);
  ownFiles.push(dir);
  const script = path.resolve(import.meta.dirname, 'build.ts');
  const run = (args: string[]) => new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: 'inherit', env: process.env });
    children.add(child);
    child.on('error', () => resolve(null));
    child.on('close', (status) => { children.delete(child); resolve(status); });
  });
  const folders = Array.from({ length: count }, (_, i) => path.join(dir, String(i + 1)));
  const jobs = Math.max(1, Number(process.env.SHARD_JOBS ?? 1));
  let next = 0;
  let failed: number | undefined;
  await Promise.all(Array.from({ length: Math.min(jobs, count) }, async () => {
    while (next < count && failed === undefined) {
      const k = ++next;
      if (await run(['--shard', `${k}/${count}`, '--out', folders[k - 1]]) !== 0) failed ??= k;
    }
  }));
  if (failed !== undefined) fail(`シャード ${failed}/${count} のビルドに失敗しました。`);
  timing(`シャード（${count} 個）`);
  const status = await run(['--aggregate', ...(cli.out ? ['--out', cli.out] : []), ...folders]);
  try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* removed by the next build */ }
  // (the stale sites this process began removing when it started: not cut off half-removed by the exit;
  // what is left, the aggregate step or the next build removes)
  await removing;
  if (status !== 0) { console.error('\nビルドを中止しました。'); process.exit(1); }
  process.exit(0);
}
