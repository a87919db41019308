// The 変更箇所 rows of one item read as a chain, whatever dates the change sets give: each row's 変更前
// is the 変更後 of the row before it, and the last 変更後 is what the report says now. Rows are listed
// in the order the changes were made (the history), not re-sorted by a 変更日 that a clerk may give
// out of order (a change dated ahead, a revert of it dated before).
import fs from 'node:fs';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateChanges } from '../src/lib/changes/change-rows.ts';
import { mergeChangeRows } from '../src/lib/changes/change-merge.ts';
import { changeTableRows, PENDING_DATE, UNKNOWN_DATE } from '../src/lib/changes/change-table.ts';
import { parseYaml } from '../src/lib/content/yaml-source.ts';
import { Repo } from './support/git-repo.ts';
import { seeded } from './support/seeded.ts';

const FILE = 'content/reports/test-shi/2.yaml';
const basics = (d: any) => d['特定個人情報ファイルの概要'][0]['基本情報'];
// Three text items of one file, each changed now and then.
const ITEMS: [string, (d: any, v: string) => void, (d: any) => string][] = [
  ['事務担当部署', (d, v) => { basics(d)['事務担当部署'] = v; }, (d) => basics(d)['事務担当部署']],
  ['所属長', (d, v) => { d['基本情報']['評価実施機関における担当部署']['所属長の役職名'] = v; }, (d) => d['基本情報']['評価実施機関における担当部署']['所属長の役職名']],
  ['部署', (d, v) => { d['基本情報']['評価実施機関における担当部署']['部署'] = v; }, (d) => d['基本情報']['評価実施機関における担当部署']['部署']],
];

describe('rows of one item chain in the order of the changes (seeded)', () => {
  it.each([4801, 4802, 4803])('seed %i', async (seed) => {
    const r = seeded(seed);
    const repo = new Repo();
    repo.write('content/organisations/test-shi.yaml', fs.readFileSync('tests/fixtures/content/organisations/test-shi.yaml', 'utf8'));
    const d = parseYaml(fs.readFileSync(`tests/fixtures/${FILE}`, 'utf8')).data as Record<string, any>;
    repo.write(FILE, stringify(d, { lineWidth: 0 }));
    repo.commit('2025-01-10', '公表\n\nChange-Log: import');
    let day = Date.UTC(2025, 1, 1);
    for (let k = 0; k < 8; k++) {
      const [name, set] = r.pick(ITEMS);
      set(d, `${name}の記載 ${seed}-${k}`);
      repo.write(FILE, stringify(d, { lineWidth: 0 }));
      day += (1 + r.int(20)) * 86_400_000;
      const committed = new Date(day).toISOString().slice(0, 10);
      // a 変更日 up to 60 days before or after the commit (a change dated ahead, or recorded late)
      const dated = new Date(day + (r.int(121) - 60) * 86_400_000).toISOString().slice(0, 10);
      repo.commit(committed, `${name}の変更\n\nSubmission: 事後\nChange-Date: ${dated}`);
    }
    const { rows } = await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports' });
    const merged = mergeChangeRows([], rows).map((m) => m.row as { 項目: string; 変更前の記載: string; 変更後の記載: string });
    const byItem = Map.groupBy(merged, (x) => x.項目);
    expect(byItem.size).toBeGreaterThan(1);
    const now = ITEMS.map(([, , get]) => get(d));
    for (const [item, chain] of byItem) {
      for (let k = 1; k < chain.length; k++) expect(chain[k].変更前の記載, `${item}: row ${k}`).toBe(chain[k - 1].変更後の記載);
      expect(now, item).toContain(chain.at(-1)!.変更後の記載);
    }
    fs.rmSync(repo.dir, { recursive: true, force: true });
  }, 60_000);
});

describe('what a draft changes is recorded as published, on the day it is published (seeded)', () => {
  // A draft: 公表日 blank, or the old 公表日 kept with 公開状態 意見募集中 (as for a public comment).
  const COMMENT = { 状態: '意見募集中', 意見募集: { 開始日: '2025-12-01', 終了日: '2026-01-05', 提出先メール: 'iken@example.jp' } };
  it.each([4811, 4812, 4813, 4814, 4815, 4816, 4817, 4818])('seed %i', async (seed) => {
    const r = seeded(seed);
    const repo = new Repo();
    repo.write('content/organisations/test-shi.yaml', fs.readFileSync('tests/fixtures/content/organisations/test-shi.yaml', 'utf8'));
    const d = parseYaml(fs.readFileSync(`tests/fixtures/${FILE}`, 'utf8')).data as Record<string, any>;
    d['表紙']['公表日'] = '2025-01-10';
    repo.write(FILE, stringify(d, { lineWidth: 0 }));
    repo.commit('2025-01-10', '公表\n\nChange-Log: import');
    const values = () => ITEMS.map(([, , get]) => get(d));
    // The model: a published version's rows are its change against the version in force before it
    // (for a version that ends a draft with undated changes, the version before the draft's first
    // one); a draft's undated change set makes none until then, nor does any after it in that draft.
    const expected: string[] = [];
    let base: string[] | undefined;
    /** The draft's rows while it is not published again: each change set's, undated. */
    let waiting: string[] = [];
    let day = Date.UTC(2025, 1, 1);
    for (let k = 0; k < 12; k++) {
      const wasDraft = !d['表紙']['公表日'] || !!d['公開状態'];
      const draft = r.int(3) === 0 ? !wasDraft : wasDraft;
      delete d['公開状態'];
      if (!draft) d['表紙']['公表日'] = '2025-01-10';
      else if (r.int(2)) delete d['表紙']['公表日'];
      else { d['表紙']['公表日'] = '2025-01-10'; d['公開状態'] = COMMENT; }
      const before = values();
      const at = r.int(ITEMS.length);
      const [name, set] = ITEMS[at];
      // (now and then an edit is undone: the item goes back to its value before the draft)
      set(d, base && r.int(3) === 0 ? base[at] : `${name}の記載 ${seed}-${k}`);
      repo.write(FILE, stringify(d, { lineWidth: 0 }));
      day += (1 + r.int(20)) * 86_400_000;
      const committed = new Date(day).toISOString().slice(0, 10);
      const dated = r.int(3) === 0 ? new Date(day + r.int(30) * 86_400_000).toISOString().slice(0, 10) : undefined;
      // (the version that publishes the draft again may be an import, or give a Change-Date that cannot be read)
      const how = wasDraft && !draft ? r.pick(['plain', 'import', 'unreadable']) : 'plain';
      const trailers = how === 'import' ? `Change-Log: import${dated ? `\nChange-Date: ${dated}` : ''}` : how === 'unreadable' ? 'Submission: 事前\nChange-Date: 2025年3月' : `Submission: 事前${dated ? `\nChange-Date: ${dated}` : ''}`;
      const hash = repo.commit(committed, `${name}の変更\n\n${trailers}`);
      const own = how === 'unreadable' ? null : dated ?? committed;
      const row = (i: number, from: string, to: string, when: string | null) => `${hash.slice(0, 7)} ${ITEMS[i][0]} ${from} → ${to} ${when}`;
      const now = values();
      if (draft && (base || !dated)) { base ??= before; now.forEach((v, i) => { if (v !== before[i]) waiting.push(row(i, before[i], v, null)); }); continue; }
      if (!draft && base) { now.forEach((v, i) => { if (v !== base![i]) expected.push(row(i, base![i], v, own)); }); base = undefined; waiting = []; continue; }
      if (how === 'import') continue; // (no rows of its own)
      now.forEach((v, i) => { if (v !== before[i]) expected.push(row(i, before[i], v, own)); });
    }
    expected.push(...waiting);
    const { rows } = await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports' });
    const label = (item: string) => ITEMS.findIndex(([n]) => item.endsWith(n === '所属長' ? '所属長の役職名' : n));
    const got = rows.map((x) => `${x.commit.slice(0, 7)} ${ITEMS[label(x.項目)][0]} ${x.変更前の記載} → ${x.変更後の記載} ${x.変更日}`);
    // (the rows of one change set are in the form's order, the model's in ITEMS' order)
    expect([...got].sort()).toEqual([...expected].sort());
    expect(got.map((x) => x.slice(0, 7))).toEqual(expected.map((x) => x.slice(0, 7)));
    // On the page a row without a 変更日 says why, never a blank of the report's own.
    const shown = changeTableRows({ anchor: '変更箇所', children: [] } as unknown as Parameters<typeof changeTableRows>[0], rows, []);
    shown.forEach((x, i) => expect(x.cells['変更日'], got[i]).toEqual(rows[i].変更日 ? expect.objectContaining({ type: 'date', iso: rows[i].変更日 }) : { type: 'text', text: rows[i].要確認 ? UNKNOWN_DATE : PENDING_DATE }));
    fs.rmSync(repo.dir, { recursive: true, force: true });
  }, 60_000);
});

describe('a 記載状態 put on or taken off in an ordinary change set is 要確認', () => {
  it('from text to 判読不能 and back, unless the change set is an import', async () => {
    const repo = new Repo();
    repo.write('content/organisations/test-shi.yaml', fs.readFileSync('tests/fixtures/content/organisations/test-shi.yaml', 'utf8'));
    const d = parseYaml(fs.readFileSync(`tests/fixtures/${FILE}`, 'utf8')).data as Record<string, any>;
    repo.write(FILE, stringify(d, { lineWidth: 0 }));
    repo.commit('2025-01-10', '公表\n\nChange-Log: import');
    const was = basics(d)['事務担当部署'];
    basics(d)['事務担当部署'] = { 記載状態: '判読不能', 注記: 'かすれ', 原文: '健康〔判読不能〕' };
    repo.write(FILE, stringify(d, { lineWidth: 0 }));
    const marked = repo.commit('2025-02-01', '読めない所\n\nSubmission: 事後');
    basics(d)['事務担当部署'] = was;
    repo.write(FILE, stringify(d, { lineWidth: 0 }));
    const unmarked = repo.commit('2025-03-01', '読めた\n\nSubmission: 事後');
    basics(d)['事務担当部署'] = '別の部署';
    repo.write(FILE, stringify(d, { lineWidth: 0 }));
    const plain = repo.commit('2025-04-01', '部署の変更\n\nSubmission: 事後');
    const { rows } = await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports' });
    const flag = (c: string) => rows.filter((r) => r.commit === c).map((r) => r.要確認);
    expect([flag(marked), flag(unmarked), flag(plain)]).toEqual([[true], [true], [false]]);
    fs.rmSync(repo.dir, { recursive: true, force: true });
  });
});
