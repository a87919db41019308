// npm run validate checks the files with worker threads (validateFilesInParallel): the problems must be
// the same, in the same order, as the one-thread validateFiles gives, on seeded generated content with
// broken files, wrong names and duplicate numbers, cold and warm.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateFiles, validateFilesInParallel } from './validate-content.ts';
import { listYaml } from './content-files.ts';
import { seeded } from '../../../tests/support/seeded.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-parallel-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const REPORT = fs.readFileSync('tests/fixtures/content/reports/test-shi/2.yaml', 'utf8');

describe('validateFilesInParallel', () => {
  for (const seed of [1, 2]) {
    it(`gives validateFiles' problems, in its order (seed ${seed})`, { timeout: 120_000 }, async () => {
      const r = seeded(seed);
      const content = path.join(tmp, `content-${seed}`);
      fs.cpSync('tests/fixtures/content/organisations', path.join(content, 'organisations'), { recursive: true });
      fs.mkdirSync(path.join(content, 'reports/test-shi'), { recursive: true });
      for (let i = 10; i < 130; i++) {
        const number = r.next() < 0.05 ? 10 : i; // a duplicate 評価書番号
        let text = REPORT.replace('評価書番号: 2', `評価書番号: ${number}`);
        const k = r.int(20);
        if (k === 0) text = text.replace('対象人数: 1,000人以上1万人未満', '対象人数: 1,000人以上'); // not a choice
        if (k === 1) text = text.replace('評価実施機関: test-shi', '評価実施機関: no-such-shi'); // unknown organisation
        if (k === 2) text = text.replace('表紙:', '表紙:\n\t'); // not YAML
        fs.writeFileSync(path.join(content, 'reports/test-shi', `${k === 3 ? i + 1000 : i}.yaml`), text); // a wrong file name
      }
      const files = listYaml(content);
      const [home, off] = [process.env.CONTENT_CACHE_DIR, process.env.CONTENT_CACHE];
      try {
        process.env.CONTENT_CACHE = '0';
        const expected = validateFiles(files, content).problems;
        const one: string[] = [];
        validateFiles(files, content, { onChecked: (f) => one.push(f.file) });
        expect(expected.length).toBeGreaterThan(3);
        delete process.env.CONTENT_CACHE;
        process.env.CONTENT_CACHE_DIR = path.join(tmp, `cache-${seed}`);
        expect((await validateFilesInParallel(files, content, { workers: 2 })).problems).toEqual(expected); // cold
        const checked: string[] = [];
        expect((await validateFilesInParallel(files, content, { workers: 3, onChecked: (f) => checked.push(f.file) })).problems).toEqual(expected); // warm
        expect(checked).toEqual(one);
      } finally {
        if (home === undefined) delete process.env.CONTENT_CACHE_DIR; else process.env.CONTENT_CACHE_DIR = home;
        if (off === undefined) delete process.env.CONTENT_CACHE; else process.env.CONTENT_CACHE = off;
      }
    });
  }
});
