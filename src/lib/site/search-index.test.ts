import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleName, inspectPage, partSizes, SearchIndexer } from './search-index.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-index-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const page = (name: string, html: string) => { const f = path.join(dir, name); fs.writeFileSync(f, html); return f; };

describe('parts of the search index', () => {
  it('divides pages into as few parts as the size allows, of equal size', () => {
    expect(partSizes(0, 200)).toEqual([]);
    expect(partSizes(150, 200)).toEqual([150]);
    expect(partSizes(200, 200)).toEqual([200]);
    expect(partSizes(201, 200)).toEqual([101, 100]);
    expect(partSizes(1000, 200)).toEqual([200, 200, 200, 200, 200]);
    expect(partSizes(1001, 200)).toEqual([167, 167, 167, 167, 167, 166]);
  });

  it('names the first bundle as Pagefind does, and the others after it', () => {
    expect([0, 1, 12].map(bundleName)).toEqual(['pagefind', 'pagefind-1', 'pagefind-12']);
  });

  it('takes a page only once it is completely written, and tells searchable pages apart', () => {
    const body = '<!doctype html><html lang="ja"><body><main data-pagefind-body><p>本文</p></main></body></html>';
    expect(inspectPage(page('whole.html', body))).toEqual({ finished: true, searchable: true });
    expect(inspectPage(page('newline.html', `${body}\n`))).toEqual({ finished: true, searchable: true });
    expect(inspectPage(page('half.html', body.slice(0, 60)))).toEqual({ finished: false, searchable: false });
    expect(inspectPage(page('empty.html', ''))).toEqual({ finished: false, searchable: false });
    expect(inspectPage(page('list.html', body.replace(' data-pagefind-body', '')))).toEqual({ finished: true, searchable: false });
  });
});

describe('the indexer', () => {
  // A stand-in for the pagefind program that records when each part runs (the scheduling is under test
  // here; the real Pagefind is used by the build tests and tests/search-parts.test.ts).
  const fake = path.join(dir, 'fake-pagefind.sh');
  const log = path.join(dir, 'runs.log');
  fs.writeFileSync(fake, `#!/bin/sh\necho "start $$ $(find "$2" -name '*.html' | wc -l)" >> ${log}\nsleep 0.4\nmkdir -p "$4"\necho "end $$" >> ${log}\n`, { mode: 0o755 });
  const site = path.join(dir, 'site');
  const body = '<!doctype html><html lang="ja"><body><main data-pagefind-body>本文</main></body></html>';
  for (let i = 0; i < 9; i++) { fs.mkdirSync(path.join(site, `r${i}`), { recursive: true }); fs.writeFileSync(path.join(site, `r${i}`, 'index.html'), body); }
  fs.writeFileSync(path.join(site, 'index.html'), body.replace(' data-pagefind-body', ''));

  it('runs one part while Astro renders and at most `jobs` after it, indexing every page once', async () => {
    const indexer = new SearchIndexer({ site, pagefind: fake, env: process.env, args: [], partPages: 2, jobs: 2 });
    // while "Astro" renders: four parts are ready, one runs
    for (let i = 0; i < 3; i++) { indexer.scan(); await new Promise((r) => setTimeout(r, 100)); }
    expect(fs.readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(1);
    const bundles = await indexer.finish();
    const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
    let running = 0;
    let most = 0;
    let pages = 0;
    for (const line of lines) {
      const [what, , n] = line.split(' ');
      running += what === 'start' ? 1 : -1;
      most = Math.max(most, running);
      if (what === 'start') pages += Number(n);
    }
    expect(most).toBe(2);
    expect(pages).toBe(9);
    expect(bundles).toEqual(['pagefind', 'pagefind-1', 'pagefind-2', 'pagefind-3', 'pagefind-4']);
    for (const b of bundles) expect(fs.existsSync(path.join(site, b))).toBe(true);
    expect(fs.readdirSync(dir).filter((d) => d.includes('.part-'))).toEqual([]);
  });
});
