// The version history of a report, built from a real git repository with three commits to one report:
// every version listed and downloadable, and a 新旧対照 between each version and the one before.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseYaml } from '../src/lib/content/yaml-source.ts';
import { Repo } from './support/git-repo.ts';
import { buildSite } from './support/global-setup.ts';

const FIX = 'tests/fixtures/content';
const base = () => parseYaml(fs.readFileSync(`${FIX}/reports/test-shi/2.yaml`, 'utf8')).data as Record<string, any>;
const basics = (d: any) => d['特定個人情報ファイルの概要'][0]['基本情報'];
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'history-site-')), 'site');
const hashes: string[] = [];
let quiet = '';
const doc = (rel: string) => parseHTML(fs.readFileSync(path.join(out, rel), 'utf8')).document;

beforeAll(() => {
  const repo = new Repo();
  repo.write('content/organisations/test-shi.yaml', fs.readFileSync(`${FIX}/organisations/test-shi.yaml`, 'utf8'));
  const d = base();
  const save = () => repo.write('content/reports/test-shi/2.yaml', stringify(d, { lineWidth: 0 }));
  save();
  // Another report first committed as a draft (表紙 states no 公表日), then published.
  const other = parseYaml(fs.readFileSync(`${FIX}/reports/test-shi/4.yaml`, 'utf8')).data as Record<string, any>;
  const published = other['表紙']['公表日'];
  delete other['表紙']['公表日'];
  repo.write('content/reports/test-shi/4.yaml', stringify(other, { lineWidth: 0 }));
  hashes.push(repo.commit('2024-04-01', 'テスト市の評価書を追加'));
  basics(d)['事務担当部署'] = '健康福祉局 国保年金課';
  save();
  other['表紙']['公表日'] = published;
  repo.write('content/reports/test-shi/4.yaml', stringify(other, { lineWidth: 0 }));
  hashes.push(repo.commit('2024-05-10', '事務担当部署の変更'));
  // A version in which no item changed (a comment line added): not listed one by one.
  repo.write('content/reports/test-shi/2.yaml', `# 担当: 年金課\n${stringify(d, { lineWidth: 0 })}`);
  quiet = repo.commit('2024-05-20', 'コメントの追加');
  basics(d)['事務担当部署'] = '市民局 年金課';
  save();
  // (a Change-Date: that names no day, and a direction override in the subject)
  hashes.push(repo.commit('2024-06-20', '事務担当部署の再変更\u202E\n\nChange-Date: 2024-02-30'));
  // A transcription fix of the published report 4 (Change-Log: import): a version, but no change.
  other['表紙']['評価書名'] = `${other['表紙']['評価書名']}（転記の修正）`;
  repo.write('content/reports/test-shi/4.yaml', stringify(other, { lineWidth: 0 }));
  repo.commit('2024-07-01', '転記の誤りを直す\n\nChange-Log: import');
  const r = buildSite(path.join(repo.dir, 'content'), out);
  if (r.status !== 0) throw new Error(r.output);
}, 180_000);

describe('version history of a report', () => {
  it('lists the three versions, newest first, each with its date', () => {
    const items = [...doc('reports/test-shi/2/history/index.html').querySelectorAll('.version-list > li')];
    expect(items.map((li) => li.querySelector('time')!.getAttribute('datetime'))).toEqual(['2024-06-20', '2024-05-10', '2024-04-01']);
    expect(items[0].textContent).toContain('事務担当部署');
    expect(items[2].textContent).toContain('最初の版');
    // (the version with no item changed is counted, not listed)
    expect(doc('reports/test-shi/2/history/index.html').querySelector('main')!.textContent).toContain('様式の項目が何も変わらなかった記録（ファイルの書式やコメントの整理など）が 1 件あります');
  });

  it('says when a version\'s 変更日 could not be read, and shows a subject\'s unseen characters as codes', () => {
    const items = [...doc('reports/test-shi/2/history/index.html').querySelectorAll('.version-list > li')];
    expect(items.map((li) => li.textContent!.includes('この版の変更日は確認できていません'))).toEqual([true, false, false]);
    expect(items[0].textContent).toContain('事務担当部署の再変更\\u{202E}');
    expect(items[0].textContent).not.toContain('\u202E');
  });

  it('marks versions before the first stated 公表日 as not published, and lists no changes against them', () => {
    const items = [...doc('reports/test-shi/4/history/index.html').querySelectorAll('.version-list > li')].slice(1);
    expect(items).toHaveLength(2);
    expect(items[1].querySelector('h2')!.textContent).toContain('（公表前の版）');
    expect(items[1].textContent).toContain('公表された評価書ではありません');
    expect(items[1].textContent).not.toContain('最初の版です');
    expect(items[0].querySelector('h2')!.textContent).not.toContain('公表前');
    expect(items[0].textContent).toContain('公表日の記載がある最初の版です');
    expect(items[0].textContent).not.toContain('変わった項目');
    // The report that was published from its first version says nothing of drafts.
    const first = [...doc('reports/test-shi/2/history/index.html').querySelectorAll('.version-list > li')];
    expect(first.map((li) => li.textContent!.includes('公表前'))).toEqual([false, false, false]);
  });

  it('marks a transcription (Change-Log: import) as the site\'s record, not a change', () => {
    const items = [...doc('reports/test-shi/4/history/index.html').querySelectorAll('.version-list > li')];
    expect(items.map((li) => li.querySelector('h2')!.textContent!.includes('（このサイトへの転記）'))).toEqual([true, false, false]);
    expect(items[0].textContent).toContain('評価書の変更ではない');
    expect(items[0].textContent).toContain('転記で変わった項目');
    const first = [...doc('reports/test-shi/2/history/index.html').querySelectorAll('.version-list h2')];
    expect(first.some((h) => h.textContent!.includes('転記'))).toBe(false);
  });

  it('offers each version as YAML and JSON, the data of that commit', () => {
    const departments = ['', '健康福祉局 国保年金課', '市民局 年金課'];
    hashes.forEach((h, i) => {
      const id = h.slice(0, 12);
      const yaml = fs.readFileSync(path.join(out, `reports/test-shi/2/history/${id}.yaml`), 'utf8');
      const json = JSON.parse(fs.readFileSync(path.join(out, `reports/test-shi/2/history/${id}.json`), 'utf8'));
      expect(json.commit).toBe(h);
      expect(basics(json)['事務担当部署']).toBe(basics(parseYaml(yaml).data)['事務担当部署']);
      if (departments[i]) expect(basics(json)['事務担当部署']).toBe(departments[i]);
    });
    const links = [...doc('reports/test-shi/2/history/index.html').querySelectorAll('a[download]')].map((a) => a.getAttribute('href'));
    expect(links).toHaveLength(6);
  });

  it('has a 新旧対照 for the second and third versions against the one before, with the right rows', () => {
    const pages = fs.readdirSync(path.join(out, 'reports/test-shi/2/history')).filter((f) => !f.includes('.'));
    const rows = (h: string) => [...doc(`reports/test-shi/2/history/${h.slice(0, 12)}/index.html`).querySelectorAll('.version-diff tbody tr')]
      .map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
    // (the version with no item changed has its page too, with no rows: only the list leaves it out)
    expect(pages.sort()).toEqual([hashes[1].slice(0, 12), quiet.slice(0, 12), hashes[2].slice(0, 12)].sort());
    expect(rows(quiet)).toEqual([]);
    const second = rows(hashes[1]);
    expect(second).toHaveLength(1);
    expect(second[0][0]).toMatch(/2\. 基本情報 ⑥事務担当部署$/);
    expect(second[0][1]).not.toContain('健康福祉局');
    expect(second[0][2]).toBe('健康福祉局 国保年金課');
    expect(rows(hashes[2])).toEqual([[second[0][0], '健康福祉局 国保年金課', '市民局 年金課']]);
  });
});

describe('a report file renamed with git mv (its 評価書番号 changed)', () => {
  it('keeps every version under its new name, and none under the old one', async () => {
    const { reportVersions } = await import('../src/lib/site/version-history.ts');
    const repo = new Repo();
    repo.write('content/organisations/test-shi.yaml', fs.readFileSync(`${FIX}/organisations/test-shi.yaml`, 'utf8'));
    const d = base();
    repo.write('content/reports/test-shi/2.yaml', stringify(d, { lineWidth: 0 }));
    const first = repo.commit('2024-04-01', '公表版\n\nChange-Log: import');
    basics(d)['事務担当部署'] = '健康福祉局 国保年金課';
    repo.write('content/reports/test-shi/2.yaml', stringify(d, { lineWidth: 0 }));
    const second = repo.commit('2024-05-10', '事務担当部署の変更');
    repo.git('mv', 'content/reports/test-shi/2.yaml', 'content/reports/test-shi/12.yaml');
    d['表紙']['評価書番号'] = 12;
    repo.write('content/reports/test-shi/12.yaml', stringify(d, { lineWidth: 0 }));
    const third = repo.commit('2024-06-01', '評価書番号の変更');
    const versions = reportVersions({ dir: path.join(repo.dir, 'content') } as Parameters<typeof reportVersions>[0]);
    expect(versions.get(path.join(repo.dir, 'content/reports/test-shi/12.yaml'))?.map((v) => v.commit)).toEqual([first, second, third]);
    expect(versions.has(path.join(repo.dir, 'content/reports/test-shi/2.yaml'))).toBe(false);
  });
});

describe('a file removed (事務終了) and added again, and a file rewritten in another 様式', () => {
  const setUp = () => {
    const repo = new Repo();
    repo.write('content/organisations/test-shi.yaml', fs.readFileSync(`${FIX}/organisations/test-shi.yaml`, 'utf8'));
    const d = base();
    repo.write('content/reports/test-shi/2.yaml', stringify(d, { lineWidth: 0 }));
    const first = repo.commit('2024-04-01', '公表版');
    repo.git('rm', '-q', 'content/reports/test-shi/2.yaml');
    repo.commit('2024-05-01', '事務終了のため取りやめ');
    return { repo, d, first };
  };
  const read = async (repo: Repo) => {
    const { reportVersions, VersionReader } = await import('../src/lib/site/version-history.ts');
    const content = { dir: path.join(repo.dir, 'content') } as Parameters<typeof reportVersions>[0];
    const versions = reportVersions(content).get(path.join(repo.dir, 'content/reports/test-shi/2.yaml'))!;
    const reader = new VersionReader(content);
    try { return { all: versions, own: await reader.own(versions), history: await reader.history(await reader.own(versions)) }; } finally { reader.close(); }
  };

  it('a new report under the removed one\'s number has only its own versions, as its 変更箇所 has no rows', async () => {
    const { repo, d } = setUp();
    // (another 事務 under the same number: the form's headings and choices, every text its own)
    const other = JSON.parse(JSON.stringify(d), (_k, v) => (typeof v === 'string' && /[^\x00-\x7f]/.test(v) && v.trim().length >= 8 ? `別の事務の記載：${v.length}` : v));
    repo.write('content/reports/test-shi/2.yaml', stringify(other, { lineWidth: 0 }));
    const added = repo.commit('2024-06-01', '新しい評価書');
    const { all, own } = await read(repo);
    expect(all.map((v) => v.commit)).toHaveLength(2);
    expect(own.map((v) => v.commit)).toEqual([added]);
  });

  it('a report renumbered onto the removed one\'s name keeps its own versions, and only those', async () => {
    const { repo, d } = setUp();
    repo.write('content/reports/test-shi/3.yaml', fs.readFileSync(`${FIX}/reports/test-shi/3.yaml`, 'utf8'));
    const own1 = repo.commit('2024-05-10', '全項目評価書');
    repo.git('mv', 'content/reports/test-shi/3.yaml', 'content/reports/test-shi/2.yaml');
    const full = parseYaml(fs.readFileSync(`${FIX}/reports/test-shi/3.yaml`, 'utf8')).data as Record<string, any>;
    full['表紙']['評価書番号'] = 2;
    repo.write('content/reports/test-shi/2.yaml', stringify(full, { lineWidth: 0 }));
    const own2 = repo.commit('2024-06-01', '評価書番号の変更（3→2）');
    expect(d).toBeTruthy();
    const { own } = await read(repo);
    expect(own.map((v) => v.commit)).toEqual([own1, own2]);
  });

  it('the removed report restored keeps its versions', async () => {
    const { repo, d, first } = setUp();
    basics(d)['事務担当部署'] = '戻した部署';
    repo.write('content/reports/test-shi/2.yaml', stringify(d, { lineWidth: 0 }));
    const back = repo.commit('2024-06-01', '評価書を戻して部署を変える');
    const { own, history } = await read(repo);
    expect(own.map((v) => v.commit)).toEqual([first, back]);
    expect(history[1].rows.map((r) => r.after)).toEqual(['戻した部署']);
  });

  it('a version of another 様式 says so, with no item-by-item rows against the version before', async () => {
    const repo = new Repo();
    repo.write('content/organisations/test-shi.yaml', fs.readFileSync(`${FIX}/organisations/test-shi.yaml`, 'utf8'));
    const d = base();
    repo.write('content/reports/test-shi/2.yaml', stringify(d, { lineWidth: 0 }));
    repo.commit('2024-04-01', '重点項目評価書');
    const full = parseYaml(fs.readFileSync(`${FIX}/reports/test-shi/3.yaml`, 'utf8')).data as Record<string, any>;
    full['表紙']['評価書番号'] = 2;
    repo.write('content/reports/test-shi/2.yaml', stringify(full, { lineWidth: 0 }));
    repo.commit('2024-06-01', '全項目評価の実施');
    full['表紙']['特記事項'] = '全項目になってからの変更';
    repo.write('content/reports/test-shi/2.yaml', stringify(full, { lineWidth: 0 }));
    repo.commit('2024-07-01', '特記事項');
    const { history } = await read(repo);
    expect(history.map((h) => [h.form, h.formChange, h.rows.map((r) => r.item)])).toEqual([
      ['重点項目評価書', undefined, []],
      ['全項目評価書', { from: '重点項目評価書', to: '全項目評価書' }, []],
      ['全項目評価書', undefined, ['表紙 特記事項']],
    ]);
  });
});

describe('a 基礎項目評価書 whose edition changes (Ⅳ 8. printed in one version, not in another)', () => {
  // The anchor 「Ⅳ-9」 names 従業者に対する教育・啓発 where Ⅳ 8. is not printed, and 監査 where it is: a
  // row of an older version links to the item it is about in the current page, by the item, not by the
  // anchor's text.
  const site = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'history-edition-')), 'site');
  const ids: string[] = [];
  beforeAll(() => {
    const repo = new Repo();
    repo.write('content/organisations/test-shi.yaml', fs.readFileSync(`${FIX}/organisations/test-shi.yaml`, 'utf8'));
    const d = parseYaml(fs.readFileSync(`${FIX}/reports/test-shi/4.yaml`, 'utf8')).data as Record<string, any>;
    const save = () => repo.write('content/reports/test-shi/4.yaml', stringify(d, { lineWidth: 0 }));
    const manual = d['リスク対策']['人手を介在させる作業'];
    const training = d['リスク対策']['従業者に対する教育・啓発'];
    // the older edition, 従業者に対する教育・啓発 not known in the source
    delete d['リスク対策']['人手を介在させる作業'];
    d['リスク対策']['従業者に対する教育・啓発'] = { 記載状態: '原文欠落' };
    save();
    repo.commit('2024-04-01', '転記\n\nChange-Log: import');
    // written out (a row on the whole group, anchored at it)
    d['リスク対策']['従業者に対する教育・啓発'] = training;
    save();
    ids.push(repo.commit('2024-05-01', '従業者に対する教育・啓発を記載\n\nSubmission: 事後'));
    // re-evaluated in the newer edition: Ⅳ 8. printed
    const risks = d['リスク対策'];
    d['リスク対策'] = Object.fromEntries(Object.entries(risks).flatMap(([k, v]) => (k === '監査' ? [['人手を介在させる作業', manual], [k, v]] : [[k, v]])));
    save();
    ids.push(repo.commit('2024-06-01', '人手を介在させる作業を追加\n\nSubmission: 事後'));
    const r = buildSite(path.join(repo.dir, 'content'), site);
    if (r.status !== 0) throw new Error(r.output);
  }, 180_000);

  it('links each row of an older version to the item it names on the current page', () => {
    const page = parseHTML(fs.readFileSync(path.join(site, 'reports/test-shi/4/history', ids[0].slice(0, 12), 'index.html'), 'utf8')).document;
    const current = parseHTML(fs.readFileSync(path.join(site, 'reports/test-shi/4/index.html'), 'utf8')).document;
    const links = [...page.querySelectorAll('table a[href]')].map((a) => decodeURIComponent(a.getAttribute('href')!.replace(/^.*#/, '')));
    expect(links.length).toBeGreaterThan(0);
    for (const anchor of links) {
      const target = current.getElementById(anchor);
      expect(target, anchor).not.toBeNull();
      expect(target!.textContent, anchor).toContain('従業者に対する教育・啓発');
    }
  });
});
