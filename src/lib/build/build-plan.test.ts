import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seeded } from '../../../tests/support/seeded.ts';
import { assignShards, parseShard, reportPage, shardedPartCount } from './shard-plan.ts';
import { partCount, partOf, partPagesFor } from '../site/search-index.ts';
import { emptyManifest, isGlobalFile, parseManifest, planReuse, serialiseManifest } from './manifest.ts';
import { globalKey, summaryKey } from './page-keys.ts';
import { routeOf } from './global-routes.ts';
import { compareUnit, organisationUnit, unitKeys, unitOfFile, unitSalt } from './global-units.ts';
import type { SiteSummary } from '../site/site-summary.ts';
import { touchesByFile } from './git-touches.ts';
import { codeVersion } from './build-inputs.ts';

/** Report ids of `orgs` organisations with 1–30 reports each. */
function corpus(seed: number, orgs: number): string[] {
  const rnd = seeded(seed);
  return Array.from({ length: orgs }, (_, o) => Array.from({ length: 1 + rnd.int(30) }, (_, r) => `org-${o}/${r + 1}`)).flat();
}

describe('shard plan', () => {
  it('gives every report to exactly one shard, a search part to one shard, balanced, whatever the order (seeded)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = seeded(seed);
      const ids = corpus(seed, 1 + rnd.int(60));
      const n = 1 + rnd.int(8);
      const parts = partCount(ids.length, 1 + rnd.int(100));
      const plan = assignShards(ids, n, parts);
      expect([...plan.keys()].sort()).toEqual([...ids].sort());
      const byPart = new Map<number, Set<number>>();
      for (const [id, s] of plan) {
        expect(s >= 1 && s <= n).toBe(true);
        const part = partOf(reportPage(id), parts);
        byPart.set(part, (byPart.get(part) ?? new Set()).add(s));
      }
      // Each shard indexes whole parts: the parts the single build's indexer makes of the same pages.
      for (const shards of byPart.values()) expect(shards.size).toBe(1);
      // Greedy on the least-loaded shard: no shard exceeds another by more than the largest part.
      const loads = Array.from({ length: n }, (_, k) => [...plan.values()].filter((s) => s === k + 1).length);
      const largest = Math.max(...[...byPart.keys()].map((p) => ids.filter((id) => partOf(reportPage(id), parts) === p).length));
      expect(Math.max(...loads) - Math.min(...loads), `seed ${seed}`).toBeLessThanOrEqual(largest);
      const shuffled = [...ids].sort(() => rnd.next() - 0.5);
      expect(new Map([...assignShards(shuffled, n, parts)].sort())).toEqual(new Map([...plan].sort()));
    }
  });

  it('gives every shard the same number of search parts, no fewer parts than a single build (seeded)', () => {
    const rnd = seeded(7);
    for (let t = 0; t < 500; t++) {
      const reports = rnd.int(60_000);
      const shards = 1 + rnd.int(40);
      const single = partCount(reports, partPagesFor(reports));
      const parts = shardedPartCount(single, shards);
      expect(parts).toBeGreaterThanOrEqual(single);
      // One part stays one (a small site); more are split evenly, adding fewer than one round of shards.
      if (single === 1 || shards === 1) expect(parts).toBe(single);
      else {
        expect(parts % shards).toBe(0);
        expect(parts - single).toBeLessThan(shards);
      }
    }
    // National size on a CI matrix of 20: 32 parts would give twelve shards two parts and eight one.
    expect(shardedPartCount(partCount(40_000, partPagesFor(40_000)), 20)).toBe(40);
  });

  it('balances the reports of a national site over the shards within a few percent', () => {
    const ids = Array.from({ length: 40_000 }, (_, i) => `org-${Math.floor(i / 5)}/${(i % 5) + 1}`);
    const parts = shardedPartCount(partCount(ids.length, partPagesFor(ids.length)), 20);
    const loads = new Map<number, number>();
    for (const s of assignShards(ids, 20, parts).values()) loads.set(s, (loads.get(s) ?? 0) + 1);
    expect(loads.size).toBe(20);
    // (with the single build's 32 parts the largest shard held about 2,500 reports, 25 % over)
    expect(Math.max(...loads.values())).toBeLessThanOrEqual(2_000 * 1.05);
  });

  it('reads k/N and refuses anything else in Japanese', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    for (const bad of ['0/5', '6/5', '1/0', '2', 'a/b', '1/2/3']) expect(parseShard(bad)).toMatchObject({ problem: expect.stringContaining('番号/総数') });
  });
});

describe('manifest', () => {
  const manifest = { format: 1 as const, reports: { 'a/1': { key: 'k1', files: ['reports/a/1/index.html'] }, 'a/2': { key: 'k2', files: ['reports/a/2/index.html', 'reports/a/2/report.json'] } } };
  it('reuses a report only with the same key and all its files present', () => {
    const keys = new Map([['a/1', 'k1'], ['a/2', 'k2'], ['a/3', 'k3']]);
    expect(planReuse(manifest, keys, () => true)).toEqual({ reuse: ['a/1', 'a/2'], render: ['a/3'] });
    expect(planReuse(manifest, new Map([['a/1', 'changed'], ['a/2', 'k2']]), () => true)).toEqual({ reuse: ['a/2'], render: ['a/1'] });
    expect(planReuse(manifest, keys, (f) => f !== 'reports/a/2/report.json')).toEqual({ reuse: ['a/1'], render: ['a/2', 'a/3'] });
    expect(planReuse(emptyManifest(), keys, () => true).reuse).toEqual([]);
  });
  it('round-trips, and ignores damaged entries and files outside the report folder', () => {
    expect(parseManifest(serialiseManifest(manifest))).toEqual(manifest);
    expect(parseManifest('{"format":1,"reports":{"a/1":{"key":"k","files":["reports/a/1/../../../etc/passwd"]},"a/2":{"key":"k","files":["index.html"]}}}').reports).toEqual({});
    for (const bad of [undefined, '', '{', '[]', '{"format":2,"reports":{}}']) expect(parseManifest(bad)).toEqual(emptyManifest());
  });
  it('keeps the global pages\' files and each report\'s summary key, and refuses a global file it must not link', () => {
    const withGlobal = { ...manifest, reports: { ...manifest.reports, 'a/1': { ...manifest.reports['a/1'], summary: 's1' } }, global: { key: 'g', files: ['index.html', '_astro/a.css', 'compare/国民年金/index.html'] } };
    expect(parseManifest(serialiseManifest(withGlobal))).toEqual(withGlobal);
    // Files every build writes anew (search page and bundles, sitemap), report folders, and paths out.
    for (const bad of ['search/index.html', 'pagefind-0a/pagefind-entry.json', 'pagefind-bundles.json', 'sitemap.xml', 'robots.txt', 'reports/a/1/index.html', '../x', 'a/./b', '/etc/passwd']) {
      expect(isGlobalFile(bad), bad).toBe(false);
      expect(parseManifest(JSON.stringify({ ...withGlobal, global: { key: 'g', files: ['index.html', bad] } })).global, bad).toBeUndefined();
    }
    expect(parseManifest(JSON.stringify({ ...withGlobal, global: { key: 1, files: [] } })).global).toBeUndefined();
  });
  it('keeps each unit\'s files (in its folder) and assets (outside any unit), and drops a unit that names others', () => {
    const units = { 'compare/国民年金': { key: 'u1', files: ['compare/国民年金/index.html', 'compare/国民年金/東京都/index.html', 'compare/国民年金/comparison.csv'], assets: ['_astro/BaseLayout.x.css'] }, 'organisations/a': { key: 'u2', files: ['organisations/a/index.html'], assets: [] } };
    const withUnits = { ...manifest, global: { key: 'g', files: ['index.html', 'compare/index.html', 'organisations/index.html'] }, units };
    expect(parseManifest(serialiseManifest(withUnits))).toEqual(withUnits);
    for (const bad of [{ key: 'u', files: ['organisations/b/index.html'], assets: [] }, { key: 'u', files: ['index.html'], assets: [] }, { key: 'u', files: ['organisations/a/index.html'], assets: ['organisations/b/x.png'] }, { key: 'u', files: ['organisations/a/../../x'], assets: [] }, { key: 'u', files: [] }]) {
      expect(parseManifest(JSON.stringify({ ...withUnits, units: { ...units, 'organisations/a': bad } })).units, JSON.stringify(bad)).toEqual({ 'compare/国民年金': units['compare/国民年金'] });
    }
  });
});

describe('units of the global pages', () => {
  const site = { code: 'c', siteUrl: 'https://example.jp', basePath: '/', shared: 's', contentDir: '/c', glossaryLinks: '' };
  it('name a file by its folder below organisations/ or compare/, and leave the lists out', () => {
    expect(unitOfFile('organisations/kumamoto-shi/index.html')).toBe(organisationUnit('kumamoto-shi'));
    expect(unitOfFile('compare/国民年金/熊本県/index.html')).toBe(compareUnit('国民年金'));
    expect(unitOfFile('compare/国民年金/comparison.csv')).toBe(compareUnit('国民年金'));
    for (const other of ['organisations/index.html', 'compare/index.html', 'index.html', 'feed.xml', '_astro/a.css', 'guides/about/index.html']) expect(unitOfFile(other), other).toBeUndefined();
  });
  it('an edit changes the keys of exactly the units its report is in, before or after (seeded)', () => {
    const r = seeded(41);
    const categories = ['国民年金', '児童手当', '住民基本台帳', '地方税'];
    for (let n = 0; n < 300; n++) {
      const reports = Array.from({ length: 1 + r.int(12) }, (_, i) => ({ id: `o${r.int(4)}/${i}`, head: { 事務分類: r.pick(categories) }, summary: `s${r.int(5)}` }))
        .map((x) => ({ ...x, org: x.id.split('/')[0] }));
      const salt = unitSalt(site, 'orgs', '2026-01-15');
      const everyUnit = ['o0', 'o1', 'o2', 'o3'].map(organisationUnit);
      // (a summary shows the report's 事務分類: its key changes with it, as summaryKey's does)
      const keysOf = (list: typeof reports, s = salt) => unitKeys(s, list, (x) => `${x.summary}|${x.head.事務分類}`, everyUnit);
      const before = keysOf(reports);
      // (the order the reports come in changes nothing)
      expect(keysOf([...reports].reverse())).toEqual(before);
      const i = r.int(reports.length);
      const was = reports[i];
      const edit = r.pick(['summary', 'category', 'remove', 'add'] as const);
      const after = edit === 'summary' ? reports.map((x, j) => (j === i ? { ...x, summary: `${x.summary}+` } : x))
        : edit === 'category' ? reports.map((x, j) => (j === i ? { ...x, head: { 事務分類: r.pick(categories.filter((c) => c !== x.head.事務分類)) } } : x))
        : edit === 'remove' ? reports.filter((_, j) => j !== i)
        : [...reports, { id: `o${r.int(4)}/new`, org: '', head: { 事務分類: r.pick(categories) }, summary: 's' }].map((x) => ({ ...x, org: x.id.split('/')[0] }));
      const touched = edit === 'add' ? after[after.length - 1] : edit === 'category' ? after[i] : was;
      const expected = new Set([organisationUnit(touched.org), compareUnit(touched.head.事務分類), ...(edit === 'add' ? [] : [compareUnit(was.head.事務分類)])]);
      const now = keysOf(after);
      const units = new Set([...before.keys(), ...now.keys()]);
      const changed = [...units].filter((u) => before.get(u) !== now.get(u)).sort();
      expect(changed, `case ${n}: ${edit} of ${touched.id}`).toEqual([...expected].sort());
      // Anything every unit shows (code, settings, organisations, the day) changes every key.
      const other = keysOf(reports, unitSalt(site, 'orgs', '2026-01-16'));
      for (const u of before.keys()) expect(other.get(u)).not.toBe(before.get(u));
    }
  });
});

describe('page keys', () => {
  const site = { code: 'c', siteUrl: 'https://example.jp', basePath: '/', shared: 's', contentDir: '/c', glossaryLinks: '' };
  const summary = (id: string, title: string): SiteSummary => ({ id, org: id.split('/')[0], number: id.split('/')[1], form: '重点項目評価書', file: `content/reports/${id}.yaml`, digest: `d-${title}`, head: { 表紙: { 評価書名: title }, 変更日: [] }, card: {} as SiteSummary['card'], comparison: {} as SiteSummary['comparison'] });
  it('a summary\'s key leaves out the digest of the file\'s bytes, and nothing else', () => {
    const a = summary('a/1', 'x');
    expect(summaryKey({ ...a, digest: 'other' })).toBe(summaryKey(a));
    expect(summaryKey(summary('a/1', 'y'))).not.toBe(summaryKey(a));
    expect(summaryKey({ ...a, file: 'content/reports/a/2.yaml' })).not.toBe(summaryKey(a));
  });
  it('the global key changes with any one input, and not with the order inputs come in (seeded)', () => {
    const r = seeded(23);
    for (let n = 0; n < 200; n++) {
      const ids = Array.from({ length: 1 + r.int(6) }, (_, i) => `o${r.int(3)}/${i}`);
      const inputs = {
        summaries: new Map(ids.map((id) => [id, `s${r.int(4)}`])),
        commits: new Map(ids.map((id) => [id, Array.from({ length: r.int(3) }, () => `c${r.int(9)}`)])),
        embedded: new Map(ids.filter(() => r.int(3) === 0).map((id) => [id, `k${r.int(9)}`])),
        unfilled: new Map(r.int(2) ? [['reports/x/9.yaml', 'u']] : []),
        organisations: `o${r.int(9)}`,
        today: `2026-01-${10 + r.int(9)}`,
      };
      const key = globalKey(site, inputs);
      const shuffled = (m: Map<string, unknown>) => new Map([...m].reverse());
      expect(globalKey(site, { ...inputs, summaries: shuffled(inputs.summaries) as Map<string, string>, commits: shuffled(inputs.commits) as Map<string, string[]> })).toBe(key);
      const id = r.pick(ids);
      const changed = [
        { ...inputs, summaries: new Map([...inputs.summaries, [id, 'changed']]) },
        { ...inputs, summaries: new Map([...inputs.summaries].filter(([k]) => k !== id)) },
        { ...inputs, commits: new Map([...inputs.commits, [id, [...inputs.commits.get(id)!, 'new']]]) },
        { ...inputs, embedded: new Map([...inputs.embedded, [id, 'changed']]) },
        { ...inputs, unfilled: new Map([...inputs.unfilled, ['reports/x/8.yaml', 'v']]) },
        { ...inputs, organisations: 'changed' },
        { ...inputs, today: '2027-01-01' },
      ];
      for (const [i, c] of changed.entries()) expect(globalKey(site, c), `case ${n}, change ${i}`).not.toBe(key);
      expect(globalKey({ ...site, siteUrl: 'https://other.example.jp' }, inputs)).not.toBe(key);
    }
  });
});

describe('global routes', () => {
  it('route each page file as Astro routes src/pages/', () => {
    const examples: [string, string | undefined][] = [
      ['index.astro', '/'], ['404.astro', '/404'], ['feed.xml.ts', '/feed.xml'], ['organisations/index.astro', '/organisations'],
      ['organisations/[org]/index.astro', '/organisations/[org]'], ['compare/[category]/[prefecture]/index.astro', '/compare/[category]/[prefecture]'],
      ['guides/[slug].astro', '/guides/[slug]'], ['_part.astro', undefined], ['compare/_rows.ts', undefined], ['notes.txt', undefined], ['.hidden/index.astro', undefined],
    ];
    for (const [file, route] of examples) expect(routeOf(file), file).toBe(route);
  });
});

describe('git touches', () => {
  it('gives, for any log, what following each file on its own gives (seeded)', () => {
    // The rule written plainly: each file alone, newest first, its names growing at each rename. A
    // commit's lines are read on the names after it: an old name counts from the commit before (in
    // 「R x→f, R y→x」 y is the new x, not f's history).
    const plain = (log: string, files: string[]) => {
      const commits = log.split('\x1e').filter((c) => c.trim()).map((chunk) => { const [hash, ...lines] = chunk.split('\n').map((l) => l.trim()).filter(Boolean); return { hash, changes: lines.map((l) => l.split('\t')) }; });
      return new Map(files.map((file) => {
        const names = new Set([file]);
        return [file, commits.filter(({ changes }) => {
          let touched = false;
          const older: string[] = [];
          for (const [status, a, b] of changes) {
            if (/^[RC]/.test(status) && b !== undefined) { if (names.has(b)) { touched = true; if (status.startsWith('R')) older.push(a); } } else if (names.has(a)) touched = true;
          }
          for (const a of older) names.add(a);
          return touched;
        }).map((c) => c.hash)];
      }));
    };
    const r = seeded(77);
    const name = () => `r/o/${r.int(8)}.yaml`;
    for (let n = 0; n < 300; n++) {
      const log = Array.from({ length: 1 + r.int(12) }, (_, i) => `\x1ec${i}\n\n${Array.from({ length: 1 + r.int(4) }, () => {
        const k = r.int(5);
        return k === 0 ? `R0${80 + r.int(20)}\t${name()}\t${name()}` : k === 1 ? `C0${80 + r.int(20)}\t${name()}\t${name()}` : `${r.pick(['M', 'A', 'D'])}\t${name()}`;
      }).join('\n')}\n`).join('');
      const files = Array.from({ length: 1 + r.int(5) }, name);
      expect(touchesByFile(log, files), `case ${n}`).toEqual(plain(log, files));
    }
  });
  it('follows renames backwards and leaves other files out', () => {
    const log = ['\x1ec3\n\nR090\tr/a/1.yaml\tr/a/2.yaml\n', '\x1ec2\n\nM\tr/a/1.yaml\nM\tr/a/5.yaml\n', '\x1ec1\n\nA\tr/a/1.yaml\nA\tr/a/5.yaml\n'].join('');
    const t = touchesByFile(log, ['r/a/2.yaml', 'r/a/5.yaml', 'r/a/9.yaml']);
    expect(t.get('r/a/2.yaml')).toEqual(['c3', 'c2', 'c1']);
    expect(t.get('r/a/5.yaml')).toEqual(['c2', 'c1']);
    expect(t.get('r/a/9.yaml')).toEqual([]);
  });
});

describe('code version', () => {
  it('changes when any file of src/ or the schemas changes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-'));
    try {
      fs.mkdirSync(path.join(dir, 'src/pages'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'schemas'));
      fs.writeFileSync(path.join(dir, 'src/pages/index.astro'), 'a');
      fs.writeFileSync(path.join(dir, 'schemas/x.json'), '{}');
      const v1 = codeVersion(dir);
      expect(codeVersion(dir)).toBe(v1);
      fs.writeFileSync(path.join(dir, 'src/pages/index.astro'), 'b');
      const v2 = codeVersion(dir);
      expect(v2).not.toBe(v1);
      fs.writeFileSync(path.join(dir, 'schemas/y.json'), '{}');
      expect(codeVersion(dir)).not.toBe(v2);
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  });
});
