// The 変更箇所 cache (src/lib/changes/change-cache.ts) never changes a row: on seeded random histories
// (real git), the rows are the same without a cache, with a cold one, a warm one, after commits are
// appended, after the history is rewritten (a force-push), with another code version and with a
// damaged cache file; and a warm run diffs only the versions it has not seen.
import fs from 'node:fs';
import v8 from 'node:v8';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fromWalk, generateChanges, type GenerateOptions } from '../src/lib/changes/change-rows.ts';
import { LiveValues } from '../src/lib/changes/blob-changes.ts';
import { openChangeCache, walkStore, type ChangeCache } from '../src/lib/changes/change-cache.ts';
import type { WalkMemory } from '../src/lib/changes/history-walk.ts';
import { parseYaml, readYaml } from '../src/lib/content/yaml-source.ts';
import { Repo } from './support/git-repo.ts';
import { seeded, type Random } from './support/seeded.ts';

const FIX = 'tests/fixtures/content';
const ORG = fs.readFileSync(`${FIX}/organisations/test-shi.yaml`, 'utf8');
type Data = Record<string, any>;
const base = () => parseYaml(fs.readFileSync(`${FIX}/reports/test-shi/2.yaml`, 'utf8')).data as Data;
const file1 = (d: Data) => d['特定個人情報ファイルの概要'][0];
const moves = (d: Data) => file1(d)['特定個人情報の提供・移転（委託に伴うものを除く。）']['移転先'] as Data[];

/** A cache that counts what it had to compute (every `remember` is a version read or a diff made). */
function counting(inner: ChangeCache) {
  const counts = { facts: 0, changes: 0 };
  const cache: ChangeCache = {
    facts: (b) => inner.facts(b),
    rememberFacts: (b, f) => { counts.facts++; inner.rememberFacts(b, f); },
    changes: (a, b) => inner.changes(a, b),
    rememberChanges: (a, b, c) => { counts.changes++; inner.rememberChanges(a, b, c); },
    flush: () => inner.flush(),
  };
  return { cache, counts };
}

/** A report history: random edits, new and removed entries, renamed files, unreadable versions, imports. */
class History {
  repo = new Repo();
  data = base();
  file = 'content/reports/test-shi/2.yaml';
  day = 0;
  constructor(private r: Random) {
    this.repo.write('content/organisations/test-shi.yaml', ORG);
    this.repo.write(this.file, stringify(this.data, { lineWidth: 0 }));
    this.commit('評価書を追加');
  }
  commit(subject: string) {
    const trailers = [this.r.next() < 0.4 ? `Submission: ${this.r.pick(['事前', '事後'])}` : '', this.r.next() < 0.3 ? 'Reason: 記載の見直し' : '', this.r.next() < 0.1 ? 'Change-Log: import' : ''].filter(Boolean);
    this.day++;
    return this.repo.commit(`2024-${String(1 + Math.floor(this.day / 28)).padStart(2, '0')}-${String(1 + (this.day % 28)).padStart(2, '0')}`, subject + (trailers.length ? `\n\n${trailers.join('\n')}` : ''));
  }
  step() {
    const r = this.r;
    const kind = r.int(6);
    if (kind === 0) file1(this.data)['基本情報']['事務担当部署'] = `部署${r.int(1000)}`;
    else if (kind === 1) file1(this.data)['特定個人情報の入手・使用']['使用目的'] = `使用目的 ${r.int(1000)}`;
    else if (kind === 2) { const m = moves(this.data); m.splice(r.int(m.length + 1), 0, { ...structuredClone(m[0]), 移転先名: `移転先 ${r.int(1000)}` }); }
    else if (kind === 3 && moves(this.data).length > 1) moves(this.data).splice(r.int(moves(this.data).length), 1);
    if (kind === 4) { // a renamed file: the same report
      const next = `content/reports/test-shi/2-${r.int(100)}.yaml`;
      if (next !== this.file) { fs.renameSync(path.join(this.repo.dir, this.file), path.join(this.repo.dir, next)); this.file = next; }
    }
    const broken = kind === 5 && r.next() < 0.5;
    this.repo.write(this.file, broken ? '表紙: [壊れた\n' : stringify(this.data, { lineWidth: 0 }));
    return this.commit(`変更 ${kind}`);
  }
}

const rowsWith = async (h: History, cache: ChangeCache | null) => (await generateChanges({ cwd: h.repo.dir, reportsDir: 'content/reports', cache }));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'change-cache-'));
const cacheFiles = (dir: string) => fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));

describe('the 変更箇所 cache', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`gives the same rows cold, warm, after appending and after a force-push (seed ${seed})`, { timeout: 120_000 }, async () => {
      const h = new History(seeded(seed));
      for (let i = 0; i < 8; i++) h.step();
      const dir = tmp();
      const open = (version = 'v1') => counting(openChangeCache(dir, version, `${h.repo.dir}\0content/reports`));
      const none = await rowsWith(h, null);
      expect(none.rows.length).toBeGreaterThan(0);

      const cold = open();
      expect(await rowsWith(h, cold.cache)).toEqual(none);
      expect(cold.counts.changes).toBeGreaterThan(0);

      const warm = open();
      expect(await rowsWith(h, warm.cache)).toEqual(none);
      expect(warm.counts).toEqual({ facts: 0, changes: 0 });

      // Appending one commit: only its version is read and diffed.
      h.step();
      const appended = open();
      expect(await rowsWith(h, appended.cache)).toEqual(await rowsWith(h, null));
      expect(appended.counts.facts).toBeLessThanOrEqual(1);
      expect(appended.counts.changes).toBeLessThanOrEqual(1);

      // A force-push: the last three commits replaced by others.
      h.repo.git('reset', '-q', '--hard', 'HEAD~3');
      h.file = h.repo.git('ls-files', 'content/reports');
      const head = readYaml(fs.readFileSync(path.join(h.repo.dir, h.file), 'utf8'));
      if (!head.problems.length) h.data = head.data as Data;
      for (let i = 0; i < 3; i++) h.step();
      const rewritten = open();
      expect(await rowsWith(h, rewritten.cache)).toEqual(await rowsWith(h, null));

      // Another code version starts from nothing.
      const other = open('v2');
      expect(await rowsWith(h, other.cache)).toEqual(await rowsWith(h, null));
      expect(other.counts.changes).toBeGreaterThan(0);
    });
  }

  // The worker hands out the parts a version shares with earlier ones (items, entries, groups) as the
  // same objects, and trees are kept by the data they show (report-diff.ts): the rows must not change.
  // Enough versions for the worker to be used (64 to parse), which the values it was sent prove.
  class Counted extends LiveValues {
    asked = 0;
    protected held(digest: string) { this.asked++; return super.held(digest); }
  }
  for (const seed of [5, 6]) {
    it(`parsing the versions in a worker thread (npm run changes, many versions) gives the same rows (seed ${seed})`, { timeout: 180_000 }, async () => {
      const h = new History(seeded(seed));
      for (let i = 0; i < 120; i++) h.step();
      const values = new Counted();
      const inWorker = await generateChanges({ cwd: h.repo.dir, reportsDir: 'content/reports', cache: null, parseWorker: values });
      expect(values.asked).toBeGreaterThan(100);
      expect(inWorker).toEqual(await rowsWith(h, null));
      expect(inWorker.rows.length).toBeGreaterThan(20);
    });
  }

  // A piece the worker sent lately goes as its digest alone; when this thread no longer holds its
  // value, it asks for the version again in full. Here it forgets a random half of what it was sent.
  it('parsing in a worker whose values are partly gone (pieces asked for again) gives the same rows', { timeout: 180_000 }, async () => {
    const h = new History(seeded(8));
    for (let i = 0; i < 120; i++) h.step();
    const r = seeded(81);
    let forgotten = 0;
    class Forgetful extends LiveValues {
      protected held(digest: string) { const v = super.held(digest); if (v && r.next() < 0.5) { forgotten++; return undefined; } return v; }
    }
    const inWorker = await generateChanges({ cwd: h.repo.dir, reportsDir: 'content/reports', cache: null, parseWorker: new Forgetful() });
    expect(forgotten).toBeGreaterThan(20);
    expect(inWorker).toEqual(await rowsWith(h, null));
  });

  it('a run writes only what it learnt: one new commit adds a small segment, and many runs are compacted', { timeout: 120_000 }, async () => {
    const h = new History(seeded(9));
    for (let i = 0; i < 6; i++) h.step();
    const dir = tmp();
    const open = () => openChangeCache(dir, 'v1', `${h.repo.dir}\0content/reports`);
    const run = async () => { const c = open(); const got = await rowsWith(h, c); c.flush(); return got; };
    await run();
    const [first] = cacheFiles(dir);
    const firstSize = fs.statSync(first).size;
    await run(); // nothing new: nothing written
    expect(cacheFiles(dir)).toEqual([first]);
    for (let i = 0; i < 12; i++) {
      h.step();
      const inodes = new Map(cacheFiles(dir).map((f) => [f, fs.statSync(f).ino]));
      const before = new Set(inodes.keys());
      expect(await run()).toEqual(await rowsWith(h, null));
      // What was there is left as it was (not rewritten), or removed by a compaction.
      for (const f of cacheFiles(dir)) if (inodes.has(f)) expect(fs.statSync(f).ino).toBe(inodes.get(f));
      const added = cacheFiles(dir).filter((f) => !before.has(f));
      expect(added.length).toBeLessThanOrEqual(1);
      // (a segment of one commit's entries, unless this run compacted all of them into one)
      if (added.length && before.size + 1 === cacheFiles(dir).length) expect(fs.statSync(added[0]).size).toBeLessThan(firstSize);
      expect(cacheFiles(dir).length).toBeLessThanOrEqual(9);
    }
    const warm = counting(open());
    expect(await rowsWith(h, warm.cache)).toEqual(await rowsWith(h, null));
    expect(warm.counts).toEqual({ facts: 0, changes: 0 });
  });

  it('a damaged or replaced cache file is not trusted: the rows are computed again', async () => {
    const h = new History(seeded(7));
    for (let i = 0; i < 5; i++) h.step();
    const dir = tmp();
    const scope = `${h.repo.dir}\0content/reports`;
    const expected = await rowsWith(h, null);
    await rowsWith(h, openChangeCache(dir, 'v1', scope));
    const [file] = cacheFiles(dir);
    const good = fs.readFileSync(file);
    // A row rewritten inside the file (its seal no longer matches), a truncated file, an empty one. The
    // row's text is found as V8 keeps it: one byte a character when it can, else UTF-16; it is replaced
    // by another text as long, so that only the seal can tell.
    const row = expected.rows[0].変更後の記載;
    const oneByte = /^[\x00-\xff]*$/.test(row);
    const forgedText = (oneByte ? 'X' : '改').repeat(row.length);
    const at = good.indexOf(Buffer.from(row, oneByte ? 'latin1' : 'utf16le'));
    expect(at).toBeGreaterThan(0);
    const forged = Buffer.from(good);
    Buffer.from(forgedText, oneByte ? 'latin1' : 'utf16le').copy(forged, at);
    // Only the damaged file stays: what the last round computed again (a new segment) is removed.
    const onlyThis = (content: Buffer) => {
      for (const f of cacheFiles(dir)) if (f !== file) fs.rmSync(f);
      fs.writeFileSync(file, content);
    };
    for (const bad of [forged, good.subarray(0, good.length - 10), Buffer.alloc(0)]) {
      onlyThis(bad);
      const c = counting(openChangeCache(dir, 'v1', scope));
      const got = await rowsWith(h, c.cache);
      expect(got).toEqual(expected);
      expect(got.rows.map((r) => r.変更後の記載)).not.toContain(forgedText);
      expect(c.counts.changes).toBeGreaterThan(0);
    }
    // Another history's cache file under this one's name is refused too (the seal binds it to its key).
    const elsewhere = tmp();
    const other = new History(seeded(8));
    for (let i = 0; i < 3; i++) other.step();
    await rowsWith(other, openChangeCache(elsewhere, 'v1', `${other.repo.dir}\0content/reports`));
    const [foreign] = cacheFiles(elsewhere);
    onlyThis(fs.readFileSync(foreign));
    const c = counting(openChangeCache(dir, 'v1', scope));
    expect(await rowsWith(h, c.cache)).toEqual(expected);
    expect(c.counts.changes).toBeGreaterThan(0);
  });
});

describe('the project\'s 変更箇所 cache and kept history (npm run changes: no cache handed in)', () => {
  it('gives the rows of a run without cache after appending, a force-push and a history started again, each under its first commit', { timeout: 120_000 }, async () => {
    const home = tmp();
    const was = { dir: process.env.CONTENT_CACHE_DIR, off: process.env.CONTENT_CACHE };
    process.env.CONTENT_CACHE_DIR = home;
    delete process.env.CONTENT_CACHE;
    try {
      const h = new History(seeded(11));
      for (let i = 0; i < 6; i++) h.step();
      const project = () => generateChanges({ cwd: h.repo.dir, reportsDir: 'content/reports' });
      const same = async () => expect(await project()).toEqual(await rowsWith(h, null));
      await same(); // nothing kept
      await same(); // the kept history is HEAD's
      h.step();
      await same(); // HEAD went on from the kept head
      h.repo.git('reset', '-q', '--hard', 'HEAD~2');
      h.file = h.repo.git('ls-files', 'content/reports');
      const head = readYaml(fs.readFileSync(path.join(h.repo.dir, h.file), 'utf8'));
      if (!head.problems.length) h.data = head.data as Data;
      h.step();
      await same(); // a force-push: the kept head is not on HEAD's line
      // A history started again (a new first commit): the cache opened for the kept history is not
      // this one's; the run reopens it under the new first commit.
      h.repo.git('checkout', '-q', '--orphan', 'again');
      h.commit('やり直し');
      h.repo.git('branch', '-q', '-M', 'main');
      h.step();
      await same();
      // What that run learnt went to the new history's cache (one folder per first commit, under the
      // code version's folder, besides the kept history), not to the one opened for the kept history.
      const [version] = fs.readdirSync(path.join(home, 'changes'));
      expect(fs.readdirSync(path.join(home, 'changes', version)).filter((n) => n !== 'history' && n !== 'walk').length).toBe(2);
      h.step();
      await same();
    } finally {
      if (was.dir === undefined) delete process.env.CONTENT_CACHE_DIR; else process.env.CONTENT_CACHE_DIR = was.dir;
      if (was.off !== undefined) process.env.CONTENT_CACHE = was.off;
    }
  });
});

describe('the walk kept between runs (history-walk.ts): a run goes on from it with the newer commits only', () => {
  // After every step of a random life of a repository, a run that may go on from the walk the last run
  // kept gives the rows, skipped versions and trailer errors of a run that walks the whole history.
  // A mark put on the kept rows (a 項目 no row has) shows whether the kept walk was used.
  const MARK = '（記憶）';
  const unmarked = (g: Awaited<ReturnType<typeof generateChanges>>) => ({ ...g, rows: g.rows.map((r) => ({ ...r, 項目: r.項目.split(MARK)[0] })) });
  for (const seed of [21, 22, 23]) {
    it(`gives a full walk's result after appends, commits elsewhere, force-pushes, older checkouts, new imports and a damaged memory (seed ${seed})`, { timeout: 180_000 }, async () => {
      const r = seeded(seed);
      const h = new History(r);
      for (let i = 0; i < 3; i++) h.step();
      // The project's store, in a folder of its own; what it gives back is marked.
      const walkDir = tmp();
      const store = walkStore(walkDir, 'a'.repeat(64));
      const markPart = (part: Buffer | undefined) => { if (!part) return part; const rows = v8.deserialize(part); for (const row of rows) row.項目 += MARK; return v8.serialize(rows); };
      let appended = 0;
      const memory: WalkMemory = {
        get: () => { const k = store.get(); return k && { state: k.state, rows: (identity) => markPart(k.rows(identity)) }; },
        put: (s, rows, replacing) => { if (!replacing) appended++; store.put(s, rows, replacing); },
      };
      let trailerProblems = 0;
      const named = new Map<string, string>();
      const cacheDir = tmp();
      let imports = new Set<string>();
      const counts = { resumed: 0, full: 0, unchanged: 0 };
      // Whether a run may go on from what is kept: it reads, it was made with these imports, and its head is
      // on HEAD's first-parent line (asked of git here, apart from the code under test).
      const usable = () => {
        const kept = store.get();
        let k: { head: string; imports: string[]; reports: [string, unknown][] } | undefined;
        try { k = kept && v8.deserialize(kept.state); } catch { return false; }
        return !!k && k.reports.length > 0 && JSON.stringify(k.imports) === JSON.stringify([...imports].sort())
          && k.reports.every(([identity]) => kept!.rows(identity) !== undefined)
          && h.repo.git('rev-list', '--first-parent', 'HEAD').split('\n').includes(k.head);
      };
      for (let step = 0; step < 26; step++) {
        const what = step % 9 === 4 ? 12 : step % 9 === 6 ? 13 : r.int(14);
        if (what <= 2) h.step();
        else if (what === 13) { // put back to a draft (公表日 blank) and edited, or published again: pending 変更日
          if (h.data['表紙']['公表日']) delete h.data['表紙']['公表日']; else h.data['表紙']['公表日'] = '2025-03-01';
          file1(h.data)['基本情報']['事務担当部署'] = `部署${r.int(1000)}`;
          h.repo.write(h.file, stringify(h.data, { lineWidth: 0 }));
          h.repo.commit(`2025-0${1 + r.int(9)}-1${r.int(10)}`, r.next() < 0.5 ? '案' : `公表\n\nChange-Date: 2025-0${1 + r.int(9)}-2${r.int(8)}`);
        }
        else if (what === 10) { // another report of the same organisation, new or edited
          const other = structuredClone(h.data);
          other['表紙']['評価書番号'] = 3;
          file1(other)['基本情報']['事務担当部署'] = `部署${r.int(1000)}`;
          h.repo.write('content/reports/test-shi/3.yaml', stringify(other, { lineWidth: 0 }));
          h.commit('別の評価書');
        } else if (what === 11) { h.data['表紙']['評価書番号'] = 2 + 2 * r.int(3); h.step(); } // the report's number changed (found by its file)
        else if (what === 12) { // trailers that cannot be read: the rows are 要確認, the change set listed
          file1(h.data)['基本情報']['事務担当部署'] = `部署${r.int(1000)}`;
          h.repo.write(h.file, stringify(h.data, { lineWidth: 0 }));
          h.repo.commit('2024-12-01', `変更\n\nSubmission: ${r.pick(['たぶん', '事中'])}\nChange-Date: 2024-13-45`);
        }
        else if (what === 3) for (let i = 2 + r.int(20); i > 0; i--) h.step(); // many new versions: the cache is read
        else if (what === 4) { h.repo.write('README.md', `説明 ${r.int(1e6)}`); h.commit('評価書以外'); } // HEAD moves, no report changed
        else if (what === 5) { /* nothing new */ }
        else if (what === 6 && Number(h.repo.git('rev-list', '--count', 'HEAD')) > 3) { // a force-push
          h.repo.git('reset', '-q', '--hard', `HEAD~${1 + r.int(2)}`);
          h.file = h.repo.git('ls-files', 'content/reports').split('\n').find((f) => !f.endsWith('/3.yaml'))!;
          const head = readYaml(fs.readFileSync(path.join(h.repo.dir, h.file), 'utf8'));
          if (!head.problems.length) h.data = head.data as Data;
          h.step();
        } else if (what === 7) { // an older commit checked out, walked, and back
          h.repo.git('checkout', '-q', 'HEAD~1');
          const older = await generateChanges({ cwd: h.repo.dir, reportsDir: 'content/reports', cache: null, walkMemory: memory, imports });
          expect(unmarked(older)).toEqual(await generateChanges({ cwd: h.repo.dir, reportsDir: 'content/reports', cache: null, imports }));
          h.repo.git('checkout', '-q', 'main');
        } else if (what === 8) imports = new Set([...imports, h.repo.git('rev-parse', `HEAD~${r.int(2)}`).slice(0, 7 + r.int(10))]); // a commit listed as an import
        else { // a damaged memory: one of its files cut short
          const files = cacheFiles(walkDir);
          if (files.length) { const f = r.pick(files); fs.writeFileSync(f, fs.readFileSync(f).subarray(0, r.int(fs.statSync(f).size))); }
        }
        const expectReuse = usable();
        const options: GenerateOptions = { cwd: h.repo.dir, reportsDir: 'content/reports', imports, report: r.next() < 0.2 ? h.file : undefined };
        const got = await generateChanges({ ...options, walkMemory: memory, cache: r.next() < 0.5 ? null : openChangeCache(cacheDir, 'v1', `${h.repo.dir}\0content/reports`) });
        const full = await generateChanges({ ...options, cache: null });
        expect(unmarked(got), `step ${step}`).toEqual(full);
        // The same rows by file (npm run changes --format json), in the order of each file's first row.
        const byFile = new Map<string, unknown[]>();
        for (const row of full.rows) byFile.set(row.report, [...(byFile.get(row.report) ?? []), row]);
        // (from the kept walk again, HEAD's now: its rows are read when asked for)
        const files = await fromWalk({ ...options, cache: null, walkMemory: memory }, (walk) => walk.files().filter((f) => !options.report || f.file === options.report).map((f) => ({ ...f, rows: f.rows() })));
        expect(files.map((f) => [f.file, unmarked({ rows: f.rows, skipped: [], trailerErrors: [] }).rows]), `step ${step}`).toEqual([...byFile]);
        // A file's digest names its rows (the JSON kept for it is reused by it), at every step of the life.
        for (const f of files) {
          const rows = JSON.stringify(byFile.get(f.file));
          expect(named.get(f.digest) ?? rows, `step ${step}: ${f.file}`).toBe(rows);
          named.set(f.digest, rows);
        }
        trailerProblems = Math.max(trailerProblems, got.trailerErrors.length);
        if (!options.report) {
          expect(got.rows.some((x) => x.項目.includes(MARK)), `step ${step}`).toBe(expectReuse);
          counts[expectReuse ? (what === 5 ? 'unchanged' : 'resumed') : 'full']++;
        }
        // What the index no longer names is removed: the index, and one entry a report (three at most here, and a damaged one).
        expect(cacheFiles(walkDir).length, `step ${step}`).toBeLessThanOrEqual(6);
      }
      expect(appended).toBeGreaterThan(1);
      expect(trailerProblems).toBeGreaterThan(0);
      expect(counts.resumed).toBeGreaterThan(3);
      expect(counts.full).toBeGreaterThan(1);
    });
  }
});

describe('the store of a kept walk (walkStore)', () => {
  it('replaces only the rows of the reports it read: a walk replaced meanwhile by another run is never mixed with it', () => {
    const dir = tmp();
    const key = 'c'.repeat(64);
    const rows = (texts: Record<string, string>) => new Map(Object.entries(texts).map(([id, t]) => [id, v8.serialize([t])]));
    const read = (s: ReturnType<typeof walkStore>, id: string) => { const b = s.get()?.rows(id); return b && v8.deserialize(b)[0]; };
    walkStore(dir, key).put(v8.serialize('A'), rows({ x: 'x1', y: 'y1' }), true);
    const a = walkStore(dir, key);
    const b = walkStore(dir, key);
    expect(read(a, 'x')).toBe('x1');
    a.put(v8.serialize('A'), rows({ x: 'x2' }), false);
    expect([read(walkStore(dir, key), 'x'), read(walkStore(dir, key), 'y')]).toEqual(['x2', 'y1']);
    expect(cacheFiles(dir).length).toBe(3); // the index and one entry a report: x1 is gone
    // b read nothing yet; it walks the whole history and replaces the walk, removing a's entries.
    b.put(v8.serialize('B'), rows({ x: 'bx' }), true);
    expect(read(walkStore(dir, key), 'x')).toBe('bx');
    expect(cacheFiles(dir).length).toBe(2);
    // a goes on: its index names its own entries, y1's among them, which is gone: that report's rows
    // cannot be read, and the run walks everything (KeptWalkDamaged).
    a.put(v8.serialize('A'), rows({ x: 'x3' }), false);
    expect(read(walkStore(dir, key), 'x')).toBe('x3');
    expect(walkStore(dir, key).get()?.rows('y')).toBeUndefined();
  });
  it('a 変更箇所 cache that only learns (runs going on from a kept walk) is compacted when its segments grow many', () => {
    const dir = tmp();
    for (let i = 0; i < 60; i++) {
      const c = openChangeCache(dir, 'v1', 'scope').learning!();
      c.rememberFacts(`${i}`.padStart(40, '0'), { identity: `id${i}`, form: '重点項目評価書' });
      c.flush();
      expect(cacheFiles(dir).length).toBeLessThanOrEqual(34);
    }
    const all = openChangeCache(dir, 'v1', 'scope');
    for (let i = 0; i < 60; i++) expect(all.facts(`${i}`.padStart(40, '0'))?.identity).toBe(`id${i}`);
  });
});
