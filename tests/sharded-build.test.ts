// A sharded build (`npm run build -- --shards 3`: three shard processes, then the aggregate step) makes
// the same site as the single build of the same content: the same files, the same bytes except the
// print stamp's date, and a search index over the same pages with the same indexed text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { siteSnapshot, snapshotDiff } from './support/site-compare.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sharded-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const run = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, ['scripts/build.ts', ...args], { encoding: 'utf8', env: { ...process.env, CONTENT_DIR: 'content', ASTRO_TELEMETRY_DISABLED: '1', ...env } });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
};

describe('sharded build of the bundled content', () => {
  it('--shards 3 equals the single build', () => {
    const out = path.join(root, 'sharded', 'dist');
    const r = run(['--shards', '3'], { OUT_DIR: out });
    expect(r.status, r.output).toBe(0);
    expect(r.output).toMatch(/シャード 3\/3（評価書 \d+ 件）/);
    const single = siteSnapshot(inject('sites').content);
    expect(Object.keys(single.files).length).toBeGreaterThan(20);
    expect(single.searchFragments.length).toBeGreaterThan(0);
    expect(snapshotDiff(siteSnapshot(out), single)).toEqual([]);
    // The manifest kept beside the site is the single build's too, so the next build can be incremental.
    const manifest = (dist: string) => fs.readFileSync(`${path.resolve(path.dirname(dist), fs.readlinkSync(dist))}.manifest.json`, 'utf8');
    expect(manifest(out)).toBe(manifest(inject('sites').content));
  }, 600_000);

  it('the aggregate step refuses an incomplete set of shards, in Japanese, and publishes nothing', () => {
    const shard = path.join(root, 'one');
    expect(run(['--shard', '1/2', '--out', shard]).status).toBe(0);
    const out = path.join(root, 'partial', 'dist');
    const r = run(['--aggregate', shard], { OUT_DIR: out });
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/を作ったシャードがありません。すべてのシャード（1\/N〜N\/N）の出力フォルダを指定してください。/);
    expect(fs.existsSync(out)).toBe(false);
  }, 600_000);

  it('a wrong --shard is one Japanese line and exit 2', () => {
    for (const bad of ['0/3', '4/3', 'a/b', '3']) {
      const r = run(['--shard', bad, '--out', path.join(root, 'bad')]);
      expect(r.status, bad).toBe(2);
      expect(r.output.trim()).toMatch(/^--shard「.*」は「番号\/総数」/);
    }
  });
});
