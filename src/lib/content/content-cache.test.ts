// The cache skips the schema check only for bytes that passed it under the same validator version.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openCache, validateCached, validatorVersion } from './content-cache.ts';
import { sealedKeySet } from './cache-store.ts';
import { seeded } from '../../../tests/support/seeded.ts';
import { validateBytes } from './validate.ts';
import v8 from 'node:v8';
import crypto from 'node:crypto';

/** The entry file of a report's bytes (the cache's own layout: a digest of version, kind and bytes). */
const entryFile = (dir: string, version: string, bytes: Uint8Array) => {
  const key = crypto.createHash('sha256').update(version).update('\0').update('report').update('\0').update(crypto.createHash('sha256').update(bytes).digest('hex')).digest('hex');
  return path.join(dir, key.slice(0, 2), key.slice(2));
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'content-cache-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const FILE = 'tests/fixtures/content/reports/test-shi/2.yaml';
const good = fs.readFileSync(FILE);
const bad = Buffer.from(good.toString('utf8').replace('事務分類: 国民年金', '事務分類: 国民年金\n未知の見出し: 1'));

describe('content cache', () => {
  it('remembers a file that passed and then gives the same data without the schema check', () => {
    const cache = openCache(path.join(dir, 'a'), 'v1');
    expect(cache.lookup('report', good)).toBeUndefined();
    const first = validateCached(FILE, good, 'report', { cache });
    expect(first.problems).toEqual([]);
    expect(cache.lookup('report', good)).toBeNull();
    const second = validateCached(FILE, good, 'report', { cache });
    expect(second.data).toStrictEqual(first.data);
    expect(second.locate!(['事務分類'])).toEqual(first.locate!(['事務分類']));
  });

  it('keeps the data when asked, and gives it back without reading the YAML', () => {
    const cache = openCache(path.join(dir, 'd'), 'v1');
    const first = validateCached(FILE, good, 'report', { cache, keepData: true });
    const kept = cache.lookup('report', good);
    expect(kept).toStrictEqual(first.data);
    const second = validateCached(FILE, good, 'report', { cache });
    expect(second.data).toStrictEqual(first.data);
    expect(second.locate!(['表紙', '評価書番号'])).toEqual(first.locate!(['表紙', '評価書番号']));
  });

  it('never remembers a file with a problem, so its messages come back every time', () => {
    const cache = openCache(path.join(dir, 'b'), 'v1');
    const expected = validateBytes(FILE, bad, 'report').problems;
    expect(expected.length).toBeGreaterThan(0);
    expect(validateCached(FILE, bad, 'report', { cache }).problems).toEqual(expected);
    expect(cache.lookup('report', bad)).toBeUndefined();
    expect(validateCached(FILE, bad, 'report', { cache }).problems).toEqual(expected);
  });

  it('forgets everything when the validator changes (another version) and tells kinds apart', () => {
    const old = openCache(path.join(dir, 'c'), 'v1');
    old.remember('report', good);
    expect(openCache(path.join(dir, 'c'), 'v2').lookup('report', good)).toBeUndefined();
    expect(old.lookup('organisation', good)).toBeUndefined();
  });

  it('versions the validator by the schemas and src/lib', () => {
    const root = path.join(dir, 'project');
    fs.cpSync('schemas', path.join(root, 'schemas'), { recursive: true });
    fs.mkdirSync(path.join(root, 'src/lib'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src/lib/validate.ts'), '// v1');
    fs.writeFileSync(path.join(root, 'package-lock.json'), '{}');
    const v1 = validatorVersion(root);
    fs.writeFileSync(path.join(root, 'src/lib/validate.ts'), '// v2');
    const v2 = validatorVersion(root);
    const schema = path.join(root, 'schemas/juten.schema.json');
    fs.writeFileSync(schema, fs.readFileSync(schema, 'utf8').replace('"title"', '"title" '));
    expect(new Set([v1, v2, validatorVersion(root)]).size).toBe(3);
    expect(validatorVersion(path.join(dir, 'no-such-project'))).toBeUndefined();
  });

  it('reads the inputs again only when one changed, and never trusts the stat of a file changed just now', async () => {
    const root = path.join(dir, 'settled');
    fs.mkdirSync(path.join(root, 'schemas'), { recursive: true });
    fs.mkdirSync(path.join(root, 'src/lib'), { recursive: true });
    fs.writeFileSync(path.join(root, 'schemas/a.json'), '{}');
    fs.writeFileSync(path.join(root, 'src/lib/validate.ts'), '// v1');
    fs.writeFileSync(path.join(root, 'package-lock.json'), '{}');
    const reads = vi.spyOn(fs, 'readFileSync');
    try {
      // Just written: a same-size edit within the same clock tick would keep the stat, so files
      // changed in the last seconds are read every time.
      const fresh = validatorVersion(root);
      reads.mockClear();
      expect(validatorVersion(root)).toBe(fresh);
      expect(reads).toHaveBeenCalled();
      fs.writeFileSync(path.join(root, 'src/lib/validate.ts'), '// v2');
      expect(validatorVersion(root)).not.toBe(fresh);
      await new Promise((ok) => setTimeout(ok, 2_100));
      const v2 = validatorVersion(root);
      reads.mockClear();
      expect(validatorVersion(root)).toBe(v2);
      expect(reads).not.toHaveBeenCalled();
      // A same-size edit changes the file's ctime: read again.
      fs.writeFileSync(path.join(root, 'src/lib/validate.ts'), '// v3');
      expect(validatorVersion(root)).not.toBe(v2);
      expect(reads).toHaveBeenCalled();
    } finally { reads.mockRestore(); }
  });

  it('takes the version an earlier command computed for the same files, and computes it again when one changes', async () => {
    const root = path.join(dir, 'memo');
    const home = path.join(dir, 'memo-home');
    fs.mkdirSync(path.join(root, 'schemas'), { recursive: true });
    fs.mkdirSync(path.join(root, 'src/lib'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src/lib/validate.ts'), '// v1');
    fs.writeFileSync(path.join(root, 'package-lock.json'), '{}');
    // Each command is a new process: only the file in the cache folder carries the answer over.
    const command = () => spawnSync(process.execPath, ['-e', `import(${JSON.stringify(new URL('./cache-store.ts', import.meta.url).href)}).then((m) => console.log(m.validatorVersion(${JSON.stringify(root)})))`], {
      env: { ...process.env, CONTENT_CACHE_DIR: home, CONTENT_CACHE: '' }, encoding: 'utf8',
    }).stdout.trim();
    // (the memo is read and written only when no input changed in the last 2 seconds)
    const settle = () => new Promise((ok) => setTimeout(ok, 2_100));
    await settle();
    const v1 = command();
    expect(v1).toMatch(/^[0-9a-f]{64}$/);
    const memo = path.join(home, 'code-version.json');
    // What the next command reads is the memo, not the inputs: a memo that says otherwise is believed.
    const kept = JSON.parse(fs.readFileSync(memo, 'utf8')) as { key: string; version: string };
    fs.writeFileSync(memo, JSON.stringify({ key: kept.key, version: 'f'.repeat(64) }));
    expect(command()).toBe('f'.repeat(64));
    // A changed input changes the stamps, so the memo is not used (an edit of the same size, left
    // alone long enough for the memo to be read), and the memo then holds the new answer.
    fs.writeFileSync(path.join(root, 'src/lib/validate.ts'), '// v2');
    await settle();
    const v2 = command();
    expect(v2).not.toBe('f'.repeat(64));
    expect(v2).not.toBe(v1);
    expect(JSON.parse(fs.readFileSync(memo, 'utf8')).version).toBe(v2);
    // A damaged memo is ignored.
    fs.writeFileSync(memo, '{"key":');
    expect(command()).toBe(v2);
  });

  it('keeps only the current version\'s entries in its folder', () => {
    const home = path.join(dir, 'home');
    const open = (version: string) => spawnSync(process.execPath, ['-e', `import(${JSON.stringify(new URL('./content-cache.ts', import.meta.url).href)}).then((m) => m.contentCache().remember('report', Buffer.from('x')))`], {
      env: { ...process.env, CONTENT_CACHE_DIR: home, CONTENT_CACHE_VERSION: version }, encoding: 'utf8',
    });
    expect(open('a'.repeat(64)).status).toBe(0);
    expect(fs.readdirSync(path.join(home, 'validated'))).toEqual(['a'.repeat(16)]);
    expect(open('b'.repeat(64)).status).toBe(0);
    expect(fs.readdirSync(path.join(home, 'validated'))).toEqual(['b'.repeat(16)]);
  });

  it('proves what it returns: a flipped byte in a kept entry is ignored, and the entry written again', () => {
    const home = path.join(dir, 'flip');
    const cache = openCache(home, 'v1');
    validateCached(FILE, good, 'report', { cache, keepData: true });
    const entry = entryFile(home, 'v1', good);
    const bytes = fs.readFileSync(entry);
    const at = bytes.indexOf(Buffer.from('国民年金', 'utf16le')) >= 0 ? bytes.indexOf(Buffer.from('国民年金', 'utf16le')) : bytes.length - 20;
    bytes[at] ^= 0x01; // 国 → 囼 in V8's two-byte strings
    fs.writeFileSync(entry, bytes);
    expect(cache.lookup('report', good)).toBeUndefined();
    const again = validateCached(FILE, good, 'report', { cache, keepData: true });
    expect(again.problems).toEqual([]);
    expect((again.data as Record<string, unknown>)['事務分類']).toBe('国民年金');
    expect((cache.lookup('report', good) as Record<string, unknown>)['事務分類']).toBe('国民年金');
  });

  it('ignores an entry of the wrong shape, even one written in the old format', () => {
    const home = path.join(dir, 'shape');
    const cache = openCache(home, 'v1');
    const entry = entryFile(home, 'v1', good);
    fs.mkdirSync(path.dirname(entry), { recursive: true });
    for (const wrong of [[1, 2, 3], { 表紙: 'x' }, 'text', { 様式: '重点項目評価書', 評価実施機関: 'test-shi', 表紙: {}, f: new Date(0) }]) {
      fs.writeFileSync(entry, v8.serialize(wrong));
      // Never given back as data (from the second round on, the bytes are known to have passed: null).
      expect(cache.lookup('report', good) ?? undefined).toBeUndefined();
      expect(validateCached(FILE, good, 'report', { cache }).data).toStrictEqual(validateBytes(FILE, good, 'report').data);
    }
  });

  it('never lets an empty marker file make an invalid report pass', () => {
    const home = path.join(dir, 'marker');
    const cache = openCache(home, 'v1');
    const entry = entryFile(home, 'v1', bad);
    fs.mkdirSync(path.dirname(entry), { recursive: true });
    fs.writeFileSync(entry, '');
    expect(cache.lookup('report', bad)).toBeUndefined();
    expect(validateCached(FILE, bad, 'report', { cache }).problems.length).toBeGreaterThan(0);
  });

  it('refuses an entry copied over another file\'s entry', () => {
    const home = path.join(dir, 'copied');
    const cache = openCache(home, 'v1');
    const other = Buffer.from(good.toString('utf8').replace('テスト事務', 'ほかの事務'));
    validateCached(FILE, other, 'report', { cache, keepData: true });
    const entry = entryFile(home, 'v1', good);
    fs.mkdirSync(path.dirname(entry), { recursive: true });
    fs.copyFileSync(entryFile(home, 'v1', other), entry);
    expect(cache.lookup('report', good)).toBeUndefined();
  });
});

describe('the set of files that passed (sealedKeySet)', () => {
  const key = (r: ReturnType<typeof seeded>) => crypto.createHash('sha256').update(String(r.next())).digest('hex');
  const filesIn = (d: string) => { try { return fs.readdirSync(d).filter((n) => !n.endsWith('.tmp')); } catch { return []; } };

  it('keeps the keys of one run in one file, however many files passed', () => {
    const d = path.join(dir, 'keys-one');
    const r = seeded(1);
    const keys = Array.from({ length: 1000 }, () => key(r));
    const set = sealedKeySet(d);
    for (const k of keys) set.add(k);
    expect(filesIn(d)).toEqual([]); // nothing written before the flush
    set.flush();
    expect(filesIn(d)).toHaveLength(1);
    const reader = sealedKeySet(d);
    expect(keys.every((k) => reader.has(k))).toBe(true);
    expect(reader.has(key(r))).toBe(false);
  });

  for (const seed of [11, 12, 13]) {
    it(`knows every key flushed so far through any sequence of writers and compactions (seed ${seed})`, () => {
      const d = path.join(dir, `keys-seq-${seed}`);
      const r = seeded(seed);
      const flushed = new Set<string>();
      const writers = Array.from({ length: 3 }, () => ({ set: sealedKeySet(d, { compactAfter: 3 }), pending: [] as string[] }));
      for (let step = 0; step < 80; step++) {
        const w = r.pick(writers);
        const dice = r.next();
        if (dice < 0.5) {
          for (let n = 1 + r.int(5); n > 0; n--) {
            const k = r.next() < 0.2 && flushed.size ? r.pick([...flushed]) : key(r);
            w.set.add(k);
            w.pending.push(k);
          }
        } else if (dice < 0.85) {
          w.set.flush();
          for (const k of w.pending.splice(0)) flushed.add(k);
        } else Object.assign(w, { set: sealedKeySet(d, { compactAfter: 3 }), pending: [] }); // a process ends without flushing; a new one starts
        const reader = sealedKeySet(d);
        for (const k of flushed) expect(reader.has(k), `seed ${seed}, step ${step}`).toBe(true);
      }
    });
  }

  it('compacts: writers one after another leave at most compactAfter + 1 files', () => {
    const d = path.join(dir, 'keys-compact');
    const r = seeded(5);
    const all: string[] = [];
    for (let run = 0; run < 30; run++) {
      const s = sealedKeySet(d, { compactAfter: 4 });
      const k = key(r); all.push(k); s.add(k); s.flush();
      expect(filesIn(d).length).toBeLessThanOrEqual(5);
    }
    const reader = sealedKeySet(d);
    expect(all.every((k) => reader.has(k))).toBe(true);
  });

  it('loses nothing when two writers compact the same files at once', () => {
    const d = path.join(dir, 'keys-race');
    const r = seeded(2);
    const first = Array.from({ length: 5 }, () => { const s = sealedKeySet(d, { compactAfter: 2 }); const k = key(r); s.add(k); s.flush(); return k; });
    // Both find more files than they allow (1), so both compact.
    const a = sealedKeySet(d, { compactAfter: 1 });
    const b = sealedKeySet(d, { compactAfter: 1 });
    const ka = key(r), kb = key(r);
    a.add(ka); b.add(kb); // both read the same five files now
    a.flush(); b.flush(); // both compact them and remove them
    const reader = sealedKeySet(d);
    for (const k of [...first, ka, kb]) expect(reader.has(k)).toBe(true);
    expect(filesIn(d)).toHaveLength(2);
  });

  it('ignores a damaged file: its keys are unknown (checked again), the others still known', () => {
    const d = path.join(dir, 'keys-flip');
    const r = seeded(3);
    const one = sealedKeySet(d); const k1 = key(r); one.add(k1); one.flush();
    const [file1] = filesIn(d);
    const two = sealedKeySet(d); const k2 = key(r); two.add(k2); two.flush();
    const bytes = fs.readFileSync(path.join(d, file1));
    bytes[bytes.length - 1] ^= 0x01;
    fs.writeFileSync(path.join(d, file1), bytes);
    const reader = sealedKeySet(d);
    expect(reader.has(k1)).toBe(false);
    expect(reader.has(k2)).toBe(true);
  });

  it('a compaction also removes damaged segments and temporary files left for over an hour', () => {
    const d = path.join(dir, 'keys-litter');
    const r = seeded(6);
    const keys = Array.from({ length: 4 }, () => { const s = sealedKeySet(d, { compactAfter: 100 }); const k = key(r); s.add(k); s.flush(); return k; });
    const [first] = filesIn(d).sort();
    fs.writeFileSync(path.join(d, first), 'damaged');
    const stale = path.join(d, `${'0'.repeat(32)}.123.tmp`);
    const fresh = path.join(d, `${'1'.repeat(32)}.123.tmp`);
    fs.writeFileSync(stale, 'x'); fs.writeFileSync(fresh, 'x');
    fs.utimesSync(stale, new Date(Date.now() - 2 * 3_600_000), new Date(Date.now() - 2 * 3_600_000));
    const s = sealedKeySet(d, { compactAfter: 1 });
    s.add(key(r)); s.flush();
    expect(fs.existsSync(path.join(d, first))).toBe(false);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true); // (perhaps being written)
    const reader = sealedKeySet(d);
    expect(keys.filter((k) => reader.has(k))).toHaveLength(3); // all but the damaged segment's key
  });

  it('a worker thread does not compact (one full copy a run, from the main thread)', async () => {
    const d = path.join(dir, 'keys-worker');
    for (let i = 0; i < 12; i++) { const s = sealedKeySet(d, { compactAfter: 100 }); s.add(crypto.randomBytes(32).toString('hex')); s.flush(); }
    const before = filesIn(d).length;
    const { Worker } = await import('node:worker_threads');
    const code = `import(${JSON.stringify(new URL('./cache-store.ts', import.meta.url).href)}).then(({ sealedKeySet }) => { const s = sealedKeySet(${JSON.stringify(d)}); s.add('${'ab'.repeat(32)}'); s.flush(); })`;
    await new Promise((resolve, reject) => { const w = new Worker(code, { eval: true }); w.on('exit', resolve); w.on('error', reject); });
    expect(filesIn(d).length).toBe(before + 1);
    const main = sealedKeySet(d, { compactAfter: 8 }); main.add(crypto.randomBytes(32).toString('hex')); main.flush();
    expect(filesIn(d)).toHaveLength(1);
    expect(sealedKeySet(d).has('ab'.repeat(32))).toBe(true);
  });

  it('a file that passed is known to the next run once the cache is flushed', () => {
    const home = path.join(dir, 'passed-next');
    const cache = openCache(home, 'v1');
    validateCached(FILE, good, 'report', { cache });
    expect(cache.lookup('report', good)).toBeNull();
    expect(openCache(home, 'v1').lookup('report', good)).toBeUndefined();
    cache.flush();
    expect(openCache(home, 'v1').lookup('report', good)).toBeNull();
  });
});

describe('a cold validation', () => {
  it('writes a few cache files, not one per file that passed', () => {
    const home = path.join(dir, 'cold-count');
    const root = path.join(dir, 'cold');
    fs.cpSync('tests/fixtures/content', path.join(root, 'content'), { recursive: true });
    const r = seeded(4);
    // More reports of the fixture organisation: copies under new numbers.
    const text = fs.readFileSync(path.join(root, 'content/reports/test-shi/2.yaml'), 'utf8');
    for (let n = 100; n < 160; n++) fs.writeFileSync(path.join(root, `content/reports/test-shi/${n}.yaml`), text.replace('評価書番号: 2', `評価書番号: ${n}`).replace('テスト事務', `テスト事務${r.int(1e6)}`));
    const out = spawnSync(process.execPath, [path.resolve('scripts/validate.ts')], { cwd: root, env: { ...process.env, CONTENT_CACHE_DIR: home }, encoding: 'utf8' });
    expect(out.stdout, out.stderr).toContain('問題はありません');
    const written = fs.readdirSync(path.join(home, 'validated'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(8);
    // Checking a Markdown file (a notice) reads the reports too, one by one: still a few cache files.
    fs.rmSync(home, { recursive: true, force: true });
    const md = spawnSync(process.execPath, [path.resolve('scripts/validate.ts'), 'content/reports/test-shi/3.notice.md'], { cwd: root, env: { ...process.env, CONTENT_CACHE_DIR: home }, encoding: 'utf8' });
    expect(md.stdout, md.stderr).toContain('問題はありません');
    expect(fs.readdirSync(path.join(home, 'validated'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length).toBeLessThan(8);
  }, 120_000);
});
