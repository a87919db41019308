// The build validates with worker threads too, keeping each file's data for the Astro build that
// follows (keepData): every thread's files must have their data in the content cache, and the build is
// told the same heads and digests as the one-thread validateFiles gives. (A file of its own: the content
// cache is opened once per process, in the folder CONTENT_CACHE_DIR names then.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { validateFiles, validateFilesInParallel, type CheckedFile } from './validate-content.ts';
import { contentCache } from './content-cache.ts';
import { listYaml } from './content-files.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-parallel-data-'));
const home = process.env.CONTENT_CACHE_DIR;
process.env.CONTENT_CACHE_DIR = path.join(tmp, 'cache');
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  if (home === undefined) delete process.env.CONTENT_CACHE_DIR; else process.env.CONTENT_CACHE_DIR = home;
});
const REPORT = fs.readFileSync('tests/fixtures/content/reports/test-shi/2.yaml', 'utf8');

describe('validateFilesInParallel for the build', () => {
  it('with keepData (the build), gives the same heads and digests and leaves every file\'s data for Astro', { timeout: 120_000 }, async () => {
    const content = path.join(tmp, 'content-data');
    fs.cpSync('tests/fixtures/content/organisations', path.join(content, 'organisations'), { recursive: true });
    fs.mkdirSync(path.join(content, 'reports/test-shi'), { recursive: true });
    for (let i = 10; i < 130; i++) fs.writeFileSync(path.join(content, 'reports/test-shi', `${i}.yaml`), REPORT.replace('評価書番号: 2', `評価書番号: ${i}`).replace('事務分類: 国民年金', `事務分類: ${i % 2 ? '国民年金' : '地方税'}`));
    const files = listYaml(content);
    const many: CheckedFile[] = [];
    expect((await validateFilesInParallel(files, content, { workers: 2, keepData: true, onChecked: (f) => many.push(f) })).problems).toEqual([]);
    expect(new Set(many.filter((f) => f.kind === 'report').map((f) => f.head['事務分類']))).toEqual(new Set(['国民年金', '地方税']));
    // Every file's data, the worker thread's files too, is in the cache the Astro build reads.
    const cache = contentCache()!;
    expect(cache.dir.startsWith(path.join(tmp, 'cache'))).toBe(true);
    for (const f of files.filter((x) => x.includes('reports'))) expect(cache.lookup('report', fs.readFileSync(f)), f).toMatchObject({ 評価実施機関: 'test-shi', 表紙: { 評価書番号: Number(path.basename(f, '.yaml')) } });
    // One thread gives the same files, heads and digests (here from what the first run recorded).
    const one: CheckedFile[] = [];
    expect(validateFiles(files, content, { keepData: true, onChecked: (f) => one.push(f) }).problems).toEqual([]);
    expect(many).toEqual(one);
  });

  it('a worker thread alone keeps the data of every file it checks', { timeout: 120_000 }, async () => {
    // (the test above cannot tell which thread took which file: here the worker takes them all)
    const content = path.join(tmp, 'content-worker');
    fs.cpSync('tests/fixtures/content/organisations', path.join(content, 'organisations'), { recursive: true });
    fs.mkdirSync(path.join(content, 'reports/test-shi'), { recursive: true });
    for (let i = 200; i < 205; i++) fs.writeFileSync(path.join(content, 'reports/test-shi', `${i}.yaml`), REPORT.replace('評価書番号: 2', `評価書番号: ${i}`));
    const files = listYaml(content).filter((f) => f.includes('reports'));
    const next = new Int32Array(new SharedArrayBuffer(4));
    const results = await new Promise<unknown[]>((resolve, reject) => {
      const worker = new Worker(new URL('./validate-worker.ts', import.meta.url), { workerData: { jobs: files.map((file) => ({ file })), next, keepData: true } });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    expect(results).toHaveLength(files.length);
    const cache = contentCache()!;
    for (const f of files) expect(cache.lookup('report', fs.readFileSync(f)), f).toMatchObject({ 表紙: { 評価書番号: Number(path.basename(f, '.yaml')) } });
  });
});
