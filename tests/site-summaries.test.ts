// The global pages (home, organisation list and pages, comparisons and their CSVs, the feed, the
// comments page) are built from one small summary per report (site-summary.ts), never from the reports:
// - for seeded variations of the bundled and fixture reports (groups marked 原文欠落/判読不能, 事務分類
//   moved so that forms mix), every comparison, CSV, list and feed built from the summaries (through
//   their JSON files, as a shard would hand them over) equals the one built from the reports;
// - with reading a report's data made to throw, every function the global pages call still works,
//   and a second build's summaries come from the cache without reading any report;
// - the global pages' files take their reports from siteSummaries() only;
// - summaries written in parts (shards) read back whole, in the order of every list;
// - a reader waits for them only while the process that writes them lives.
import { inNationalOrder } from '../src/lib/site/compare-groups.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import YAML from 'yaml';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { seeded, type Random } from './support/seeded.ts';
import { globalRoutes } from '../src/lib/build/global-routes.ts';

// The summary cache of these tests is their own (set before the modules read it).
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'summaries-'));
process.env.CONTENT_CACHE_DIR = path.join(root, 'cache');
delete process.env.CONTENT_CACHE;
const { loadContent, Report } = await import('../src/lib/content/content-store.ts');
const { validateFiles } = await import('../src/lib/content/validate-content.ts');
const { listFilesUnder } = await import('../src/lib/content/content-files.ts');
const { categories, compare, compareParts, toCsv } = await import('../src/lib/report/comparison.ts');
const { markSummariesComplete, markSummariesProducer, summariesOf, readSummaries, waitForSummaries, writeSummaries } = await import('../src/lib/site/summary-files.ts');
const { comparisonCsvs } = await import('../src/lib/site/downloads.ts');
const { listing } = await import('../src/lib/site/listing.ts');
const { feedEntries } = await import('../src/lib/site/feed.ts');
const { jimuGroups, byPrefectureOf } = await import('../src/lib/site/compare-groups.ts');
const { commentState } = await import('../src/lib/site/comment-period.ts');
const { headline, listHead } = await import('../src/lib/report/report-head.ts');
const { recentUpdates } = await import('../src/lib/site/recent-updates.ts');
const { organisationName } = await import('../src/lib/site/names.ts');
type SiteSummary = import('../src/lib/site/site-summary.ts').SiteSummary;
type Content = import('../src/lib/content/content-store.ts').Content;

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
afterEach(() => { vi.restoreAllMocks(); });

const STRUCTURAL = new Set(['様式', '様式版', '評価実施機関', '表紙', '事務分類', '公開状態', '変更箇所']);
const STATES = ['原文欠落', '判読不能'];
const CATEGORIES = ['国民年金', '住民基本台帳', '地方税'];

/** Paths of the objects and lists below the report's content items, up to three levels down. */
function groupPaths(data: Record<string, unknown>): (string | number)[][] {
  const out: (string | number)[][] = [];
  const visit = (v: unknown, p: (string | number)[]) => {
    if (p.length > 3 || !v || typeof v !== 'object') return;
    if (p.length) out.push(p);
    for (const [k, c] of Array.isArray(v) ? v.entries() : Object.entries(v)) visit(c, [...p, k]);
  };
  for (const [k, v] of Object.entries(data)) if (!STRUCTURAL.has(k)) visit(v, [k]);
  return out;
}

/** A copy of the bundled content with the fixture's organisation and reports, each report varied at
 * random; a variation the validator refuses is undone, so the copy is always valid content. */
function variant(r: Random): { dir: string; changed: number } {
  const dir = fs.mkdtempSync(path.join(root, 'content-'));
  fs.cpSync('content', dir, { recursive: true });
  fs.cpSync('tests/fixtures/content/organisations/test-shi.yaml', path.join(dir, 'organisations/test-shi.yaml'));
  fs.mkdirSync(path.join(dir, 'reports/test-shi'));
  for (const n of ['2', '3', '4']) fs.cpSync(`tests/fixtures/content/reports/test-shi/${n}.yaml`, path.join(dir, `reports/test-shi/${n}.yaml`));
  let changed = 0;
  for (const org of fs.readdirSync(path.join(dir, 'reports'))) {
    for (const name of fs.readdirSync(path.join(dir, 'reports', org)).filter((n) => n.endsWith('.yaml'))) {
      const file = path.join(dir, 'reports', org, name);
      const original = fs.readFileSync(file, 'utf8');
      const data = YAML.parse(original) as Record<string, unknown>;
      if (r.next() < 0.5) data['事務分類'] = r.pick(CATEGORIES);
      const paths = groupPaths(data);
      for (let k = r.int(3); k > 0 && paths.length; k--) {
        const p = r.pick(paths);
        let parent: Record<string | number, unknown> = data;
        for (const key of p.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        parent[p.at(-1)!] = { 記載状態: r.pick(STATES) };
      }
      fs.writeFileSync(file, YAML.stringify(data));
      if (validateFiles([file], dir).problems.length) fs.writeFileSync(file, original);
      else if (fs.readFileSync(file, 'utf8') !== original) changed++;
    }
  }
  return { dir, changed };
}

/** The summaries as another process would read them: written to a folder in seeded parts. */
function throughFiles(summaries: SiteSummary[], r: Random): SiteSummary[] {
  const dir = fs.mkdtempSync(path.join(root, 'parts-'));
  const parts = 1 + r.int(4);
  const shuffled = [...summaries].sort(() => r.next() - 0.5);
  for (let i = 0; i < parts; i++) writeSummaries(dir, shuffled.filter((_, j) => j % parts === i), `shard-${i}`);
  return readSummaries(dir);
}

/** The reports' full data made unreadable: any page that still reads a report fails. */
function forbidReportData() {
  const refuse = (what: string) => () => { throw new Error(`global pages must not read ${what}`); };
  vi.spyOn(Report.prototype, 'data', 'get').mockImplementation(refuse('report data'));
  vi.spyOn(Report.prototype, 'source', 'get').mockImplementation(refuse('report sources'));
}

/** Everything the global pages and the comparison CSVs show, from a list of reports or of summaries. */
function globalViews(content: Content, reports: Pick<SiteSummary, 'id' | 'org' | 'file' | 'head' | 'form' | 'number'>[]) {
  const abs = (p: string) => new URL(p, 'https://example.jp/hyoka/').toString();
  return {
    lists: [...content.organisations.keys()].map((org) => listing(reports.filter((r) => r.org === org))),
    feed: feedEntries(reports, content.organisations, new Map(), abs, (f) => path.resolve(f)),
    jimu: [...jimuGroups(reports)].map(([c, rs]) => [c, rs.map((r) => r.id), byPrefectureOf(content.organisations, rs).map((g) => [g.name, g.reports.map((r) => r.id)])]),
    comments: reports.map((r) => commentState(r, '2025-06-01')),
    recent: recentUpdates(reports.map((r) => ({ id: r.id, published: undefined, changeDates: r.head.変更日, generated: [] })), 15),
  };
}

describe('global pages from summaries', () => {
  it('equal the same pages read from the reports, for seeded variations of the reports', () => {
    for (const seed of [1, 2, 3, 4]) {
      const r = seeded(seed);
      const { dir, changed } = variant(r);
      expect(changed, `seed ${seed}: some reports varied`).toBeGreaterThan(0);
      const content = loadContent(dir);
      const summaries = throughFiles(summariesOf(content), r);
      expect(summaries.map((s) => s.id), `seed ${seed}`).toEqual(content.reports.map((x) => x.id));
      // Comparisons of every 事務, and of seeded subsets in seeded orders (a prefecture's reports).
      const byCategory = categories(content.reports);
      expect([...categories(summaries).keys()]).toEqual([...byCategory.keys()]);
      const summaryOf = new Map(summaries.map((s) => [s.id, s]));
      for (const [category, reports] of byCategory) {
        for (let k = 0; k < 4; k++) {
          const subset = (k === 0 ? reports : reports.filter(() => r.next() < 0.7).sort(() => r.next() - 0.5));
          if (!subset.length) continue;
          const fromReports = compare(category, subset);
          const fromSummaries = compareParts(category, subset.map((x) => summaryOf.get(x.id)!));
          expect({ rows: fromSummaries.rows, risks: fromSummaries.risks }, `seed ${seed} ${category} ${subset.map((x) => x.id)}`).toEqual({ rows: fromReports.rows, risks: fromReports.risks });
          const names = subset.map((x) => x.id);
          expect(toCsv(fromSummaries, names)).toBe(toCsv(fromReports, names));
        }
      }
      const csvs = comparisonCsvs(summaries, content.organisations);
      expect([...csvs.keys()]).toEqual([...byCategory.keys()]);
      for (const [category, all] of byCategory) {
        // (columns in the order the comparison page lists the reports)
        const reports = inNationalOrder(content.organisations, all);
        const names = reports.map((x) => `${organisationName(content.organisations.get(x.org), x.org)} ${x.form} ${x.number || '評価書番号の記載なし'}`);
        expect(csvs.get(category)).toBe(toCsv(compare(category, reports), names));
      }
      expect(globalViews(content, summaries), `seed ${seed}`).toEqual(globalViews(content, content.reports));
      // The summary card the comparison pages name each report by.
      for (const s of summaries) expect(s.card.title, s.id).toBe(summaryOf.get(s.id)!.card.title);
    }
  });

  it('are built with reading any report made to fail, and the next build summarises from the cache', () => {
    const content = loadContent(path.resolve('content'));
    const first = summariesOf(content);
    // The next build: new Report objects (nothing remembered in memory), the same files.
    const next = { ...content, reports: content.reports.map((r) => new Report(r.file, YAML.parse(fs.readFileSync(r.file, 'utf8')))) };
    forbidReportData();
    expect(() => next.reports[0].data).toThrow(/must not read/);
    const again = summariesOf(next);
    expect(again).toEqual(first);
    const csvs = comparisonCsvs(again, content.organisations);
    expect(csvs.size).toBeGreaterThan(0);
    for (const [category, reports] of categories(again)) expect(compareParts(category, reports).rows.length).toBeGreaterThan(0);
    expect(globalViews(content, again).lists.flat().length).toBe(content.reports.length);
  });

  it('summarise a report again when its file changes', () => {
    const { dir } = variant(seeded(9));
    const content = loadContent(dir);
    const before = summariesOf(content);
    const target = content.reports.find((x) => x.org === 'test-shi')!;
    fs.writeFileSync(target.file, fs.readFileSync(target.file, 'utf8').replace(/評価書名: .*/, '評価書名: 書き換えた評価書名'));
    const reread = new Report(target.file, YAML.parse(fs.readFileSync(target.file, 'utf8')));
    const after = summariesOf({ ...content, reports: content.reports.map((x) => (x === target ? reread : x)) });
    const i = content.reports.indexOf(target);
    expect(after[i].card.title).toBe('書き換えた評価書名');
    expect(after[i].digest).not.toBe(before[i].digest);
    expect(after.filter((_, j) => j !== i)).toEqual(before.filter((_, j) => j !== i));
  });
});

describe('the head a summary keeps', () => {
  it('gives lists the same headline and comment state as the whole head, without the rest of the cover (seeded)', () => {
    const r = seeded(41);
    const marker = () => ({ 記載状態: r.pick(['原文欠落', '判読不能', '不確実']), 注記: '注記' });
    const value = (v: unknown) => (r.int(5) === 0 ? marker() : r.int(6) === 0 ? undefined : v);
    for (let n = 0; n < 300; n++) {
      const cover = r.int(8) === 0 ? marker() : Object.fromEntries(Object.entries({
        評価書番号: value(String(1 + r.int(30))), 評価書名: value(`事務${n}`), 公表日: value(r.pick(['2025-04-25', '', '令和7年4月25日'])),
        個人のプライバシー等の権利利益の保護の宣言: value(`宣言${n}`), 特記事項: value(`特記${n}`), 評価実施機関名: value('市長'),
      }).filter(([, v]) => v !== undefined));
      const head = { 事務分類: '国民年金', 公開状態: r.int(2) ? { 状態: '意見募集中', 意見募集: { 開始日: '2025-12-01', 終了日: '2026-01-05' } } : undefined, 表紙: cover, 変更日: ['2025-04-25'] };
      const kept = listHead(head);
      const report = { head, form: '重点項目評価書' as const, number: '3' };
      expect(headline({ ...report, head: kept }), `case ${n}`).toEqual(headline(report));
      expect(commentState({ head: kept }, '2025-12-15'), `case ${n}`).toEqual(commentState({ head }, '2025-12-15'));
      expect(JSON.stringify(kept)).not.toMatch(/宣言|特記|評価実施機関名/);
    }
  });
});

describe('summaries in parts', () => {
  const content = loadContent(path.resolve('content'));
  const summaries = summariesOf(content);
  it('read back whole and in report order however they are split', () => {
    for (const seed of [11, 12, 13]) expect(throughFiles(summaries, seeded(seed))).toEqual(summaries);
  });
  it('refuse a report claimed by two parts, and a part of another format', () => {
    const dir = fs.mkdtempSync(path.join(root, 'bad-'));
    writeSummaries(dir, summaries.slice(0, 2), 'a');
    writeSummaries(dir, summaries.slice(1, 3), 'b');
    expect(() => readSummaries(dir)).toThrow(`評価書 ${summaries[1].id} の要約が a.summaries.json と b.summaries.json の両方にあります`);
    const other = fs.mkdtempSync(path.join(root, 'old-'));
    fs.writeFileSync(path.join(other, 'x.summaries.json'), JSON.stringify({ format: 0, summaries: [] }));
    expect(() => readSummaries(other)).toThrow(/形式（0）がこのプログラムの形式（2）と違います/);
    expect(() => writeSummaries(other, [], '../escape')).toThrow(/使えない文字/);
  });
});

describe('waiting for the summaries', () => {
  const content = loadContent(path.resolve('content'));
  const summaries = summariesOf(content);
  /** A producer: a real process that writes the summaries after `ms` (and completes them or not), then ends. */
  const producer = (dir: string, ms: number, completes: boolean) => {
    const script = `setTimeout(async () => { const m = await import(${JSON.stringify(path.resolve('src/lib/site/summary-files.ts'))}); m.writeSummaries(process.argv[1], JSON.parse(process.argv[2])); ${completes ? 'm.markSummariesComplete(process.argv[1]);' : ''} }, ${ms});`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, dir, JSON.stringify(summaries)], { stdio: 'ignore' });
    markSummariesProducer(dir, child.pid!);
    return new Promise((r) => child.on('close', r));
  };
  it('reads them once their producer completes them', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'wait-'));
    const ended = producer(dir, 1500, true);
    expect(await waitForSummaries(dir, 60_000)).toEqual(summaries);
    await ended;
  }, 60_000);
  it('fails at once when no process writes them, or when the one that did ended without completing them', async () => {
    const none = fs.mkdtempSync(path.join(root, 'none-'));
    await expect(waitForSummaries(none, 60_000)).rejects.toThrow('がなく、それを作る処理もありません');
    const died = fs.mkdtempSync(path.join(root, 'died-'));
    await producer(died, 0, false);
    const started = Date.now();
    await expect(waitForSummaries(died, 60_000)).rejects.toThrow('が、要約を書き終える前に終わりました');
    expect(Date.now() - started).toBeLessThan(5_000);
    // (complete: read, whoever wrote them and whether it lives)
    markSummariesComplete(died);
    expect(await waitForSummaries(died, 60_000)).toEqual(summaries);
  }, 60_000);
});

describe('the global pages\' files', () => {
  const pages = ['src/global-pages/index.astro', 'src/global-pages/organisations/index.astro', 'src/global-pages/organisations/[org]/index.astro', 'src/global-pages/compare/index.astro',
    'src/global-pages/compare/[category]/index.astro', 'src/global-pages/compare/[category]/[prefecture]/index.astro', 'src/global-pages/comments/index.astro', 'src/global-pages/feed.xml.ts'];
  it('take their reports from siteSummaries() and read no report', () => {
    for (const file of pages) {
      const text = fs.readFileSync(file, 'utf8');
      expect(text, file).toMatch(/siteSummaries\(\)/);
      expect(text, file).not.toMatch(/content\.reports\b|type Report\b|\b(?:summarise|treeOf|compare|comparisonOf|reportJson)\(|report-summary|tree-of/);
    }
    const tables = fs.readFileSync('src/components/ComparisonTables.astro', 'utf8');
    expect(tables).toMatch(/compareParts\(/);
    expect(tables).not.toMatch(/\b(?:summarise|treeOf|compare)\(/);
  });
  it('are every page outside src/pages/, routed as Astro routes src/pages/ (a build can leave them out)', () => {
    const routes = globalRoutes();
    expect(routes.map((r) => r.entrypoint).sort()).toEqual(listFilesUnder('src/global-pages').map((f) => `./${f.split(path.sep).join('/')}`).sort());
    expect(routes.map((r) => r.pattern)).toEqual(expect.arrayContaining(['/', '/404', '/feed.xml', '/organisations', '/organisations/[org]', '/compare/[category]/[prefecture]', '/guides/[slug]']));
    // Report pages and the search page (it names each build's search bundles) are made by every build.
    expect(new Set(listFilesUnder('src/pages').map((f) => f.split(path.sep)[2]))).toEqual(new Set(['reports', 'search']));
  });
});
