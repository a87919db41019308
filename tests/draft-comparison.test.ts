// 新旧対照 of a draft under comment: item by item against the last published version of the same
// 様式; a draft in another 様式 (a re-evaluation in a fuller form) is said to be incomparable, and a
// removed entry links nowhere (its place belongs to another entry in the draft).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { Report } from '../src/lib/content/content-store.ts';
import { parseYaml } from '../src/lib/content/yaml-source.ts';
import { draftComparison } from '../src/lib/changes/draft-changes.ts';
import { publishedVersion } from '../src/lib/site/version-history.ts';
import { treeOf } from '../src/lib/report/tree-of.ts';
import { Repo } from './support/git-repo.ts';
import { seeded } from './support/seeded.ts';

const FIXTURE = 'tests/fixtures/content';
const repos: Repo[] = [];
afterAll(() => { for (const r of repos) fs.rmSync(r.dir, { recursive: true, force: true }); });

/** A repository with the fixtures published, then `file` rewritten as a draft by `edit`. */
function withDraft(file: string, edit: (data: Record<string, any>) => void): Report {
  const repo = new Repo();
  repos.push(repo);
  fs.cpSync(FIXTURE, path.join(repo.dir, 'content'), { recursive: true });
  repo.commit('2025-04-25', '公表版\n\nChange-Log: import');
  const at = path.join(repo.dir, 'content/reports/test-shi', file);
  const doc = parseDocument(fs.readFileSync(at, 'utf8'));
  const data = doc.toJS() as Record<string, any>;
  edit(data);
  data['表紙']['公表日'] = null;
  fs.writeFileSync(at, parseDocument(JSON.stringify(data)).toString({ lineWidth: 0 }));
  repo.commit('2025-11-20', '評価書の案（意見募集）');
  return new Report(at, parseYaml(fs.readFileSync(at, 'utf8')).data as Record<string, unknown>);
}

describe('新旧対照', () => {
  it('a draft in another 様式 than the published report is not compared item by item', async () => {
    const full = parseYaml(fs.readFileSync(`${FIXTURE}/reports/test-shi/3.yaml`, 'utf8')).data as Record<string, any>;
    const draft = withDraft('2.yaml', (d) => { for (const k of Object.keys(d)) delete d[k]; Object.assign(d, structuredClone(full), { 表紙: { ...full['表紙'], 評価書番号: 2 } }); });
    expect(draft.form).toBe('全項目評価書');
    expect(draftComparison(draft, await publishedVersion(draft))).toEqual({ source: 'other-form', rows: [], publishedForm: '重点項目評価書', draftForm: '全項目評価書' });
  });

  it('a removed entry links nowhere, and every other link is an item of the draft (seeded)', async () => {
    const r = seeded(5454);
    for (let n = 0; n < 6; n++) {
      const lists: [string, string][] = [['Ⅱ', '委託事項'], ['Ⅱ', '提供先'], ['Ⅱ', '移転先']];
      const [, list] = r.pick(lists);
      const removeAt = r.int(2);
      const draft = withDraft('3.yaml', (d) => {
        const file = d['特定個人情報ファイルの概要'][0];
        const group = list === '委託事項' ? file['特定個人情報ファイルの取扱いの委託'] : file['特定個人情報の提供・移転（委託に伴うものを除く。）'];
        group[list].splice(removeAt, 1);
        if (r.int(2)) d['表紙']['特記事項'] = `案での特記事項 ${n}`;
      });
      const c = draftComparison(draft, await publishedVersion(draft));
      expect(c.source).toBe('history');
      const removed = c.rows.filter((row) => row.after === '(空白)');
      expect(removed.length, JSON.stringify(c.rows.map((x) => x.item))).toBeGreaterThan(0);
      for (const row of removed) expect(row.anchor, row.item).toBeUndefined();
      const anchors = new Set<string>();
      const visit = (nodes: ReturnType<typeof treeOf>) => { for (const x of nodes) { anchors.add(x.anchor); visit(x.children); } };
      visit(treeOf(draft));
      for (const row of c.rows.filter((x) => x.anchor)) expect(anchors.has(row.anchor!), row.anchor).toBe(true);
    }
  });
});

describe('the version a draft is compared with is its own report\'s', () => {
  it('a new report given a withdrawn report\'s number has no published version; the withdrawn report restored has its own', async () => {
    const repo = new Repo();
    repos.push(repo);
    fs.cpSync(FIXTURE, path.join(repo.dir, 'content'), { recursive: true });
    repo.commit('2025-04-25', '公表版\n\nChange-Log: import');
    const rel = 'content/reports/test-shi/2.yaml';
    const published = fs.readFileSync(path.join(repo.dir, rel), 'utf8');
    repo.git('rm', '-q', rel);
    repo.commit('2025-06-01', '事務終了のため取りやめ');
    const data = parseYaml(published).data as Record<string, any>;
    // (another 事務 under the same number: the form's choices, every text its own)
    const other = JSON.parse(JSON.stringify(data), (_k, v) => (typeof v === 'string' && v.includes('記載例') ? `別の事務の記載：${v.length}` : v));
    other['表紙']['公表日'] = null;
    repo.write(rel, JSON.stringify(other));
    repo.commit('2025-11-20', '新しい評価書の案');
    const draft = new Report(path.join(repo.dir, rel), other);
    expect(await publishedVersion(draft)).toBeUndefined();
    expect(draftComparison(draft, await publishedVersion(draft)).source).toBe('report');

    const again = new Repo();
    repos.push(again);
    fs.cpSync(FIXTURE, path.join(again.dir, 'content'), { recursive: true });
    again.commit('2025-04-25', '公表版\n\nChange-Log: import');
    again.git('rm', '-q', rel);
    again.commit('2025-06-01', '事務終了のため取りやめ');
    const restored = { ...data, 表紙: { ...data['表紙'], 公表日: null, 特記事項: '戻した案' } };
    again.write(rel, JSON.stringify(restored));
    again.commit('2025-11-20', '取りやめた評価書を戻す案');
    const back = new Report(path.join(again.dir, rel), restored);
    expect(draftComparison(back, await publishedVersion(back))).toEqual({ source: 'history', rows: [expect.objectContaining({ item: '表紙 特記事項', after: '戻した案' })] });
  });
});

describe('a draft with no published version whose 変更箇所 is marked as a whole', () => {
  it('lists no pending row (and does not fail)', () => {
    const repo = new Repo();
    const text = fs.readFileSync('tests/fixtures/content/reports/test-shi/3.yaml', 'utf8').replace(/^変更箇所:\n[^]*$/m, '変更箇所:\n  記載状態: 原文欠落\n');
    const file = path.join(repo.dir, 'content/reports/test-shi/3.yaml');
    repo.write('content/reports/test-shi/3.yaml', text);
    const c = draftComparison(new Report(file, parseYaml(text).data as Record<string, unknown>), undefined);
    expect(c).toEqual({ source: 'report', rows: [] });
    fs.rmSync(repo.dir, { recursive: true, force: true });
  });
});
