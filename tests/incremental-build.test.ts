// Incremental builds: after any sequence of edits (a report edited, added, removed or renamed, its
// cover's free text, an item a guide embeds, its notice, the organisation, its notice or the glossary
// changed, the day moving across a comment period's boundary, commits in git), the incremental build's
// site equals a cold build's (--full) file for file, byte for byte except the print stamp's date. An
// unchanged report is hard-linked from the previous site, so are the global pages when no summary
// changed (and a picture a report's notice brings stays in the builds after), and a killed incremental
// build leaves the previous site as it was.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { Repo } from './support/git-repo.ts';
import { seeded, type Random } from './support/seeded.ts';
import { siteSnapshot, snapshotDiff } from './support/site-compare.ts';
import { missingAssets, png, unnamedAssets } from './support/site-assets.ts';

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

/** The test content: the fixture, the glossary, report 3 as a draft under public comment, and a second
 * organisation in another prefecture with a report of 児童手当 (so that an edit leaves some organisation
 * and some 事務 unchanged: their pages are units of their own, global-units.ts). */
function setUp(): Repo {
  const repo = new Repo(path.join(root, 'repo'));
  fs.mkdirSync(repo.dir);
  repo.git('init', '-q', '-b', 'main');
  repo.git('config', 'user.name', '評価 太郎'); repo.git('config', 'user.email', 'staff@example.jp'); repo.git('config', 'commit.gpgsign', 'false');
  fs.cpSync('tests/fixtures/content', path.join(repo.dir, 'content'), { recursive: true });
  fs.cpSync('content/guides/glossary.md', path.join(repo.dir, 'content/guides/glossary.md'));
  // A guide that shows an item of report 2 (its page depends on that report's data, not its summary).
  fs.writeFileSync(path.join(repo.dir, 'content/guides/embed.mdx'), `---\ntitle: 事務の内容の例\ndescription: 評価書の項目を一つ示します。\norder: 9\n---\n\n${EMBED}\n`);
  const three = path.join(repo.dir, 'content/reports/test-shi/3.yaml');
  fs.writeFileSync(three, fs.readFileSync(three, 'utf8').replace('評価実施機関: test-shi\n', `評価実施機関: test-shi\n${PERIOD}`).replace('  公表日: 2025-04-25\n', '  公表日:\n'));
  const orgs = path.join(repo.dir, 'content/organisations');
  fs.writeFileSync(path.join(orgs, 'test-machi.yaml'), fs.readFileSync(path.join(orgs, 'test-shi.yaml'), 'utf8')
    .replace('名称: テスト市長', '名称: テスト町長').replace('団体名: テスト市', '団体名: テスト町').replace('都道府県: 東京都', '都道府県: 神奈川県').replace('"999997"', '"999989"'));
  fs.mkdirSync(path.join(repo.dir, 'content/reports/test-machi'));
  fs.writeFileSync(path.join(repo.dir, 'content/reports/test-machi/1.yaml'), fs.readFileSync(path.join(repo.dir, 'content/reports/test-shi/4.yaml'), 'utf8')
    .replace('評価実施機関: test-shi\n', '評価実施機関: test-machi\n').replace(/^(  評価書番号: ).*$/m, '$11'));
  repo.commit('2025-04-25', '最初の版');
  return repo;
}

const EMBED = '<ReportItem report="test-shi/2" item="Ⅰ-1-②" />';

type Edit = 'edit' | 'cover' | 'embedded' | 'add' | 'remove' | 'rename' | 'notice' | 'organisation' | 'organisationNotice' | 'glossary' | 'date' | 'category';
const EDITS: Edit[] = ['edit', 'cover', 'embedded', 'add', 'remove', 'rename', 'notice', 'organisation', 'organisationNotice', 'glossary', 'date', 'category'];
const DAYS = ['2025-11-30', '2025-12-15', '2026-01-05', '2026-01-06'];

/** Applies one edit to the content (or the day); returns the day the next builds run on. */
function apply(edit: Edit, repo: Repo, rnd: Random, step: number, today: string): string {
  const reports = path.join(repo.dir, 'content/reports/test-shi');
  const files = fs.readdirSync(reports).filter((f) => f.endsWith('.yaml')).sort();
  const any = () => path.join(reports, rnd.pick(files));
  // (report 2 stays: the guide embeds it)
  const anyButEmbedded = () => path.join(reports, rnd.pick(files.filter((f) => f !== '2.yaml')));
  const setNumber = (text: string, n: number) => text.replace(/^(  評価書番号: ).*$/m, `$1${n}`);
  switch (edit) {
    case 'edit': {
      const f = any();
      fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/^(  評価書名: .*)$/m, `$1（第${step}版）`));
      return today;
    }
    case 'cover': {
      // Free text of the cover that no list shows: the report's page changes, the global pages do not.
      const f = any();
      fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/^(    個人のプライバシー等の権利利益の保護の宣言の記載例。.*)$/m, `$1（第${step}版）`));
      return today;
    }
    case 'embedded': {
      const f = path.join(reports, '2.yaml');
      fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/^(      事務の内容の記載例。.*)$/m, `$1（第${step}版）`));
      return today;
    }
    case 'add': {
      const n = 50 + step * 10 + rnd.int(10);
      if (files.includes(`${n}.yaml`)) return today;
      fs.writeFileSync(path.join(reports, `${n}.yaml`), setNumber(fs.readFileSync(any(), 'utf8'), n));
      return today;
    }
    case 'remove': {
      if (files.length < 3) return today;
      const f = anyButEmbedded();
      fs.rmSync(f);
      fs.rmSync(f.replace(/\.yaml$/, '.notice.md'), { force: true }); // a notice goes with its report
      return today;
    }
    case 'rename': {
      const f = anyButEmbedded();
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
    case 'organisationNotice': {
      // Shown on the organisation's page only (a global page).
      fs.appendFileSync(path.join(repo.dir, 'content/organisations/test-shi.md'), `\n窓口の受付時間を変更しました（第${step}回）。\n`);
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
    case 'category': {
      // A report moves to another 事務 (perhaps one no report had, or leaving its 事務 with none).
      const f = any();
      fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/^事務分類: .*$/m, `事務分類: ${rnd.pick(['国民年金', '児童手当', '住民基本台帳'])}`));
      return today;
    }
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
    // Every kind of edit comes up, one per step. Most steps then commit (new git versions, new 変更箇所);
    // an edit only a report's page or a global page shows is left uncommitted, so that nothing else
    // changes what the global pages are made from: they are taken from the previous site unless the
    // edit itself is one of their inputs (page-keys.ts globalKey), and must still equal a cold build's.
    const order = [...EDITS, rnd.pick(EDITS)].sort(() => rnd.next() - 0.5);
    const UNCOMMITTED: Edit[] = ['cover', 'embedded', 'notice', 'organisationNotice'];
    for (let step = 1; step <= order.length; step++) {
      const edits = [order[step - 1]];
      for (const e of edits) today = apply(e, repo, rnd, step, today);
      if (!UNCOMMITTED.includes(edits[0]) && rnd.next() < 0.7) repo.commit(`2025-12-${String(step).padStart(2, '0')}`, `変更 ${step}: ${edits.join(', ')}`);
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
    expect(r.output).toContain(`1 件の評価書のページを作り、変わっていない ${files.length} 件は前回のサイトのものを使います。`);
    expect(fs.statSync(path.join(out, kept)).ino, 'the same file, linked').toBe(inode);
    expect(fs.readFileSync(path.join(out, `reports/test-shi/${files[0].replace(/\.yaml$/, '')}/index.html`), 'utf8')).toContain('（一件だけ変更）');
  }, 300_000);

  it('takes the global pages from the previous site when no summary changed, and makes them when one did', () => {
    // (not report 2, which a guide embeds: its whole data is on a global page)
    const file = path.join(content, 'reports/test-shi', fs.readdirSync(path.join(content, 'reports/test-shi')).filter((f) => f.endsWith('.yaml') && f !== '2.yaml').sort()[0]);
    const page = (rel: string) => path.join(out, rel);
    const globals = ['index.html', 'organisations/test-shi/index.html', 'compare/index.html', 'feed.xml', '404.html'];
    const before = new Map(globals.map((g) => [g, fs.statSync(page(g)).ino]));
    // The cover's 宣言 and the report's notice: on the report's page, in no list.
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^(    個人のプライバシー等の権利利益の保護の宣言の記載例。.*)$/m, '$1（宣言だけ変更）'));
    fs.writeFileSync(file.replace(/\.yaml$/, '.notice.md'), 'この評価書についての説明会を開きます（お知らせだけ変更）。\n');
    const kept = build(content, out, today);
    expect(kept.status, kept.output).toBe(0);
    expect(kept.output).toContain('全体のページ（ホーム・機関・比較・意見募集・フィード・ガイド）は変わらないので、前回のサイトのものを使います。');
    for (const g of globals) expect(fs.statSync(page(g)).ino, `${g}: the same file, linked`).toBe(before.get(g));
    const reportPage = fs.readFileSync(page(`reports/test-shi/${path.basename(file, '.yaml')}/index.html`), 'utf8');
    expect(reportPage).toContain('（宣言だけ変更）');
    expect(reportPage).toContain('（お知らせだけ変更）');
    // The title: on the organisation's list and its 事務's comparison. The other organisation's page and
    // the other 事務's comparisons are units whose reports did not change: linked, not made again.
    const category = /^事務分類: (.*)$/m.exec(fs.readFileSync(file, 'utf8'))![1];
    const others = ['organisations/test-machi/index.html', ...fs.readdirSync(page('compare'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== category).map((d) => `compare/${d.name}/index.html`)].filter((g) => fs.existsSync(page(g)));
    expect(others.length).toBeGreaterThan(1);
    const unitsBefore = new Map(others.map((g) => [g, fs.statSync(page(g)).ino]));
    const ownBefore = fs.statSync(page('organisations/test-shi/index.html')).ino;
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^(  評価書名: .*)$/m, '$1（題名も変更）'));
    const made = build(content, out, today);
    expect(made.status, made.output).toBe(0);
    expect(made.output).not.toContain('全体のページ（');
    expect(made.output).toMatch(/機関と比較のページのうち、変わっていない \d+ か所（機関ごと・事務ごと）は前回のサイトのものを使います。/);
    expect(fs.readFileSync(page('organisations/test-shi/index.html'), 'utf8')).toContain('（題名も変更）');
    expect(fs.statSync(page('organisations/test-shi/index.html')).ino).not.toBe(ownBefore);
    for (const g of others) expect(fs.statSync(page(g)).ino, `${g}: the same file, linked`).toBe(unitsBefore.get(g));
    const cold = path.join(root, 'cold-global', 'dist');
    const full = build(content, cold, today, ['--full']);
    expect(full.status, full.output).toBe(0);
    expect(snapshotDiff(siteSnapshot(out), siteSnapshot(cold))).toEqual([]);
  }, 300_000);

  it('keeps an image a report\'s notice brings while the global pages are reused, in the builds after', () => {
    const [first, second] = fs.readdirSync(path.join(content, 'reports/test-shi')).filter((f) => f.endsWith('.yaml') && f !== '2.yaml').sort();
    const notice = path.join(content, 'reports/test-shi', first.replace(/\.yaml$/, '.notice.md'));
    // A picture beside the notice: Astro writes it below _astro/ for the report's page alone.
    fs.writeFileSync(path.join(path.dirname(notice), 'route.png'), png(3, 2, [200, 0, 0]));
    fs.writeFileSync(notice, 'この評価書についての説明会を開きます。\n\n![会場までの道](./route.png)\n');
    const added = build(content, out, today);
    expect(added.status, added.output).toBe(0);
    expect(added.output).toContain('全体のページ（ホーム・機関・比較・意見募集・フィード・ガイド）は変わらないので');
    const page = path.join(out, `reports/test-shi/${first.replace(/\.yaml$/, '')}/index.html`);
    expect(fs.readFileSync(page, 'utf8')).toMatch(/<img [^>]*src="\/_astro\//);
    expect(missingAssets(out)).toEqual([]);
    // A picture in the other organisation's notice: on its page only (a unit of the global pages).
    const orgs = path.join(content, 'organisations');
    fs.writeFileSync(path.join(orgs, 'map.png'), png(2, 2, [0, 0, 200]));
    fs.writeFileSync(path.join(orgs, 'test-machi.md'), '---\ntitle: テスト町からのお知らせ\n---\n\n窓口の地図です。\n\n![窓口の地図](./map.png)\n');
    const orgNotice = build(content, out, today);
    expect(orgNotice.status, orgNotice.output).toBe(0);
    expect(fs.readFileSync(path.join(out, 'organisations/test-machi/index.html'), 'utf8')).toMatch(/<img [^>]*src="\/_astro\//);
    // Another report changed (its title: the global pages are made again, but not the other
    // organisation's page): the first report's page and test-machi's page are linked from the previous
    // site, and so must their pictures be.
    const other = path.join(content, 'reports/test-shi', second);
    fs.writeFileSync(other, fs.readFileSync(other, 'utf8').replace(/^(  評価書名: .*)$/m, '$1（画像の後）'));
    for (const step of [1, 2]) {
      const next = build(content, out, today);
      expect(next.status, next.output).toBe(0);
      if (step === 1) expect(next.output).toContain('1 件の評価書のページを作り');
      expect(next.output).toMatch(step === 1 ? /機関と比較のページのうち、変わっていない/ : /全体のページ（ホーム/);
      expect(missingAssets(out)).toEqual([]);
      expect(unnamedAssets(out)).toEqual([]);
    }
    // The picture replaced under the same name (the notice's text unchanged): the page shows the new
    // one, and the old one is no longer on the site.
    const imageOf = () => /<img [^>]*src="\/(_astro\/[^"]+)"/.exec(fs.readFileSync(page, 'utf8'))?.[1];
    const before = imageOf()!;
    fs.writeFileSync(path.join(path.dirname(notice), 'route.png'), png(3, 2, [0, 160, 0]));
    const replaced = build(content, out, today);
    expect(replaced.status, replaced.output).toBe(0);
    expect(replaced.output).toContain('1 件の評価書のページを作り');
    expect(imageOf()).toBeDefined();
    expect(imageOf()).not.toBe(before);
    expect(fs.existsSync(path.join(out, before))).toBe(false);
    expect(missingAssets(out)).toEqual([]);
    expect(unnamedAssets(out)).toEqual([]);
    // The picture taken out of the notice: gone from the site too.
    fs.writeFileSync(notice, 'この評価書についての説明会を開きます。\n');
    fs.rmSync(path.join(path.dirname(notice), 'route.png'));
    const removed = build(content, out, today);
    expect(removed.status, removed.output).toBe(0);
    expect(imageOf()).toBeUndefined();
    expect(unnamedAssets(out)).toEqual([]);
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
