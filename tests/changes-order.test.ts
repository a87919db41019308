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
  it.each([4811, 4812, 4813, 4814, 4815, 4816, 4817, 4818, 4819, 4820])('seed %i', async (seed) => {
    const r = seeded(seed);
    const repo = new Repo();
    repo.write('content/organisations/test-shi.yaml', fs.readFileSync('tests/fixtures/content/organisations/test-shi.yaml', 'utf8'));
    const d = parseYaml(fs.readFileSync(`tests/fixtures/${FILE}`, 'utf8')).data as Record<string, any>;
    d['表紙']['公表日'] = '2025-01-10';
    repo.write(FILE, stringify(d, { lineWidth: 0 }));
    const hashes = [repo.commit('2025-01-10', '公表\n\nChange-Log: import')];
    const values = () => ITEMS.map(([, , get]) => get(d));
    // The model: a published version's rows are its change against the version in force before it
    // (for a version that ends a draft, the version before the draft); a draft's change sets wait,
    // undated, until then, whatever Change-Date they give (the PR template asks for one). An item only a
    // transcription fix (import) changed during the draft is no change; 提出時期 is the publishing
    // change set's, else what the draft last said of the item (blank if it could not be read), else the
    // Submission a draft's change set last gave (the same revision), else 事前 for a change dated after
    // the day it was recorded and 事後 for one dated before (the items are not ※ items).
    type Row = { commit: string; text: string; 提出時期: string | null };
    const expected: Row[] = [];
    let base: string[] | undefined;
    let waiting: Row[] = [];
    let said = new Map<number, string | null>();
    let imported = new Set<number>();
    let draftSub: string | undefined;
    let day = Date.UTC(2025, 1, 1);
    for (let k = 0; k < 14; k++) {
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
      // (the version that publishes the draft may be an import, or give a Change-Date that cannot be
      // read; a draft's change set may be a transcription fix, or give a Submission that cannot be read)
      const how = wasDraft && !draft ? r.pick(['plain', 'import', 'unreadable']) : draft && base && r.int(4) === 0 ? 'import' : draft && r.int(4) === 0 ? 'badsub' : 'plain';
      const trailers = how === 'import' ? `Change-Log: import${dated ? `\nChange-Date: ${dated}` : ''}` : how === 'unreadable' ? 'Submission: 事前\nChange-Date: 2025年3月' : how === 'badsub' ? `Submission: たぶん${dated ? `\nChange-Date: ${dated}` : ''}` : `Submission: 事前${dated ? `\nChange-Date: ${dated}` : ''}`;
      const hash = repo.commit(committed, `${name}の変更\n\n${trailers}`);
      hashes.push(hash);
      const own = how === 'unreadable' ? null : dated ?? committed;
      const submission = how === 'badsub' ? null : how === 'import' ? undefined : '事前';
      const now = values();
      const row = (i: number, from: string, to: string, when: string | null, sub: string | null): Row => ({ commit: hash.slice(0, 7), text: `${ITEMS[i][0]} ${from} → ${to} ${when}`, 提出時期: sub });
      const changed = now.flatMap((v, i) => (v !== before[i] ? [i] : []));
      if (draft && (base || how !== 'import')) {
        base ??= before;
        if (how === 'import') { for (const i of changed) imported.add(i); continue; }
        if (submission) draftSub = submission;
        for (const i of changed) { const sub = submission ?? null; waiting.push(row(i, before[i], now[i], null, sub)); said.set(i, sub); }
        continue;
      }
      if (!draft && base) {
        now.forEach((v, i) => { if (v !== base![i] && (said.has(i) || (how !== 'import' && changed.includes(i)) || !imported.has(i))) expected.push(row(i, base![i], v, own, submission ?? (said.has(i) ? said.get(i)! : draftSub ?? (dated && dated > committed ? '事前' : '事後')))); });
        base = undefined; waiting = []; said = new Map(); imported = new Set(); draftSub = undefined;
        continue;
      }
      if (how === 'import') continue; // (no rows of its own)
      for (const i of changed) expected.push(row(i, before[i], now[i], own, submission ?? null));
    }
    expected.push(...waiting);
    const { rows } = await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports' });
    const label = (item: string) => ITEMS.findIndex(([n]) => item.endsWith(n === '所属長' ? '所属長の役職名' : n));
    const got: Row[] = rows.map((x) => ({ commit: x.commit.slice(0, 7), text: `${ITEMS[label(x.項目)][0]} ${x.変更前の記載} → ${x.変更後の記載} ${x.変更日}`, 提出時期: x.提出時期 }));
    const key = (x: Row) => `${x.commit} ${x.text} ${x.提出時期}`;
    // (the rows of one change set are in the form's order, the model's in ITEMS' order)
    expect(got.map(key).sort()).toEqual(expected.map(key).sort());
    expect(got.map((x) => x.commit)).toEqual(expected.map((x) => x.commit));
    // On the page a row without a 変更日 says why, never a blank of the report's own.
    const shown = changeTableRows({ anchor: '変更箇所', children: [] } as unknown as Parameters<typeof changeTableRows>[0], rows, []);
    shown.forEach((x, i) => expect(x.cells['変更日'], key(got[i])).toEqual(rows[i].変更日 ? expect.objectContaining({ type: 'date', iso: rows[i].変更日 }) : { type: 'text', text: rows[i].要確認 ? UNKNOWN_DATE : PENDING_DATE }));
    // npm run changes --since any commit gives the rows of the change sets after it that the full walk gives.
    const since = 1 + r.int(hashes.length - 2);
    const after = new Set(hashes.slice(since + 1).map((h) => h.slice(0, 7)));
    const ranged = (await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports', since: hashes[since] })).rows;
    expect(ranged.map((x) => `${x.commit.slice(0, 7)} ${x.項目} ${x.変更前の記載} ${x.変更後の記載} ${x.変更日} ${x.提出時期}`), `since ${since}`)
      .toEqual(rows.filter((x) => after.has(x.commit.slice(0, 7))).map((x) => `${x.commit.slice(0, 7)} ${x.項目} ${x.変更前の記載} ${x.変更後の記載} ${x.変更日} ${x.提出時期}`));
    fs.rmSync(repo.dir, { recursive: true, force: true });
  }, 90_000);
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
