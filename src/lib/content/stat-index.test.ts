// The stat-index (content-cache.ts) lets `npm run validate` skip files unchanged since they passed,
// and must never take a changed file for unchanged: not after an edit that keeps the size and puts the
// modification time back, not after an edit in the same instant as the read.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openStatIndex, type FileFacts } from './content-cache.ts';
import { validateFiles, validateFilesInParallel, type CheckedFile } from './validate-content.ts';
import { listYaml } from './content-files.ts';
import { Report } from './content-store.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stat-index-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Runs `fn` with the content cache in `home` (CONTENT_CACHE_DIR), and puts the cache variables back after. */
async function withCacheHome(home: string, fn: () => Promise<void>) {
  const prev = { CONTENT_CACHE_DIR: process.env.CONTENT_CACHE_DIR, CONTENT_CACHE: process.env.CONTENT_CACHE };
  process.env.CONTENT_CACHE_DIR = home;
  try { await fn(); } finally {
    for (const [k, v] of Object.entries(prev)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}
const facts: FileFacts = { head: { 評価実施機関: 'test-shi' }, unfilled: false };
const digest = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** A whole second in the past, so that a modification time can be put back exactly. */
const PAST = 1_600_000_000;
const setBack = (file: string) => fs.utimesSync(file, PAST, PAST);
/** Writes `text` and puts the modification time back to what it was (an edit no time stamp shows). */
function sneakyWrite(file: string, text: string) {
  expect(fs.statSync(file).mtimeMs).toBe(PAST * 1000);
  fs.writeFileSync(file, text);
  setBack(file);
  expect(fs.statSync(file).mtimeMs).toBe(PAST * 1000);
}

describe('stat-index', () => {
  it('trusts metadata only for a file left alone before it was read, and never after an edit', async () => {
    const dir = path.join(tmp, 'unit');
    fs.mkdirSync(dir);
    const file = path.join(dir, 'a.yaml');
    fs.writeFileSync(file, 'aaaa');
    setBack(file);
    const open = () => openStatIndex(path.join(dir, 'cache'), 'v1', dir, 50);
    let index = open();
    // Just written: read now, its metadata are not trusted next time (it may change again in the same tick).
    index.record(file, digest('aaaa'), index.look(file)!, facts);
    index.save();
    expect(open().unchanged(file)).toBeUndefined();
    expect(open().known(file)).toEqual({ digest: digest('aaaa'), facts });
    await sleep(100);
    index = open();
    index.record(file, digest('aaaa'), index.look(file)!, facts);
    index.save();
    expect(open().unchanged(file)).toEqual({ digest: digest('aaaa'), facts });
    // Same size, same modification time, other bytes: the change time gives it away.
    sneakyWrite(file, 'bbbb');
    expect(open().unchanged(file)).toBeUndefined();
    // Only touched (same bytes): read again (and recognised by its digest, validate-content.ts checkFile).
    fs.writeFileSync(file, 'aaaa');
    expect(open().unchanged(file)).toBeUndefined();
  });

  it('a damaged index is ignored', async () => {
    const dir = path.join(tmp, 'damaged');
    fs.mkdirSync(dir);
    const file = path.join(dir, 'a.yaml');
    fs.writeFileSync(file, 'aaaa');
    await sleep(100);
    const index = openStatIndex(path.join(dir, 'cache'), 'v1', dir, 50);
    index.record(file, digest('aaaa'), index.look(file)!, facts);
    index.save();
    const [entry] = fs.readdirSync(path.join(dir, 'cache'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
    const bytes = fs.readFileSync(entry);
    fs.writeFileSync(entry, Buffer.from(bytes.toString('latin1').replace('test-shi', 'tost-shi'), 'latin1'));
    expect(openStatIndex(path.join(dir, 'cache'), 'v1', dir, 50).unchanged(file)).toBeUndefined();
  });

  it('npm run validate finds a same-size edit whose modification time was put back', async () => {
    await withCacheHome(path.join(tmp, 'home'), async () => {
      const content = path.join(tmp, 'content');
      fs.cpSync('tests/fixtures/content', content, { recursive: true });
      const file = path.join(content, 'reports/test-shi/2.yaml');
      setBack(file);
      const files = [file, path.join(content, 'organisations/test-shi.yaml')];
      const run = () => validateFiles(files, content, { onChecked: () => {} }).problems;
      expect(run()).toEqual([]);
      await sleep(2100); // past the 2 s in which a file just read is not trusted by its metadata
      expect(run()).toEqual([]);
      expect(run()).toEqual([]);
      const text = fs.readFileSync(file, 'utf8');
      const edited = text.replace(/対象人数: (\S+)/, (m) => m.replace(/未満$/, '以下'));
      expect(edited).not.toBe(text);
      expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(text));
      sneakyWrite(file, edited);
      const problems = run();
      expect(problems.map((p) => p.item)).toEqual([expect.stringContaining('対象人数')]);
      // The parallel variant (npm run validate) gives the same problems, cold and warm.
      expect((await validateFilesInParallel(files, content)).problems).toEqual(problems);
      sneakyWrite(file, text);
      expect((await validateFilesInParallel(files, content)).problems).toEqual([]);
    });
  });

  it('a build knows an unchanged report without reading it: the same report, head and digest as from its file', async () => {
    await withCacheHome(path.join(tmp, 'home-build'), async () => {
      // The bundled reports (real ones: 変更箇所 rows, comment periods, every form) and the fixtures.
      const content = path.join(tmp, 'build-content');
      fs.cpSync('content', content, { recursive: true });
      fs.cpSync('tests/fixtures/content/reports/test-shi', path.join(content, 'reports', 'test-shi'), { recursive: true });
      fs.cpSync('tests/fixtures/content/organisations/test-shi.yaml', path.join(content, 'organisations', 'test-shi.yaml'));
      await sleep(2100); // left alone long enough for their metadata to be trusted after the next read
      const files = listYaml(content);
      // As scripts/build.ts takes them: a report from the checked file's head, and its digest.
      const run = () => {
        const seen: Record<string, unknown>[] = [];
        const { problems } = validateFiles(files, content, { keepData: true, onChecked: (c: CheckedFile) => {
          if (c.kind !== 'report') return;
          const r = new Report(c.file, c.head);
          seen.push({ id: r.id, org: r.org, number: r.number, form: r.form, head: r.head, unfilled: c.unfilled, digest: c.digest });
        } });
        expect(problems).toEqual([]);
        return seen;
      };
      const open = vi.spyOn(fs, 'openSync');
      const read = () => open.mock.calls.filter(([f]) => String(f).endsWith('.yaml')).length;
      const first = run();
      expect(read()).toBe(files.length);
      // From the files themselves, with the data the pages are made from.
      const fromData = files.filter((f) => f.includes(`${path.sep}reports${path.sep}`)).map((f) => {
        const r = loadReport(f);
        return { id: r.id, org: r.org, number: r.number, form: r.form, head: r.head, unfilled: false, digest: crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex') };
      });
      expect(first).toEqual(fromData);
      open.mockClear();
      // A later build: the index read back from its file (another CONTENT_CACHE value opens it again).
      process.env.CONTENT_CACHE = '1';
      const second = run();
      expect(read()).toBe(0);
      expect(second).toEqual(first);
      open.mockRestore();
    });
  });
});

/** A report as content-store.ts makes it from its whole data (the YAML read and validated). */
function loadReport(file: string): Report {
  let report: Report | undefined;
  validateFiles([file], path.dirname(path.dirname(path.dirname(file))), { onDocument: ({ data }) => { report = new Report(file, data); } });
  return report!;
}
