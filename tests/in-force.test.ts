// The report in force keeps a page of its own while its file holds a draft (/reports/<id>/in-force/),
// through a report's whole life in git: published, changed, put to comment, published again, put to
// comment again; replaced by a draft of another 様式; revised as a draft with no comment period; and
// with a version in force that this site cannot read (no page, and the build goes on).
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from './support/global-setup.ts';
import { Repo } from './support/git-repo.ts';

const FIXTURE = 'tests/fixtures/content';
const COMMENT = (start: string, end: string) => ({ 状態: '意見募集中', 意見募集: { 開始日: start, 終了日: end, 提出先メール: 'iken@example.jp' } });

let repo: Repo;
let out: string;
const ids: Record<string, string> = {};
const page = (rel: string) => parseHTML(fs.readFileSync(path.join(out, rel, 'index.html'), 'utf8')).document;
const text = (rel: string) => page(rel).querySelector('main')!.textContent!.replace(/\s+/g, ' ');

beforeAll(() => {
  repo = new Repo();
  const dir = path.join(repo.dir, 'content/reports/test-shi');
  fs.cpSync(FIXTURE, path.join(repo.dir, 'content'), { recursive: true });
  const read = (n: string) => parseDocument(fs.readFileSync(path.join(dir, `${n}.yaml`), 'utf8')).toJS() as Record<string, any>;
  const write = (n: string, d: Record<string, any>) => fs.writeFileSync(path.join(dir, `${n}.yaml`), parseDocument(JSON.stringify(d)).toString({ lineWidth: 0 }));
  // Report 5: a copy of 3 under its own number.
  const five = read('3');
  five['表紙']['評価書番号'] = 5;
  write('5', five);
  repo.commit('2025-04-25', '公表版\n\nChange-Log: import');

  const two = read('2');
  two['基本情報']['特定個人情報ファイルを取り扱う事務']['事務の内容'] = '二番の事務の内容（公表中の版で変えたもの）';
  write('2', two);
  repo.commit('2025-05-20', '2 の事務の内容\n\nSubmission: 事後');
  // (a version of 5 whose 様式 this site does not know, still stating its 公表日)
  write('5', { ...five, 様式: '全項目評価書書' });
  repo.commit('2025-05-25', '5 の様式の書き誤り');

  const three = read('3');
  three['表紙']['特記事項'] = '公表中の版で変えた特記事項';
  write('3', three);
  repo.commit('2025-06-01', '3 の特記事項\n\nSubmission: 事後');
  three['表紙']['公表日'] = null;
  three['表紙']['特記事項'] = '一度目の案の特記事項';
  write('3', { 公開状態: COMMENT('2025-08-10', '2025-09-10'), ...three });
  ids.firstDraft = repo.commit('2025-08-01', '3 の案（意見募集）\n\nSubmission: 事前');
  // the draft is published as it stood: only its 公表日 and 公開状態 change
  three['表紙']['公表日'] = '2025-10-01';
  write('3', three);
  ids.published = repo.commit('2025-10-01', '3 の案を公表');
  // (then a change set in which no item changes: a memo line)
  fs.writeFileSync(path.join(dir, '3.yaml'), `# 編集者のメモ\n${fs.readFileSync(path.join(dir, '3.yaml'), 'utf8')}`);
  ids.quiet = repo.commit('2025-10-15', '3 にメモ');

  // Put to comment again, keeping the 公表日 of the report in force on the cover.
  three['表紙']['特記事項'] = '二度目の案の特記事項';
  write('3', { 公開状態: COMMENT('2025-12-01', '2026-01-05'), ...three });
  // 2 is re-evaluated in the fuller form: a 全項目評価書 draft in the same file.
  const full = read('3');
  write('2', { 公開状態: COMMENT('2025-12-01', '2026-01-05'), ...full, 表紙: { ...full['表紙'], 評価書番号: 2, 公表日: null } });
  // 4 (基礎項目評価書) is revised as a draft that is not put to comment.
  const four = read('4');
  four['表紙']['公表日'] = null;
  four['表紙']['特記事項'] = '四番の書きかけの案';
  write('4', four);
  // 5's 様式 is written right again, in a draft under comment.
  const fixed = read('3');
  write('5', { 公開状態: COMMENT('2025-12-01', '2026-01-05'), ...fixed, 表紙: { ...fixed['表紙'], 評価書番号: 5, 公表日: null } });
  repo.commit('2025-11-20', '案（意見募集など）');

  out = path.join(repo.dir, 'dist');
  const r = buildSite(path.join(repo.dir, 'content'), out, { SITE_TODAY: '2025-12-15' });
  expect(r.status, r.output).toBe(0);
}, 240_000);
afterAll(() => fs.rmSync(repo.dir, { recursive: true, force: true }));

describe('a report put to comment a second time', () => {
  it('shows the version published last, with every row recorded up to it and none of the draft\'s', () => {
    const main = text('reports/test-shi/3/in-force');
    expect(main).toContain('一度目の案の特記事項');
    expect(main).not.toContain('二度目の案の特記事項');
    const rows = [...page('reports/test-shi/3/in-force').querySelectorAll('.change-table tbody tr.generated')].map((r) => r.textContent!.replace(/\s+/g, ' '));
    expect(rows.some((r) => r.includes('公表中の版で変えた特記事項'))).toBe(true);
    expect(rows.some((r) => r.includes('一度目の案の特記事項'))).toBe(true);
    expect(rows.some((r) => r.includes('二度目の案の特記事項'))).toBe(false);
    expect(main).not.toContain('未定（案の公表の日になります）');
  });

  it('names the version and its date as a record, and that version is listed in the version history', () => {
    const notice = page('reports/test-shi/3/in-force').querySelector('.notice')!.textContent!;
    // (the newest version in force is the memo's, in which no item changed: listed all the same)
    const id = ids.quiet.slice(0, 12);
    expect(notice).toContain(`記録の番号 ${id}`);
    expect(notice).toContain('版の日付 令和7年10月15日（変更日。記録に変更日がなければ記録した日）');
    const history = page('reports/test-shi/3/history');
    expect(history.querySelector(`#v-${id}`), 'the version in force is listed').not.toBeNull();
    const published = history.querySelector(`#v-${ids.published.slice(0, 12)}`);
    expect(published, 'the version that published the draft is listed').not.toBeNull();
    expect(published!.textContent).toContain('この版で、前の版の案が評価書として公表されました');
  });

  it('says the draft has a 新旧対照 on its page', () => {
    expect(page('reports/test-shi/3/in-force').querySelectorAll('.notice')[1].textContent).toContain('案で変わる項目の新旧対照も案のページにあります');
  });
});

describe('a draft of another 様式 in the same file', () => {
  it('shows the report in force in its own 様式, with the rows recorded for it', () => {
    const doc = page('reports/test-shi/2/in-force');
    expect(doc.querySelector('article')!.getAttribute('data-form')).toBe('重点項目評価書');
    expect(page('reports/test-shi/2').querySelector('article')!.getAttribute('data-form')).toBe('全項目評価書');
    const rows = [...doc.querySelectorAll('.change-table tbody tr.generated')].map((r) => r.textContent!);
    expect(rows.some((r) => r.includes('二番の事務の内容（公表中の版で変えたもの）'))).toBe(true);
  });

  it('does not promise an item-by-item 新旧対照', () => {
    const notice = page('reports/test-shi/2/in-force').querySelectorAll('.notice')[1].textContent!;
    expect(notice).toContain('案は全項目評価書で、この評価書（重点項目評価書）と様式が違うため、項目ごとの新旧対照はありません。');
    expect(notice).not.toContain('新旧対照も案のページにあります');
  });
});

describe('a revision that is not put to comment', () => {
  it('keeps the report in force readable while the page shows the draft with no 公表日', () => {
    expect(text('reports/test-shi/4')).toContain('四番の書きかけの案');
    expect(text('reports/test-shi/4/in-force')).not.toContain('四番の書きかけの案');
    expect(page('reports/test-shi/4/in-force').querySelectorAll('.notice')[1].textContent).toContain('公表前の案（表紙に公表日の記載がない案）');
    expect([...page('reports/test-shi/4').querySelectorAll('a')].some((a) => a.getAttribute('href')?.endsWith('/reports/test-shi/4/in-force/'))).toBe(true);
  });
});

describe('a version in force that the site cannot read', () => {
  it('makes no page of it, links none, and the build goes on', () => {
    expect(fs.existsSync(path.join(out, 'reports/test-shi/5/in-force'))).toBe(false);
    expect([...page('reports/test-shi/5').querySelectorAll('a')].some((a) => a.getAttribute('href')?.includes('in-force'))).toBe(false);
    expect(fs.existsSync(path.join(out, 'reports/test-shi/5/index.html'))).toBe(true);
  });
});
