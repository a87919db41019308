// A sharded build (`npm run build -- --shards 3`: three shard processes, then the aggregate step) makes
// the same site as the single build of the same content: the same files, the same bytes except the
// print stamp's date, search bundles included (each shard indexes whole search parts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { siteSnapshot, snapshotDiff } from './support/site-compare.ts';
import { missingAssets, png, unnamedAssets } from './support/site-assets.ts';
import { scaffoldReport } from '../src/lib/form/scaffold.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sharded-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Runs scripts/build.ts; an env value of undefined leaves that variable out. */
const run = (args: string[], env: Record<string, string | undefined> = {}) => {
  const merged = Object.fromEntries(Object.entries({ ...process.env, CONTENT_DIR: 'content', ASTRO_TELEMETRY_DISABLED: '1', ...env }).filter(([, v]) => v !== undefined));
  const r = spawnSync(process.execPath, ['scripts/build.ts', ...args], { encoding: 'utf8', env: merged });
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
    expect(Object.keys(single.files).filter((f) => /^pagefind-[0-9a-f]+\//.test(f)).length).toBeGreaterThan(0);
    expect(snapshotDiff(siteSnapshot(out), single)).toEqual([]);
    // The manifest kept beside the site is the single build's too, so the next build can be incremental.
    const manifest = (dist: string) => fs.readFileSync(`${path.resolve(path.dirname(dist), fs.readlinkSync(dist))}.manifest.json`, 'utf8');
    expect(manifest(out)).toBe(manifest(inject('sites').content));
  }, 600_000);

  it('with the reports spread over every shard (small search parts), still the single build byte for byte', () => {
    // Parts of one page: the 5 reports make 8 parts (some empty), spread over 4 shards (a count that
    // divides the parts: with 3, the shards would make 9 parts, see shardedPartCount).
    const env = { PAGEFIND_PART_PAGES: '1', CONTENT_CACHE_DIR: path.join(root, 'cache-small') };
    const single = path.join(root, 'small-single', 'dist');
    const sharded = path.join(root, 'small-sharded', 'dist');
    expect(run([], { ...env, OUT_DIR: single }).status).toBe(0);
    const r = run(['--shards', '4'], { ...env, OUT_DIR: sharded });
    expect(r.status, r.output).toBe(0);
    expect([1, 2, 3, 4].filter((k) => new RegExp(`シャード ${k}/4（評価書 [1-9]\\d* 件）`).test(r.output)).length, r.output).toBeGreaterThanOrEqual(2);
    const a = siteSnapshot(single);
    expect(Object.keys(a.files).filter((f) => /^pagefind-[0-9a-f]+\/pagefind\.js$/.test(f)).length).toBeGreaterThan(2);
    expect(snapshotDiff(siteSnapshot(sharded), a)).toEqual([]);
  }, 600_000);

  it('notices with pictures: the same site, each picture beside the page that shows it and no other', () => {
    // A report's notice and an organisation's notice, each with a picture; reports spread over the shards.
    const content = path.join(root, 'pictures-content');
    fs.cpSync('content', content, { recursive: true });
    // (a name with characters that end a name in other places of a page: in url(…), before an entity)
    fs.writeFileSync(path.join(content, 'reports', 'kumamoto-shi', "会場(1)&'道.png"), png(3, 2, [200, 0, 0]));
    fs.writeFileSync(path.join(content, 'reports', 'kumamoto-shi', '1.notice.md'), "説明会を開きます。\n\n![会場までの道](./会場(1)&'道.png)\n");
    fs.writeFileSync(path.join(content, 'organisations', 'map.png'), png(2, 2, [0, 0, 200]));
    fs.writeFileSync(path.join(content, 'organisations', 'kawasaki-shi.md'), '---\ntitle: お知らせ\n---\n\n窓口の地図です。\n\n![窓口の地図](./map.png)\n');
    const env = { CONTENT_DIR: content, PAGEFIND_PART_PAGES: '1', CONTENT_CACHE_DIR: path.join(root, 'pictures-cache') };
    const single = path.join(root, 'pictures-single', 'dist');
    const sharded = path.join(root, 'pictures-sharded', 'dist');
    const one = run([], { ...env, OUT_DIR: single });
    expect(one.status, one.output).toBe(0);
    // (4 shards: a count that divides the parts, as in the test above)
    const r = run(['--shards', '4'], { ...env, OUT_DIR: sharded });
    expect(r.status, r.output).toBe(0);
    for (const site of [single, sharded]) {
      expect(fs.readFileSync(path.join(site, 'reports/kumamoto-shi/1/index.html'), 'utf8')).toMatch(/<img [^>]*src="\/_astro\//);
      expect(fs.readFileSync(path.join(site, 'organisations/kawasaki-shi/index.html'), 'utf8')).toMatch(/<img [^>]*src="\/_astro\//);
      expect(missingAssets(site)).toEqual([]);
      expect(unnamedAssets(site)).toEqual([]);
    }
    expect(snapshotDiff(siteSnapshot(sharded), siteSnapshot(single))).toEqual([]);
  }, 600_000);

  it('the aggregate step refuses an incomplete set of shards, in Japanese, and publishes nothing', () => {
    // (search parts of one page, so that the reports are spread over both shards)
    const small = { PAGEFIND_PART_PAGES: '1' };
    const shard = path.join(root, 'one');
    expect(run(['--shard', '1/2', '--out', shard], small).status).toBe(0);
    const out = path.join(root, 'partial', 'dist');
    const r = run(['--aggregate', shard], { ...small, OUT_DIR: out });
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/を作ったシャードがありません。すべてのシャード（1\/N〜N\/N）の出力フォルダを指定してください。/);
    expect(fs.existsSync(out)).toBe(false);
  }, 600_000);

  it('the aggregate step reads no report file as YAML: it accounts for each by the shards\' digests, refuses a report changed since, and knows unfilled ones', () => {
    // The bundled content and an unfilled scaffold (validated by its shard, not published).
    const content = path.join(root, 'agg-content');
    fs.cpSync('content', content, { recursive: true });
    const scaffold = path.join(content, 'reports', 'kawasaki-shi', '99.yaml');
    fs.writeFileSync(scaffold, scaffoldReport('重点項目評価書', { organisation: 'kawasaki-shi', number: '99', category: '国民年金', schemaPath: '../../../schemas/juten.schema.json' }).text);
    const env = { CONTENT_DIR: content, PAGEFIND_PART_PAGES: '1', CONTENT_CACHE_DIR: path.join(root, 'agg-cache') };
    const shards = [1, 2].map((k) => path.join(root, `agg-${k}`));
    shards.forEach((dir, i) => expect(run(['--shard', `${i + 1}/2`, '--out', dir], env).status).toBe(0));
    const records = shards.map((dir) => JSON.parse(fs.readFileSync(path.join(dir, 'shard.json'), 'utf8')));
    expect(records.flatMap((r) => Object.keys(r.unfilled))).toEqual(['kawasaki-shi/99']);
    const validated = (output: string) => Number(/(\d+) ファイルを検証しました/.exec(output)?.[1]);
    const reportFiles = fs.readdirSync(path.join(content, 'reports'), { recursive: true }).filter((f) => String(f).endsWith('.yaml')).length;

    // A report edited after the shards were made: refused, nothing published.
    const edited = path.join(content, 'reports', 'kumamoto-shi', '13.yaml');
    const original = fs.readFileSync(edited);
    fs.appendFileSync(edited, '# 追記\n');
    const refused = run(['--aggregate', ...shards], { ...env, OUT_DIR: path.join(root, 'agg-refused', 'dist') });
    expect(refused.status, refused.output).toBe(1);
    expect(refused.output).toMatch(/評価書 kumamoto-shi\/13 のページは、今とは違う入力から作られています/);
    expect(fs.existsSync(path.join(root, 'agg-refused', 'dist'))).toBe(false);
    // An organisation's file edited since (its name is on the shards' pages): refused too.
    fs.writeFileSync(edited, original);
    const org = path.join(content, 'organisations', 'kumamoto-shi.yaml');
    const orgText = fs.readFileSync(org);
    fs.appendFileSync(org, '# 追記\n');
    const orgEdited = run(['--aggregate', ...shards], { ...env, OUT_DIR: path.join(root, 'agg-refused', 'dist') });
    expect(orgEdited.status, orgEdited.output).toBe(1);
    expect(orgEdited.output).toMatch(/評価書 kumamoto-shi\/\d+ のページは、今とは違う入力から作られています/);
    fs.writeFileSync(org, orgText);
    // The same for the unfilled one.
    fs.appendFileSync(scaffold, '# 追記\n');
    const blank = run(['--aggregate', ...shards], { ...env, OUT_DIR: path.join(root, 'agg-refused', 'dist') });
    expect(blank.status, blank.output).toBe(1);
    expect(blank.output).toMatch(/評価書 kawasaki-shi\/99 は、.*の今の内容（またはこのプログラム）とは違うものから作られています/);

    // As made: published, and the aggregate step validated every file but the reports.
    fs.writeFileSync(scaffold, scaffoldReport('重点項目評価書', { organisation: 'kawasaki-shi', number: '99', category: '国民年金', schemaPath: '../../../schemas/juten.schema.json' }).text);
    const out = path.join(root, 'agg-ok', 'dist');
    const ok = run(['--aggregate', ...shards], { ...env, OUT_DIR: out });
    expect(ok.status, ok.output).toBe(0);
    const single = run([], { ...env, OUT_DIR: path.join(root, 'agg-single', 'dist') });
    expect(single.status, single.output).toBe(0);
    expect(validated(single.output) - validated(ok.output)).toBe(reportFiles);
    expect(fs.existsSync(path.join(out, 'reports', 'kawasaki-shi', '99'))).toBe(false);
    expect(snapshotDiff(siteSnapshot(out), siteSnapshot(path.join(root, 'agg-single', 'dist')))).toEqual([]);
  }, 600_000);

  it('one day for the whole site: the aggregate step takes its shards\' day, and refuses shards of another day', () => {
    // kumamoto-shi/1 is open for comment from 2025-12-01 to 2026-01-05: its banner counts the days left.
    const env = { PAGEFIND_PART_PAGES: '1', CONTENT_CACHE_DIR: path.join(root, 'day-cache') };
    const made = (k: number, day: string) => {
      const dir = path.join(root, `day-${k}-${day}`);
      const r = run(['--shard', `${k}/2`, '--out', dir], { ...env, SITE_TODAY: day });
      expect(r.status, r.output).toBe(0);
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'shard.json'), 'utf8')).today).toBe(day);
      return dir;
    };
    const [one, two] = [made(1, '2025-12-15'), made(2, '2025-12-15')];
    // Aggregated on another day (no SITE_TODAY): the site is the shards' day's.
    const out = path.join(root, 'day-ok', 'dist');
    const ok = run(['--aggregate', one, two], { ...env, OUT_DIR: out, SITE_TODAY: undefined });
    expect(ok.status, ok.output).toBe(0);
    expect(fs.readFileSync(path.join(out, 'reports', 'kumamoto-shi', '1', 'index.html'), 'utf8')).toContain('あと21日');
    expect(fs.readFileSync(path.join(out, 'comments', 'index.html'), 'utf8')).toContain('あと21日');
    // A shard of another day, or a day given to the aggregate step that is not the shards': refused.
    const refused = path.join(root, 'day-refused', 'dist');
    for (const [dirs, day] of [[[one, made(2, '2025-12-16')], undefined], [[one, two], '2025-12-16']] as const) {
      const r = run(['--aggregate', ...dirs], { ...env, OUT_DIR: refused, SITE_TODAY: day });
      expect(r.status, r.output).toBe(1);
      expect(r.output).toMatch(/は 2025-12-1[56] の日付で作られていて、このまとめの日付（2025-12-1[56]）と違います。/);
      expect(fs.existsSync(refused)).toBe(false);
    }
    // Midnight in Japan passes between the shards and the aggregate step of one --shards build, on the
    // period's last day (the aggregate process's clock reads the next day): the build keeps the day it
    // started on, and succeeds. (Before, the aggregate step refused the shards' pages.)
    const midnight = path.join(root, 'day-midnight', 'dist');
    const clock = { CLOCK_AT: '2026-01-05T14:59:00Z', CLOCK_NEXT_DAY_IN: '--aggregate', NODE_OPTIONS: `--import=${path.resolve('tests/support/clock-next-day.mjs')}` };
    const late = run(['--shards', '2'], { ...env, ...clock, OUT_DIR: midnight, SITE_TODAY: undefined });
    expect(late.status, late.output).toBe(0);
    expect(fs.readFileSync(path.join(midnight, 'reports', 'kumamoto-shi', '1', 'index.html'), 'utf8')).toContain('本日締切');
    expect(fs.readFileSync(path.join(midnight, 'comments', 'index.html'), 'utf8')).toContain('本日締切');
    // A day that is not a date: one line, exit 2.
    const bad = run(['--shard', '1/2', '--out', path.join(root, 'day-bad')], { SITE_TODAY: '2025-02-30' });
    expect(bad.status).toBe(2);
    expect(bad.output.trim()).toMatch(/^SITE_TODAY「2025-02-30」は日付として読めません。/);
  }, 600_000);

  it('a wrong --shard is one Japanese line and exit 2', () => {
    for (const bad of ['0/3', '4/3', 'a/b', '3']) {
      const r = run(['--shard', bad, '--out', path.join(root, 'bad')]);
      expect(r.status, bad).toBe(2);
      expect(r.output.trim()).toMatch(/^--shard「.*」は「番号\/総数」/);
    }
  });
});
