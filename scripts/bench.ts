// npm run bench [-- --quick] [--runs N] [--sizes 100,1000,5000] [--project DIR] [--write|--no-write] [--keep]
//                [--make-corpus N --out DIR]
// Measures the site at national scale on a synthetic corpus made from the transcribed reports in
// content/: validate-all, full build (Astro + Pagefind) and per-report cost for N reports, the
// 変更箇所 generation over a synthetic git history of 1,000 commits, the floor (parse every YAML and
// write the same bytes with no framework), and the size of the real pages. Full mode writes the
// results into docs/benchmarks.md (between the bench:start/bench:end markers). These are
// measurements, not tests: nothing here fails on a slow figure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseCli } from './cli.ts';
import { spawn, spawnSync } from 'node:child_process';
import YAML from 'yaml';
import { listYaml } from '../src/lib/content/content-files.ts';
import { childSchema, entrySchema, FORM_SCHEMAS, isRepeat, resolve, type FormName, type SchemaNode } from '../src/lib/form/form-schema.ts';

type Json = Record<string, unknown>;
import { parseYaml } from '../src/lib/content/yaml-source.ts';
import { lgCheckDigit } from '../src/lib/content/validate.ts';

const USAGE = `
使い方: npm run bench [-- --quick] [--runs N] [--sizes 100,1000,5000] [--project DIR] [--write|--no-write] [--keep]
                      [--make-corpus N --out DIR]

全国規模（評価書 N 件）の合成データで、検証・サイトのビルド・変更箇所の作成にかかる時間とメモリを測ります。
測定だけで、遅くても失敗にはしません。既定では結果を docs/benchmarks.md に書きます。
  --quick        少ない件数・1 回だけで測ります（書き込みません）
  --runs N       各測定の回数（中央値をとります）
  --sizes LIST   測る件数（カンマ区切り。none で合成データなし）
  --project DIR  別のプロジェクトフォルダを測ります
  --write / --no-write  docs/benchmarks.md に書く・書かない
  --keep         作業フォルダを消さずに残します
  --label TEXT   結果の見出しに付ける名前
  --make-corpus N --out DIR  N 件の合成データを DIR に作るだけ
  -h, --help     この説明を表示します
`;
const { values: opt } = parseCli(USAGE, {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    sizes: { type: 'string' },
    project: { type: 'string' },
    write: { type: 'boolean' },
    'no-write': { type: 'boolean' },
    keep: { type: 'boolean', default: false },
    label: { type: 'string' },
    'make-corpus': { type: 'string' },
    out: { type: 'string' },
}, { positionals: true });
const HERE = path.resolve(import.meta.dirname, '..');
const PROJECT = path.resolve(opt.project ?? HERE);
const QUICK = opt.quick!;
const SIZES = (opt.sizes ?? (QUICK ? '100,1000' : '100,1000,5000')).split(',').filter((x) => /^\d+$/.test(x)).map(Number); // --sizes none: only 変更箇所 and the real site
const RUNS = Number(opt.runs ?? (QUICK ? 1 : 3));
const WRITE = opt.write ?? (!QUICK && !opt['no-write'] && !opt.project && !opt.sizes && !opt.runs);
const NODE = process.execPath;
const started = Date.now();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
const log = (s: string) => console.log(s);

// ---------------------------------------------------------------- measuring a child process tree

const PAGE = 4096;
/** Resident memory (bytes) of a process and all its descendants, read from /proc, with the share of
 * each program (by its name) for the record of what holds the memory at the peak. */
function treeRss(root: number): { total: number; by: Map<string, number> } {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  const name = new Map<number, string>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(d), Number(f[1]));
      rss.set(Number(d), Number(f[21]) * PAGE);
      name.set(Number(d), programOf(fs.readFileSync(`/proc/${d}/cmdline`, 'utf8')));
    } catch { /* gone */ }
  }
  const want = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, pp] of parent) if (want.has(pp) && !want.has(pid)) { want.add(pid); grew = true; }
  }
  let total = 0;
  const by = new Map<string, number>();
  for (const pid of want) {
    const r = rss.get(pid) ?? 0;
    total += r;
    by.set(name.get(pid)!, (by.get(name.get(pid)!) ?? 0) + r);
  }
  return { total, by };
}
/** A short name for a process of the build: astro, pagefind, build.ts, … */
function programOf(cmdline: string): string {
  const args = cmdline.split('\0').filter(Boolean);
  const known = args.map((a) => path.basename(a)).find((a) => /^(astro|pagefind_extended|pagefind|build\.ts|validate\.ts|changes\.ts|git|esbuild)$/.test(a));
  return known ?? path.basename(args[0] ?? '?');
}
const breakdown = (by: Map<string, number>) => [...by].filter(([, b]) => b >= 32 * 2 ** 20).sort((a, b) => b[1] - a[1]).map(([n, b]) => `${n} ${Math.round(b / 2 ** 20)} MB`).join('、');

let TIME: string | undefined;
function ensureTime() {
  if (fs.existsSync('/usr/bin/time')) { TIME = '/usr/bin/time'; return; }
  if (process.getuid?.() === 0) {
    log('/usr/bin/time がないため apt-get install -y time で入れます…');
    spawnSync('apt-get', ['install', '-y', '-q', 'time'], { stdio: 'ignore' });
    if (!fs.existsSync('/usr/bin/time')) { spawnSync('apt-get', ['update', '-q'], { stdio: 'ignore' }); spawnSync('apt-get', ['install', '-y', '-q', 'time'], { stdio: 'ignore' }); }
  }
  TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  if (!TIME) log('（/usr/bin/time が使えません。メモリは /proc の標本だけで測ります）');
}

interface Measure { ms: number; maxRss: number; treeRss: number; peakBy: string; status: number | null; output: string }
/** Runs a command, returning wall time, the largest single-process RSS (GNU time) and the peak RSS of the whole process tree. */
function measure(cmd: string, args: string[], o: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<Measure> {
  const timeFile = path.join(work, `time-${process.hrtime.bigint()}.txt`);
  const [c, a] = TIME ? [TIME, ['-v', '-o', timeFile, cmd, ...args]] : [cmd, args];
  return new Promise((ok) => {
    const t0 = performance.now();
    const child = spawn(c, a, { cwd: o.cwd ?? PROJECT, env: { ...process.env, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; if (output.length > 1 << 20) output = output.slice(-(1 << 19)); });
    child.stderr.on('data', (d) => { output += d; if (output.length > 1 << 20) output = output.slice(-(1 << 19)); });
    let peak = 0;
    let peakBy = '';
    const timer = setInterval(() => { const t = treeRss(child.pid!); if (t.total > peak) { peak = t.total; peakBy = breakdown(t.by); } }, 100);
    child.on('close', (status) => {
      clearInterval(timer);
      const ms = performance.now() - t0;
      let maxRss = 0;
      try { maxRss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(fs.readFileSync(timeFile, 'utf8'))?.[1] ?? 0) * 1024; fs.rmSync(timeFile); } catch { /* no time(1) */ }
      ok({ ms, maxRss, treeRss: Math.max(peak, maxRss), peakBy, status, output });
    });
  });
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const sec = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

async function repeat(label: string, runs: number, fn: (i: number) => Promise<Measure>, before?: (i: number) => void) {
  const all: Measure[] = [];
  for (let i = 0; i < runs; i++) {
    before?.(i);
    const m = await fn(i);
    if (m.status !== 0) { console.error(m.output.slice(-4000)); throw new Error(`${label} が失敗しました（終了コード ${m.status}）`); }
    all.push(m);
  }
  const phases = all[0].output.split('\n').filter((l) => l.startsWith('[timing]')).map((l) => l.slice(9));
    // the breakdown of the run whose peak is the median one
  const byPeak = [...all].sort((a, b) => a.treeRss - b.treeRss)[Math.floor((all.length - 1) / 2)];
  return { ms: median(all.map((m) => m.ms)), maxRss: median(all.map((m) => m.maxRss)), treeRss: median(all.map((m) => m.treeRss)), peakBy: byPeak.peakBy, runs: all.map((m) => m.ms), phases };
}

// ---------------------------------------------------------------- synthetic corpus

function rng(seed: number) {
  let a = seed >>> 0;
  return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
const PREFECTURES: string[] = (JSON.parse(fs.readFileSync(path.join(HERE, 'schemas/organisation.schema.json'), 'utf8')).properties['都道府県'].enum);
/** 全国地方公共団体コード with its 検査数字. */
const lgCode = (five: string): string => five + String(lgCheckDigit(five));
const CATEGORIES = ['住民基本台帳', '国民年金', '地方税', '国民健康保険', '介護保険', '児童手当', '生活保護', '障害者福祉', '後期高齢者医療', '予防接種'];
const PHRASES = ['', '', '', '（令和７年度の運用による）', 'なお、詳細は別途定める要領による。', '（庁内の規程に基づき、年１回見直しを行う。）', '必要に応じて担当課と協議のうえ対応する。',
  'また、委託先に対しては定期的に報告を求め、履行状況を確認する。', '（システム更改に伴い記載を改めた。）', '職員研修を毎年実施し、取扱いの徹底を図る。'];

interface Variant { text: string; vars: number }
interface Template { file: string; form: FormName; city: string; variants: Variant[] }

/** Each transcribed report, with repeat counts varied and placeholders where the per-report texts go. */
function templates(variantsPer: number): Template[] {
  const orgs = new Map(listYaml(path.join(HERE, 'content/organisations')).map((f) => [path.basename(f, '.yaml'), parseYaml(fs.readFileSync(f, 'utf8')).data as Json]));
  const out: Template[] = [];
  for (const file of listYaml(path.join(HERE, 'content/reports'))) {
    const base = parseYaml(fs.readFileSync(file, 'utf8')).data as Json;
    const form = base['様式'] as FormName;
    const city = String(orgs.get(String(base['評価実施機関']))?.['団体名'] ?? '');
    const variants: Variant[] = [];
    for (let v = 0; v < variantsPer; v++) {
      const rand = rng(1000 * out.length + v + 1);
      const data = structuredClone(base);
      let vars = 0;
      const visit = (node: SchemaNode | undefined, value: unknown, parent: Json | unknown[] | undefined, key: string | number) => {
        const r = resolve(node);
        if (!r) return;
        if (typeof value === 'string') {
          if (r['x-kind'] === 'text' && key !== '評価書番号') {
            let s = city ? value.replaceAll(city, '〔CITY〕') : value;
            if (value.length > 12 && rand() < 0.35 && !s.endsWith('\n')) s += `〔V${vars++}〕`;
            (parent as Record<string | number, unknown>)[key] = s;
          }
          return;
        }
        if (Array.isArray(value)) {
          // Entries numbered by their own word (システム, 委託事項, 提供先, 移転先) vary in count; files and 変更箇所 rows do not.
          if (isRepeat(r) && !r['x-number'] && r['x-layout'] !== 'table' && value.length && v > 0) {
            const factor = [0.5, 1, 2, 3, 4][Math.floor(rand() * 5)];
            const target = Math.max(1, Math.min(r.maxItems ?? 20, Math.round(value.length * factor)));
            const nameKey = resolve(entrySchema(r))?.['x-name'];
            const orig = value.slice();
            value.length = 0;
            for (let i = 0; i < target; i++) {
              const el = structuredClone(orig[i % orig.length]) as Json;
              if (i >= orig.length && nameKey && typeof el?.[nameKey] === 'string') el[nameKey] += `（${Math.floor(i / orig.length) + 1}）`;
              value.push(el);
            }
          }
          value.forEach((el, i) => visit(childSchema(r, i), el, value, i));
          return;
        }
        if (value && typeof value === 'object') for (const [k, x] of Object.entries(value)) visit(childSchema(r, k), x, value as Json, k);
      };
      visit(FORM_SCHEMAS[form].schema, data, undefined, '');
      data['評価実施機関'] = '〔ORG〕';
      (data['表紙'] as Json)['評価書番号'] = '〔NUM〕';
      data['事務分類'] = '〔CAT〕';
      if (data['公開状態']) delete data['公開状態']; // a comment period would depend on the day of the run
      const text = YAML.stringify(data, { lineWidth: 0 }).replace(/'〔(ORG|NUM|CAT)〕'/g, '〔$1〕');
      variants.push({ text, vars });
    }
    out.push({ file, form, city, variants });
  }
  return out;
}

interface Corpus { root: string; content: string; reports: string[]; orgs: number; bytes: number }
let TEMPLATES: Template[] | undefined;
function reportText(t: Template, v: number, org: { id: string; city: string }, number: number, category: string, pick: (k: number) => number) {
  const variant = t.variants[v];
  return `# yaml-language-server: $schema=../../../schemas/editor/${FORM_SCHEMAS[t.form].file}\n` + variant.text
    .replace(/〔ORG〕/, org.id).replace(/〔NUM〕/, String(number)).replace(/〔CAT〕/, category)
    .replaceAll('〔CITY〕', org.city)
    .replace(/〔V(\d+)〕/g, (_, k) => PHRASES[pick(Number(k)) % PHRASES.length]);
}
const orgOf = (i: number) => {
  const pref = (i % 47) + 1;
  const code = lgCode(String(pref).padStart(2, '0') + String(100 + Math.floor(i / 47) * 2).padStart(3, '0'));
  return { id: `bench-${String(i + 1).padStart(5, '0')}`, city: `試験${i + 1}市`, pref: PREFECTURES[pref - 1], code };
};

/** N reports over N/5 organisations, round-robin over the transcribed reports and their variants. */
function makeCorpus(n: number, root = path.join(work, `corpus-${n}`)): Corpus {
  TEMPLATES ??= templates(6);
  const content = path.join(root, 'content');
  const orgCount = Math.max(2, Math.ceil(n / 5));
  fs.mkdirSync(path.join(content, 'organisations'), { recursive: true });
  for (let i = 0; i < orgCount; i++) {
    const o = orgOf(i);
    fs.writeFileSync(path.join(content, 'organisations', `${o.id}.yaml`), `名称: ${o.city}長\n種別: 地方公共団体\n団体名: ${o.city}\n都道府県: ${o.pref}\n全国地方公共団体コード: "${o.code}"\nサイトURL: https://example.jp/${o.id}/\n`);
  }
  const reports: string[] = [];
  let bytes = 0;
  for (let r = 0; r < n; r++) {
    const rand = rng(r + 7);
    const o = orgOf(r % orgCount);
    const t = TEMPLATES[r % TEMPLATES.length];
    const v = Math.floor(rand() * t.variants.length);
    const text = reportText(t, v, o, Math.floor(r / orgCount) + 1, CATEGORIES[Math.floor(rand() * CATEGORIES.length)], () => Math.floor(rand() * 1e6));
    const file = path.join(content, 'reports', o.id, `${Math.floor(r / orgCount) + 1}.yaml`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    reports.push(file);
    bytes += Buffer.byteLength(text);
  }
  return { root, content, reports, orgs: orgCount, bytes };
}

// ---------------------------------------------------------------- synthetic git history

/** A repository with 100 reports and `commits` first-parent commits (one import, then edits), written with git fast-import. */
function makeHistory(reportsCount: number, commits: number) {
  TEMPLATES ??= templates(6);
  const root = path.join(work, 'history');
  fs.mkdirSync(root, { recursive: true });
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  const orgCount = Math.ceil(reportsCount / 5);
  const rand = rng(42);
  const state = Array.from({ length: reportsCount }, (_, r) => ({
    t: TEMPLATES![r % TEMPLATES!.length], v: r % 6, org: orgOf(r % orgCount), number: Math.floor(r / orgCount) + 1,
    picks: new Map<number, number>(), category: CATEGORIES[r % CATEGORIES.length],
  }));
  const pathOf = (s: (typeof state)[number]) => `content/reports/${s.org.id}/${s.number}.yaml`;
  const render = (s: (typeof state)[number]) => reportText(s.t, s.v, s.org, s.number, s.category, (k) => s.picks.get(k) ?? 0);
  const chunks: Buffer[] = [];
  const data = (s: string) => { const b = Buffer.from(s); chunks.push(Buffer.from(`data ${b.length}\n`), b, Buffer.from('\n')); };
  let time = Date.parse('2024-04-01T10:00:00+09:00') / 1000;
  for (let c = 0; c < commits; c++) {
    const files: [string, string][] = [];
    let message: string;
    if (c === 0) {
      for (let i = 0; i < orgCount; i++) { const o = orgOf(i); files.push([`content/organisations/${o.id}.yaml`, `名称: ${o.city}長\n種別: 地方公共団体\n団体名: ${o.city}\n都道府県: ${o.pref}\n全国地方公共団体コード: "${o.code}"\n`]); }
      for (const s of state) files.push([pathOf(s), render(s)]);
      message = '公表済みの評価書の取り込み\n\nChange-Log: import\n';
    } else {
      const touched = new Set<number>();
      const count = rand() < 0.8 ? 1 : 2 + Math.floor(rand() * 3);
      while (touched.size < count) touched.add(Math.floor(rand() * reportsCount));
      for (const r of touched) {
        const s = state[r];
        if (rand() < 0.1) s.v = (s.v + 1 + Math.floor(rand() * 5)) % 6; // entries added or removed
        const vars = s.t.variants[s.v].vars;
        for (let k = 0, edits = 1 + Math.floor(rand() * 3); k < edits && vars; k++) s.picks.set(Math.floor(rand() * vars), 1 + Math.floor(rand() * 1e6));
        files.push([pathOf(s), render(s)]);
      }
      const trailers = [rand() < 0.5 ? `Submission: ${rand() < 0.5 ? '事前' : '事後'}` : '', rand() < 0.3 ? 'Reason: 運用の見直しに伴う記載の修正' : '', rand() < 0.2 ? `Change-Date: ${new Date(time * 1000).toISOString().slice(0, 10)}` : ''].filter(Boolean);
      message = `評価書の記載を更新 (${c})\n` + (trailers.length ? `\n${trailers.join('\n')}\n` : '');
    }
    time += 3600 * (2 + Math.floor(rand() * 20));
    chunks.push(Buffer.from(`commit refs/heads/main\nauthor 評価 太郎 <staff@example.jp> ${time} +0900\ncommitter 評価 太郎 <staff@example.jp> ${time} +0900\n`));
    data(message);
    for (const [p, text] of files) { chunks.push(Buffer.from(`M 100644 inline ${p}\n`)); data(text); }
    chunks.push(Buffer.from('\n'));
  }
  const r = spawnSync('git', ['fast-import', '--quiet'], { cwd: root, input: Buffer.concat(chunks), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`git fast-import: ${r.stderr}`);
  return root;
}

// ---------------------------------------------------------------- the real site

function duFiles(dir: string, filter: (f: string) => boolean): { file: string; size: number }[] {
  const out: { file: string; size: number }[] = [];
  const walk = (d: string) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (filter(p)) out.push({ file: path.relative(dir, p), size: fs.statSync(p).size }); } };
  walk(dir);
  return out;
}
const pageType = (rel: string) => { const parts = rel.replace(/(^|\/)index\.html$/, '').split('/').filter(Boolean); return parts.length ? parts.map((p, i) => (i === 0 ? p : '*')).join('/') + '/' : '/'; };

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
const m = machine();
log(`マシン: ${m.cpu}、${m.cores} コア、メモリ ${m.memory}、Node ${m.node}、${m.os}（astro ${m.astro}、pagefind ${m.pagefind}）、負荷 ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
log(`対象: ${PROJECT}${QUICK ? '（--quick）' : ''}、N = ${SIZES.join(', ')}、各 ${RUNS} 回の中央値`);
ensureTime();

type Summary = Awaited<ReturnType<typeof repeat>>;
interface SizeResult { n: number; orgs: number; yamlBytes: number; validate: Summary; validateWarm: Summary; pages?: number; htmlBytes?: number; build?: Summary; rebuild?: Summary; floor?: Summary; phases?: string[]; entryPages?: { home?: number; organisations?: number } }
interface Results { machine: typeof m; sizes: Record<number, SizeResult>; loadStart: string; marginal?: number; changes?: Summary & { rows?: number }; site?: ReturnType<typeof siteFacts> }
const results: Results = { machine: m, sizes: {}, loadStart: os.loadavg()[0].toFixed(1) };
const cacheDir = (tag: string) => path.join(work, `cache-${tag}`);
try {
  for (const n of SIZES) {
    const t0 = Date.now();
    const corpus = makeCorpus(n);
    log(`\nN = ${n}: ${corpus.reports.length} 件（${corpus.orgs} 機関、YAML ${mb(corpus.bytes)}）を ${((Date.now() - t0) / 1000).toFixed(1)} 秒で作りました`);
    const runs = n >= 5000 ? Math.min(RUNS, Number(process.env.BENCH_HUGE_RUNS ?? 1)) : RUNS;
    // Cold: no digest cache (a fresh clone or CI); the env var is ignored by projects without one.
    const validate = await repeat('validate', runs, (i) => measure(NODE, [path.join(PROJECT, 'scripts/validate.ts')], { cwd: corpus.root, env: { CONTENT_CACHE_DIR: cacheDir(`v${n}-${i}`) } }));
    log(`  検証（全件、キャッシュなし）: ${sec(validate.ms)}（${(validate.ms / n).toFixed(2)} ms/件）、最大 RSS ${mb(validate.treeRss)}`);
    const validateWarm = await repeat('validate (warm)', runs, () => measure(NODE, [path.join(PROJECT, 'scripts/validate.ts')], { cwd: corpus.root, env: { CONTENT_CACHE_DIR: cacheDir(`v${n}-0`) } }));
    log(`  検証（全件、2 回目・変更なし）: ${sec(validateWarm.ms)}、最大 RSS ${mb(validateWarm.treeRss)}`);
    if (QUICK && n >= 1000) {
      log('  ビルドは --quick では N=1,000 以上を測りません（npm run bench で測ります）');
      results.sizes[n] = { n, orgs: corpus.orgs, yamlBytes: corpus.bytes, validate, validateWarm };
      if (!opt.keep) fs.rmSync(corpus.root, { recursive: true, force: true });
      continue;
    }
    const out = path.join(work, `dist-${n}`);
    const env = (tag: string) => ({ SITE_URL: 'http://127.0.0.1:4321', CONTENT_DIR: corpus.content, OUT_DIR: out, CONTENT_CACHE_DIR: cacheDir(tag), ASTRO_TELEMETRY_DISABLED: '1', SITE_TODAY: '2026-01-15', BUILD_TIMINGS: '1' });
    const build = await repeat('build', runs, (i) => measure(NODE, ['scripts/build.ts'], { env: env(`b${n}-${i}`) }));
    log(`  ビルド（Astro + Pagefind、キャッシュなし）: ${sec(build.ms)}（${(build.ms / n).toFixed(1)} ms/件）、最大 RSS ${mb(build.treeRss)}（その時点の内訳: ${build.peakBy}）`);
    const rebuild = QUICK ? undefined : await repeat('build (warm)', runs, () => measure(NODE, ['scripts/build.ts'], { env: env(`b${n}-0`) }));
    if (rebuild) log(`  再ビルド（内容の変更なし）: ${sec(rebuild.ms)}、最大 RSS ${mb(rebuild.treeRss)}${rebuild.phases.length ? `（${rebuild.phases.join('、')}）` : ''}`);
    const phases = build.phases;
    if (phases.length) log(`  内訳（キャッシュなしの 1 回）: ${phases.join('、')}`);
    const html = duFiles(out, (f) => f.endsWith('.html'));
    // The pages every reader opens first must stay small at national size (issue 21: under 100 KB gzip).
    const gz = (rel: string) => { try { return zlib.gzipSync(fs.readFileSync(path.join(out, rel))).length; } catch { return undefined; } };
    const entryPages = { home: gz('index.html'), organisations: gz('organisations/index.html') };
    log(`  ホーム: gzip ${entryPages.home === undefined ? '—' : kb(entryPages.home)}、評価実施機関の一覧: gzip ${entryPages.organisations === undefined ? '—' : kb(entryPages.organisations)}`);
    // The floor's own figure leaves out reading the built pages into memory (that is not work a build does).
    const floor = await repeat('floor', runs, async () => {
      const f = await measure(NODE, [path.join(HERE, 'scripts/bench-floor.ts'), corpus.content, out, path.join(work, `floor-${n}`)]);
      fs.rmSync(path.join(work, `floor-${n}`), { recursive: true, force: true });
      const own = /\[floor\] (\d+)/.exec(f.output);
      return own ? { ...f, ms: Number(own[1]) } : f;
    });
    log(`  下限（YAML を読み、同じバイト数の HTML を書くだけ）: ${sec(floor.ms)}、ビルドとの比 ${(build.ms / floor.ms).toFixed(1)} 倍`);
    results.sizes[n] = { n, orgs: corpus.orgs, yamlBytes: corpus.bytes, pages: html.length, htmlBytes: html.reduce((a, h) => a + h.size, 0), entryPages, validate, validateWarm, build, rebuild, floor, phases };
    if (!opt.keep) { fs.rmSync(corpus.root, { recursive: true, force: true }); fs.rmSync(out, { recursive: true, force: true }); fs.rmSync(path.join(work, `floor-${n}`), { recursive: true, force: true }); }
  }
  const ns = SIZES.filter((n) => results.sizes[n]?.build);
  if (ns.length > 1) {
    const [a, b] = [results.sizes[ns[0]], results.sizes[ns[ns.length - 1]]];
    results.marginal = (b.build!.ms - a.build!.ms) / (b.n - a.n);
    log(`\n1 件あたりの追加のビルド時間（N=${a.n}→${b.n} の傾き）: ${results.marginal.toFixed(1)} ms`);
  }

  // 変更箇所 over a synthetic history: 100 reports, 1,000 commits.
  const t0 = Date.now();
  const repo = makeHistory(100, 1000);
  log(`\n変更箇所: 100 件・1,000 コミットの履歴を ${((Date.now() - t0) / 1000).toFixed(1)} 秒で作りました`);
  const changes = await repeat('changes', RUNS, (i) => measure(NODE, [path.join(PROJECT, 'scripts/changes.ts'), '--format', 'json', '--content', 'content'], { cwd: repo, env: { CONTENT_CACHE_DIR: cacheDir(`c${i}`) } }));
  const rows = (() => { try { return JSON.parse(spawnSync(NODE, [path.join(PROJECT, 'scripts/changes.ts'), '--format', 'json', '--content', 'content'], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30 }).stdout).length; } catch { return undefined; } })();
  log(`  変更箇所の生成（npm run changes、${rows ?? '?'} 行）: ${sec(changes.ms)}、最大 RSS ${mb(changes.treeRss)}`);
  results.changes = { ...changes, rows };

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

if (WRITE) writeDoc();
const json = path.join(os.tmpdir(), `bench-${opt.label ?? 'last'}.json`);
fs.writeFileSync(json, JSON.stringify(results, null, 2));
log(`結果（JSON）: ${json}`);

function writeDoc() {
  const doc = path.join(HERE, 'docs/benchmarks.md');
  const s = results.sizes;
  const { changes, site } = results;
  if (!changes || !site) return;
  const lines = [
    '<!-- bench:start (written by `npm run bench`; edit outside the markers) -->',
    `測定日: ${new Date().toISOString().slice(0, 10)}。コマンド: \`npm run bench${process.argv.slice(2).filter((a) => a !== '--').length ? ' -- ' + process.argv.slice(2).filter((a) => a !== '--').join(' ') : ''}\`（N=5,000 以外は ${RUNS} 回の中央値、N=5,000 は時間がかかるため ${Math.min(RUNS, Number(process.env.BENCH_HUGE_RUNS ?? 1))} 回。BENCH_HUGE_RUNS=3 で 3 回）。`,
    '',
    `マシン: ${m.cpu}、${m.cores} コア、メモリ ${m.memory}、Node ${m.node}、${m.os}、astro ${m.astro}、pagefind ${m.pagefind}、yaml ${m.yaml}`,
    '',
    '| N | YAML | ページ | 検証（キャッシュなし） | 検証（2 回目） | ビルド（キャッシュなし） | ms/件 | 最大 RSS（ツリー合計） | 再ビルド（変更なし） | 下限 | ビルド/下限 |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...Object.values(s).map((r) => !r.build || !r.floor
      ? `| ${r.n.toLocaleString('en')} | ${mb(r.yamlBytes)} | — | ${sec(r.validate.ms)} | ${sec(r.validateWarm.ms)} | 測定せず | — | — | — | — | — |`
      : `| ${r.n.toLocaleString('en')} | ${mb(r.yamlBytes)} | ${(r.pages ?? 0).toLocaleString('en')} | ${sec(r.validate.ms)} | ${sec(r.validateWarm.ms)} | ${sec(r.build.ms)} | ${(r.build.ms / r.n).toFixed(1)} | ${mb(r.build.treeRss)}（単一 ${mb(r.build.maxRss)}） | ${r.rebuild ? sec(r.rebuild.ms) : '—'} | ${sec(r.floor.ms)} | ${(r.build.ms / r.floor.ms).toFixed(1)} |`),
    '',
    results.marginal ? `1 件あたりの追加のビルド時間（N の最小と最大の傾き）: ${results.marginal.toFixed(1)} ms。` : '',
    '',
    '入口のページの大きさ（gzip、上限の目安 100 KB）:',
    '',
    ...Object.values(s).filter((r) => r.entryPages).map((r) => `- N=${r.n.toLocaleString('en')}: ホーム ${r.entryPages!.home === undefined ? '—' : kb(r.entryPages!.home)}、評価実施機関の一覧 ${r.entryPages!.organisations === undefined ? '—' : kb(r.entryPages!.organisations)}`),
    '',
    'ビルドの内訳（キャッシュなしの 1 回、BUILD_TIMINGS=1 の出力）:',
    '',
    ...Object.values(s).filter((r) => r.build).map((r) => `- N=${r.n.toLocaleString('en')}: ${r.build!.phases.join('、') || '（内訳なし）'}${r.rebuild?.phases.length ? `。再ビルド: ${r.rebuild.phases.join('、')}` : ''}`),
    '',
    `負荷（os.loadavg、1 分平均）: 開始時 ${results.loadStart}、終了時 ${os.loadavg()[0].toFixed(1)}（このマシンはほかの作業と共用のことがあります）。`,
    '',
    `変更箇所（100 件・1,000 コミットの合成履歴、\`npm run changes -- --format json\`、${changes.rows ?? '?'} 行）: ${sec(changes.ms)}（最大 RSS ${mb(changes.treeRss)}）。`,
    '',
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
