// Incremental builds: after any sequence of edits (a report edited, added, removed or renamed, its
// notice, the organisation or the glossary changed, the day moving across a comment period's
// boundary, commits in git), the incremental build's site equals a cold build's (--full) file for
// file, byte for byte except the print stamp's date. An unchanged report is hard-linked from the
// previous site, and a killed incremental build leaves the previous site as it was.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { Repo } from './support/git-repo.ts';
import { seeded, type Random } from './support/seeded.ts';
import { siteSnapshot, snapshotDiff } from './support/site-compare.ts';

const SEED = Number(process.env.SEED ?? 2311);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'incremental-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function build(content: string, out: string, today: string, extra: string[] = []) {
  const r = spawnSync(process.execPath, ['scripts/build.ts', ...extra], { encoding: 'utf8', env: { ...process.env, CONTENT_DIR: content, OUT_DIR: out, SITE_TODAY: today, ASTRO_TELEMETRY_DISABLED: '1' } });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

const PERIOD = `公開状態:
  状態: 意見募集中
  意見募集:
    開始日: 2025-12-01
    終了日: 2026-01-05
    提出方法: 意見書をメールで提出してください。
    提出先メール: iken@example.jp
`;

/** The test content: the fixture, the glossary, and report 3 as a draft under public comment. */
function setUp(): Repo {
  const repo = new Repo(path.join(root, 'repo'));
  fs.mkdirSync(repo.dir);
  repo.git('init', '-q', '-b', 'main');
  repo.git('config', 'user.name', '評価 太郎'); repo.git('config', 'user.email', 'staff@example.jp'); repo.git('config', 'commit.gpgsign', 'false');
  fs.cpSync('tests/fixtures/content', path.join(repo.dir, 'content'), { recursive: true });
  fs.cpSync('content/guides/glossary.md', path.join(repo.dir, 'content/guides/glossary.md'));
  const three = path.join(repo.dir, 'content/reports/test-shi/3.yaml');
  fs.writeFileSync(three, fs.readFileSync(three, 'utf8').replace('評価実施機関: test-shi\n', `評価実施機関: test-shi\n${PERIOD}`).replace('  公表日: 2025-04-25\n', '  公表日:\n'));
  repo.commit('2025-04-25', '最初の版');
  return repo;
}

type Edit = 'edit' | 'add' | 'remove' | 'rename' | 'notice' | 'organisation' | 'glossary' | 'date';
const EDITS: Edit[] = ['edit', 'add', 'remove', 'rename', 'notice', 'organisation', 'glossary', 'date'];
const DAYS = ['2025-11-30', '2025-12-15', '2026-01-05', '2026-01-06'];

/** Applies one edit to the content (or the day); returns the day the next builds run on. */
function apply(edit: Edit, repo: Repo, rnd: Random, step: number, today: string): string {
  const reports = path.join(repo.dir, 'content/reports/test-shi');
  const files = fs.readdirSync(reports).filter((f) => f.endsWith('.yaml')).sort();
  const any = () => path.join(reports, rnd.pick(files));
  const setNumber = (text: string, n: number) => text.replace(/^(  評価書番号: ).*$/m, `$1${n}`);
  switch (edit) {
    case 'edit': {
      const f = any();
      fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/^(  評価書名: .*)$/m, `$1（第${step}版）`));
      return today;
    }
    case 'add': {
      const n = 50 + step * 10 + rnd.int(10);
      if (files.includes(`${n}.yaml`)) return today;
      fs.writeFileSync(path.join(reports, `${n}.yaml`), setNumber(fs.readFileSync(any(), 'utf8'), n));
      return today;
    }
    case 'remove': {
      if (files.length < 2) return today;
      const f = any();
      fs.rmSync(f);
      fs.rmSync(f.replace(/\.yaml$/, '.notice.md'), { force: true }); // a notice goes with its report
      return today;
    }
    case 'rename': {
      const f = any();
      const n = 100 + step * 10 + rnd.int(10);
      if (files.includes(`${n}.yaml`)) return today;
      fs.writeFileSync(path.join(reports, `${n}.yaml`), setNumber(fs.readFileSync(f, 'utf8'), n));
      fs.rmSync(f);
      const notice = f.replace(/\.yaml$/, '.notice.md');
      if (fs.existsSync(notice)) fs.renameSync(notice, path.join(reports, `${n}.notice.md`));
      return today;
    }
    case 'notice': {
      // A report's notice (<name>.notice.md) is shown on its page: written anew or changed.
      const f = any().replace(/\.yaml$/, '.notice.md');
      fs.writeFileSync(f, `この評価書についての説明会を開きます（第${step}回）。\n`);
      return today;
    }
    case 'organisation': {
      const f = path.join(repo.dir, 'content/organisations/test-shi.yaml');
      // 名称 is what report pages print (breadcrumbs, the print stamp, the header).
      fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/^名称: .*$/m, `名称: テスト市長（第${step}版）`));
      return today;
    }
    case 'glossary': {
      const f = path.join(repo.dir, 'content/guides/glossary.md');
      const term = rnd.pick(['事務担当部署', '保有開始日', '評価実施機関']);
      fs.appendFileSync(f, `\n## ${term}\n\n${term}の説明（${step}）です。\n`);
      return today;
    }
    case 'date':
      return rnd.pick(DAYS.filter((d) => d !== today));
  }
}

describe(`incremental builds (seed ${SEED})`, () => {
  const repo = setUp();
  const content = path.join(repo.dir, 'content');
  const out = path.join(root, 'incremental', 'dist');
  let today = '2025-12-15';

  it('equal a cold build after every step of a random edit sequence', () => {
    const first = build(content, out, today);
    expect(first.status, first.output).toBe(0);
    const rnd = seeded(SEED);
    // Every kind of edit comes up; each step applies three of them, then commits (new git versions).
    const order = [...EDITS, rnd.pick(EDITS)].sort(() => rnd.next() - 0.5);
    for (let step = 1; step <= 3; step++) {
      const edits = order.slice((step - 1) * 3, step * 3);
      for (const e of edits) today = apply(e, repo, rnd, step, today);
      repo.commit(`2025-12-${String(step).padStart(2, '0')}`, `変更 ${step}: ${edits.join(', ')}`);
      const inc = build(content, out, today);
      expect(inc.status, inc.output).toBe(0);
      const cold = path.join(root, `cold-${step}`, 'dist');
      const full = build(content, cold, today, ['--full']);
      expect(full.status, full.output).toBe(0);
      expect(snapshotDiff(siteSnapshot(out), siteSnapshot(cold)), `step ${step} (${edits.join(', ')}, day ${today}, seed ${SEED})`).toEqual([]);
      fs.rmSync(path.dirname(cold), { recursive: true, force: true });
    }
  }, 900_000);

  it('renders only the changed report and hard-links the others from the previous site', () => {
    const files = fs.readdirSync(path.join(content, 'reports/test-shi')).filter((f) => f.endsWith('.yaml')).sort();
    expect(files.length).toBeGreaterThan(1);
    const kept = `reports/test-shi/${files[1].replace(/\.yaml$/, '')}/index.html`;
    const inode = fs.statSync(path.join(out, kept)).ino;
    const changed = path.join(content, 'reports/test-shi', files[0]);
    fs.writeFileSync(changed, fs.readFileSync(changed, 'utf8').replace(/^(  評価書名: .*)$/m, '$1（一件だけ変更）'));
    const r = build(content, out, today);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain(`1 件の評価書のページを作り、変わっていない ${files.length - 1} 件は前回のサイトのものを使います。`);
    expect(fs.statSync(path.join(out, kept)).ino, 'the same file, linked').toBe(inode);
    expect(fs.readFileSync(path.join(out, `reports/test-shi/${files[0].replace(/\.yaml$/, '')}/index.html`), 'utf8')).toContain('（一件だけ変更）');
  }, 300_000);

  it('a killed incremental build leaves the previous site byte for byte', async () => {
    const link = fs.readlinkSync(out);
    const before = siteSnapshot(out);
    const f = path.join(content, 'reports/test-shi', fs.readdirSync(path.join(content, 'reports/test-shi')).filter((n) => n.endsWith('.yaml')).sort()[0]);
    fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/^(  評価書名: .*)$/m, '$1（中断される版）'));
    const child = spawn(process.execPath, ['scripts/build.ts'], { detached: true, stdio: 'ignore', env: { ...process.env, CONTENT_DIR: content, OUT_DIR: out, SITE_TODAY: today, ASTRO_TELEMETRY_DISABLED: '1' } });
    // Killed while Astro renders (its work folder exists), with its whole process group.
    const started = Date.now();
    while (!(fs.existsSync('.build') && fs.readdirSync('.build').some((n) => n.startsWith(`${child.pid}-`))) && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500));
    process.kill(-child.pid!, 'SIGKILL');
    await new Promise((r) => child.on('close', r));
    expect(fs.readlinkSync(out)).toBe(link);
    expect(snapshotDiff(siteSnapshot(out), before)).toEqual([]);
  }, 300_000);
});
