// The bench's synthetic inputs, made from the transcribed reports in content/: a corpus of N reports over
// N/5 organisations, and a git history of edits to 100 reports. Deterministic (seeded). Does I/O (writes
// the corpus and runs git fast-import).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import YAML from 'yaml';
import { listYaml } from '../../src/lib/content/content-files.ts';
import { childSchema, entrySchema, FORM_SCHEMAS, isRepeat, resolve, type FormName, type SchemaNode } from '../../src/lib/form/form-schema.ts';
import { parseYaml } from '../../src/lib/content/yaml-source.ts';
import { lgCheckDigit } from '../../src/lib/content/validate.ts';

type Json = Record<string, unknown>;
const HERE = path.resolve(import.meta.dirname, '../..');

export function rng(seed: number) {
  let a = seed >>> 0;
  return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
const PREFECTURES: string[] = (JSON.parse(fs.readFileSync(path.join(HERE, 'schemas/organisation.schema.json'), 'utf8')).properties['都道府県'].enum);
/** 全国地方公共団体コード with its 検査数字. */
const lgCode = (five: string): string => five + String(lgCheckDigit(five));
export const CATEGORIES = ['住民基本台帳', '国民年金', '地方税', '国民健康保険', '介護保険', '児童手当', '生活保護', '障害者福祉', '後期高齢者医療', '予防接種'];
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

export interface Corpus { root: string; content: string; reports: string[]; orgs: number; bytes: number }
let TEMPLATES: Template[] | undefined;
function reportText(t: Template, v: number, org: { id: string; city: string }, number: number, category: string, pick: (k: number) => number) {
  const variant = t.variants[v];
  return `# yaml-language-server: $schema=../../../schemas/editor/${FORM_SCHEMAS[t.form].file}\n` + variant.text
    .replace(/〔ORG〕/, org.id).replace(/〔NUM〕/, String(number)).replace(/〔CAT〕/, category)
    .replaceAll('〔CITY〕', org.city)
    .replace(/〔V(\d+)〕/g, (_, k) => PHRASES[pick(Number(k)) % PHRASES.length])
    // (the cover prints its organisation's 名称, as in every bundled report: else each report is a note)
    .replace(/^( {2}評価実施機関名: ).*$/m, `$1${org.city}長`);
}
export const orgOf = (i: number) => {
  const pref = (i % 47) + 1;
  const code = lgCode(String(pref).padStart(2, '0') + String(100 + Math.floor(i / 47) * 2).padStart(3, '0'));
  return { id: `bench-${String(i + 1).padStart(5, '0')}`, city: `試験${i + 1}市`, pref: PREFECTURES[pref - 1], code };
};

/** N reports over N/5 organisations, round-robin over the transcribed reports and their variants. */
export function makeCorpus(n: number, root: string): Corpus {
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

/** A repository with 100 reports and `commits` first-parent commits (one import, then edits), written with git fast-import. */
export function makeHistory(root: string, reportsCount: number, commits: number) {
  TEMPLATES ??= templates(6);
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
  // The files checked out, as in a clerk's or CI's clone: npm run changes reads each report's
  // transcribed 変更箇所 from the work tree.
  const co = spawnSync('git', ['reset', '-q', '--hard'], { cwd: root, encoding: 'utf8' });
  if (co.status !== 0) throw new Error(`git reset: ${co.stderr}`);
  return root;
}
/** The same report with one sentence changed: the first non-empty stock phrase becomes the next one. The
 * edit a clerk makes most (one free-text item), and the input of the one-report-changed rebuild. */
export function editedText(text: string): string {
  const phrases = PHRASES.filter(Boolean);
  let best = -1;
  let which = -1;
  phrases.forEach((p, i) => { const at = text.indexOf(p); if (at >= 0 && (best < 0 || at < best)) { best = at; which = i; } });
  if (best < 0) throw new Error('合成した評価書に書き換えられる文がありません');
  const next = phrases[(which + 1) % phrases.length];
  return text.slice(0, best) + next + text.slice(best + phrases[which].length);
}

/** The same report with its title (評価書名) changed: an edit the lists and comparisons show, so that the
 * global pages are made again (of the organisation pages and comparisons, only the report's own). */
export function retitledText(text: string): string {
  const next = text.replace(/^(  評価書名: .*)$/m, '$1（改訂）');
  if (next === text) throw new Error('合成した評価書に評価書名がありません');
  return next;
}

/** Adds one commit to the history of makeHistory() that edits one report (`index` of the sorted report
 * files), for 変更箇所 when only the newest commit is new. */
export function appendEditCommit(root: string, index = 0): void {
  const git = (args: string[], input?: string) => {
    const r = spawnSync('git', args, { cwd: root, encoding: 'utf8', input, maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`git ${args[0]}: ${r.stderr}`);
    return r.stdout;
  };
  const files = git(['ls-tree', '-r', '--name-only', 'HEAD', 'content/reports']).split('\n').filter(Boolean).sort();
  const file = files[index % files.length];
  const text = Buffer.from(editedText(git(['show', `HEAD:${file}`])));
  const time = Number(git(['log', '-1', '--format=%ct'])) + 3600;
  const message = Buffer.from('評価書の記載を更新（最新）\n');
  const stream = Buffer.concat([
    Buffer.from(`commit refs/heads/main\nauthor 評価 太郎 <staff@example.jp> ${time} +0900\ncommitter 評価 太郎 <staff@example.jp> ${time} +0900\ndata ${message.length}\n`), message,
    Buffer.from(`\nfrom refs/heads/main^0\nM 100644 inline ${file}\ndata ${text.length}\n`), text, Buffer.from('\n\n'),
  ]);
  const r = spawnSync('git', ['fast-import', '--quiet'], { cwd: root, input: stream });
  if (r.status !== 0) throw new Error(`git fast-import: ${r.stderr}`);
}
