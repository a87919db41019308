// The machine-readable downloads of a built site (written by the build's plain step beside Astro,
// download-files.ts) against an independent reading of the same sources, for the fixture site and the
// site of the bundled content: source.yaml is the file's text; report.json is the file's data read
// with the `yaml` package (not the content reader) with its id and source; each version's YAML is
// `git show` of that commit and its JSON that text's data; each 事務's CSV is the comparison read from
// the full reports (not from the summaries the step uses). No other JSON, YAML or CSV is published.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import YAML from 'yaml';
import { describe, expect, inject, it } from 'vitest';
import { inNationalOrder } from '../src/lib/site/compare-groups.ts';
import { loadContent } from '../src/lib/content/content-store.ts';
import { categories, compare, toCsv } from '../src/lib/report/comparison.ts';
import { organisationName } from '../src/lib/site/names.ts';
import { moveInto } from '../src/lib/site/download-files.ts';
import { notInForce } from '../src/lib/report/version-state.ts';
import { isUnfilled } from '../src/lib/form/scaffold.ts';

const sites = inject('sites');
const stripBom = (s: string) => s.replace(/^\uFEFF/, '');

/** Every file of a site below `dir` (relative, '/'-separated), Pagefind's bundles and their list
 * (pagefind-bundles.json, read by the search page) left out. */
function filesOf(site: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(site, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) { if (!e.name.startsWith('pagefind')) walk(r); } else if (!e.name.startsWith('pagefind')) out.push(r);
    }
  };
  walk('');
  return out;
}

for (const [name, dir] of [['fixture', 'tests/fixtures/content'], ['bundled content', 'content']] as const) {
  describe(`the downloads of the ${name} site`, () => {
    const site = name === 'fixture' ? sites.fixture : sites.content;
    const content = loadContent(path.resolve(dir));
    const read = (rel: string) => fs.readFileSync(path.join(site, rel), 'utf8');
    const git = (args: string[]) => spawnSync('git', args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    const inGit = git(['ls-files', '--error-unmatch', path.join(dir, 'reports')]).status === 0;
    const expected = new Set<string>();

    it('have each report\'s YAML as stored and its data as JSON', () => {
      for (const report of content.reports) {
        const text = stripBom(fs.readFileSync(report.file, 'utf8'));
        expect(read(`reports/${report.id}/source.yaml`), report.id).toBe(text);
        const data = YAML.parse(text) as Record<string, unknown>;
        const json = JSON.parse(read(`reports/${report.id}/report.json`)) as Record<string, unknown>;
        const { 変更箇所: rows, ...rest } = json;
        const { 変更箇所: published, ...own } = data;
        // (with what the page says of it: a draft or not, its comment period's state on the build's day)
        expect(rest, report.id).toEqual({ id: report.id, source: path.relative(process.cwd(), report.file), サイトでの状態: expect.objectContaining({ 案: notInForce(data) }), ...own });
        // The published rows, with the rows generated from git history (出典: git) beside them.
        if (!inGit || !Array.isArray(published)) expect(rows, report.id).toEqual(published);
        else expect((rows as Record<string, unknown>[]).filter((r) => r['出典'] !== 'git'), report.id).toEqual(published);
        expected.add(`reports/${report.id}/source.yaml`).add(`reports/${report.id}/report.json`);
      }
    });

    it('are offered under file names that say whose they are (no two links of the site save under one name)', () => {
      const names = new Map<string, string>();
      const pages = filesOf(site).filter((f) => f.endsWith('.html'));
      for (const page of pages) {
        for (const m of read(page).matchAll(/<a href="([^"]+)" download(?:="([^"]*)")?/g)) {
          const [, href, name] = m;
          expect(name, `${page}: ${href}`).toBeTruthy();
          const was = names.get(name);
          expect(was === undefined || was === href, `${name}: ${was} and ${href}`).toBe(true);
          names.set(name, href);
        }
      }
      for (const report of content.reports) expect(names.get(`${report.id.replace('/', '-')}.json`), report.id).toBe(`/reports/${report.id}/report.json`);
    });

    it('have every version of a report in git history as YAML and JSON', () => {
      let versions = 0;
      for (const report of content.reports) {
        const historyDir = path.join(site, 'reports', report.id, 'history');
        const files = fs.existsSync(historyDir) ? fs.readdirSync(historyDir).filter((f) => /\.(json|yaml)$/.test(f)) : [];
        if (!inGit) { expect(files, report.id).toEqual([]); continue; }
        const log = git(['log', '--first-parent', '--format=%H', '--', report.file]).stdout.trim().split('\n').filter(Boolean);
        const ids = files.filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
        expect(ids.sort(), report.id).toEqual(log.filter((c) => git(['ls-tree', c, '--', report.file]).stdout.trim()).map((c) => c.slice(0, 12)).sort());
        for (const id of ids) {
          const json = JSON.parse(read(`reports/${report.id}/history/${id}.json`)) as Record<string, unknown>;
          const { id: reportId, version, commit, date, 案: draft, ...data } = json;
          expect([reportId, version, (commit as string).slice(0, 12)]).toEqual([report.id, id, id]);
          expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          const stored = stripBom(git(['show', `${commit}:${path.relative(process.cwd(), report.file)}`]).stdout);
          expect(read(`reports/${report.id}/history/${id}.yaml`), `${report.id} ${id}`).toBe(stored);
          // A version that is not valid YAML (an early draft) is said to be so, with its text.
          let parsed: unknown;
          try { parsed = YAML.parse(stored); } catch { parsed = undefined; }
          if (parsed === undefined) expect(data, `${report.id} ${id}`).toEqual({ 読めない版: expect.stringMatching(/^\d+行目: /), 原文: stored });
          else {
            expect(data, `${report.id} ${id}`).toEqual(parsed);
            expect(draft, `${report.id} ${id}`).toBe(notInForce(parsed));
          }
          expected.add(`reports/${report.id}/history/${id}.yaml`).add(`reports/${report.id}/history/${id}.json`);
          versions++;
        }
      }
      if (inGit) expect(versions).toBeGreaterThan(0);
    });

    it('have every organisation as its file gives it, with the ids of its reports, in the order of the organisation list', () => {
      const list = JSON.parse(read('organisations.json')) as Record<string, unknown>[];
      expect(list.map((o) => o.id).sort()).toEqual([...content.organisations.keys()].sort());
      for (const o of list) {
        const own = YAML.parse(fs.readFileSync(content.organisations.get(String(o.id))!.file, 'utf8')) as Record<string, unknown>;
        const { id, 評価書: reports, ...data } = o;
        expect(data, String(id)).toEqual(own);
        expect(reports, String(id)).toEqual(content.reports.filter((r) => r.org === id && !isUnfilled(r.data as unknown as Record<string, unknown>)).map((r) => r.id).sort());
      }
      const codes = list.map((o) => String(o['全国地方公共団体コード'] ?? '999999'));
      expect(codes.map((c) => c.slice(0, 2))).toEqual([...codes.map((c) => c.slice(0, 2))].sort());
      expected.add('organisations.json');
    });

    it('have each 事務\'s comparison as the CSV read from the full reports', () => {
      const byCategory = categories(content.reports);
      expect(byCategory.size).toBeGreaterThan(0);
      for (const [category, all] of byCategory) {
        // (columns in the order the comparison page lists the reports)
        const reports = inNationalOrder(content.organisations, all);
        const names = reports.map((r) => `${organisationName(content.organisations.get(r.org), r.org)} ${r.form} ${r.number || '評価書番号の記載なし'}`);
        expect(read(`compare/${category}/comparison.csv`), category).toBe(toCsv(compare(category, reports), names));
        expected.add(`compare/${category}/comparison.csv`);
      }
    });

    it('and no other JSON, YAML or CSV', () => {
      expect(filesOf(site).filter((f) => /\.(json|ya?ml|csv)$/.test(f)).sort()).toEqual([...expected].sort());
    });
  });
}

describe('the plain step', () => {
  it('fails with one Japanese line when it cannot write', () => {
    const blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'step-')), 'a-file');
    fs.writeFileSync(blocker, '');
    const r = spawnSync(process.execPath, ['scripts/site-data.ts', '--data', path.join(blocker, 'data'), '--summaries', path.join(blocker, 'summaries')], { encoding: 'utf8', env: { ...process.env, CONTENT_DIR: 'tests/fixtures/content' } });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(`ダウンロード用のファイル（JSON・YAML・CSV）と評価書の要約を作れませんでした: ファイル操作に失敗しました（ENOTDIR ${path.join(blocker, 'summaries')}）`);
    fs.rmSync(path.dirname(blocker), { recursive: true, force: true });
  });
});

describe('moving the downloads into the built site', () => {
  it('never overwrites a file Astro made', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'move-'));
    fs.mkdirSync(path.join(tmp, 'from/reports/a/1'), { recursive: true });
    fs.mkdirSync(path.join(tmp, 'to/reports/a/1'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'from/reports/a/1/report.json'), '{}');
    fs.writeFileSync(path.join(tmp, 'to/reports/a/1/index.html'), 'page');
    expect(moveInto(path.join(tmp, 'from'), path.join(tmp, 'to'))).toBe(1);
    expect(fs.readFileSync(path.join(tmp, 'to/reports/a/1/report.json'), 'utf8')).toBe('{}');
    expect(fs.existsSync(path.join(tmp, 'from'))).toBe(false);
    fs.mkdirSync(path.join(tmp, 'again/reports/a/1'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'again/reports/a/1/index.html'), 'other');
    expect(() => moveInto(path.join(tmp, 'again'), path.join(tmp, 'to'))).toThrow('reports/a/1/index.html を Astro とダウンロード用の処理の両方が作りました。');
    expect(fs.readFileSync(path.join(tmp, 'to/reports/a/1/index.html'), 'utf8')).toBe('page');
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
