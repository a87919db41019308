// npm run bench [-- --quick] [--runs N] [--sizes 100,1000,5000] [--baseline DIR] [--shards 40000/20]
//                [--project DIR] [--write|--no-write] [--keep] [--make-corpus N --out DIR] [--make-history DIR]
//                [--merge FILES]
// Measures the site at national scale on a synthetic corpus made from the transcribed reports in
// content/ (scripts/bench/corpus.ts): validate-all (cold and warm), a cold build (Astro + search index),
// a rebuild with nothing changed and one with one report changed, the bytes one search fetches, the
// size of the entry pages, the 変更箇所 generation over a synthetic git history of 1,000 commits (cold
// and with only the newest commit new), a sharded build at national size (shards one after another,
// as a matrix of CI runners would run them side by side), the floor (parse every YAML and write the
// same bytes with no framework), and the size of the real pages. With --baseline, every measurement
// is also made on another checkout (today's main) right after, on the same inputs, so the two figures
// of a row come from the same run. Full mode writes the results into docs/benchmarks.md (between the
// bench:start/bench:end markers). These are measurements, not tests: nothing here fails on a slow figure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { parseCli } from './cli.ts';
import { listFilesUnder } from '../src/lib/content/content-files.ts';
import { compileCacheDir } from '../src/lib/content/compile-cache.js';
import { DEFAULT_QUERIES, searchBytes } from './search-bytes.ts';
import { appendEditCommit, editedText, makeCorpus, retitledText, makeHistory, type Corpus } from './bench/corpus.ts';
import { ensureTime, kb, matrixWall, mb, measure as measureIn, repeat, sec, type Summary } from './bench/measure.ts';

const USAGE = `
使い方: npm run bench [-- --quick] [--runs N] [--sizes 100,1000,5000] [--baseline DIR] [--shards 40000/20]
                      [--project DIR] [--write|--no-write] [--keep] [--make-corpus N --out DIR] [--make-history DIR]

全国規模（評価書 N 件）の合成データで、検証・サイトのビルド・再ビルド・検索・変更箇所の作成にかかる時間と
メモリを測ります。測定だけで、遅くても失敗にはしません。既定では結果を docs/benchmarks.md に書きます。
  --quick          少ない件数・1 回だけで測ります（書き込みません）
  --runs N         各測定の回数（中央値をとります）
  --sizes LIST     1 台でビルドする件数（カンマ区切り。none で合成データなし）
  --baseline DIR   別のチェックアウト（改善前の main など）も、同じデータで続けて測り、並べて書きます
  --baseline-sizes LIST  --baseline を測る件数（既定: --sizes のすべて）
  --shards N/K     N 件を K 個の分割ビルドで作る（1 つずつ順に実行し、K 台で並行したときの時間を求めます）
  --runners R      分割ビルドを並行して実行する CI ランナーの数（既定 20）
  --shard-sample S 分割のうち最初の S 個だけを作って測ります（集約はしません。時間が足りないとき）
  --no-changes     変更箇所の測定をしません
  --project DIR    別のプロジェクトフォルダを測ります
  --write / --no-write  docs/benchmarks.md に書く・書かない
  --keep           作業フォルダを消さずに残します
  --label TEXT     結果の見出しに付ける名前（結果の JSON は一時フォルダの bench-<名前>.json、--write のときは docs/bench-runs/<名前、なければ日時>.json）
  --merge FILES    別の実行の結果の JSON（bench-<名前>.json、カンマ区切り）から、この実行で測らなかった件数・
                   変更箇所・分割ビルドの結果を、その実行の比較の版の数字とともに加えて書きます（別の実行で
                   あることと、その版・日時を注記します。各実行が自分で測った数字を先に使います）
  --make-corpus N --out DIR  N 件の合成データを DIR に作るだけ
  --make-history DIR  変更箇所の測定に使う履歴（100 件・1,000 コミット）を DIR に作るだけ
  -h, --help       この説明を表示します
`;
const { values: opt } = parseCli(USAGE, {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    sizes: { type: 'string' },
    baseline: { type: 'string' },
    'baseline-sizes': { type: 'string' },
    shards: { type: 'string' },
    runners: { type: 'string' },
    'shard-sample': { type: 'string' },
    'no-changes': { type: 'boolean', default: false },
    project: { type: 'string' },
    write: { type: 'boolean' },
    'no-write': { type: 'boolean' },
    keep: { type: 'boolean', default: false },
    label: { type: 'string' },
    merge: { type: 'string' },
    'make-corpus': { type: 'string' },
    'make-history': { type: 'string' },
    out: { type: 'string' },
}, { positionals: true });
const HERE = path.resolve(import.meta.dirname, '..');
const PROJECT = path.resolve(opt.project ?? HERE);
const QUICK = opt.quick!;
const SIZES = (opt.sizes ?? (QUICK ? '100,1000' : '100,1000,5000')).split(',').filter((x) => /^\d+$/.test(x)).map(Number); // --sizes none: only 変更箇所 and the real site
const RUNS = Number(opt.runs ?? (QUICK ? 1 : 3));
const SHARDS = /^(\d+)\/(\d+)$/.exec(opt.shards ?? (QUICK ? '' : '40000/20'));
const RUNNERS = Number(opt.runners ?? 20);
const WRITE = opt.write ?? (!QUICK && !opt['no-write'] && !opt.project && !opt.sizes && !opt.runs);
const NODE = process.execPath;
const started = Date.now();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
const log = (s: string) => console.log(s);
const measure = (cmd: string, args: string[], o: { cwd?: string; env?: Record<string, string | undefined> } = {}) => measureIn(cmd, args, { cwd: o.cwd ?? PROJECT, env: o.env, work });

/** The measured checkouts: this project, and the baseline (--baseline) measured right after it. */
interface Project { key: 'this' | 'base'; dir: string; name: string }
const shortHead = (dir: string) => spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' }).stdout.trim() || path.basename(dir);
const PROJECTS: Project[] = [{ key: 'this', dir: PROJECT, name: `この版（${shortHead(PROJECT)}）` }];
if (opt.baseline) PROJECTS.push({ key: 'base', dir: path.resolve(opt.baseline), name: `比較（${shortHead(path.resolve(opt.baseline))}）` });

// ---------------------------------------------------------------- the real site

function duFiles(dir: string, filter: (f: string) => boolean): { file: string; size: number }[] {
  return listFilesUnder(dir).filter(filter).map((p) => ({ file: path.relative(dir, p), size: fs.statSync(p).size }));
}
const pageType = (rel: string) => { if (!rel.endsWith('index.html')) return rel; const parts = rel.replace(/(^|\/)index\.html$/, '').split('/').filter(Boolean); return parts.length ? parts.map((p, i) => (i === 0 ? p : '*')).join('/') + '/' : '/'; };

function siteFacts(dist: string) {
  const page = fs.readFileSync(path.join(dist, 'reports/kumamoto-shi/1/index.html'));
  const css = duFiles(dist, (f) => f.endsWith('.css') && !f.split(path.sep).some((d) => /^pagefind(-[0-9a-f]+)?$/.test(d)));
  const scripts = new Map<string, Set<string>>();
  const types = new Map<string, number>();
  for (const { file } of duFiles(dist, (f) => f.endsWith('.html'))) {
    const t = pageType(file);
    types.set(t, (types.get(t) ?? 0) + 1);
    const html = fs.readFileSync(path.join(dist, file), 'utf8');
    for (const m of html.matchAll(/<script\b([^>]*)>/g)) {
      const src = /src="([^"]+)"/.exec(m[1])?.[1] ?? '(inline)';
      if (!scripts.has(t)) scripts.set(t, new Set());
      scripts.get(t)!.add(src.replace(/^.*\//, ''));
    }
  }
  return {
    pageBytes: page.length, pageGzip: zlib.gzipSync(page, { level: 9 }).length,
    css: css.reduce((a, c) => a + c.size, 0), cssGzip: css.reduce((a, c) => a + zlib.gzipSync(fs.readFileSync(path.join(dist, c.file))).length, 0), cssFiles: css.map((c) => `${c.file} (${kb(c.size)})`),
    js: [...types.keys()].sort().map((t) => ({ type: t, pages: types.get(t)!, scripts: [...(scripts.get(t) ?? [])] })),
  };
}
// ---------------------------------------------------------------- main

function machine() {
  const cpus = os.cpus();
  const v = (p: string) => { try { return JSON.parse(fs.readFileSync(path.join(PROJECT, 'node_modules', p, 'package.json'), 'utf8')).version; } catch { return '?'; } };
  return { cpu: cpus[0]?.model ?? '?', cores: cpus.length, memory: `${Math.round(os.totalmem() / 2 ** 30)} GB`, node: process.version, os: `${os.type()} ${os.release()}`, astro: v('astro'), pagefind: v('pagefind'), yaml: v('yaml') };
}

// npm run bench -- --make-corpus 1000 --out /tmp/c: only writes a corpus (for profiling a build by hand).
if (opt['make-corpus']) {
  const c = makeCorpus(Number(opt['make-corpus']), path.resolve(opt.out ?? `corpus-${opt['make-corpus']}`));
  fs.rmSync(work, { recursive: true, force: true });
  log(`${c.content}: ${c.reports.length} 件、${c.orgs} 機関、${mb(c.bytes)}`);
  process.exit(0);
}
// npm run bench -- --make-history /tmp/h: only writes the 変更箇所 history (for profiling `npm run changes`).
if (opt['make-history']) {
  const repo = makeHistory(path.resolve(opt['make-history']), 100, 1000);
  fs.rmSync(work, { recursive: true, force: true });
  log(`${repo}: 100 件、1,000 コミット`);
  process.exit(0);
}
const m = machine();
log(`マシン: ${m.cpu}、${m.cores} コア、メモリ ${m.memory}、Node ${m.node}、${m.os}（astro ${m.astro}、pagefind ${m.pagefind}）、負荷 ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
log(`対象: ${PROJECTS.map((p) => `${p.name} ${p.dir}`).join('、')}${QUICK ? '（--quick）' : ''}、N = ${SIZES.join(', ')}、各 ${RUNS} 回の中央値`);
ensureTime();

type EntryPages = { home?: number; organisations?: number; comparison?: number };
/** What one checkout measured at one size. */
interface ProjectRun { validate: Summary; validateWarm: Summary; pages?: number; htmlBytes?: number; build?: Summary; rebuild?: Summary; rebuildOne?: Summary; rebuildListed?: Summary; entryPages?: EntryPages; searchBytes?: number; searchQueries?: string }
interface SizeResult { n: number; orgs: number; yamlBytes: number; runs: Partial<Record<Project['key'], ProjectRun>>; floor?: Summary; /** measured by another run (--merge): which */ from?: string; /** that run's head of the compared checkout */ baseHead?: string }
interface ChangesRun { cold: Summary; incremental: Summary; rows?: number }
interface ShardRun { n: number; shards: number; runners: number; each: { ms: number; treeRss: number; phases: string[] }[]; aggregate?: Summary; wall?: number; entryPages?: EntryPages; pages?: number; /** measured by another run (--merge): which */ from?: string }
interface Results { machine: typeof m; sizes: Record<number, SizeResult>; loadStart: string; date: string; command: string; heads: Partial<Record<Project['key'], string>>; marginal?: number; changes: Partial<Record<Project['key'], ChangesRun>>; /** 変更箇所 measured by another run (--merge): which, and its compared head */ changesFrom?: { from: string; baseHead?: string }; shards?: ShardRun; site?: ReturnType<typeof siteFacts> }
const command = `npm run bench${process.argv.slice(2).filter((a) => a !== '--').length ? ' -- ' + process.argv.slice(2).filter((a) => a !== '--').join(' ') : ''}`;
const results: Results = { machine: m, sizes: {}, loadStart: os.loadavg()[0].toFixed(1), date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', command, heads: Object.fromEntries(PROJECTS.map((p) => [p.key, shortHead(p.dir)])), changes: {} };
const cacheDir = (tag: string) => path.join(work, `cache-${tag}`);
/** A fresh cache folder each time: a cold build must find nothing of an earlier one. */
let caches = 0;
const freshCache = (tag: string) => cacheDir(`${tag}-${caches++}`);
const removeSite = (out: string) => { for (const p of [out, path.join(path.dirname(out), `.${path.basename(out)}.sites`)]) fs.rmSync(p, { recursive: true, force: true }); };
/** gzip size of a page of the built site, or undefined when the site has no such page. */
const gz = (site: string, rel: string) => { try { return zlib.gzipSync(fs.readFileSync(path.join(site, rel))).length; } catch { return undefined; } };
/** The pages every reader opens first (issue 21: under 100 KB gzip at 5,000 reports; issue 23: under
 * 200 KB at 40,000), and the largest comparison page. */
function entryPagesOf(site: string): EntryPages {
  let comparison: number | undefined;
  const compare = path.join(site, 'compare');
  for (const { file } of fs.existsSync(compare) ? duFiles(compare, (f) => f.endsWith('.html')) : []) comparison = Math.max(comparison ?? 0, gz(compare, file) ?? 0);
  return { home: gz(site, 'index.html'), organisations: gz(site, 'organisations/index.html'), comparison };
}
const showEntry = (e: EntryPages) => `ホーム ${e.home === undefined ? '—' : kb(e.home)}、評価実施機関の一覧 ${e.organisations === undefined ? '—' : kb(e.organisations)}、最大の比較ページ ${e.comparison === undefined ? '—' : kb(e.comparison)}（gzip）`;

/** What `npm run <name>` runs in a checkout, as Node's arguments (its package.json: "node <file> …"). */
function npmCommand(p: Project, name: string): string[] {
  const line: unknown = JSON.parse(fs.readFileSync(path.join(p.dir, 'package.json'), 'utf8')).scripts?.[name];
  // (Node's own options first, as 「node --max-semi-space-size=16 scripts/start.mjs build」)
  const m = typeof line === 'string' ? /^node((?: --[\w=.-]+)*) ([^\s-]\S*)((?: [\w.-]+)*)$/.exec(line) : null;
  if (!m) throw new Error(`${p.dir}: npm run ${name} は「node <ファイル> …」ではありません（${String(line)}）`);
  return [...m[1].split(' ').filter(Boolean), path.join(p.dir, m[2]), ...m[3].split(' ').filter(Boolean)];
}

/** Forgets a checkout's compiled code (Node's compile cache), as a fresh clone has none. */
const forgetCompiledCode = (p: Project) => fs.rmSync(compileCacheDir(p.dir), { recursive: true, force: true });

/** Validation, builds and rebuilds of one checkout on one corpus. */
async function runProject(p: Project, corpus: Corpus, n: number, runs: number, keepSite: boolean): Promise<ProjectRun> {
  const tag = `${p.key}-${n}`;
  const validateCommand = npmCommand(p, 'validate');
  // Cold: as a fresh clone or CI, no digest cache and no compiled code (the env var is ignored by
  // projects without a digest cache; older checkouts keep their compiled code in CONTENT_CACHE_DIR).
  const validate = await repeat('validate', runs, () => measure(NODE, validateCommand, { cwd: corpus.root, env: { CONTENT_CACHE_DIR: freshCache(`v${tag}`) } }), () => forgetCompiledCode(p));
  const warmCache = freshCache(`v${tag}`);
  spawnSync(NODE, validateCommand, { cwd: corpus.root, env: { ...process.env, CONTENT_CACHE_DIR: warmCache }, stdio: 'ignore' });
  const validateWarm = await repeat('validate (warm)', runs, () => measure(NODE, validateCommand, { cwd: corpus.root, env: { CONTENT_CACHE_DIR: warmCache } }));
  log(`  [${p.name}] 検証（全件、キャッシュなし）: ${sec(validate.ms)}（${(validate.ms / n).toFixed(2)} ms/件）、2 回目（変更なし）: ${sec(validateWarm.ms)}`);
  if (QUICK && n >= 1000) return { validate, validateWarm };

  const out = path.join(work, `dist-${tag}`);
  let cache = '';
  const env = () => ({ SITE_URL: 'http://127.0.0.1:4321', CONTENT_DIR: corpus.content, OUT_DIR: out, CONTENT_CACHE_DIR: cache, ASTRO_TELEMETRY_DISABLED: '1', SITE_TODAY: '2026-01-15', BUILD_TIMINGS: '1' });
  // Cold: no earlier site and no cache of any kind, compiled code included. The rebuilds run as a
  // user's next npm run build does: with the compiled code the builds before them left.
  const buildCommand = npmCommand(p, 'build');
  const build = await repeat('build', runs, () => measure(NODE, buildCommand, { cwd: p.dir, env: env() }), () => { removeSite(out); cache = freshCache(`b${tag}`); forgetCompiledCode(p); });
  log(`  [${p.name}] ビルド（キャッシュなし）: ${sec(build.ms)}（${(build.ms / n).toFixed(1)} ms/件）、最大 RSS ${mb(build.treeRss)}（その時点の内訳: ${build.peakBy}）`);
  if (build.phases.length) log(`    内訳: ${build.phases.join('、')}`);
  const html = duFiles(out, (f) => f.endsWith('.html'));
  const entryPages = entryPagesOf(out);
  log(`    入口のページ: ${showEntry(entryPages)}`);
  // (not for the baseline: a rebuild with nothing changed is no target, and it takes as long as a cold one)
  const rebuild = QUICK || p.key === 'base' ? undefined : await repeat('build (warm)', runs, () => measure(NODE, buildCommand, { cwd: p.dir, env: env() }));
  if (rebuild) log(`  [${p.name}] 再ビルド（内容の変更なし）: ${sec(rebuild.ms)}${rebuild.phases.length ? `（${rebuild.phases.join('、')}）` : ''}`);
  // One report changed between two builds: each run edits a different report (a sentence of a
  // free-text item), so every measured rebuild has exactly one changed report. The corpus is
  // restored afterwards for the next checkout.
  const edited: [string, string][] = [];
  const rebuildOne = QUICK ? undefined : await repeat('build (one changed)', runs, () => measure(NODE, buildCommand, { cwd: p.dir, env: env() }), (i) => {
    const file = corpus.reports[Math.floor(((i + 1) * corpus.reports.length) / (runs + 2))];
    const text = fs.readFileSync(file, 'utf8');
    edited.push([file, text]);
    fs.writeFileSync(file, editedText(text));
  });
  if (rebuildOne) log(`  [${p.name}] 再ビルド（1 件だけ変更）: ${sec(rebuildOne.ms)}、最大 RSS ${mb(rebuildOne.treeRss)}${rebuildOne.phases.length ? `（${rebuildOne.phases.join('、')}）` : ''}`);
  // One report's title changed (the lists show it: the global pages are made again), each run another
  // report than the runs before, the corpus restored only after them (so each run has one change).
  const rebuildListed = QUICK ? undefined : await repeat('build (one title changed)', runs, () => measure(NODE, buildCommand, { cwd: p.dir, env: env() }), (i) => {
    const file = corpus.reports[Math.floor(((i + 1) * corpus.reports.length) / (runs + 2)) + 1];
    const text = fs.readFileSync(file, 'utf8');
    edited.push([file, text]);
    fs.writeFileSync(file, retitledText(text));
  });
  for (const [file, text] of edited.reverse()) fs.writeFileSync(file, text);
  if (rebuildListed) log(`  [${p.name}] 再ビルド（1 件の評価書名を変更）: ${sec(rebuildListed.ms)}、最大 RSS ${mb(rebuildListed.treeRss)}${rebuildListed.phases.length ? `（${rebuildListed.phases.join('、')}）` : ''}`);
  const search = await measureSearch(out);
  if (search) log(`    検索 1 回で読み込むバイト数（Chromium、最初の結果の 1 ページ）: ${search.queries}`);
  if (!keepSite && !opt.keep) removeSite(out);
  return { validate, validateWarm, pages: html.length, htmlBytes: html.reduce((a, h) => a + h.size, 0), entryPages, build, rebuild, rebuildOne, rebuildListed, searchBytes: search?.bytes, searchQueries: search?.queries };
}

/** Bytes one search fetches in a fresh Chromium (scripts/search-bytes.ts), for each of the standard
 * queries; the figure kept is the largest. */
async function measureSearch(site: string): Promise<{ bytes: number; queries: string } | undefined> {
  try {
    const rows = await searchBytes(site, DEFAULT_QUERIES);
    return { bytes: Math.max(...rows.map((r) => r.bytes)), queries: rows.map((r) => `「${r.query}」${r.results} 件 ${kb(r.bytes)}`).join('、') };
  } catch (e) {
    log(`    （検索のバイト数を測れませんでした: ${String((e as Error).message).split('\n')[0]}）`);
    return undefined;
  }
}

/** 変更箇所 over 1,000 commits: cold, then with one new commit on top and the cache of the cold run. */
async function runChanges(p: Project, repo: string): Promise<ChangesRun> {
  const args = [...npmCommand(p, 'changes'), '--format', 'json', '--content', 'content'];
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).stdout.trim();
  const reset = () => spawnSync('git', ['update-ref', 'refs/heads/main', head], { cwd: repo });
  let cache = '';
  const cold = await repeat('changes', RUNS, () => measure(NODE, args, { cwd: repo, env: { CONTENT_CACHE_DIR: cache } }), () => { reset(); forgetCompiledCode(p); cache = freshCache(`c${p.key}`); });
  const rows = (() => { try { return JSON.parse(spawnSync(NODE, args, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, CONTENT_CACHE_DIR: cache } }).stdout).length; } catch { return undefined; } })();
  // Each run: the history as the cold run saw it plus one new commit, the cache of the cold run.
  const incremental = await repeat('changes (newest commit)', RUNS, () => measure(NODE, args, { cwd: repo, env: { CONTENT_CACHE_DIR: cache } }), (i) => {
    reset();
    fs.rmSync(cache, { recursive: true, force: true });
    spawnSync(NODE, args, { cwd: repo, env: { ...process.env, CONTENT_CACHE_DIR: cache }, stdio: 'ignore', maxBuffer: 1 << 30 });
    appendEditCommit(repo, i);
  });
  reset();
  log(`  [${p.name}] 変更箇所（${rows ?? '?'} 行）: キャッシュなし ${sec(cold.ms)}（最大 RSS ${mb(cold.treeRss)}）、最新のコミットだけ新しいとき ${sec(incremental.ms)}`);
  return { cold, incremental, rows };
}

/** A national-size build in K shards (`build.ts --shard k/K`, then `--aggregate`), one after another. */
async function runShards(n: number, k: number): Promise<ShardRun> {
  const t0 = Date.now();
  const corpus = makeCorpus(n, path.join(work, `corpus-${n}`));
  log(`\n分割ビルド: ${n.toLocaleString('en')} 件（${corpus.orgs} 機関、YAML ${mb(corpus.bytes)}）を ${((Date.now() - t0) / 1000).toFixed(1)} 秒で作りました。${k} 分割`);
  const base = { SITE_URL: 'http://127.0.0.1:4321', CONTENT_DIR: corpus.content, ASTRO_TELEMETRY_DISABLED: '1', SITE_TODAY: '2026-01-15', BUILD_TIMINGS: '1' };
  const shardDirs: string[] = [];
  const each: ShardRun['each'] = [];
  // --shard-sample S: only the first S shards (they are balanced: each holds about N/K reports).
  const sample = Math.min(k, Number(opt['shard-sample'] ?? k));
  for (let i = 1; i <= sample; i++) {
    // Each shard on its own runner: its own cache, nothing from another shard.
    const dir = path.join(work, `shard-${i}`);
    shardDirs.push(dir);
    const r = await measure(NODE, ['scripts/build.ts', '--shard', `${i}/${k}`, '--out', dir], { env: { ...base, CONTENT_CACHE_DIR: freshCache(`s${i}`) } });
    if (r.status !== 0) { console.error(r.output.slice(-4000)); throw new Error(`分割 ${i}/${k} のビルドが失敗しました`); }
    const phases = r.output.split('\n').filter((l) => l.startsWith('[timing]')).map((l) => l.slice(9));
    each.push({ ms: r.ms, treeRss: r.treeRss, phases });
    log(`  分割 ${i}/${k}: ${sec(r.ms)}、最大 RSS ${mb(r.treeRss)}`);
  }
  if (sample < k) {
    log(`  （--shard-sample ${sample}: 残りの分割と集約は測っていません）`);
    if (!opt.keep) { for (const d of shardDirs) fs.rmSync(d, { recursive: true, force: true }); fs.rmSync(corpus.root, { recursive: true, force: true }); }
    return { n, shards: k, runners: RUNNERS, each };
  }
  const out = path.join(work, 'dist-shards');
  const aggregate = await repeat('aggregate', 1, () => measure(NODE, ['scripts/build.ts', '--aggregate', ...shardDirs], { env: { ...base, OUT_DIR: out, CONTENT_CACHE_DIR: freshCache('agg') } }));
  const wall = matrixWall(each.map((e) => e.ms), RUNNERS) + aggregate.ms;
  const entryPages = entryPagesOf(out);
  const pages = duFiles(out, (f) => f.endsWith('.html')).length;
  log(`  集約: ${sec(aggregate.ms)}、最大 RSS ${mb(aggregate.treeRss)}${aggregate.phases.length ? `（${aggregate.phases.join('、')}）` : ''}`);
  log(`  ${RUNNERS} 台のランナーでの所要時間（分割の並行 + 集約）: ${sec(wall)}。${showEntry(entryPages)}`);
  if (!opt.keep) { for (const d of shardDirs) fs.rmSync(d, { recursive: true, force: true }); removeSite(out); fs.rmSync(corpus.root, { recursive: true, force: true }); }
  return { n, shards: k, runners: RUNNERS, each, aggregate, wall, entryPages, pages };
}

try {
  for (const n of SIZES) {
    const t0 = Date.now();
    const corpus = makeCorpus(n, path.join(work, `corpus-${n}`));
    log(`\nN = ${n}: ${corpus.reports.length} 件（${corpus.orgs} 機関、YAML ${mb(corpus.bytes)}）を ${((Date.now() - t0) / 1000).toFixed(1)} 秒で作りました`);
    const runs = n >= 5000 ? Math.min(RUNS, Number(process.env.BENCH_HUGE_RUNS ?? 1)) : RUNS;
    const size: SizeResult = { n, orgs: corpus.orgs, yamlBytes: corpus.bytes, runs: {} };
    results.sizes[n] = size;
    for (const p of PROJECTS) {
      if (p.key === 'base' && opt['baseline-sizes'] && !opt['baseline-sizes'].split(',').map(Number).includes(n)) continue;
      size.runs[p.key] = await runProject(p, corpus, n, runs, p.key === 'this');
    }
    const out = path.join(work, `dist-this-${n}`);
    if (size.runs.this?.build) {
      // The floor's own figure leaves out reading the built pages into memory (that is not work a build does).
      size.floor = await repeat('floor', runs, async () => {
        const f = await measure(NODE, [path.join(HERE, 'scripts/bench/floor.ts'), corpus.content, out, path.join(work, `floor-${n}`)]);
        fs.rmSync(path.join(work, `floor-${n}`), { recursive: true, force: true });
        const own = /\[floor\] (\d+)/.exec(f.output);
        return own ? { ...f, ms: Number(own[1]) } : f;
      });
      log(`  下限（YAML を読み、同じバイト数の HTML を書くだけ）: ${sec(size.floor.ms)}、ビルドとの比 ${(size.runs.this.build.ms / size.floor.ms).toFixed(1)} 倍`);
    }
    if (!opt.keep) { fs.rmSync(corpus.root, { recursive: true, force: true }); removeSite(out); }
  }
  const ns = SIZES.filter((n) => results.sizes[n]?.runs.this?.build);
  if (ns.length > 1) {
    const [a, b] = [results.sizes[ns[0]], results.sizes[ns[ns.length - 1]]];
    results.marginal = (b.runs.this!.build!.ms - a.runs.this!.build!.ms) / (b.n - a.n);
    log(`\n1 件あたりの追加のビルド時間（N=${a.n}→${b.n} の傾き）: ${results.marginal.toFixed(1)} ms`);
  }

  if (!opt['no-changes']) {
    // 変更箇所 over a synthetic history: 100 reports, 1,000 commits.
    const t0 = Date.now();
    const repo = makeHistory(path.join(work, 'history'), 100, 1000);
    log(`\n変更箇所: 100 件・1,000 コミットの履歴を ${((Date.now() - t0) / 1000).toFixed(1)} 秒で作りました`);
    for (const p of PROJECTS) results.changes[p.key] = await runChanges(p, repo);
  }

  if (SHARDS) results.shards = await runShards(Number(SHARDS[1]), Number(SHARDS[2]));

  // The real site: page and CSS sizes, where JS loads.
  const real = path.join(work, 'dist-real');
  const b = await measure(NODE, ['scripts/build.ts'], { env: { SITE_URL: 'http://127.0.0.1:4321', OUT_DIR: real, CONTENT_CACHE_DIR: cacheDir('real'), ASTRO_TELEMETRY_DISABLED: '1' } });
  if (b.status !== 0) throw new Error(`content/ のビルドに失敗しました:\n${b.output.slice(-3000)}`);
  const facts = siteFacts(real);
  results.site = facts;
  log(`\n熊本市 1（住民基本台帳、全項目）のページ: ${kb(facts.pageBytes)}、gzip ${kb(facts.pageGzip)}`);
  log(`CSS: ${kb(facts.css)}（gzip ${kb(facts.cssGzip)}）: ${facts.cssFiles.join(', ')}`);
  for (const j of facts.js) log(`  JS ${j.type}（${j.pages} ページ）: ${j.scripts.length ? j.scripts.join(', ') : 'なし'}`);
} finally {
  log(`\n所要時間: ${((Date.now() - started) / 1000).toFixed(0)} 秒`);
  if (!opt.keep) fs.rmSync(work, { recursive: true, force: true });
  else log(`作業フォルダ: ${work}`);
}

mergeEarlier();
if (WRITE) writeDoc();
// (a run written to docs/benchmarks.md keeps its JSON beside it, so that a later run on another machine
// or in a fresh clone can --merge what it does not measure again)
const json = WRITE ? path.join(HERE, 'docs', 'bench-runs', `${opt.label ?? results.date.replace(/[^0-9]/g, '').slice(0, 12)}.json`) : path.join(os.tmpdir(), `bench-${opt.label ?? 'last'}.json`);
fs.mkdirSync(path.dirname(json), { recursive: true });
fs.writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
log(`結果（JSON）: ${json}`);

/** --merge FILE,…: the sizes, 変更箇所 and sharded build another run measured and this one did not (a
 * 5,000-report run takes long), each noted with the run it comes from and keeping the figures that run
 * compared them with. A figure a run measured itself is taken before one it had carried from a third
 * run, whatever the order of the files; among those, the first file's. */
function mergeEarlier() {
  if (!opt.merge) return;
  const others = opt.merge.split(',').map((file) => ({ file, other: JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Results> }));
  const runOf = (other: Partial<Results>) => `${other.date ?? '日時不明'} の別の実行（${Object.entries(other.heads ?? {}).map(([k, h]) => `${k === 'this' ? 'この版' : '比較'} ${h}`).join('、') || '版不明'}、\`${other.command ?? 'npm run bench'}\`）`;
  for (const own of [true, false]) {
    for (const { file, other } of others) {
      for (const [n, size] of Object.entries(other.sizes ?? {})) {
        if (results.sizes[Number(n)] || Boolean(size.from) === own) continue;
        // (a size that run took from a third one keeps the third one's name)
        results.sizes[Number(n)] = { ...size, from: size.from ?? runOf(other), baseHead: size.from ? size.baseHead : size.runs.base ? other.heads?.base : undefined };
        log(`N=${n} の結果を ${file} から加えました（${results.sizes[Number(n)].from}）`);
      }
      if (!results.changes.this && other.changes?.this && Boolean(other.changesFrom) !== own) {
        results.changes = other.changes;
        results.changesFrom = other.changesFrom ?? { from: runOf(other), baseHead: other.changes.base ? other.heads?.base : undefined };
        log(`変更箇所の結果を ${file} から加えました（${results.changesFrom.from}）`);
      }
      if (!results.shards && other.shards && Boolean(other.shards.from) !== own) {
        results.shards = { ...other.shards, from: other.shards.from ?? runOf(other) };
        log(`分割ビルドの結果を ${file} から加えました（${results.shards.from}）`);
      }
    }
  }
  // (the slope between the smallest and largest size, when one run measured both)
  const built = Object.values(results.sizes).filter((r) => r.runs.this?.build).sort((a, b) => a.n - b.n);
  const [a, b] = [built[0], built.at(-1)];
  if (results.marginal === undefined && a && b && a !== b && a.from === b.from) results.marginal = (b.runs.this!.build!.ms - a.runs.this!.build!.ms) / (b.n - a.n);
}

/** Whether a figure (merged from another run when `from`) was compared with the checkout the column names. */
function sameBase(from: string | undefined, baseHead: string | undefined): boolean {
  return !from || !opt.baseline || baseHead === shortHead(PROJECTS[1].dir);
}

/** The compared checkout's name: --baseline's, or, without it, the one the merged figures were compared
 * with (when they all name the same). */
function baseName(): string | undefined {
  if (opt.baseline) return PROJECTS[1].name;
  const heads = new Set([...Object.values(results.sizes).map((r) => r.baseHead), results.changesFrom?.baseHead].filter(Boolean));
  return heads.size === 1 ? `比較（${[...heads][0]}）` : undefined;
}

/** The targets of issue 21 and 23, read from the results: what, the figure of each checkout, the limit. */
function targetRows(): string[] {
  const rows: string[] = [];
  // (a merged size compared with another checkout than --baseline shows no figure in its column)
  const run = (n: number, key: Project['key']) => (key === 'base' && !sameBase(results.sizes[n]?.from, results.sizes[n]?.baseHead) ? undefined : results.sizes[n]?.runs[key]);
  const cell = (v: number | undefined, show: (x: number) => string) => (v === undefined ? '—' : show(v));
  const row = (what: string, limit: string, pick: (key: Project['key']) => number | undefined, show: (x: number) => string, max?: number) => {
    const mine = pick('this');
    const verdict = mine === undefined ? '測定なし' : max === undefined ? '参考' : mine <= max ? '達成' : '未達';
    rows.push(`| ${what} | ${limit} | ${baseName() ? `${cell(pick('base'), show)} | ` : ''}${cell(mine, show)} | ${verdict} |`);
  };
  for (const n of [1000, 5000]) {
    if (!results.sizes[n]) continue;
    const N = `${n.toLocaleString('en')}${results.sizes[n].from ? '（※）' : ''}`;
    if (n === 1000) {
      row(`検証 ${N} 件（キャッシュなし）`, '1.5 s 以下', (k) => run(n, k)?.validate.ms, sec, 1500);
      row(`検証 ${N} 件（2 回目）`, '0.5 s 以下', (k) => run(n, k)?.validateWarm.ms, sec, 500);
      row(`ビルド ${N} 件（キャッシュなし、検索を含む）`, '30 s 以下', (k) => run(n, k)?.build?.ms, sec, 30_000);
      row(`再ビルド ${N} 件（1 件だけ変更）`, '8 s 以下', (k) => run(n, k)?.rebuildOne?.ms, sec, 8_000);
      row(`再ビルド ${N} 件（1 件の評価書名を変更: 全体のページも作る）`, '（目標なし）', (k) => run(n, k)?.rebuildListed?.ms, sec);
    } else {
      row(`再ビルド ${N} 件（1 件だけ変更）`, '15 s 以下', (k) => run(n, k)?.rebuildOne?.ms, sec, 15_000);
      row(`再ビルド ${N} 件（1 件の評価書名を変更: 全体のページも作る）`, '（目標なし）', (k) => run(n, k)?.rebuildListed?.ms, sec);
      row(`検索 1 回で読み込むバイト数（${N} 件）`, '500 KB 以下', (k) => run(n, k)?.searchBytes, kb, 500 * 1024);
      row(`ホーム（${N} 件、gzip）`, '100 KB 以下', (k) => run(n, k)?.entryPages?.home, kb, 100 * 1024);
      row(`評価実施機関の一覧（${N} 件、gzip）`, '100 KB 以下', (k) => run(n, k)?.entryPages?.organisations, kb, 100 * 1024);
    }
  }
  if (results.changes.this) {
    const mark = results.changesFrom ? '（※）' : '';
    const changesOf = (k: Project['key']) => (k === 'base' && !sameBase(results.changesFrom?.from, results.changesFrom?.baseHead) ? undefined : results.changes[k]);
    row(`変更箇所 1,000 コミット${mark}（キャッシュなし）`, '3 s 以下', (k) => changesOf(k)?.cold.ms, sec, 3_000);
    row(`変更箇所 1,000 コミット${mark}（最新のコミットだけ新しい）`, '0.5 s 以下', (k) => changesOf(k)?.incremental.ms, sec, 500);
  }
  const s = results.shards;
  if (s) {
    const N = s.n.toLocaleString('en');
    const of = s.each.length < s.shards ? `（${s.shards} 分割のうち ${s.each.length} 個を測定）` : '';
    const only = (v: number | undefined) => (k: Project['key']) => (k === 'this' ? v : undefined);
    row(`${N} 件の分割ビルド: 最も遅い分割${of}`, '3 分以下', only(Math.max(...s.each.map((e) => e.ms))), sec, 180_000);
    row(`${N} 件の分割ビルド: 分割の最大メモリ${of}`, '4 GB 以下', only(Math.max(...s.each.map((e) => e.treeRss))), mb, 4 * 2 ** 30);
    row(`${N} 件の分割ビルド: 集約`, '5 分以下', only(s.aggregate?.ms), sec, 300_000);
    row(`${N} 件の分割ビルド: ${s.runners} 台での所要時間`, '10 分以下', only(s.wall), sec, 600_000);
    row(`ホーム（${N} 件、gzip）`, '200 KB 以下', only(s.entryPages?.home), kb, 200 * 1024);
    row(`評価実施機関の一覧（${N} 件、gzip）`, '200 KB 以下', only(s.entryPages?.organisations), kb, 200 * 1024);
    row(`最大の比較ページ（${N} 件、gzip）`, '200 KB 以下', only(s.entryPages?.comparison), kb, 200 * 1024);
  }
  return rows;
}

function writeDoc() {
  const doc = path.join(HERE, 'docs/benchmarks.md');
  const s = results.sizes;
  const { site } = results;
  if (!site) return;
  const mine = (r: SizeResult) => r.runs.this!;
  const nLabel = (r: SizeResult) => `${r.n.toLocaleString('en')}${r.from ? '（※）' : ''}`;
  const changes = results.changes.this;
  const targets = targetRows();
  const lines = [
    '<!-- bench:start (written by `npm run bench`; edit outside the markers) -->',
    `測定日: ${new Date().toISOString().slice(0, 10)}。コマンド: \`${command}\`（N=5,000 以外は ${RUNS} 回の中央値、N=5,000 は時間がかかるため ${Math.min(RUNS, Number(process.env.BENCH_HUGE_RUNS ?? 1))} 回。BENCH_HUGE_RUNS=3 で 3 回）。`,
    '',
    `マシン: ${m.cpu}、${m.cores} コア、メモリ ${m.memory}、Node ${m.node}、${m.os}、astro ${m.astro}、pagefind ${m.pagefind}、yaml ${m.yaml}`,
    '',
    ...(targets.length ? [
      baseName() ? `目標と結果（「比較」は ${baseName()} を、その数字と同じ実行の中で同じデータで測ったもの）:` : '目標と結果:',
      '',
      `| 測定 | 目標 | ${baseName() ? `${baseName()} | ` : ''}${PROJECTS[0].name} | |`,
      `|---|---|${baseName() ? '---:|' : ''}---:|---|`,
      ...targets,
      '',
      ...Object.values(s).filter((r) => r.from).map((r) => `※ N=${nLabel(r)} は ${r.from} の測定です（--merge）。`),
      ...(results.changesFrom ? [`※ 変更箇所は ${results.changesFrom.from} の測定です（--merge）。`] : []),
      '',
    ] : []),
    '| N | YAML | ページ | 検証（キャッシュなし） | 検証（2 回目） | ビルド（キャッシュなし） | ms/件 | 最大 RSS（ツリー合計） | 再ビルド（変更なし） | 再ビルド（1 件変更） | 下限 | ビルド/下限 |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...Object.values(s).map((r) => { const x = mine(r); return !x.build || !r.floor
      ? `| ${nLabel(r)} | ${mb(r.yamlBytes)} | — | ${sec(x.validate.ms)} | ${sec(x.validateWarm.ms)} | 測定せず | — | — | — | — | — | — |`
      : `| ${nLabel(r)} | ${mb(r.yamlBytes)} | ${(x.pages ?? 0).toLocaleString('en')} | ${sec(x.validate.ms)} | ${sec(x.validateWarm.ms)} | ${sec(x.build.ms)} | ${(x.build.ms / r.n).toFixed(1)} | ${mb(x.build.treeRss)}（単一 ${mb(x.build.maxRss)}） | ${x.rebuild ? sec(x.rebuild.ms) : '—'} | ${x.rebuildOne ? sec(x.rebuildOne.ms) : '—'} | ${sec(r.floor.ms)} | ${(x.build.ms / r.floor.ms).toFixed(1)} |`; }),
    '',
    results.marginal ? `1 件あたりの追加のビルド時間（N の最小と最大の傾き）: ${results.marginal.toFixed(1)} ms。` : '',
    '',
    '入口のページの大きさ（gzip）と、検索 1 回で読み込むバイト数（Chromium、新しいブラウザーで最初の結果の 1 ページまで）:',
    '',
    ...Object.values(s).filter((r) => mine(r).entryPages).map((r) => `- N=${nLabel(r)}: ${showEntry(mine(r).entryPages!)}${mine(r).searchQueries ? `。検索: ${mine(r).searchQueries}` : ''}`),
    '',
    'ビルドの内訳（キャッシュなしの 1 回、BUILD_TIMINGS=1 の出力）:',
    '',
    ...Object.values(s).filter((r) => mine(r).build).map((r) => `- N=${nLabel(r)}: ${mine(r).build!.phases.join('、') || '（内訳なし）'}${mine(r).rebuildOne?.phases.length ? `。1 件変更の再ビルド: ${mine(r).rebuildOne!.phases.join('、')}` : ''}`),
    '',
    `負荷（os.loadavg、1 分平均）: 開始時 ${results.loadStart}、終了時 ${os.loadavg()[0].toFixed(1)}（このマシンはほかの作業と共用のことがあります）。`,
    '',
    changes ? `変更箇所${results.changesFrom ? '（※）' : ''}（100 件・1,000 コミットの合成履歴、\`npm run changes -- --format json\`、${changes.rows ?? '?'} 行）: キャッシュなし ${sec(changes.cold.ms)}（最大 RSS ${mb(changes.cold.treeRss)}）、最新のコミットだけ新しいとき ${sec(changes.incremental.ms)}。` : '',
    '',
    ...(results.shards ? shardLines(results.shards) : []),
    `熊本市 1（content/reports/kumamoto-shi/1.yaml）のページ: ${kb(site.pageBytes)}、gzip（-9）${kb(site.pageGzip)}。`,
    `CSS: ${kb(site.css)}（gzip ${kb(site.cssGzip)}、${site.cssFiles.join(', ')}）。`,
    '',
    '| ページの種類 | ページ数 | 読み込む JS |',
    '|---|---:|---|',
    ...site.js.map((j) => `| \`${j.type}\` | ${j.pages} | ${j.scripts.length ? j.scripts.join(', ') : 'なし'} |`),
    '<!-- bench:end -->',
  ];
  const block = lines.join('\n');
  const old = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : '# ベンチマーク\n\n<!-- bench:start -->\n<!-- bench:end -->\n';
  const next = /<!-- bench:start[\s\S]*?<!-- bench:end -->/.test(old) ? old.replace(/<!-- bench:start[\s\S]*?<!-- bench:end -->/, block) : `${old.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(doc, next);
  log(`${path.relative(process.cwd(), doc)} を更新しました`);
}

function shardLines(s: ShardRun): string[] {
  const N = s.n.toLocaleString('en');
  const slowest = s.each.reduce((a, e) => (e.ms > a.ms ? e : a), s.each[0]);
  const whole = s.aggregate && s.wall !== undefined
    ? `集約 ${sec(s.aggregate.ms)}（最大 RSS ${mb(s.aggregate.treeRss)}）。${s.runners} 台のランナーで並行すると ${sec(s.wall)}（分割を長いものから空いたランナーに割り当てた時間と集約の和。成果物の転送時間は含みません）。ページ ${(s.pages ?? 0).toLocaleString('en')}。`
    : `${s.shards} 分割のうち ${s.each.length} 個だけを測り、残りの分割と集約は測っていません（--shard-sample）。`;
  return [
    `分割ビルド（${N} 件を ${s.shards} 分割、このマシンで 1 つずつ順に実行）: 分割 ${s.each.map((e) => sec(e.ms)).join('・')}。最大メモリ ${mb(Math.max(...s.each.map((e) => e.treeRss)))}。${whole}`,
    `最も遅い分割の内訳: ${slowest.phases.join('、') || '（内訳なし）'}。${s.aggregate ? `集約の内訳: ${s.aggregate.phases.join('、') || '（内訳なし）'}。` : ''}`,
    ...(s.from ? [`※ 分割ビルドは ${s.from} の測定です（--merge）。`] : []),
    '',
  ];
}
