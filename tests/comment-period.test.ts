// Public comment (意見聴取): a draft under comment shows the banner, the submission route, per-item
// comment links and the 新旧対照 against the version last published; a closed period shows no banner.
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML, DOMParser } from 'linkedom';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { commentState } from '../src/lib/site/comment-period.ts';
import type { Report } from '../src/lib/content/content-store.ts';
import { buildSite } from './support/global-setup.ts';
import { Repo } from './support/git-repo.ts';
import { launch } from './support/browser.ts';
import { serve } from './support/static-server.ts';
import { axe, formatViolations } from './support/axe.ts';
import { checkLinks } from './support/site-pages.ts';
import { HtmlValidate } from 'html-validate';

const sites = inject('sites');
const FIXTURE = 'tests/fixtures/content';
const DRAFT_STATE = `公開状態:
  状態: 意見募集中
  意見募集:
    開始日: 2025-12-01
    終了日: 2026-01-05
    提出方法: 意見書に住所・氏名を書き、メールか郵送で提出してください。
    提出先メール: iken@example.jp
    提出先住所: 〒100-0000 テスト市役所 情報政策課
`;

/** A repository whose report 3 was published, then turned into a draft that changes one item. */
function draftRepo(): { repo: Repo; report: string } {
  const repo = new Repo();
  fs.cpSync(FIXTURE, path.join(repo.dir, 'content'), { recursive: true });
  repo.commit('2025-04-25', '公表版\n\nChange-Log: import');
  const report = path.join(repo.dir, 'content/reports/test-shi/3.yaml');
  let text = fs.readFileSync(report, 'utf8');
  text = text.replace('評価実施機関: test-shi\n', `評価実施機関: test-shi\n${DRAFT_STATE}`).replace('  公表日: 2025-04-25\n', '  公表日:\n');
  text = text.replace(/(      事務担当部署: )\|-\n(        .*\n)+/, '$1案で変わる事務担当部署\n');
  fs.writeFileSync(report, text);
  // (and a draft whose number is not printed yet: its pages say so, never 「評価書番号 ）」)
  const kiso = fs.readFileSync(path.join(repo.dir, 'content/reports/test-shi/4.yaml'), 'utf8').replace(/^ {2}評価書番号: 4$/m, '  評価書番号:').replace(/^ {2}公表日: .*$/m, '  公表日:');
  fs.writeFileSync(path.join(repo.dir, 'content/reports/test-shi/draft-kiso.yaml'), kiso);
  repo.commit('2025-11-20', '評価書の案（意見募集）');
  return { repo, report };
}

describe('a draft under public comment', () => {
  let doc: Document;
  let out: string;
  beforeAll(() => {
    const { repo } = draftRepo();
    out = path.join(repo.dir, 'dist');
    const r = buildSite(path.join(repo.dir, 'content'), out, { SITE_TODAY: '2025-12-15' });
    expect(r.status, r.output).toBe(0);
    doc = parseHTML(fs.readFileSync(path.join(out, 'reports/test-shi/3/index.html'), 'utf8')).document as unknown as Document;
  }, 120_000);

  it('shows the banner with the period in 和暦, the days left and how to submit', () => {
    const banner = doc.querySelector('.comment-banner')!;
    expect(banner).not.toBeNull();
    expect(banner.textContent).toContain('令和7年12月1日');
    expect(banner.textContent).toContain('令和8年1月5日');
    expect(banner.querySelector('[data-deadline="2026-01-05"]')!.textContent).toContain('あと21日');
    expect(banner.textContent).toContain('意見書に住所・氏名を書き');
    expect(banner.textContent).toContain('テスト市役所 情報政策課');
    expect(banner.querySelector('a[href^="mailto:iken@example.jp"]')).not.toBeNull();
  });

  it('lists what the draft changes against the published version, linked to each item', () => {
    const rows = [...doc.querySelectorAll('#新旧対照 tbody tr')];
    const changed = rows.find((r) => r.textContent!.includes('⑥事務担当部署'))!;
    expect(changed).toBeDefined();
    expect(changed.querySelector('td[data-label="現行"]')!.textContent).toContain('事務担当部署の記載例');
    expect(changed.querySelector('td[data-label="案"]')!.textContent).toContain('案で変わる事務担当部署');
    const href = decodeURIComponent(changed.querySelector('a')!.getAttribute('href')!);
    expect(href).toBe('#Ⅱ(1)-2-⑥');
    expect(doc.getElementById('Ⅱ(1)-2-⑥')).not.toBeNull();
  });

  // The page was built during the period; read after its deadline (before the site is built again),
  // its banner said 「意見を募集しています」 above 「募集は終了しました」 and still offered every route.
  it('in Chromium, read after the deadline, says the period has ended and offers no route; read during it, counts the days', async () => {
    const [browser, server] = await Promise.all([launch(), serve(out)]);
    try {
      for (const [now, ended] of [['2025-12-20T10:00:00+09:00', false], ['2026-01-05T23:00:00+09:00', false], ['2026-01-06T00:30:00+09:00', true]] as const) {
        const page = await browser.newPage();
        await page.clock.setFixedTime(new Date(now));
        await page.goto(`${server.origin}/reports/test-shi/3/`);
        const heading = await page.locator('.comment-banner h2').textContent();
        expect(heading, now).toBe(ended ? 'この評価書（案）の意見募集は終了しました' : 'この評価書（案）について意見を募集しています');
        expect(await page.locator('.comment-banner .banner-actions').isVisible(), now).toBe(!ended);
        expect(await page.locator('.comment-link:visible').count() > 0, now).toBe(!ended);
        expect(await page.locator('.days-left').textContent(), now).toBe(ended ? '（募集は終了しました）' : now.startsWith('2026-01-05') ? '（本日締切）' : '（締切まであと16日）');
        // On paper: the routes and how to name an item during the period; none of them after it.
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('.comment-banner p.print-only').isVisible(), `${now} print`).toBe(!ended);
        expect(await page.locator('.comment-banner .banner-actions').isVisible(), `${now} print`).toBe(!ended);
        expect(await page.locator('.comment-banner').textContent(), now).toContain('iken@example.jp');
        await page.close();
      }
    } finally { await browser.close(); await server.close(); }
  }, 60_000);

  it('names a draft without a number as such on every page, never 「評価書番号 ）」', () => {
    const pages = ['reports/test-shi/draft-kiso/index.html', 'reports/test-shi/draft-kiso/history/index.html', 'organisations/test-shi/index.html'];
    for (const rel of pages) {
      const text = parseHTML(fs.readFileSync(path.join(out, rel), 'utf8')).document.body.textContent!;
      expect(text, rel).not.toMatch(/評価書番号\s*[）)]/);
    }
    expect(parseHTML(fs.readFileSync(path.join(out, pages[0]), 'utf8')).document.querySelector('main')!.textContent).toContain('評価書番号の記載なし');
  });

  it('lets a reader comment on one item, with the report and item prefilled', () => {
    const item = doc.getElementById('Ⅱ(1)-2-⑥')!;
    const link = item.querySelector('.comment-link a')!;
    expect(link.textContent).toContain('この項目について意見を書く');
    const href = link.getAttribute('href')!;
    expect(href.startsWith('mailto:iken@example.jp?subject=')).toBe(true);
    const subject = decodeURIComponent(href.split('subject=')[1].split('&')[0]);
    // (the whole number: 「⑥ 事務担当部署」 alone is in every file of the report)
    expect(subject).toContain('Ⅱ (1) 2. ⑥ 事務担当部署');
    expect(decodeURIComponent(href)).toContain('/reports/test-shi/3/#');
  });

  it('names the entry an item is in by its name too, and lets a reader comment on a whole entry', () => {
    const subjectOf = (a: Element) => decodeURIComponent(a.getAttribute('href')!.split('subject=')[1].split('&')[0]);
    const entry = doc.getElementById('Ⅱ(1)-4-委託事項1')!;
    const [own, ...inner] = [...entry.querySelectorAll('.comment-link a')];
    expect(own.textContent).toContain('この項目全体について意見を書く');
    // (the file it is in is named too: 「(1)「…ファイル名…」」)
    expect(subjectOf(own)).toMatch(/Ⅱ \(1\) 4\. 委託事項1 .*（\(1\)「特定個人情報ファイル名の記載例。[^」]*」、委託事項1「名称の記載例。 ・箇条書き一つ目 ・箇条書き二つ目」）$/);
    expect(inner.length).toBeGreaterThan(3);
    for (const a of inner) {
      expect(subjectOf(a)).toMatch(/委託事項1 .+、委託事項1「名称の記載例。 ・箇条書き一つ目 ・箇条書き二つ目」）$/);
      expect(a.querySelector('.visually-hidden')!.textContent).toContain('委託事項1「名称の記載例。');
    }
  });
});

describe('after the period', () => {
  it('shows no banner, and says the period has ended', () => {
    const { repo } = draftRepo();
    const out = path.join(repo.dir, 'dist');
    const r = buildSite(path.join(repo.dir, 'content'), out, { SITE_TODAY: '2026-02-01' });
    expect(r.status, r.output).toBe(0);
    const doc = parseHTML(fs.readFileSync(path.join(out, 'reports/test-shi/3/index.html'), 'utf8')).document;
    expect(doc.querySelector('.comment-banner')).toBeNull();
    expect(doc.querySelector('.comment-link')).toBeNull();
    expect(doc.querySelector('.notice')!.textContent).toContain('は終了しました');
  }, 120_000);
});

describe('a proposal before its period, and a period with no route', () => {
  // Report 3 is put to comment from 12月1日 and keeps the 公表日 of the report in force on its cover; a
  // new report 9 (no earlier version) is under comment until the day the site is built, with no route.
  let out: string;
  const page = (rel: string) => parseHTML(fs.readFileSync(path.join(out, rel, 'index.html'), 'utf8')).document;
  beforeAll(() => {
    const repo = new Repo();
    fs.cpSync(FIXTURE, path.join(repo.dir, 'content'), { recursive: true });
    repo.commit('2025-04-25', '公表版\n\nChange-Log: import');
    const three = path.join(repo.dir, 'content/reports/test-shi/3.yaml');
    const text = fs.readFileSync(three, 'utf8');
    expect(text).toContain('  公表日: 2025-04-25\n');
    fs.writeFileSync(three, text.replace('評価実施機関: test-shi\n', `評価実施機関: test-shi\n${DRAFT_STATE}`).replace(/(      事務担当部署: )\|-\n(        .*\n)+/, '$1案で変わる事務担当部署\n'));
    const two = fs.readFileSync(path.join(repo.dir, 'content/reports/test-shi/2.yaml'), 'utf8');
    // (its 変更箇所 as a new report's: none)
    const nine = two.replace(/^ {2}評価書番号: 2$/m, '  評価書番号: 9').replace(/^ {2}公表日: .*$/m, '  公表日:').replace(/^変更箇所:\n[^]*$/m, '変更箇所: []\n')
      .replace('評価実施機関: test-shi\n', '評価実施機関: test-shi\n公開状態:\n  状態: 意見募集中\n  意見募集:\n    開始日: 2025-11-01\n    終了日: 2025-11-30\n');
    fs.writeFileSync(path.join(repo.dir, 'content/reports/test-shi/9.yaml'), nine);
    repo.commit('2025-10-20', '評価書の案（意見募集）');
    out = path.join(repo.dir, 'dist');
    const r = buildSite(path.join(repo.dir, 'content'), out, { SITE_TODAY: '2025-11-30' });
    expect(r.status, r.output).toBe(0);
  }, 180_000);

  it('says from the day the period is announced that the page shows a proposal, not the report in force', () => {
    const doc = page('reports/test-shi/3');
    expect(doc.querySelector('.comment-banner')).toBeNull();
    expect([...doc.querySelectorAll('.notice')].map((n) => n.textContent).join('')).toContain('この評価書は案です（公表中の評価書ではありません）。意見募集は 令和7年12月1日 から 令和8年1月5日 までの予定です。公表中の評価書との違いは新旧対照で確かめられます。');
    expect(doc.querySelector('[data-pagefind-meta="status:案"]')).not.toBeNull();
    expect(doc.querySelector('.original-notice')!.textContent).toContain('公表した評価書（案）を転記');
    expect(doc.querySelector('.summary')!.textContent).toContain('令和7年4月25日（意見募集の案。表紙の公表日）');
    expect([...doc.querySelectorAll('#新旧対照 tbody tr')].map((r) => r.textContent).join('')).toContain('案で変わる事務担当部署');
  });

  it('keeps the report in force readable in full while its proposal is on the report\'s page', () => {
    const inForce = page('reports/test-shi/3/in-force');
    const main = inForce.querySelector('main')!.textContent!;
    // the text in force, not the proposal's; its 公表日 and its own 変更箇所
    expect(main).not.toContain('案で変わる事務担当部署');
    const proposal = fs.readFileSync(path.join(out, '../content/reports/test-shi/3.yaml'), 'utf8');
    const before = (fs.readFileSync(path.join(FIXTURE, 'reports/test-shi/3.yaml'), 'utf8').match(/ {6}事務担当部署: \|-\n((?: {8}.*\n)+)/)![1]).split('\n').map((l) => l.trim()).filter(Boolean);
    expect(proposal).not.toContain(before[0]);
    for (const line of before) expect(main).toContain(line);
    expect(inForce.querySelector('h1')!.textContent).toContain('（公表中の版）');
    const notices = [...inForce.querySelectorAll('.notice')].map((n) => n.textContent).join('');
    expect(notices).toMatch(/いま公表されている評価書です.*版の日付 令和7年4月25日（このサイトに転記した日）.*意見募集が予定されています（令和7年12月1日～令和8年1月5日）/);
    expect(inForce.querySelector('.notice a')!.getAttribute('href')).toMatch(/\/reports\/test-shi\/3\/$/);
    // no comment link, no 案 in search, and not indexed twice
    expect(inForce.querySelector('.comment-link')).toBeNull();
    expect(inForce.querySelector('[data-pagefind-body]')).toBeNull();
    // its data is the version's
    const yaml = inForce.querySelector('#downloads a[href$=".yaml"]')!.getAttribute('href')!;
    expect(fs.readFileSync(path.join(out, yaml.replace(/^\/+/, '')), 'utf8')).toContain(before[0]);
    // the proposal's page points to it; a new report (no version in force) has none
    const links = [...page('reports/test-shi/3').querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links.filter((h) => h?.endsWith('/reports/test-shi/3/in-force/'))).toHaveLength(2);
    expect(fs.existsSync(path.join(out, 'reports/test-shi/9/in-force'))).toBe(false);
    expect([...page('reports/test-shi/9').querySelectorAll('a')].some((a) => a.getAttribute('href')?.includes('in-force'))).toBe(false);
    // a report in force is its own page: no second one
    expect(fs.existsSync(path.join(out, 'reports/test-shi/2/in-force'))).toBe(false);
  });

  it('gives the page of the report in force the quality of every page: valid HTML, links that resolve, no axe violation at phone width', async () => {
    const validator = new HtmlValidate(JSON.parse(fs.readFileSync('.htmlvalidate.json', 'utf8')));
    for (const rel of ['reports/test-shi/3/in-force', 'reports/test-shi/3']) {
      const report = await validator.validateString(fs.readFileSync(path.join(out, rel, 'index.html'), 'utf8'), rel);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${rel}:${m.line} [${m.ruleId}] ${m.message}`))).toEqual([]);
    }
    expect(checkLinks(out).problems).toEqual([]);
    const [browser, server] = await Promise.all([launch(), serve(out)]);
    try {
      // (axe is injected as a script: the site's own CSP would refuse it)
      const p = await (await browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 740 } })).newPage();
      await p.goto(`${server.origin}/reports/test-shi/3/in-force/`);
      expect(formatViolations('in-force', await axe(p))).toBe('');
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    } finally { await browser.close(); await server.close(); }
  }, 60_000);

  it('is announced as a comment period, never as a publication, on the home page (once it has started) and in the feed', () => {
    const recent = (id: string) => [...page('').querySelectorAll('.recent li')].filter((li) => li.querySelector('a')!.getAttribute('href')!.endsWith(`/reports/${id}/`)).map((li) => li.textContent);
    // (report 3's period starts after the build's day: not yet an update, and its kept 公表日 is none
    // either; its newest update is a row of its own 変更箇所. Report 9's period has started)
    expect(recent('test-shi/3')).toEqual([expect.stringMatching(/^令和6年11月1日 変更（1項目）/)]);
    expect(recent('test-shi/9')).toEqual([expect.stringContaining('令和7年11月1日 意見募集（案）の開始')]);
    const feed = new DOMParser().parseFromString(fs.readFileSync(path.join(out, 'feed.xml'), 'utf8'), 'text/xml');
    const titles = [...feed.querySelectorAll('entry')].filter((e) => e.querySelector('id')!.textContent!.includes(':test-shi/3:')).map((e) => e.querySelector('title')!.textContent!);
    expect(titles.filter((t) => t.startsWith('公表:'))).toEqual([]);
    expect(titles.filter((t) => t.startsWith('意見募集:'))).toHaveLength(1);
    const summary = [...feed.querySelectorAll('entry')].find((e) => e.querySelector('id')!.textContent!.includes(':test-shi/3:comment:'))!.querySelector('summary')!.textContent!;
    expect(summary).toContain('意見を募集します（予定）。');
  });

  it("says in the data too what the page says: a draft, and where it stands in its period on the build's day", () => {
    const json = (id: string) => JSON.parse(fs.readFileSync(path.join(out, 'reports', id, 'report.json'), 'utf8'));
    expect(json('test-shi/3')['サイトでの状態']).toEqual({ 状態: '意見募集予定（案）', 案: true, 意見募集中: false });
    expect(json('test-shi/9')['サイトでの状態']).toEqual({ 状態: '意見募集中（案）', 案: true, 意見募集中: true });
    expect(json('test-shi/2')['サイトでの状態']).toEqual({ 状態: '公表中', 案: false });
    // each version's JSON says whether that version was a draft
    const history = path.join(out, 'reports/test-shi/3/history');
    const versions = fs.readdirSync(history).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(fs.readFileSync(path.join(history, f), 'utf8')));
    expect(versions.map((v) => v['案']).sort()).toEqual([false, true]);
  });

  it('on the last day says 本日締切; with no route, says none is known and offers no per-item comment; a new report says the whole draft is proposed', () => {
    const doc = page('reports/test-shi/9');
    const banner = doc.querySelector('.comment-banner')!;
    expect(banner.querySelector('[data-deadline="2025-11-30"]')!.textContent).toBe('（このページの作成時点で、本日締切）');
    expect(banner.querySelector('.route-unknown')!.textContent).toContain('意見の出し方（提出先）は、このサイトに登録されていません');
    // (and no empty list of ways to send an opinion)
    expect(banner.querySelector('.banner-actions')).toBeNull();
    expect(banner.textContent).not.toContain('この項目について意見を書く');
    expect(doc.querySelector('.comment-link')).toBeNull();
    expect(doc.querySelector('#新旧対照 .blank')!.textContent).toContain('新しく作る評価書なら、全体が意見募集の対象です');
    expect(page('comments').querySelector('main')!.textContent).toContain('（このページの作成時点で本日締切）');
  });
});

describe('commentState', () => {
  const report = (state: Record<string, unknown> | undefined, published = true) => ({ head: { 公開状態: state, 表紙: { 公表日: published ? '2025-04-25' : null } } }) as unknown as Report;
  const period = { 開始日: '2025-12-01', 終了日: '2026-01-05' };
  it('follows the dates even when the YAML still says 意見募集中', () => {
    expect(commentState(report({ 状態: '意見募集中', 意見募集: period }, false), '2025-11-30').status).toBe('意見募集予定');
    expect(commentState(report({ 状態: '意見募集中', 意見募集: period }, false), '2025-12-01')).toMatchObject({ status: '意見募集中', open: true, daysLeft: 35 });
    expect(commentState(report({ 状態: '意見募集中', 意見募集: period }, false), '2026-01-05')).toMatchObject({ open: true, daysLeft: 0 });
    expect(commentState(report({ 状態: '意見募集中', 意見募集: period }, false), '2026-01-06')).toMatchObject({ status: '意見募集終了・確定待ち', open: false });
  });
  it('keeps 公表中 and 事務終了 as declared', () => {
    expect(commentState(report({ 状態: '公表中', 意見募集: period }), '2025-12-10').status).toBe('公表中');
    expect(commentState(report({ 状態: '事務終了' }), '2025-12-10').status).toBe('事務終了');
    expect(commentState(report(undefined), '2025-12-10').status).toBe('公表中');
    expect(commentState(report(undefined, false), '2025-12-10').status).toBe('案');
  });
});

describe('this site', () => {
  const page = (rel: string) => parseHTML(fs.readFileSync(path.join(sites.content, rel, 'index.html'), 'utf8')).document;
  it('shows 熊本市 住民基本台帳, whose source ends with a revision put to comment, in its true state', () => {
    const doc = page('reports/kumamoto-shi/1');
    const c = commentState({ head: JSON.parse(fs.readFileSync(path.join(sites.content, 'reports/kumamoto-shi/1/report.json'), 'utf8')) } as Report);
    expect(c.period).toEqual(expect.objectContaining({ start: '2025-12-01', end: '2026-01-05' }));
    if (c.open) expect(doc.querySelector('.comment-banner')).not.toBeNull();
    else {
      expect(doc.querySelector('.comment-banner')).toBeNull();
      expect(doc.querySelector('.notice')!.textContent).toContain('令和8年1月5日');
    }
    // the changes put to comment are the 変更箇所 rows that have no 変更日 yet
    const pending = JSON.parse(fs.readFileSync(path.join(sites.content, 'reports/kumamoto-shi/1/report.json'), 'utf8'))['変更箇所'].filter((r: any) => !r['変更日']);
    expect(doc.querySelectorAll('#新旧対照 tbody tr')).toHaveLength(pending.length);
  });
  it('lists comment periods', () => {
    const text = page('comments').querySelector('main')!.textContent!;
    expect(text).toContain('住民基本台帳に関する事務');
    expect(text).toContain('令和7年12月1日');
  });
  it('publishes a valid Atom feed with entries for reports and comment periods', () => {
    const xml = fs.readFileSync(path.join(sites.content, 'feed.xml'), 'utf8');
    const feed = new DOMParser().parseFromString(xml, 'text/xml');
    const root = feed.documentElement;
    expect(root.tagName).toBe('feed');
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2005/Atom');
    for (const tag of ['id', 'title', 'updated', 'author']) expect(root.querySelector(tag), tag).not.toBeNull();
    const entries = [...root.querySelectorAll('entry')];
    const reports = fs.readdirSync('content/reports').flatMap((o) => fs.readdirSync(`content/reports/${o}`));
    expect(entries.filter((e) => e.querySelector('title')!.textContent!.startsWith('公表:')).length).toBe(reports.length - 1); // the draft has no 公表日
    expect(entries.some((e) => e.querySelector('title')!.textContent!.startsWith('意見募集:'))).toBe(true);
    const ids = entries.map((e) => e.querySelector('id')!.textContent);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of entries) {
      expect(e.querySelector('id')!.textContent).toMatch(/^tag:[^:/]+,\d{4}:/);
      expect(e.querySelector('updated')!.textContent).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/);
      expect(e.querySelector('link')!.getAttribute('href')).toMatch(/^https?:\/\//);
    }
  });
});
