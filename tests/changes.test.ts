// 変更箇所 from git history, on real repositories built in a temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { stringify } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import { generateChanges, type ChangeRow, type GeneratedRow } from '../src/lib/changes/change-rows.ts';
import { addedRows, mergeChangeRows, recordedOf } from '../src/lib/changes/change-merge.ts';
import { jsonByFile, toJson, toTsv } from '../src/lib/changes/change-format.ts';
import { toMarkdown } from '../src/lib/changes/change-markdown.ts';
import { parseYaml } from '../src/lib/content/yaml-source.ts';
import { Repo } from './support/git-repo.ts';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Nodes, Table } from 'mdast';
import { toWareki } from '../src/lib/form/wareki.ts';
import { BlobReader, blobId, dayInJapan, firstCommit, GitError, readHistory, readHistoryLater, readHistoryRemembered, readHistoryRememberedLater, type HistoryMemory } from '../src/lib/changes/git-history.ts';
import { seeded } from './support/seeded.ts';

/** The cells of the first GFM table of a Markdown text, as text: <br> is a line break, bold is its text. */
function tableCells(md: string): string[][] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(md);
  const table = tree.children.find((n): n is Table => n.type === 'table');
  if (!table) throw new Error(`no table in:\n${md}`);
  const text = (n: Nodes): string => (n.type === 'html' ? (n.value === '<br>' ? '\n' : `UNEXPECTED HTML ${n.value}`) : 'value' in n ? n.value : 'children' in n ? n.children.map((c) => text(c as Nodes)).join('') : '');
  return table.children.map((row) => row.children.map(text));
}

const FIX = 'tests/fixtures/content';
const ORG = fs.readFileSync(`${FIX}/organisations/test-shi.yaml`, 'utf8');
const base = () => parseYaml(fs.readFileSync(`${FIX}/reports/test-shi/2.yaml`, 'utf8')).data as Record<string, any>;
const REPORT = 'content/reports/test-shi/2.yaml';
const file1 = (d: any) => d['特定個人情報ファイルの概要'][0];
const moves = (d: any) => file1(d)['特定個人情報の提供・移転（委託に伴うものを除く。）']['移転先'];

let repo: Repo;
const save = (data: unknown, rel = REPORT) => repo.write(rel, stringify(data, { lineWidth: 0 }));
const rows = async (since?: string) => (await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports', since })).rows;

beforeEach(() => {
  repo = new Repo();
  repo.write('content/organisations/test-shi.yaml', ORG);
  save(base());
  repo.commit('2024-04-01', 'テスト市の評価書を追加');
});

describe('one row per changed official item', () => {
  it('a text edit: the item path, before and after, the commit date', async () => {
    const d = base();
    file1(d)['基本情報']['事務担当部署'] = '健康福祉局 国保年金課';
    save(d);
    repo.commit('2024-05-10', '事務担当部署の変更');
    const [row, ...rest] = await rows();
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      report: REPORT, 変更日: '2024-05-10',
      項目: 'Ⅱ 特定個人情報ファイルの概要 1. 特定個人情報ファイル名 (1)特定個人情報ファイル名の記載例。\n・箇条書き一つ目\n・箇条書き二つ目 2. 基本情報 ⑥事務担当部署',
      変更前の記載: base()['特定個人情報ファイルの概要'][0]['基本情報']['事務担当部署'], 変更後の記載: '健康福祉局 国保年金課',
      提出時期: '事後', 提出時期に係る説明: '', 要確認: false,
    });
  });

  it('a choice and a checkbox change show the option texts and the checked labels', async () => {
    const d = base();
    d['基本情報']['特定個人情報ファイルを取り扱う事務']['対象人数'] = '10万人以上30万人未満';
    file1(d)['特定個人情報の入手・使用']['入手方法'] = ['紙', '庁内連携システム', { その他: '郵送' }];
    save(d);
    repo.commit('2024-06-01', '対象人数と入手方法');
    const r = await rows();
    expect(r.map((x) => [x.項目.split(' ').slice(-1)[0], x.変更前の記載, x.変更後の記載])).toEqual([
      ['③対象人数', base()['基本情報']['特定個人情報ファイルを取り扱う事務']['対象人数'], '10万人以上30万人未満'],
      ['②入手方法', '紙、その他（入手方法の記入例）', '紙、庁内連携システム、その他（郵送）'],
    ]);
  });

  it('trailers give 変更日, 提出時期 and its reason; a ※ item without Submission: is 要確認', async () => {
    const d = base();
    file1(d)['特定個人情報の入手・使用']['使用目的'] = '新しい使用目的';
    file1(d)['基本情報']['事務担当部署'] = '新しい部署';
    save(d);
    repo.commit('2024-07-01', '使用目的の変更\n\nChange-Date: 2024-06-20\nSubmission: 事前\nReason: 重要な変更に当たるため');
    const d2 = structuredClone(d);
    file1(d2)['特定個人情報の入手・使用']['使用目的'] = 'さらに新しい使用目的';
    save(d2);
    repo.commit('2024-08-01', '使用目的の再変更');
    const r = await rows();
    expect(r[0]).toMatchObject({ 変更日: '2024-06-20', 項目: expect.stringContaining('⑥事務担当部署'), 提出時期: '事前', 要確認: false });
    expect(r[1]).toMatchObject({ 変更日: '2024-06-20', 項目: expect.stringContaining('③使用目的'), 提出時期: '事前', 提出時期に係る説明: '重要な変更に当たるため', 要確認: false });
    // (a ※ item changed with no Submission: 事前 if it is a 重要な変更, which only the organisation can say)
    expect(r[2]).toMatchObject({ 変更日: '2024-08-01', 項目: expect.stringContaining('③使用目的'), 提出時期: null, 要確認: true });
  });
});

describe('repeating groups are matched by identity', () => {
  it('inserting 移転先2 gives rows for 移転先2 only', async () => {
    const d = base();
    moves(d).splice(1, 0, { ...moves(d)[0], 名称: '市民課' });
    save(d);
    repo.commit('2024-09-01', '移転先を追加');
    const r = await rows();
    expect(r).toHaveLength(1);
    expect(r[0].項目).toMatch(/5\. 特定個人情報の提供・移転（委託に伴うものを除く。） 移転先2$/);
    expect(r[0].変更前の記載).toBe('(空白)');
    expect(r[0].変更後の記載).toContain('市民課');
    expect(r[0].変更後の記載).toContain('①法令上の根拠');
  });
  it('removing one from the middle gives one row with 変更後 (空白)', async () => {
    const d = base();
    moves(d).push({ ...moves(d)[0], 名称: '三番目の移転先' });
    save(d);
    repo.commit('2024-09-01', '三つ目');
    const d2 = structuredClone(d);
    moves(d2).splice(1, 1);
    save(d2);
    repo.commit('2024-10-01', '二つ目を削除');
    const r = (await rows()).filter((x) => x.変更日 === '2024-10-01');
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ 項目: expect.stringMatching(/移転先2$/), 変更後の記載: '(空白)' });
  });

  it('removing the last entry names it once (no heading of the emptied list before it)', async () => {
    const d = base();
    const n = moves(d).length;
    moves(d).splice(0);
    save(d);
    repo.commit('2024-10-02', '移転先をすべて削除');
    const r = await rows();
    expect(r).toHaveLength(n);
    for (const [i, x] of r.entries()) expect(x.項目).toMatch(new RegExp(`（委託に伴うものを除く。） 移転先${i + 1}$`));
  });

  it('a cell has no line break at its end (「|」 keeps one, which a pasted cell would show as a blank line)', async () => {
    const d = base();
    file1(d)['基本情報']['事務担当部署'] = '市民課\n戸籍係\n';
    save(d);
    repo.commit('2024-10-03', '二行に');
    const r = await rows();
    expect(r.map((x) => x.変更後の記載)).toEqual(['市民課\n戸籍係']);
  });

  it('an answer marked 不確実 and then confirmed as the same text gives no row; confirmed as another text, one', async () => {
    const d = base();
    const text = file1(d)['基本情報']['事務担当部署'];
    file1(d)['基本情報']['事務担当部署'] = { 記載状態: '不確実', 原文: text };
    save(d);
    repo.commit('2024-10-06', '不確実');
    file1(d)['基本情報']['事務担当部署'] = text;
    save(d);
    repo.commit('2024-10-07', '確認');
    expect(await rows()).toEqual([]);
    file1(d)['基本情報']['事務担当部署'] = { 記載状態: '不確実', 原文: text };
    save(d);
    repo.commit('2024-10-08', '不確実');
    file1(d)['基本情報']['事務担当部署'] = '市民課';
    save(d);
    repo.commit('2024-10-09', '別の文');
    expect((await rows()).map((x) => x.変更後の記載)).toEqual(['市民課']);
  });

  it('an answer that cannot be read (判読不能, 原文欠落) in both versions gives no row, whatever was read of it; read in one, a row', async () => {
    const d = base();
    const text = file1(d)['基本情報']['事務担当部署'];
    const mark = (v: unknown) => { file1(d)['基本情報']['事務担当部署'] = v; save(d); };
    mark({ 記載状態: '判読不能', 原文: '市民□課', 注記: '一部が読めない' });
    repo.commit('2024-10-10', '判読不能');
    mark({ 記載状態: '判読不能', 原文: '市民生活課', 注記: '読み直した' });
    repo.commit('2024-10-11', '読み直し');
    mark({ 記載状態: '原文欠落', 注記: '抽出テキストにない' });
    repo.commit('2024-10-12', '欠落');
    expect((await rows()).filter((x) => (x.変更日 ?? '') >= '2024-10-11')).toEqual([]);
    mark(text);
    repo.commit('2024-10-13', '読めた');
    expect((await rows()).filter((x) => (x.変更日 ?? '') >= '2024-10-11').map((x) => [x.変更前の記載, x.変更後の記載])).toEqual([['［原文欠落］', text]]);
  });

  it('a group marked 判読不能 whose own answer can be read: a change of that answer is a row', async () => {
    const d = base();
    const range = (v: unknown) => { file1(d)['基本情報']['対象となる本人の範囲'] = v; save(d); };
    range({ 記載状態: '判読不能', 注記: '一部が読めない', 内容: '範囲A' });
    repo.commit('2024-10-14', '判読不能');
    range({ 記載状態: '判読不能', 注記: '一部が読めない', 内容: '範囲B' });
    repo.commit('2024-10-15', '内容の変更');
    expect((await rows()).filter((x) => x.変更日 === '2024-10-15').map((x) => [x.変更前の記載, x.変更後の記載])).toEqual([['範囲A', '範囲B']]);
  });

  it('a text that only gains or loses its last line break (「|」 and 「|-」) gives no row', async () => {
    const d = base();
    file1(d)['基本情報']['事務担当部署'] += '\n';
    save(d);
    repo.commit('2024-10-03', '改行だけ');
    expect(await rows()).toEqual([]);
  });

  it('an item written out where the source was missing (原文欠落) is one row from the marker to what is written', async () => {
    const d = base();
    const key = '特定個人情報ファイルを取り扱う事務において使用するシステム';
    const systems = d['基本情報'][key];
    d['基本情報'][key] = { 記載状態: '原文欠落', 注記: '抽出テキストにない' };
    save(d);
    repo.commit('2024-10-04', '欠落');
    d['基本情報'][key] = systems;
    save(d);
    repo.commit('2024-10-05', '補う');
    const r = (await rows()).filter((x) => x.変更日 === '2024-10-05');
    expect(r).toHaveLength(1);
    expect(r[0].項目).toMatch(/使用するシステム$/);
    expect(r[0].変更前の記載).toMatch(/原文欠落/);
    expect(r[0].変更後の記載).toContain(systems[0]['システムの名称']);
  });
});

describe('entries marked as a whole, and ※ inside an entry', () => {
  const entrusts = (d: any) => file1(d)['特定個人情報ファイルの取扱いの委託']['委託事項'];
  it('an entry marked 判読不能 as a whole and then written out is one row, from the marker to the entry', async () => {
    const d = base();
    const written = entrusts(d)[1];
    entrusts(d)[1] = { 記載状態: '判読不能', 注記: '委託事項2の欄全体が読み取れない' };
    save(d);
    repo.commit('2024-11-01', '判読不能');
    entrusts(d)[1] = written;
    save(d);
    repo.commit('2024-11-02', '補う');
    const r = (await rows()).filter((x) => x.変更日 === '2024-11-02');
    expect(r.map((x) => x.項目.split(' ').pop())).toEqual(['委託事項2']);
    expect(r[0].変更前の記載).toBe('［判読不能］');
    expect(r[0].変更後の記載).toMatch(new RegExp(`^委託事項2 ${written['名称'].split('\n')[0]}`));
  });
  it('an entry added or removed names itself with its marker: marked as a whole, or its name marked 不確実', async () => {
    const d = base();
    entrusts(d).push({ 記載状態: '判読不能', 注記: '読み取れない' });
    moves(d).push({ ...moves(d)[0], 名称: { 記載状態: '不確実', 原文: '市民課' } });
    save(d);
    repo.commit('2024-11-03', '足す');
    const n = entrusts(d).length;
    const m = moves(d).length;
    const added = await rows();
    expect(added.map((x) => [x.項目.split(' ').pop(), x.変更後の記載.split('\n')[0]])).toEqual([[`委託事項${n}`, `委託事項${n} ［判読不能］`], [`移転先${m}`, `移転先${m} ［不確実］市民課`]]);
    entrusts(d).pop();
    moves(d).pop();
    save(d);
    repo.commit('2024-11-04', '除く');
    const removed = (await rows()).filter((x) => x.変更日 === '2024-11-04');
    expect(removed.map((x) => x.変更前の記載.split('\n')[0])).toEqual([`委託事項${n} ［判読不能］`, `移転先${m} ［不確実］市民課`]);
  });
  it('adding or removing an entry that holds a ※ item, or changing the 件数 of 委託の有無, is 要確認 without Submission:', async () => {
    const d = base();
    const entrust = file1(d)['特定個人情報ファイルの取扱いの委託'];
    entrust['委託事項'].push(structuredClone(entrust['委託事項'][0]));
    entrust['件数'] = (entrust['件数'] ?? 0) + 1;
    save(d);
    repo.commit('2024-11-05', '委託を追加');
    const r = await rows();
    expect(r.map((x) => [x.項目.split(' ').pop(), x.要確認])).toEqual([['委託の件数', true], [`委託事項${entrust['委託事項'].length}`, true]]);
    // moving entries changes no ※ item
    entrust['委託事項'].reverse();
    save(d);
    repo.commit('2024-11-06', '並べ替え');
    expect((await rows()).filter((x) => x.変更日 === '2024-11-06').every((x) => !x.要確認)).toBe(true);
  });
  it('renaming an entry that holds a ※ item is no ※ change (its name is not one)', async () => {
    const d = base();
    entrusts(d)[0]['名称'] = '名前だけ変えた委託事項';
    save(d);
    repo.commit('2024-11-07', '名称');
    expect((await rows()).map((x) => [x.項目.split(' ').pop(), x.要確認])).toEqual([['委託事項1', false]]);
  });
});

describe('a file named with a number of its own', () => {
  it('is numbered once in a row\'s item, though its name\'s number is not its place (a file removed above it)', async () => {
    const d = base();
    d['特定個人情報ファイルの概要'][0]['特定個人情報ファイル名'] = '(3)送付先情報ファイル';
    d['特定個人情報ファイルの概要'][1]['特定個人情報ファイル名'] = '（４）住民票ファイル';
    save(d);
    repo.commit('2024-05-01', '名前に番号');
    d['特定個人情報ファイルの概要'][0]['基本情報']['事務担当部署'] = '市民課';
    d['特定個人情報ファイルの概要'][1]['基本情報']['事務担当部署'] = '市民課';
    save(d);
    repo.commit('2024-05-10', '部署');
    expect((await rows()).filter((r) => r.変更日 === '2024-05-10').map((r) => r.項目.split(' 2. ')[0])).toEqual([
      'Ⅱ 特定個人情報ファイルの概要 1. 特定個人情報ファイル名 (3)送付先情報ファイル',
      'Ⅱ 特定個人情報ファイルの概要 1. 特定個人情報ファイル名 （４）住民票ファイル',
    ]);
  });
});

describe('entry names and order (移転先, 提供先, 委託事項)', () => {
  const LIST = 'Ⅱ 特定個人情報ファイルの概要 1. 特定個人情報ファイル名 (1)特定個人情報ファイル名の記載例。\n・箇条書き一つ目\n・箇条書き二つ目 5. 特定個人情報の提供・移転（委託に伴うものを除く。）';
  it('renaming an entry is one row on its heading, with the old and the new name', async () => {
    const d = base();
    const was = moves(d)[1]['名称'];
    moves(d)[1]['名称'] = 'こども未来部こども支援課';
    save(d);
    repo.commit('2025-04-01', '組織改編');
    expect((await rows()).map((r) => [r.項目, r.変更前の記載, r.変更後の記載])).toEqual([[`${LIST} 移転先2`, was, 'こども未来部こども支援課']]);
  });
  it('a rename and another sub-item of the same entry are two rows', async () => {
    const d = base();
    const entrust = file1(d)['特定個人情報ファイルの取扱いの委託']['委託事項'][0];
    entrust['名称'] = '新しい委託事項名';
    entrust['委託先名'] = '株式会社新委託先';
    save(d);
    repo.commit('2025-04-02', '委託の見直し');
    const r = await rows();
    expect(r.map((x) => [x.項目.split(' ').slice(-2).join(' '), x.変更後の記載])).toEqual([
      ['特定個人情報ファイルの取扱いの委託 委託事項1', '新しい委託事項名'], ['委託事項1 ③委託先名', '株式会社新委託先'],
    ]);
  });
  it('an entry renamed and edited throughout stays itself when another is inserted before it', async () => {
    const d = base();
    const key = '特定個人情報ファイルを取り扱う事務において使用するシステム';
    const systems = d['基本情報'][key];
    const last = systems.length - 1;
    const name = systems[last]['システムの名称'];
    systems[last] = { ...systems[last], システムの名称: '新しい名前のシステム', システムの機能: '書き直した機能' };
    systems.unshift({ ...systems[0], システムの名称: '先頭に足したシステム' });
    save(d);
    repo.commit('2025-04-05', '先頭に追加し、最後のシステムを更新');
    const r = await rows();
    const n = systems.length;
    expect(r.map((x) => [x.項目.split(' ').slice(-2).join(' '), x.変更前の記載.split('\n')[0]])).toEqual([
      [expect.stringMatching(/システム1$/), '(空白)'], [`システム${n} ①システムの名称`, name.split('\n')[0]], [`システム${n} ②システムの機能`, expect.any(String)],
    ]);
  });
  it('swapping two entries gives no content row, one row saying which entry moved', async () => {
    const d = base();
    const [m1, m2] = [moves(d)[0]['名称'], moves(d)[1]['名称']];
    moves(d).splice(0, 2, moves(d)[1], moves(d)[0]);
    save(d);
    repo.commit('2025-04-03', '並べ替え');
    const r = await rows();
    expect(r).toHaveLength(1);
    expect([[`${LIST} 移転先2`, `移転先1 ${m1}`, `移転先2 ${m1}`], [`${LIST} 移転先1`, `移転先2 ${m2}`, `移転先1 ${m2}`]]).toContainEqual([r[0].項目, r[0].変更前の記載, r[0].変更後の記載]);
  });
  it('the 新旧対照 of a draft shows the rename (same diff)', async () => {
    const { draftComparison } = await import('../src/lib/changes/draft-changes.ts');
    const { publishedVersion } = await import('../src/lib/site/version-history.ts');
    const { Report } = await import('../src/lib/content/content-store.ts');
    const d = base();
    moves(d)[0]['名称'] = '案での新しい名称';
    d['表紙']['公表日'] = null;
    save(d);
    repo.commit('2025-04-04', '案');
    const draft = new Report(path.join(repo.dir, REPORT), d);
    const c = draftComparison(draft, await publishedVersion(draft));
    expect(c.source).toBe('history');
    expect(c.rows).toContainEqual(expect.objectContaining({ item: `${LIST} 移転先1`, after: '案での新しい名称' }));
  });
});

describe('changes that are not changes to the report', () => {
  it('reformatting (comments, quoting, key order, folding) gives no row', async () => {
    const d = base();
    const reordered = Object.fromEntries(Object.entries(d).reverse());
    repo.write(REPORT, '# コメントを追加\n' + stringify(reordered, { lineWidth: 40, defaultStringType: 'QUOTE_DOUBLE' }));
    repo.commit('2024-11-01', '書式の整理');
    expect(await rows()).toEqual([]);
  });
  it('blanks added at the ends of lines of texts give no row; a blank inside a line gives its row (seeded)', async () => {
    const r = seeded(41);
    const d = base();
    const texts: { o: any; k: string | number }[] = [];
    const visit = (o: any) => { for (const [k, v] of Object.entries(o)) { if (typeof v === 'string' && v.includes('\n')) texts.push({ o, k }); else if (v && typeof v === 'object' && k !== '変更箇所') visit(v); } };
    visit(d);
    expect(texts.length).toBeGreaterThan(20);
    for (const { o, k } of texts) o[k] = o[k].split('\n').map((l: string) => (r.next() < 0.4 ? l + r.pick([' ', '  ', '\t', '\u3000', ' \u3000']) : l)).join('\n');
    save(d);
    repo.commit('2024-11-03', '行末の空白');
    expect(await rows()).toEqual([]);
    const t = r.pick(texts);
    const cut = t.o[t.k].indexOf('\n') - 1;
    t.o[t.k] = t.o[t.k].slice(0, cut) + ' ' + t.o[t.k].slice(cut);
    save(d);
    repo.commit('2024-11-04', '行の中の空白');
    expect((await rows()).map((x) => x.変更後の記載)).toEqual([t.o[t.k].replace(/\n+$/, '')]);
  });
  it('editing the 変更箇所 records themselves gives no row', async () => {
    const d = base();
    d['変更箇所'][0]['提出時期に係る説明'] = '説明を追記';
    save(d);
    repo.commit('2024-11-02', '変更箇所の説明を修正');
    expect(await rows()).toEqual([]);
  });
  it('a new 公表日 is each version\'s own date, no change: no row, and the other edits of the version keep theirs', async () => {
    const d = base();
    d['表紙']['公表日'] = '2026-01-20';
    save(d);
    repo.commit('2026-01-09', '再評価の公表日');
    expect(await rows()).toEqual([]);
    d['表紙']['公表日'] = '2026-04-01';
    d['表紙']['特記事項'] = '再評価の特記事項';
    save(d);
    repo.commit('2026-03-01', '再評価');
    expect((await rows()).map((r) => r.項目)).toEqual(['表紙 特記事項']);
  });
  it('a none written as another dash, or as blank, is the same none (「－」「—」「ー」「-」「‐」, FORMS.md §1.1): no row', async () => {
    const d = base();
    const leaf = file1(d)['基本情報'];
    const r = seeded(41);
    const forms = ['－', '—', 'ー', '-', '‐', '―', null, ''];
    leaf['事務担当部署'] = '－';
    save(d);
    repo.commit('2024-05-01', 'なしを記入');
    const before = (await rows()).length;
    for (let k = 0; k < 6; k++) {
      leaf['事務担当部署'] = r.pick(forms.filter((f) => f !== leaf['事務担当部署']));
      save(d);
      repo.commit(`2024-06-0${k + 1}`, '表記の統一');
    }
    expect((await rows()).length).toBe(before);
    leaf['事務担当部署'] = '市民課';
    save(d);
    repo.commit('2024-07-01', '記入');
    expect((await rows()).slice(before).map((x) => x.変更後の記載)).toEqual(['市民課']);
  });
  it('an import (Change-Log: import) gives no row', async () => {
    const d = base();
    d['表紙']['特記事項'] = '取り込み時の修正';
    save(d);
    repo.commit('2024-11-03', '公表版の転記を修正\n\nChange-Log: import');
    expect(await rows()).toEqual([]);
  });
});

describe('a report before its first publication (変更箇所 records changes to a published report)', () => {
  // (another report of the organisation: number 9, in 9.yaml)
  const scaffoldOf = (d: Record<string, any>) => { const x = structuredClone(d); x['表紙']['公表日'] = null; x['表紙']['評価書番号'] = '9'; return x; };
  it('a report added without a 公表日 and written in several commits makes no rows, nor does its publication; its next edit does', async () => {
    const r = repo;
    const draft = scaffoldOf(base());
    draft['表紙']['特記事項'] = null;
    save(draft, 'content/reports/test-shi/9.yaml');
    r.commit('2025-01-10', '新しい評価書（書きかけ）');
    draft['表紙']['特記事項'] = '書きかけの特記事項';
    file1(draft)['基本情報']['事務担当部署'] = '市民課';
    save(draft, 'content/reports/test-shi/9.yaml');
    r.commit('2025-01-20', '書き進める');
    draft['表紙']['公表日'] = '2025-02-01';
    draft['表紙']['特記事項'] = '公表した特記事項';
    save(draft, 'content/reports/test-shi/9.yaml');
    r.commit('2025-02-01', '公表');
    expect((await rows()).filter((x) => x.report.endsWith('/9.yaml'))).toEqual([]);
    draft['表紙']['特記事項'] = '公表後の修正';
    save(draft, 'content/reports/test-shi/9.yaml');
    r.commit('2025-03-01', '修正');
    expect((await rows()).filter((x) => x.report.endsWith('/9.yaml')).map((x) => [x.項目, x.変更前の記載, x.変更後の記載])).toEqual([['表紙 特記事項', '公表した特記事項', '公表後の修正']]);
  });
  it('a published report under re-evaluation (公表日 blanked in its draft) keeps making rows', async () => {
    const d = base();
    d['表紙']['公表日'] = null;
    d['表紙']['特記事項'] = '再評価の案';
    save(d);
    repo.commit('2025-06-01', '再評価の案');
    expect((await rows()).map((x) => x.変更後の記載)).toEqual(['再評価の案']);
  });
  it('--since from a draft agrees with the full history (whether the draft was published before, only the history tells)', async () => {
    const draft = scaffoldOf(base());
    save(draft, 'content/reports/test-shi/9.yaml');
    const since = repo.commit('2025-01-10', '新しい評価書（書きかけ）');
    draft['表紙']['特記事項'] = '書きかけの特記事項';
    save(draft, 'content/reports/test-shi/9.yaml');
    repo.commit('2025-01-20', '書き進める');
    const d = base();
    d['表紙']['公表日'] = null;
    d['表紙']['特記事項'] = '再評価の案';
    save(d);
    repo.commit('2025-06-01', '再評価の案');
    const all = await rows();
    expect(all.map((x) => x.report)).toEqual([REPORT]);
    expect(await rows(since)).toEqual(all);
  });
});

describe('history', () => {
  it('a renamed report stays one report', async () => {
    repo.git('mv', REPORT, 'content/reports/test-shi/kokumin-nenkin.yaml');
    repo.commit('2024-12-01', '名前を変更');
    const d = base();
    d['表紙']['特記事項'] = 'なし';
    save(d, 'content/reports/test-shi/kokumin-nenkin.yaml');
    repo.commit('2024-12-02', '特記事項');
    const r = await rows();
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ report: 'content/reports/test-shi/kokumin-nenkin.yaml', 項目: '表紙 特記事項', 変更後の記載: 'なし' });
  });

  it('a report moved with its organisation (merged or renamed: folder and 評価実施機関 in one change set) stays one report', async () => {
    const d = base();
    d['表紙']['特記事項'] = '合併前';
    save(d);
    repo.commit('2024-12-01', '特記事項');
    repo.git('mv', 'content/reports/test-shi', 'content/reports/test-city');
    repo.git('mv', 'content/organisations/test-shi.yaml', 'content/organisations/test-city.yaml');
    d['評価実施機関'] = 'test-city';
    save(d, 'content/reports/test-city/2.yaml');
    repo.commit('2025-01-01', '市の名称変更に伴う移動');
    d['表紙']['特記事項'] = '合併後';
    save(d, 'content/reports/test-city/2.yaml');
    repo.commit('2025-02-01', '特記事項');
    const r = await rows();
    expect(r.map((x) => [x.report, x.変更後の記載])).toEqual([['content/reports/test-city/2.yaml', '合併前'], ['content/reports/test-city/2.yaml', '合併後']]);
  });

  it('another organisation\'s report with the same number, added as one is removed, is a new report while the first organisation has reports', async () => {
    const other = base();
    other['表紙']['評価書番号'] = '3';
    save(other, 'content/reports/test-shi/3.yaml');
    repo.commit('2024-12-01', '3 を追加');
    fs.mkdirSync(path.join(repo.dir, 'content/reports/test-city'), { recursive: true });
    repo.git('mv', REPORT, 'content/reports/test-city/2.yaml');
    const d = base();
    d['評価実施機関'] = 'test-city';
    d['表紙']['特記事項'] = '別の機関の記載';
    save(d, 'content/reports/test-city/2.yaml');
    repo.write('content/organisations/test-city.yaml', ORG.replace(/test-shi/g, 'test-city'));
    repo.commit('2025-01-01', '別の機関の評価書');
    d['表紙']['特記事項'] = '別の機関の変更';
    save(d, 'content/reports/test-city/2.yaml');
    repo.commit('2025-02-01', '特記事項');
    // (test-city/2.yaml is new: its first version makes no rows; its edit after it does)
    expect((await rows()).map((x) => [x.report, x.変更前の記載])).toEqual([['content/reports/test-city/2.yaml', '別の機関の記載']]);
  });

  it('a version that today\'s validation would refuse (an anchor no alias uses) is still read as YAML reads it', async () => {
    const d = base();
    d['表紙']['特記事項'] = '一行目';
    const text = stringify(d, { lineWidth: 0 }).replace(/^(\s*)特記事項: 一行目$/m, '$1特記事項: &注 一行目');
    repo.write(REPORT, text);
    repo.commit('2024-12-03', 'アンカーのある値');
    const r = await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports' });
    expect(r.skipped).toEqual([]);
    expect(r.rows.map((x) => [x.項目, x.変更後の記載])).toEqual([['表紙 特記事項', '一行目']]);
  });

  it('a renumbered report (git mv with its 評価書番号, one change set) stays one report, with a row for the number', async () => {
    const d = base();
    d['表紙']['特記事項'] = 'なし';
    save(d);
    repo.commit('2024-12-01', '特記事項');
    repo.git('mv', REPORT, 'content/reports/test-shi/3.yaml');
    d['表紙']['評価書番号'] = 3;
    d['表紙']['特記事項'] = 'あり';
    save(d, 'content/reports/test-shi/3.yaml');
    repo.commit('2024-12-02', '番号の変更');
    const r = await rows();
    expect(r.map((x) => [x.report, x.項目, x.変更前の記載, x.変更後の記載])).toEqual([
      ['content/reports/test-shi/3.yaml', '表紙 特記事項', base()['表紙']['特記事項'], 'なし'],
      ['content/reports/test-shi/3.yaml', '表紙 評価書番号', String(base()['表紙']['評価書番号']), '3'],
      ['content/reports/test-shi/3.yaml', '表紙 特記事項', 'なし', 'あり'],
    ]);
  });

  it('a report renumbered, renamed and re-indented in one change set (no rename git sees) stays one report', async () => {
    const d = base();
    d['表紙']['評価書番号'] = 3;
    d['表紙']['特記事項'] = 'あり';
    repo.git('rm', '-q', REPORT);
    // (an editor's 「format document」: four blanks a level, every line different to git)
    repo.write('content/reports/test-shi/3.yaml', stringify(d, { lineWidth: 0, indent: 4 }));
    repo.commit('2024-12-02', '番号の変更');
    expect(repo.git('log', '-1', '--find-renames', '--name-status', '--format=').split('\n').map((l) => l[0]).sort()).toEqual(['A', 'D']);
    expect((await rows()).map((x) => [x.report, x.項目, x.変更前の記載, x.変更後の記載])).toEqual([
      ['content/reports/test-shi/3.yaml', '表紙 評価書番号', String(base()['表紙']['評価書番号']), '3'],
      ['content/reports/test-shi/3.yaml', '表紙 特記事項', base()['表紙']['特記事項'], 'あり'],
    ]);
  });

  it('another report of the same organisation and form, added as one is removed, is a new report (its texts are not the removed one\'s)', async () => {
    // (the same form's choices and headings, every text of its own)
    const other = JSON.parse(JSON.stringify(base()), (_k, v) => (typeof v === 'string' && v.trim().length >= 8 ? `別の事務の記載：${v.length}` : v));
    other['表紙']['評価書番号'] = 3;
    repo.git('rm', '-q', REPORT);
    save(other, 'content/reports/test-shi/3.yaml');
    repo.commit('2025-02-04', '廃止と新設');
    expect(await rows()).toEqual([]);
  });

  // (with its number, and named by its file when neither version prints one)
  it.each([
    ['printing its number', (d: Record<string, any>) => { d['表紙']['特記事項'] = '重点のときの変更'; }, '重点のときの変更'],
    ['printing no number', (d: Record<string, any>) => { d['表紙']['評価書番号'] = { 記載状態: '原文欠落' }; }, '［原文欠落］'],
  ] as const)('a file rewritten as a report of another form (重点 → 全項目 after a new しきい値判断) is a new report, %s: no rows between the forms, the old report keeps its rows apart', async (_name, edit, oldRow) => {
    const d = base();
    edit(d);
    save(d);
    repo.commit('2025-01-01', '重点のときの変更');
    const full = parseYaml(fs.readFileSync(`${FIX}/reports/test-shi/3.yaml`, 'utf8')).data as Record<string, any>;
    full['表紙']['評価書番号'] = d['表紙']['評価書番号'];
    save(full);
    repo.commit('2025-04-01', '全項目評価の実施\n\nSubmission: 事前');
    full['表紙']['特記事項'] = '全項目になってからの変更';
    save(full);
    repo.commit('2025-05-01', '特記事項');
    const r = await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports' });
    expect(r.rows.map((x) => [x.report, x.変更日, x.変更後の記載])).toEqual([
      [`${REPORT}（重点項目評価書）`, '2025-01-01', oldRow],
      [REPORT, '2025-05-01', '全項目になってからの変更'],
    ]);
    // (the version that changed the form is told as making no rows, its trailers with it)
    expect(r.skipped).toEqual([{ commit: expect.any(String), file: REPORT, message: expect.stringMatching(/^様式が重点項目評価書から全項目評価書に変わりました。.*Submission: などのトレーラーも行になりません/) }]);
  });

  it('each version is compared with the one before it, even when the number goes and comes back', async () => {
    const d = base();
    const number = d['表紙']['評価書番号'];
    d['表紙']['評価書番号'] = 9;
    d['表紙']['特記事項'] = '一つ目';
    save(d);
    repo.commit('2025-01-01', '番号を 9 に');
    d['表紙']['評価書番号'] = number;
    save(d);
    repo.commit('2025-01-02', '番号を戻す');
    d['表紙']['特記事項'] = '二つ目';
    save(d);
    repo.commit('2025-01-03', '特記事項');
    const r = await rows();
    expect(r.map((x) => [x.項目, x.変更前の記載, x.変更後の記載])).toEqual([
      ['表紙 評価書番号', String(number), '9'],
      ['表紙 特記事項', base()['表紙']['特記事項'], '一つ目'],
      ['表紙 評価書番号', '9', String(number)],
      ['表紙 特記事項', '一つ目', '二つ目'],
    ]);
  });

  it('a copy of a report is no version of it: skipped while both print one number, a new report once numbered anew', async () => {
    const d = base();
    d['表紙']['特記事項'] = 'なし';
    save(d);
    repo.commit('2025-02-01', '特記事項');
    const copy = 'content/reports/test-shi/5.yaml';
    save(d, copy);
    const copied = repo.commit('2025-02-02', '写しを作る');
    d['表紙']['評価書番号'] = 5;
    d['表紙']['評価書名'] = '新しい評価書';
    save(d, copy);
    repo.commit('2025-02-03', '写しに番号を付ける');
    const r = await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports' });
    expect(r.rows.map((x) => [x.report, x.項目, x.変更後の記載])).toEqual([[REPORT, '表紙 特記事項', 'なし']]);
    expect(r.skipped).toEqual([{ commit: copied, file: copy, message: `${REPORT} と同じ評価実施機関・様式・評価書番号です（同じ評価書が 2 つのファイルにあります）` }]);
  });

  it('another report that replaces a removed one in the same change set is new, though git pairs the two as a rename', async () => {
    repo.git('rm', '-q', REPORT);
    repo.write('content/reports/test-shi/3.yaml', fs.readFileSync(`${FIX}/reports/test-shi/3.yaml`, 'utf8'));
    repo.commit('2025-02-04', '廃止と新設');
    expect(repo.git('log', '-1', '--find-renames', '--name-status', '--format=')).toMatch(/^R\d+/);
    expect(await rows()).toEqual([]);
  });

  it('two files whose contents are swapped stay their reports (no rows)', async () => {
    const other = base();
    other['表紙']['評価書番号'] = 7;
    other['表紙']['評価書名'] = '別の評価書';
    save(other, 'content/reports/test-shi/7.yaml');
    repo.commit('2025-02-05', '7 を追加');
    save(base(), 'content/reports/test-shi/7.yaml');
    save(other);
    repo.commit('2025-02-06', '中身を入れ替える');
    expect(await rows()).toEqual([]);
  });

  // The tree at --since has no file for a report removed before it: a file the range adds may be
  // that report, restored (the preview listed none of its rows, the page all of them).
  it('--since over a report restored with an edit agrees with the full history', async () => {
    repo.git('rm', '-q', REPORT);
    repo.commit('2025-02-05', '評価書を消す');
    const d = base();
    file1(d)['基本情報']['事務担当部署'] = '戻した部署';
    save(d);
    const last = repo.commit('2025-02-06', '評価書を戻して部署を変える\n\nSubmission: 事後');
    const all = await rows();
    expect(all.filter((x) => x.commit === last).map((x) => x.変更後の記載)).toEqual(['戻した部署']);
    expect(await rows(repo.git('rev-parse', 'HEAD~1'))).toEqual(all.filter((x) => x.commit === last));
  });

  it('a new report given the number of a report removed earlier (事務終了) is a new report: no rows, --since agrees', async () => {
    const old = base();
    old['表紙']['特記事項'] = '取りやめる前の変更';
    save(old);
    repo.commit('2025-01-20', '取りやめる前の変更\n\nSubmission: 事後');
    repo.git('rm', '-q', REPORT);
    repo.commit('2025-02-05', '事務終了のため取りやめ');
    // (another 事務 under the same number, as npm run new writes it: the same form's headings and
    // choices, every text of its own)
    const other = JSON.parse(JSON.stringify(base()), (_k, v) => (typeof v === 'string' && /[^\x00-\x7f]/.test(v) && v.trim().length >= 8 ? `別の事務の記載：${v.length}` : v));
    expect([other['評価実施機関'], other['様式'], other['表紙']['評価書番号']]).toEqual([base()['評価実施機関'], base()['様式'], base()['表紙']['評価書番号']]);
    save(other);
    const since = repo.commit('2025-03-01', '新しい評価書の公表\n\nSubmission: 事前\nReason: 新規');
    other['表紙']['特記事項'] = '新しい評価書の変更';
    save(other);
    repo.commit('2025-04-01', '特記事項\n\nSubmission: 事後');
    // (the withdrawn report keeps its row, under its last file's name: never on the new report's page)
    expect((await rows()).map((x) => [x.report, x.変更日, x.項目, x.変更後の記載])).toEqual([
      [`${REPORT}（取りやめた評価書）`, '2025-01-20', '表紙 特記事項', '取りやめる前の変更'],
      [REPORT, '2025-04-01', '表紙 特記事項', '新しい評価書の変更'],
    ]);
    expect(await rows(repo.git('rev-parse', `${since}~1`))).toEqual((await rows()).filter((x) => (x.変更日 ?? '') > '2025-03-01'));
  });

  it('--since after a copy agrees with the full history', async () => {
    const d = base();
    save(d, 'content/reports/test-shi/5.yaml');
    const since = repo.commit('2025-02-07', '写しを作る');
    d['表紙']['評価書番号'] = 5;
    save(d, 'content/reports/test-shi/5.yaml');
    repo.commit('2025-02-08', '写しに番号を付ける');
    expect(await rows(since)).toEqual(await rows());
    expect(await rows()).toEqual([]);
  });

  it('a merged pull request is one change set, dated and described by the merge', async () => {
    repo.git('checkout', '-q', '-b', 'pr');
    const d = base();
    d['表紙']['特記事項'] = '一つ目';
    save(d);
    repo.commit('2025-01-05', 'PR の一つ目');
    d['基本情報']['他の評価実施機関'] = '二つ目';
    save(d);
    repo.commit('2025-01-06', 'PR の二つ目');
    repo.git('checkout', '-q', 'main');
    repo.merge('2025-01-10', 'pr', 'Merge pull request #1\n\nSubmission: 事後\nReason: 軽微な修正のため');
    const r = await rows();
    expect(r.map((x) => [x.変更日, x.項目, x.提出時期, x.提出時期に係る説明])).toEqual([
      ['2025-01-10', '表紙 特記事項', '事後', '軽微な修正のため'],
      ['2025-01-10', 'Ⅰ 基本情報 7. 他の評価実施機関', '事後', '軽微な修正のため'],
    ]);
  });

  // A merge whose own message has no trailers (a local `git merge`, a merge message without the pull
  // request's description) is dated and described by the commits it merged: not by the merge's day.
  it('a merge without trailers of its own takes those of the commits it merged', async () => {
    repo.git('checkout', '-q', '-b', 'clerk');
    const d = base();
    d['表紙']['特記事項'] = '職員の変更';
    save(d);
    repo.commit('2025-01-05', '特記事項の変更\n\nSubmission: 事前\nReason: 重要な変更に当たるため\nChange-Date: 2025-01-04');
    repo.commit('2025-01-06', '見直し（評価書は変えない）');
    repo.git('checkout', '-q', 'main');
    repo.merge('2025-01-10', 'clerk', "Merge branch 'clerk'");
    expect((await rows()).map((x) => [x.変更日, x.変更後の記載, x.提出時期, x.提出時期に係る説明, x.要確認])).toEqual([['2025-01-04', '職員の変更', '事前', '重要な変更に当たるため', false]]);
  });

  it('main merged into a branch that then became main: each change keeps the trailers of the commit that made it', async () => {
    const start = repo.git('rev-parse', 'HEAD');
    repo.git('checkout', '-q', '-b', 'clerk');
    const mine = base();
    mine['表紙']['特記事項'] = '職員Aの変更';
    save(mine);
    repo.commit('2025-03-02', 'Aの変更\n\nChange-Date: 2025-03-01\nReason: Aの理由');
    repo.git('checkout', '-q', 'main');
    const theirs = base();
    theirs['基本情報']['他の評価実施機関'] = '職員Bの変更';
    save(theirs);
    repo.commit('2025-03-05', 'Bの変更\n\nChange-Date: 2025-03-04\nSubmission: 事前\nReason: Bの理由');
    repo.git('checkout', '-q', 'clerk');
    repo.merge('2025-03-08', 'main', "Merge branch 'main' into clerk");
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--ff-only', 'clerk');
    expect(repo.git('rev-list', '--first-parent', '--count', `${start}..HEAD`)).toBe('2');
    expect((await rows()).map((x) => [x.変更日, x.変更後の記載, x.提出時期, x.提出時期に係る説明])).toEqual([
      ['2025-03-01', '職員Aの変更', '事後', 'Aの理由'],
      ['2025-03-04', '職員Bの変更', '事前', 'Bの理由'],
    ]);
  });

  it('merged commits whose trailers disagree, or an import merged with a change, are a trailer error: 要確認, never one of them picked', async () => {
    const d = base();
    const branch = (name: string, edits: [string, string][]) => {
      repo.git('checkout', '-q', '-b', name);
      edits.forEach(([text, message], i) => { d['表紙']['特記事項'] = text; save(d); repo.commit(`2025-04-0${i + 1}`, message); });
      repo.git('checkout', '-q', 'main');
    };
    branch('two', [['一つ目', '一\n\nSubmission: 事前'], ['二つ目', '二\n\nSubmission: 事後']]);
    repo.merge('2025-04-10', 'two', "Merge branch 'two'");
    branch('mixed', [['三つ目', '転記\n\nChange-Log: import'], ['四つ目', '変更\n\nReason: 組織改編']]);
    repo.merge('2025-04-20', 'mixed', "Merge branch 'mixed'");
    const got = await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports' });
    expect(got.rows.map((x) => [x.変更後の記載, x.提出時期, x.要確認])).toEqual([['二つ目', null, true], ['四つ目', '事後', true]]);
    expect(got.trailerErrors.map((e) => e.messages.join(' '))).toEqual([
      expect.stringMatching(/マージしたコミットの Submission: が食い違っています（[0-9a-f]{12}「事前」、[0-9a-f]{12}「事後」）/),
      expect.stringMatching(/マージしたコミットの Change-Log: が食い違っています（[0-9a-f]{12}「import」、[0-9a-f]{12}「なし」）/),
    ]);
  });

  // 「git pull」 with a merge brings in pull requests merged on main, one with trailers and one without:
  // the second's change must not take the first's 事前 and Change-Date. Nor can one be chosen: 要確認.
  it('a pull that merges other merges, with and without trailers, is a trailer error, never one merge\'s values for another\'s change', async () => {
    const start = repo.git('rev-parse', 'HEAD');
    const d = base();
    const at = (k: 0 | 1 | 2, v: string, data = d) => { if (k === 0) data['表紙']['特記事項'] = v; else if (k === 1) data['基本情報']['他の評価実施機関'] = v; else data['基本情報']['特定個人情報ファイル名'] = v; };
    repo.git('checkout', '-q', '-b', 'clone');
    const mine = base(); at(2, '手元の変更', mine); save(mine);
    repo.commit('2026-05-02', '手元\n\nChange-Date: 2026-05-01\nSubmission: 事後');
    repo.git('checkout', '-q', 'main');
    for (const [n, v, message] of [[1, 'PR1 の変更', 'Merge pull request #1\n\nChange-Date: 2026-04-01\nSubmission: 事前'], [2, 'PR2 の変更', 'Merge pull request #2 (誤記の訂正)']] as const) {
      repo.git('checkout', '-q', '-b', `pr${n}`);
      at(n === 1 ? 0 : 1, v); save(d);
      repo.commit('2026-04-0' + n, `PR${n}`);
      repo.git('checkout', '-q', 'main');
      repo.merge('2026-04-0' + (n + 2), `pr${n}`, message);
    }
    repo.git('checkout', '-q', 'clone');
    repo.merge('2026-05-10', 'main', "Merge branch 'main' of https://example.jp/repo");
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--ff-only', 'clone');
    expect(repo.git('rev-list', '--first-parent', '--count', `${start}..HEAD`)).toBe('2');
    const got = await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports' });
    expect(got.rows.map((x) => [x.変更後の記載, x.変更日, x.提出時期, x.要確認])).toEqual([
      ['手元の変更', '2026-05-01', '事後', false],
      ['PR1 の変更', null, null, true],
      ['PR2 の変更', null, null, true],
    ]);
    expect(got.trailerErrors.map((e) => e.messages[0])).toEqual([expect.stringMatching(/^マージで取り込んだコミットが 1 つのブランチの変更ではない（[0-9a-f]{12}（トレーラーなし）.*[0-9a-f]{12}（マージ）.*）ため、どの変更の変更日・提出時期かを決められません/)]);
  });

  it('a merge with trailers of its own is described by them, whatever the merged commits say', async () => {
    repo.git('checkout', '-q', '-b', 'pr');
    const d = base();
    d['表紙']['特記事項'] = '変更';
    save(d);
    repo.commit('2025-05-01', '変更\n\nSubmission: 事前\nChange-Date: 2025-04-30');
    repo.git('checkout', '-q', 'main');
    repo.merge('2025-05-03', 'pr', 'Merge pull request #3\n\nSubmission: 事後\nReason: 確認の結果');
    expect((await rows()).map((x) => [x.変更日, x.提出時期, x.提出時期に係る説明])).toEqual([['2025-05-03', '事後', '確認の結果']]);
  });

  it('every change is dated and described by the commit that made it, however its branch was merged (seeded)', async () => {
    const r = seeded(4646);
    const items: ((d: any) => [any, string])[] = [(d) => [d['表紙'], '特記事項'], (d) => [d['基本情報'], '他の評価実施機関'], (d) => [d['基本情報'], '特定個人情報ファイル名']];
    const d = base();
    // What each value's row must say: the Change-Date and Submission of the commit that wrote it, or
    // of the merge that carries trailers of its own, or the merge's day when nobody wrote any.
    const want = new Map<string, [string, string]>();
    const ways = new Set<string>();
    let day = 0;
    const at = () => { day++; return `2025-${String(1 + Math.floor(day / 28)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`; };
    // (d: the report as the branches leave it; each step's edits are of other items than the last's)
    const write = (item: number, value: string) => { const [o, k] = items[item](d); o[k] = value; save(d); };
    const trailers = (date: string, submission: string) => `\n\nChange-Date: ${date}\nSubmission: ${submission}`;
    for (let step = 0; step < 20; step++) {
      const how = r.pick(['fast-forward', 'merge', 'merge with trailers', 'main into the branch'] as const);
      const item = step % 3;
      const value = `変更${step}`;
      const [date, submission] = [at(), r.pick(['事前', '事後'])];
      const silent = how === 'merge' && r.int(3) === 0; // a branch whose commits carry no trailers either
      ways.add(silent ? 'silent' : how);
      repo.git('checkout', '-q', '-b', `b${step}`);
      write(item, value);
      repo.commit(at(), `編集${step}${silent ? '' : trailers(date, submission)}`);
      if (r.int(2)) repo.commit(at(), `評価書以外${step}`);
      repo.git('checkout', '-q', 'main');
      if (how === 'fast-forward') { repo.git('merge', '-q', '--ff-only', `b${step}`); want.set(value, [date, submission]); }
      else if (how === 'merge' || how === 'merge with trailers') {
        const mergeDay = at();
        const own = how === 'merge with trailers' ? [at(), r.pick(['事前', '事後'])] as [string, string] : undefined;
        repo.merge(mergeDay, `b${step}`, `Merge branch 'b${step}'${own ? trailers(...own) : ''}`);
        want.set(value, own ?? (silent ? [mergeDay, '事後'] : [date, submission]));
      } else {
        // another clerk's change lands on main first; main is merged into the branch, which becomes main
        const other = `他の変更${step}`;
        const [otherDate, otherSubmission] = [at(), r.pick(['事前', '事後'])];
        const onMain = parseYaml(fs.readFileSync(path.join(repo.dir, REPORT), 'utf8')).data as Record<string, any>;
        const [o, k] = items[(item + 1) % 3](onMain);
        o[k] = other;
        save(onMain);
        repo.commit(at(), `他の職員${step}${trailers(otherDate, otherSubmission)}`);
        repo.git('checkout', '-q', `b${step}`);
        repo.merge(at(), 'main', `Merge branch 'main' into b${step}`);
        repo.git('checkout', '-q', 'main');
        repo.git('merge', '-q', '--ff-only', `b${step}`);
        const [mine, key] = items[(item + 1) % 3](d);
        mine[key] = other;
        want.set(value, [date, submission]);
        want.set(other, [otherDate, otherSubmission]);
      }
    }
    const got = await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports' });
    expect(ways.size, 'every way of merging, and a branch without trailers, was tried').toBe(5);
    expect(got.trailerErrors).toEqual([]);
    expect(got.rows.map((x) => x.変更後の記載).sort()).toEqual([...want.keys()].sort());
    for (const row of got.rows) expect([row.変更日, row.提出時期], row.変更後の記載).toEqual(want.get(row.変更後の記載)!);
  });

  it('two change sets on one day keep their order and their own trailers', async () => {
    const d = base();
    d['表紙']['特記事項'] = '午前';
    save(d);
    repo.commit('2025-02-01', '午前\n\nReason: 午前の理由');
    d['表紙']['特記事項'] = '午後';
    save(d);
    repo.commit('2025-02-01', '午後\n\nReason: 午後の理由');
    const r = await rows();
    expect(r.map((x) => [x.変更日, x.変更前の記載, x.変更後の記載, x.提出時期に係る説明])).toEqual([
      ['2025-02-01', base()['表紙']['特記事項'], '午前', '午前の理由'], ['2025-02-01', '午前', '午後', '午後の理由'],
    ]);
  });

  it('a commit that breaks YAML is reported by hash and skipped; the next diffs against the last good version', async () => {
    repo.write(REPORT, '様式: 重点項目評価書\n表紙: [壊れた\n');
    const broken = repo.commit('2025-03-01', '壊れた YAML');
    const d = base();
    d['表紙']['特記事項'] = '直した';
    save(d);
    repo.commit('2025-03-02', '修正');
    const { rows: r, skipped } = await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports' });
    expect(skipped).toEqual([expect.objectContaining({ commit: broken, file: REPORT })]);
    expect(r.map((x) => [x.項目, x.変更前の記載, x.変更後の記載])).toEqual([['表紙 特記事項', base()['表紙']['特記事項'], '直した']]);
    // (the change may be the broken commit's, with its own 変更日 and 提出時期: the row says it is not sure)
    expect(r[0].要確認).toBe(true);
    d['表紙']['特記事項'] = 'その次の変更';
    save(d);
    repo.commit('2025-03-03', '次の変更\n\nSubmission: 事後');
    const after = (await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports' })).rows;
    expect(after.map((x) => [x.変更後の記載, x.要確認])).toEqual([['直した', true], ['その次の変更', false]]);
  });

  it('an old version that no longer passes today\'s schema still diffs', async () => {
    const old = base();
    old['表紙']['廃止された項目'] = '古い様式の項目';
    old['基本情報']['特定個人情報ファイルを取り扱う事務']['対象人数'] = '10万人以上';
    save(old);
    repo.commit('2025-04-01', '古い様式のまま');
    save(base());
    repo.commit('2025-04-02', '新しい様式に');
    const r = (await rows()).filter((x) => x.変更日 === '2025-04-02');
    expect(r.map((x) => [x.項目, x.変更前の記載])).toEqual([['Ⅰ 基本情報 1. 特定個人情報ファイルを取り扱う事務 ③対象人数', '10万人以上']]);
  });

  it('--since limits to what the branch adds', async () => {
    const d = base();
    d['表紙']['特記事項'] = '前';
    save(d);
    repo.commit('2025-05-01', '前');
    const since = repo.git('rev-parse', 'HEAD');
    d['表紙']['特記事項'] = '後';
    save(d);
    repo.commit('2025-05-02', '後');
    expect((await rows(since)).map((x) => x.変更後の記載)).toEqual(['後']);
  });

  it('--since after a rename (git mv) and an edit gives the rows the full history gives', async () => {
    const since = repo.git('rev-parse', 'HEAD');
    repo.git('mv', REPORT, 'content/reports/test-shi/kokumin.yaml');
    const d = base();
    d['表紙']['特記事項'] = '移してから直した';
    save(d, 'content/reports/test-shi/kokumin.yaml');
    repo.commit('2025-05-03', '移して直す');
    const preview = await rows(since);
    expect(preview.map((x) => [x.report, x.項目, x.変更後の記載])).toEqual([['content/reports/test-shi/kokumin.yaml', '表紙 特記事項', '移してから直した']]);
    expect(preview).toEqual(await rows());
  });

  it('--since whose version is unreadable diffs against the last readable one, following a rename', async () => {
    repo.git('mv', REPORT, 'content/reports/test-shi/moved.yaml');
    repo.write('content/reports/test-shi/moved.yaml', '様式: 重点項目評価書\n表紙: [壊れた\n');
    const since = repo.commit('2025-05-04', '移して壊した');
    const d = base();
    d['表紙']['特記事項'] = '直した';
    save(d, 'content/reports/test-shi/moved.yaml');
    repo.commit('2025-05-05', '直す');
    const preview = await rows(since);
    expect(preview.map((x) => [x.項目, x.変更前の記載, x.変更後の記載])).toEqual([['表紙 特記事項', base()['表紙']['特記事項'], '直した']]);
    expect(preview).toEqual(await rows());
  });

  it('a shallow clone is refused with how to fetch the full history', async () => {
    const d = base();
    d['表紙']['特記事項'] = 'x';
    save(d);
    repo.commit('2025-06-01', 'x');
    const target = fs.mkdtempSync(path.join(path.dirname(repo.dir), 'shallow-'));
    spawnSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, target]);
    await expect(generateChanges({ cwd: target, reportsDir: 'content/reports' })).rejects.toThrow(/git fetch --unshallow/);
  });
});

describe('the day of a row without Change-Date', () => {
  /** Commits the work tree with an author date and a committer date of their own (ISO 8601). */
  const commitAt = (author: string, committer: string, message: string) => {
    repo.git('add', '-A');
    const r = spawnSync('git', ['commit', '-q', '-m', message], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: author, GIT_COMMITTER_DATE: committer } });
    if (r.status !== 0) throw new Error(r.stderr);
  };
  it('is the day the change set was made on the branch (the committer\'s, as a rebase or squash merge makes it), not the day it was written', async () => {
    const d = base();
    d['表紙']['特記事項'] = '六月に書いた変更';
    save(d);
    commitAt('2026-06-01T10:00:00+09:00', '2026-12-04T10:00:00+09:00', '特記事項');
    expect((await rows()).map((r) => r.変更日)).toEqual(['2026-12-04']);
  });
  it('is the day in Japan, whatever the offset git recorded', async () => {
    const d = base();
    for (const [at, day] of [['2026-12-04T23:30:00+00:00', '2026-12-05'], ['2026-12-05T08:59:00+09:00', '2026-12-05'], ['2026-12-05T14:59:59-09:00', '2026-12-06'], ['2026-12-05T23:59:59+14:00', '2026-12-05']]) {
      d['表紙']['特記事項'] = at;
      save(d);
      commitAt(at, at, at);
      expect((await rows()).at(-1), at).toMatchObject({ 変更日: day, 変更後の記載: at });
    }
  });
  it('dayInJapan agrees with the calendar of Asia/Tokyo for any instant written with any offset (seeded)', () => {
    const r = seeded(97);
    const tokyo = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' });
    for (let n = 0; n < 2000; n++) {
      const t = Date.UTC(2000, 0, 1) + r.int(40 * 365 * 24 * 60) * 60_000;
      const offset = (r.int(105) - 48) * 15; // minutes, −12:00 … +14:00
      const local = new Date(t + offset * 60_000).toISOString().slice(0, 19);
      const iso = `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
      expect(dayInJapan(iso), iso).toBe(tokyo.format(t));
    }
  });
});

describe('提出時期 when a change set gives no Submission: (seeded)', () => {
  it('is what Submission: says; else blank for a ※ item (要確認: only the organisation knows whether it is a 重要な変更), 事前 for a change dated after the day it was recorded, else 事後', async () => {
    const r = seeded(6161);
    const d = base();
    const ITEMS: { name: string; significant: boolean; set: (v: string) => void }[] = [
      { name: '③使用目的', significant: true, set: (v) => { file1(d)['特定個人情報の入手・使用']['使用目的'] = v; } },
      { name: '⑥事務担当部署', significant: false, set: (v) => { file1(d)['基本情報']['事務担当部署'] = v; } },
    ];
    const expected: { 項目: string; 提出時期: string | null; 要確認: boolean }[] = [];
    let day = Date.UTC(2025, 0, 10);
    for (let k = 0; k < 16; k++) {
      const item = r.pick(ITEMS);
      item.set(`${item.name} ${k}`);
      save(d);
      day += (1 + r.int(20)) * 86_400_000;
      const committed = new Date(day).toISOString().slice(0, 10);
      const dated = r.pick([undefined, new Date(day - (1 + r.int(60)) * 86_400_000).toISOString().slice(0, 10), new Date(day + (1 + r.int(60)) * 86_400_000).toISOString().slice(0, 10)]);
      // (Submission: 事後 with a Change-Date after the commit is refused: not generated)
      const given = r.pick(dated && dated > committed ? [undefined, '事前'] : [undefined, '事前', '事後']);
      repo.commit(committed, `${item.name}の変更\n\n${given ? `Submission: ${given}\n` : ''}${dated ? `Change-Date: ${dated}` : ''}`.trim());
      expected.push({ 項目: item.name, 提出時期: given ?? (item.significant ? null : dated && dated > committed ? '事前' : '事後'), 要確認: !given && item.significant });
    }
    const got = (await rows()).map((x) => ({ 項目: ITEMS.find((i) => x.項目.endsWith(i.name))!.name, 提出時期: x.提出時期, 要確認: x.要確認 }));
    expect(got).toEqual(expected);
  });
});

describe('trailers', () => {
  const edit = (date: string, message: string) => {
    const d = base();
    file1(d)['特定個人情報の入手・使用']['使用目的'] = `使用目的 ${date}`;
    save(d);
    repo.commit(date, message);
  };
  it('are read leniently where the meaning is certain: full-width colon and spaces, 和暦, full-width digits', async () => {
    edit('2025-06-01', '変更\n\nＳｕｂｍｉｓｓｉｏｎ：　事前\nReason ： 組織改編のため\nChange-Date：令和７年５月２０日');
    const { rows: r, trailerErrors } = await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports' });
    expect(trailerErrors).toEqual([]);
    expect(r[0]).toMatchObject({ 変更日: '2025-05-20', 提出時期: '事前', 提出時期に係る説明: '組織改編のため', 要確認: false });
  });
  it.each([
    ['Submission: 事前です', 'Submission: の「事前です」は使えません', { 提出時期: null, 変更日: '2025-06-02' }],
    ['Change-Date: 2025-02-30', 'Change-Date: の「2025-02-30」は存在しない日付です', { 変更日: null, 提出時期: null }],
    ['Change-Date: 令和7年8月', 'Change-Date: の「令和7年8月」は日がありません', { 変更日: null }],
  ])('「%s」 is refused with a Japanese error naming the commit; the column is left blank and 要確認', async (trailer, message, cells) => {
    edit('2025-06-02', `変更\n\n${trailer}`);
    const hash = repo.git('rev-parse', 'HEAD');
    const { rows: r, trailerErrors } = await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports' });
    expect(trailerErrors).toEqual([{ commit: hash, subject: '変更', messages: [expect.stringContaining(message)], files: [REPORT] }]);
    expect(r[0]).toMatchObject({ ...cells, 要確認: true });
  });
  it('npm run changes prints the error in its output and exits with status 1', () => {
    edit('2025-06-03', '変更\n\nSubmission: 事前です');
    const hash = repo.git('rev-parse', '--short=12', 'HEAD');
    const r = spawnSync(process.execPath, [path.resolve('scripts/changes.ts'), '--since', 'HEAD~1'], { cwd: repo.dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`**トレーラーの誤り 1 件**`);
    expect(r.stdout).toContain(`コミット ${hash}（変更）のトレーラーの誤り: Submission: の「事前です」は使えません`);
    expect(r.stderr).toContain(`コミット ${hash}（変更）のトレーラーの誤り`);
  });
  it('npm run changes -- --report tells of that report\'s change sets only: another report\'s trailer error does not fail it', () => {
    const OTHER = 'content/reports/test-shi/3.yaml';
    const other = () => { const d = base(); d['表紙']['評価書番号'] = 3; d['表紙']['評価書名'] = '別の事務　重点項目評価書'; return d; };
    save(other(), OTHER);
    repo.commit('2025-06-01', '別の評価書を追加');
    const d = other();
    file1(d)['特定個人情報の入手・使用']['使用目的'] = '別の目的';
    save(d, OTHER);
    repo.commit('2025-06-02', '別の評価書の変更\n\nSubmission: 事前です');
    edit('2025-06-03', '変更\n\nSubmission: 事前');
    const run = (report: string) => spawnSync(process.execPath, [path.resolve('scripts/changes.ts'), '--report', report], { cwd: repo.dir, encoding: 'utf8' });
    const mine = run(REPORT);
    expect(mine.status, mine.stderr).toBe(0);
    expect(mine.stdout).toContain('| content/reports/test-shi/2.yaml | 令和7年6月3日 |');
    expect(mine.stdout + mine.stderr).not.toContain('トレーラーの誤り');
    const theirs = run(OTHER);
    expect(theirs.status).toBe(1);
    expect(theirs.stdout).toContain('**トレーラーの誤り 1 件**');
    expect(theirs.stdout).toContain('| content/reports/test-shi/3.yaml |');
    // Moved to another file, the report keeps its change sets' trailer errors under its new name.
    repo.git('mv', OTHER, 'content/reports/test-shi/5.yaml');
    repo.commit('2025-06-04', '番号の付け替え');
    const moved = run('content/reports/test-shi/5.yaml');
    expect(moved.status).toBe(1);
    expect(moved.stdout).toContain('**トレーラーの誤り 1 件**');
    // A path that names no report file is refused, never answered 「変更箇所はありません」: the name a
    // report had before it moved, a file that does not exist, another kind of file.
    for (const [asked, told] of [[OTHER, 'ありません（ファイル名を変えた評価書は、今の名前で指定してください）'], ['content/reports/test-shi/99.yaml', 'ありません'], ['content/organisations/test-shi.yaml', '評価書のファイルではありません'], ['content/reports/test-shi', '評価書のファイルではありません']]) {
      const r = run(asked);
      expect([r.status, r.stdout, r.stderr.trim()], asked).toEqual([2, '', expect.stringContaining(`--report の「${asked}」は${told}`)]);
    }
    // (「\」 for 「/」, as Windows writes a path, is the same report)
    expect(run('content\\reports\\test-shi\\2.yaml').stdout).toContain('| content/reports/test-shi/2.yaml | 令和7年6月3日 |');
    // A report whose file was removed (abolished) is asked for by its last name: its rows are shown.
    repo.git('rm', '-q', REPORT);
    repo.commit('2025-06-05', '廃止');
    const removed = run(REPORT);
    expect(removed.status, removed.stderr).toBe(0);
    expect(removed.stdout).toContain('| content/reports/test-shi/2.yaml | 令和7年6月3日 |');
  });
});

describe('output formats', () => {
  const sample: ChangeRow[] = [
    { report: 'a.yaml', 変更日: '2025-08-28', 項目: 'Ⅰ 基本情報 7. 他の評価実施機関', 変更前の記載: '(空白)', 変更後の記載: '一行目\n二行目 | <b>', 提出時期: '事後', 提出時期に係る説明: '', 要確認: false },
    { report: 'a.yaml', 変更日: '2025-08-29', 項目: 'Ⅱ 特定個人情報ファイルの概要 …', 変更前の記載: 'a', 変更後の記載: 'b', 提出時期: '事後', 提出時期に係る説明: '', 要確認: true },
  ];
  it('json has exactly the documented keys', () => {
    expect(Object.keys(JSON.parse(toJson(sample))[0])).toEqual(['report', '変更日', '項目', '変更前の記載', '変更後の記載', '提出時期', '提出時期に係る説明', '要確認']);
  });
  it('json gives back each row\'s documented fields, in their order, whatever the texts (seeded)', () => {
    const r = seeded(2612);
    const bits = ['"', '\\', '\n', '\r\n', '\t', '\u0000', '\u001f', '\u2028', '\ud800', '\udc00', '😀', '委託', '特定個人情報', '（', '）', ' ', '<b>', '&', 'a', '１'];
    const text = () => Array.from({ length: r.int(12) }, () => r.pick(bits)).join('');
    const KEYS = ['report', '変更日', '項目', '変更前の記載', '変更後の記載', '提出時期', '提出時期に係る説明', '要確認'];
    for (let n = 0; n < 40; n++) {
      const rows = Array.from({ length: r.int(5) }, (_, i): GeneratedRow => ({
        report: `r${i}.yaml`, 変更日: r.next() < 0.2 ? null : '2025-01-02', 項目: text(), 変更前の記載: text(), 変更後の記載: text(),
        提出時期: r.next() < 0.2 ? null : r.pick(['事前', '事後'] as const), 提出時期に係る説明: text(), 要確認: r.next() < 0.5, commit: 'c'.repeat(40),
      }));
      const back = JSON.parse(toJson(rows)) as Record<string, unknown>[];
      expect(back.map((x) => Object.keys(x))).toEqual(rows.map(() => KEYS));
      // (a lone surrogate is written escaped, and read back as itself)
      expect(back).toEqual(rows.map((row) => Object.fromEntries(KEYS.map((k) => [k, row[k as keyof GeneratedRow]]))));
    }
  });
  it('json by file is toJson of each file\'s added rows, byte for byte, with parts kept or made (seeded)', () => {
    const r = seeded(2613);
    const bits = ['"', '\\', '\n', '\u2028', '😀', '委託', '特定個人情報', ' ', 'a'];
    const text = () => Array.from({ length: r.int(8) }, () => r.pick(bits)).join('');
    const days = ['2025-01-02', '2025-02-03', null];
    const kept = new Map<string, Buffer>();
    const store = { get: (k: string) => kept.get(k), put: (k: string, b: Buffer) => { kept.set(k, b); }, done: () => {} };
    let made = 0;
    let remade = 0;
    for (let n = 0; n < 60; n++) {
      const files = Array.from({ length: 1 + r.int(3) }, (_, i) => {
        const rows = Array.from({ length: r.int(4) }, (): GeneratedRow => ({
          report: `r${i}.yaml`, 変更日: r.pick(days), 項目: r.pick(['表紙 特記事項', 'Ⅰ 基本情報 1. 事務']), 変更前の記載: text(), 変更後の記載: text(),
          提出時期: r.pick(['事前', '事後', null] as const), 提出時期に係る説明: text(), 要確認: r.next() < 0.5, commit: 'c'.repeat(40),
        }));
        // Some rows recorded in the work tree (left out), by the same rule as the page.
        const recorded = recordedOf(rows.filter(() => r.next() < 0.3));
        // The digest names the rows (as the walk's does): the same rows come back under the same digest.
        return { digest: JSON.stringify(rows), recorded, rows: () => { made++; return rows; }, all: rows };
      });
      const want = (fs: typeof files) => toJson(fs.flatMap((f) => addedRows(f.recorded, f.all)));
      const written = (kept_?: typeof store) => Buffer.concat(jsonByFile(files, kept_)).toString('utf8');
      made = 0;
      expect(written()).toBe(want(files));
      expect(made).toBe(files.length);
      written(store);
      made = 0;
      // Made of the kept parts alone the second time, and still toJson's text.
      expect(written(store)).toBe(want(files));
      expect(made).toBe(0);
      // What a file records in the work tree is part of its key: another record makes the part again.
      const f = files[r.int(files.length)];
      const was = JSON.stringify(f.recorded);
      f.recorded = f.recorded.length ? [] : recordedOf(f.all);
      expect(written(store)).toBe(want(files));
      expect(made).toBe(JSON.stringify(f.recorded) === was ? 0 : 1);
      remade += made;
    }
    expect(remade).toBeGreaterThan(20);
  });
  it('tsv quotes multi-line cells as Excel expects and prints 和暦', () => {
    const lines = toTsv(sample).split('\n');
    expect(lines[0]).toBe('変更日\t項目\t変更前の記載\t変更後の記載\t提出時期\t提出時期に係る説明');
    expect(lines[1]).toBe('令和7年8月28日\tⅠ 基本情報 7. 他の評価実施機関\t(空白)\t"一行目');
  });
  it('tsv of rows of several reports names each row\'s report first (one report\'s rows keep the sheet\'s columns)', () => {
    const two = [sample[0], { ...sample[1], report: 'b.yaml' }];
    const lines = toTsv(two).split('\n');
    expect(lines[0]).toBe('評価書\t変更日\t項目\t変更前の記載\t変更後の記載\t提出時期\t提出時期に係る説明');
    expect(lines.filter((l) => /^[ab]\.yaml\t/.test(l)).map((l) => l.split('\t').slice(0, 2))).toEqual([['a.yaml', '令和7年8月28日'], ['b.yaml', '令和7年8月29日']]);
  });
  it('tsv neutralises cells a spreadsheet would read as a formula (the sheet is pasted into Excel)', () => {
    const hostile = { ...sample[0], 変更前の記載: '=HYPERLINK("https://evil.example/","詳細")', 変更後の記載: '@SUM(1)', 提出時期に係る説明: '-1+1' };
    const cells = toTsv([hostile]).split('\n')[1].split('\t');
    expect(cells.slice(2, 4)).toEqual(['"\'=HYPERLINK(""https://evil.example/"",""詳細"")"', '"\'@SUM(1)"']);
    expect(cells[5]).toBe('"\'-1+1"');
  });
  it('markdown lists 要確認 first and its cells parse back to the text written', () => {
    const md = toMarkdown(sample);
    expect(md.indexOf('⚠ 要確認')).toBeLessThan(md.indexOf('令和7年8月28日'));
    const cells = tableCells(md);
    expect(cells[2]![5]).toBe('一行目\n二行目 | <b>');
    // (Markup would not come back as the same text: a link gives only its label, HTML is reported.)
  });
  it('markdown cells parse back for generated hostile texts, with changed words in bold (seeded)', () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const bits = ['|', '*', '**', '_', '<', '<b>', '&lt;', '`', '``', '\\', '[x](y)', '\n', '\r\n', ' ', '委託', '特定個人情報', '。', '（', '）', '#', '-', '1.', '>', '~~', '!'];
    const text = () => Array.from({ length: 1 + Math.floor(rnd() * 25) }, () => bits[Math.floor(rnd() * bits.length)]).join('');
    const rows: ChangeRow[] = Array.from({ length: 60 }, (_, i) => {
      const before = text();
      return { report: `r${i}.yaml`, 変更日: '2025-01-02', 項目: text(), 変更前の記載: before, 変更後の記載: rnd() < 0.5 ? before + text() : text(), 提出時期: '事前', 提出時期に係る説明: text(), 要確認: false };
    });
    const cells = tableCells(toMarkdown(rows));
    // Line breaks come back as \n; a cell's edges are trimmed by the table syntax.
    const norm = (s: string) => s.replace(/\r\n/g, '\n').trim();
    rows.forEach((r, i) => {
      expect(cells[i + 1]!.map(norm)).toEqual(['', r.report, toWareki(r.変更日!), r.項目, r.変更前の記載, r.変更後の記載, r.提出時期, r.提出時期に係る説明].map((c) => norm(String(c))));
    });
  });
  it('merges published rows first, then generated ones in the order of the changes; a published row accounts for one generated row', () => {
    const g = (r: ChangeRow, commit: string): GeneratedRow => ({ ...r, commit });
    const merged = mergeChangeRows([sample[0]], [g(sample[1], 'b'), g(sample[0], 'a'), g(sample[0], 'c')]);
    expect(merged.map((m) => [m.origin, m.origin === 'generated' ? m.row.commit : m.index])).toEqual([['published', 0], ['generated', 'b'], ['generated', 'c']]);
  });
});

describe('the merge rule for any rows (seeded)', () => {
  it('leaves out exactly the generated rows a published row records, each published row once', () => {
    const r = seeded(2031);
    // Cells drawn from few values, written the ways a transcription writes them (line breaks,
    // full-width spaces, a date object, a marked cell, a blank), so that rows often match.
    const pick = <T,>(xs: T[]) => xs[r.int(xs.length)];
    const spaced = (s: string) => (r.int(3) === 0 ? s.split('').join(pick(['\n', '\u3000', ' '])) : s);
    const days = ['2025-04-01', '2025-04-02', null];
    const items = ['表紙 特記事項', 'Ⅰ 基本情報 1. 事務 ②事務の内容'];
    const texts = ['', '委託先の名称', '株式会社 例', '（空白）'];
    const published = () => ({ 変更日: pick([{ 日付: pick(days.slice(0, 2)) }, pick(days), '']), 項目: spaced(pick(items)), 変更前の記載: pick([spaced(pick(texts)), { 原文: pick(texts) }]), 変更後の記載: spaced(pick(texts)) });
    const generated = (i: number): GeneratedRow => ({ report: 'r.yaml', 変更日: pick(days), 項目: pick(items), 変更前の記載: pick(texts), 変更後の記載: pick(texts), 提出時期: '事後', 提出時期に係る説明: '', 要確認: false, commit: `c${i}` });
    // The rule, written plainly: a row's four cells as text without white space, blank words as empty.
    const text = (v: unknown) => { const s = String(v && typeof v === 'object' ? ((v as any)['日付'] ?? (v as any)['原文'] ?? '') : v ?? '').replace(/[\s\u3000]+/g, ''); return ['(空白)', '（空白）', '空白'].includes(s) ? '' : s; };
    const key = (x: Record<string, unknown>) => JSON.stringify(['変更日', '項目', '変更前の記載', '変更後の記載'].map((k) => text(x[k])));
    let left = 0;
    for (let n = 0; n < 600; n++) {
      const pub = Array.from({ length: r.int(4) }, published);
      const gen = Array.from({ length: r.int(8) }, (_, i) => generated(i));
      const claims = new Map<string, number>();
      for (const p of pub) claims.set(key(p), (claims.get(key(p)) ?? 0) + 1);
      const kept = gen.filter((g) => { const k = key(g as any); const c = claims.get(k) ?? 0; if (c) claims.set(k, c - 1); return !c; });
      const want = kept;
      const merged = mergeChangeRows(pub, gen);
      expect(merged.filter((m) => m.origin === 'published').map((m) => m.row)).toEqual(pub);
      expect(merged.flatMap((m) => (m.origin === 'generated' ? [m.row.commit] : [])), `case ${n}`).toEqual(want.map((g) => g.commit));
      left += gen.length - kept.length;
    }
    expect(left).toBeGreaterThan(50);
  });
});

describe('one merge rule for the page, report.json and npm run changes', () => {
  it('give the same rows when the same edit is made twice and the published table records it once', async () => {
    const { changeTableRows } = await import('../src/lib/changes/change-table.ts');
    const { reportJson } = await import('../src/lib/site/report-json.ts');
    const { Report } = await import('../src/lib/content/content-store.ts');
    const { sectionTree } = await import('../src/lib/report/report-tree.ts');
    const { FORM_SCHEMAS } = await import('../src/lib/form/form-schema.ts');
    const [x, y] = [base()['表紙']['特記事項'], '二度目の記載'];
    const published = base();
    published['変更箇所'].push({ 変更日: '2025-07-01', 項目: '表紙 特記事項', 変更前の記載: x, 変更後の記載: y, 提出時期: '事後', 提出時期に係る説明: '記載の修正' });
    save(published);
    repo.commit('2025-06-30', '公表された変更箇所を転記\n\nChange-Log: import');
    for (const v of [y, x, y]) {
      const d = structuredClone(published);
      d['表紙']['特記事項'] = v;
      save(d);
      repo.commit('2025-07-01', '特記事項\n\nReason: 記載の修正');
    }
    const generated = (await generateChanges({ cwd: repo.dir, reportsDir: 'content/reports' })).rows;
    const data = parseYaml(fs.readFileSync(path.join(repo.dir, REPORT), 'utf8')).data as Record<string, any>;
    const cells = (r: Record<string, unknown>) => ['変更日', '項目', '変更前の記載', '変更後の記載', '提出時期'].map((k) => r[k]);

    const section = sectionTree(data, { schema: FORM_SCHEMAS['重点項目評価書'].schema }, '変更箇所');
    const page = changeTableRows(section, generated, data['変更箇所']).filter((r) => r.origin === 'generated')
      .map((r) => ['変更日', '項目', '変更前の記載', '変更後の記載', '提出時期'].map((k) => { const v = r.cells[k]; return v?.type === 'date' ? v.iso : v?.type === 'text' ? v.text : ''; }));
    const json = (reportJson(new Report(path.join(repo.dir, REPORT), data), generated)['変更箇所'] as Record<string, unknown>[]).filter((r) => r['出典'] === 'git').map(cells);
    const cli = spawnSync(process.execPath, [path.resolve('scripts/changes.ts'), '--format', 'json'], { cwd: repo.dir, encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    const expected = [['2025-07-01', '表紙 特記事項', y, x, '事後'], ['2025-07-01', '表紙 特記事項', x, y, '事後']];
    expect(page).toEqual(expected);
    expect(json).toEqual(expected);
    expect((JSON.parse(cli.stdout) as Record<string, unknown>[]).map(cells)).toEqual(expected);
  });
});

describe('npm run changes', () => {
  it('ends quietly when its reader stops early (| head)', () => {
    const d = base();
    for (let i = 0; i < 40; i++) { d['表紙']['特記事項'] = `${'長い文。'.repeat(2000)}${i}`; save(d); repo.commit('2025-07-01', `長い ${i}`); }
    const script = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.resolve('scripts/changes.ts'))} --format tsv | head -c 10 > /dev/null; echo "status $\{PIPESTATUS[0]}"`;
    const r = spawnSync('bash', ['-c', script], { cwd: repo.dir, encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.stdout.trim()).toBe('status 0');
  }, 60_000);
  it('prints the rows of a branch as markdown', () => {
    const d = base();
    d['表紙']['特記事項'] = 'CLI から';
    save(d);
    repo.commit('2025-07-01', 'CLI');
    const r = spawnSync(process.execPath, [path.resolve('scripts/changes.ts'), '--format', 'md', '--since', 'HEAD~1'], { cwd: repo.dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('| 表紙 特記事項 | 特記事項の記載例。<br>・箇条書き一つ目<br>・箇条書き二つ目 | CLI から | 事後 |');
  });
  // Listing a commit in history-imports.txt takes every row it made off the published pages: the
  // pull request's preview shows those rows first (it said 「変更箇所はありません」), and those a removed
  // line puts back.
  it('shows the rows a change of history-imports.txt takes off the pages, or puts back', () => {
    const d = base();
    d['表紙']['特記事項'] = '公表後の本当の変更';
    save(d);
    const real = repo.commit('2025-07-01', '本当の変更\n\nSubmission: 事後');
    const run = () => spawnSync(process.execPath, [path.resolve('scripts/changes.ts'), '--format', 'md', '--since', 'HEAD~1'], { cwd: repo.dir, encoding: 'utf8' });
    repo.write('content/history-imports.txt', `# 取り込み\n${real.slice(0, 7)}  転記の誤りの修正\n`);
    repo.commit('2025-07-02', '取り込みの記録の整理');
    const taken = run();
    expect(taken.status, taken.stderr).toBe(0);
    expect(taken.stdout).toMatch(/^\*\*マージすると公表中の変更箇所から消える行 1 件\*\*/);
    expect(taken.stdout).toMatch(/\| 表紙 特記事項 \|.*本当の変更/);
    repo.write('content/history-imports.txt', '# 取り込み\n');
    repo.commit('2025-07-03', '取り込みの記録を戻す');
    const back = run();
    expect(back.stdout).toMatch(/^\*\*マージすると変更箇所に戻る行 1 件\*\*/);
    expect(back.stdout).toMatch(/\| 表紙 特記事項 \|.*本当の変更/);
    // (an edit of the file's comments alone changes no row: nothing is said)
    repo.write('content/history-imports.txt', '# 取り込み（説明を直した）\n');
    repo.commit('2025-07-04', '説明');
    expect(run().stdout).not.toMatch(/消える行|戻る行/);
  });

  it('--format md parses back into a table with the same cells as --format json, for |, *, <, backticks and line breaks', () => {
    const d = base();
    d['表紙']['特記事項'] = '一行目 | *強調* <script>alert(1)</script> `code`\n二行目 ** __ \\ [x](javascript:y)';
    save(d);
    repo.commit('2025-07-01', 'hostile text');
    const run = (format: string) => spawnSync(process.execPath, [path.resolve('scripts/changes.ts'), '--format', format, '--since', 'HEAD~1'], { cwd: repo.dir, encoding: 'utf8' });
    const md = run('md');
    const json = JSON.parse(run('json').stdout) as ChangeRow[];
    expect(md.status).toBe(0);
    expect(json.length).toBeGreaterThan(0);
    const cells = tableCells(md.stdout);
    expect(cells[0]).toEqual(['要確認', '評価書', '変更日', '項目', '変更前の記載', '変更後の記載', '提出時期', '提出時期に係る説明']);
    json.forEach((r, i) => {
      expect(cells[i + 1]).toEqual([r.要確認 ? '⚠ 要確認' : '', r.report, r.変更日 ? toWareki(r.変更日) : '', r.項目, r.変更前の記載, r.変更後の記載, r.提出時期 ?? '', r.提出時期に係る説明 ?? '']);
    });
  });
  it('leaves out the rows a report records in the work tree, whether or not its version was read before', () => {
    const [x, y, z] = [base()['表紙']['特記事項'], '二つ目の記載', '三つ目の記載'];
    const d = base();
    for (const v of [y, z]) { d['表紙']['特記事項'] = v; save(d); repo.commit('2025-07-01', '特記事項\n\nReason: 記載の修正'); }
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'changes-cli-'));
    const run = () => {
      const r = spawnSync(process.execPath, [path.resolve('scripts/changes.ts'), '--format', 'json'], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, CONTENT_CACHE_DIR: cache } });
      expect(r.status, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as ChangeRow[]).filter((row) => row.項目 === '表紙 特記事項').map((row) => [row.変更前の記載, row.変更後の記載]);
    };
    const both = [[x, y], [y, z]];
    expect(run()).toEqual(both);
    expect(run()).toEqual(both); // its recorded 変更箇所 now known by its blob
    // Recorded in the work tree only (not committed): the file is read, not what its blob recorded.
    const recorded = { ...d, 変更箇所: [...d['変更箇所'], { 変更日: '2025-07-01', 項目: '表紙 特記事項', 変更前の記載: x, 変更後の記載: y, 提出時期: '事後', 提出時期に係る説明: '記載の修正' }] };
    save(recorded);
    expect(run()).toEqual([[y, z]]);
    expect(run()).toEqual([[y, z]]);
    repo.git('checkout', '-q', '--', REPORT);
    expect(run()).toEqual(both);
    // A file git is told not to look at (assume-unchanged) is read, not taken for its blob.
    repo.git('update-index', '--assume-unchanged', REPORT);
    save(recorded);
    expect(run()).toEqual([[y, z]]);
    repo.git('update-index', '--no-assume-unchanged', REPORT);
    repo.git('checkout', '-q', '--', REPORT);
    expect(run()).toEqual(both);
    // Committed: the new blob is read once, then known.
    save(recorded);
    repo.commit('2025-07-02', '変更箇所の転記\n\nChange-Log: import');
    expect(run()).toEqual([[y, z]]);
    expect(run()).toEqual([[y, z]]);
    // A new change after the walk the last run kept: that run's rows and the new one, as without any cache.
    const w = '四つ目の記載';
    save({ ...recorded, 表紙: { ...d['表紙'], 特記事項: w } });
    repo.commit('2025-07-03', '特記事項\n\nSubmission: 事前');
    expect(run()).toEqual([[y, z], [z, w]]);
    const uncached = spawnSync(process.execPath, [path.resolve('scripts/changes.ts'), '--format', 'json'], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, CONTENT_CACHE: '0' } });
    const cached = spawnSync(process.execPath, [path.resolve('scripts/changes.ts'), '--format', 'json'], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, CONTENT_CACHE_DIR: cache } });
    expect(cached.stdout).toBe(uncached.stdout);
    // A kept report's rows damaged (the kept walk's index is not): read when asked for (TSV reads every
    // row), found damaged, and the whole history walked again, with the same output.
    const walkFiles = fs.readdirSync(cache, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.parentPath.includes(`${path.sep}walk${path.sep}`)).map((e) => path.join(e.parentPath, e.name));
    const rowEntries = walkFiles.filter((f) => !fs.readFileSync(f).includes(Buffer.from('currentPath', 'latin1')));
    expect(rowEntries.length).toBeGreaterThan(0);
    expect(rowEntries.length).toBeLessThan(walkFiles.length);
    for (const f of rowEntries) fs.writeFileSync(f, fs.readFileSync(f).subarray(0, 40));
    const tsv = (env: Record<string, string>) => spawnSync(process.execPath, [path.resolve('scripts/changes.ts'), '--format', 'tsv'], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, ...env } });
    const damaged = tsv({ CONTENT_CACHE_DIR: cache });
    expect(damaged.status, damaged.stderr).toBe(0);
    expect(damaged.stdout).toBe(tsv({ CONTENT_CACHE: '0' }).stdout);
    expect(damaged.stdout).toContain('四つ目の記載');
  });
  it('names bytes as git names a blob (blobId against git hash-object)', () => {
    const r = seeded(2028);
    for (let n = 0; n < 20; n++) {
      const bytes = Buffer.from(Array.from({ length: r.int(3000) }, () => r.int(256)));
      fs.writeFileSync(path.join(repo.dir, 'bytes.bin'), bytes);
      expect(blobId(bytes, 'x'.repeat(40))).toBe(repo.git('hash-object', 'bytes.bin'));
    }
  });
  it('works in this repository', () => {
    const r = spawnSync(process.execPath, ['scripts/changes.ts', '--format', 'md', '--since', 'HEAD~3'], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/Error|浅いクローン/);
    expect(r.status).toBe(0);
  });
});

describe('the history read while the cache opens (readHistoryLater)', () => {
  it('gives what readHistory gives, for the whole history, a range, and a merge; and the same error', async () => {
    const d = base();
    d['表紙']['評価書名'] = 'テスト事務　重点項目評価書（改）';
    save(d);
    const second = repo.commit('2024-05-01', '名称の変更\n\nSubmission: 事後');
    repo.git('checkout', '-q', '-b', 'edit');
    save({ ...d, 事務分類: '国民年金（改）' });
    repo.commit('2024-05-02', '分類');
    repo.git('checkout', '-q', 'main');
    repo.merge('2024-05-03', 'edit', 'Merge pull request #2');
    for (const since of [undefined, second]) {
      expect(await readHistoryLater(repo.dir, ['content/reports'], since)).toEqual(readHistory(repo.dir, ['content/reports'], since));
    }
    const wrong = 'no-such-revision';
    expect(() => readHistory(repo.dir, ['content/reports'], wrong)).toThrow(GitError);
    await expect(readHistoryLater(repo.dir, ['content/reports'], wrong)).rejects.toThrow(`リビジョン「${wrong}」が見つかりません`);
    // git wrote into a temporary file, which is gone (after a success and after a failure).
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`git-log-${process.pid}-`))).toEqual([]);
  });
});

describe('the history kept between runs (readHistoryRemembered)', () => {
  // The same history read by both: at once, and with git asked while the caller goes on (npm run
  // changes), which also names the kept history's first commit before git answers.
  let earlyRoot: string | undefined;
  const readers = {
    readHistoryRemembered: (memory: HistoryMemory) => readHistoryRemembered(repo.dir, ['content/reports'], memory),
    readHistoryRememberedLater: async (memory: HistoryMemory) => { const later = readHistoryRememberedLater(repo.dir, ['content/reports'], memory); earlyRoot = later.root; return later.history; },
  };
  it.each(Object.keys(readers) as (keyof typeof readers)[])('%s gives readHistory\'s commits after every step of a random history, reading only new commits when it can (seeded)', async (name) => {
    let kept: Buffer | undefined;
    const memory = { get: () => kept, put: (b: Buffer) => { kept = b; } };
    const read = () => readers[name](memory);
    // A mark put on the kept commits (a subject no commit has) shows whether they were reused.
    const mark = () => { const k = JSON.parse(kept!.toString('utf8')); for (const c of k.commits) c.subject = `${c.subject}（記憶）`; kept = Buffer.from(JSON.stringify(k)); };
    const unmarked = (cs: { subject: string }[]) => cs.map((c) => ({ ...c, subject: c.subject.replace(/(（記憶）)+$/, '') }));
    const r = seeded(2027);
    let day = 1;
    const date = () => `2024-06-${String(1 + (day++ % 28)).padStart(2, '0')}`;
    const edit = (tag: string) => { const d = base(); d['表紙']['特記事項'] = `${tag} ${r.int(1e6)}`; save(d); };
    let reused = 0;
    let full = 0;
    let restarted = 0;
    for (let step = 0; step < 24; step++) {
      const what = r.int(7);
      let onLine = true;
      if (what <= 1) { edit('編集'); repo.commit(date(), '編集'); }
      else if (what === 2) { repo.commit(date(), '評価書以外'); }
      else if (what === 3) { // a pull request merged: its commits are on the second parent
        repo.git('checkout', '-q', '-b', `pr${step}`); edit('PR'); repo.commit(date(), 'PR の編集'); repo.git('checkout', '-q', 'main');
        repo.merge(date(), `pr${step}`, `Merge pull request #${step}`);
      } else if (what === 4 && Number(repo.git('rev-list', '--count', 'HEAD')) > 2) { // a force-push
        repo.git('reset', '-q', '--hard', 'HEAD~1'); edit('書き直し'); repo.commit(date(), '書き直し'); onLine = false;
      } else if (what === 5) { kept = kept && Buffer.from(kept.toString('utf8').slice(0, 40)); onLine = false; } // a damaged memory
      else if (what === 6) { // a history started again: a new first commit
        repo.git('checkout', '-q', '--orphan', `new${step}`); repo.commit(date(), 'やり直し'); repo.git('branch', '-q', '-M', 'main'); onLine = false; restarted++;
      }
      const wasKept = !!kept && kept.length > 40;
      earlyRoot = undefined;
      const { commits: got, root } = await read();
      expect(unmarked(got), `step ${step}`).toEqual(readHistory(repo.dir, ['content/reports']));
      // The first commit of the line, which names the 変更箇所 cache, is the one git gives.
      expect(root, `step ${step}`).toBe(firstCommit(repo.dir));
      // Named early only from a kept history, and then right whenever HEAD went on from it.
      if (earlyRoot !== undefined) expect(wasKept, `step ${step}`).toBe(true);
      if (name === 'readHistoryRememberedLater' && onLine && wasKept) expect(earlyRoot, `step ${step}`).toBe(root);
      if (onLine && wasKept) { expect(got.some((c) => c.subject.endsWith('（記憶）')), `step ${step}`).toBe(true); reused++; }
      if (!onLine) { expect(got.some((c) => c.subject.endsWith('（記憶）')), `step ${step}`).toBe(false); full++; }
      mark();
    }
    expect(reused).toBeGreaterThan(5);
    expect(full).toBeGreaterThan(2);
    expect(restarted).toBeGreaterThan(0);
  });
});

describe('a blob reader shared by every page (idle: unref)', () => {
  // A script that reads one blob without awaiting it, and never closes the reader.
  const script = (idle: string, sha: string) => `import(${JSON.stringify(new URL('../src/lib/changes/git-history.ts', import.meta.url).href)}).then(({ BlobReader }) => {
    const r = new BlobReader(process.cwd(), { idle: ${JSON.stringify(idle)} });
    r.read(${JSON.stringify(sha)}).then((b) => console.log('read', b.length));
  })`;
  it('keeps the process alive while a read is under way, and lets it end when idle', () => {
    const sha = repo.git('rev-parse', `HEAD:${REPORT}`);
    const size = fs.statSync(path.join(repo.dir, REPORT)).size;
    const unref = spawnSync(process.execPath, ['-e', script('unref', sha)], { cwd: repo.dir, encoding: 'utf8', timeout: 20_000 });
    expect(unref.signal, 'the process did not end by itself').toBeNull();
    expect(unref.stdout.trim()).toBe(`read ${size}`);
    // The default (keep) holds the process until close(): it must be killed.
    const keep = spawnSync(process.execPath, ['-e', script('keep', sha)], { cwd: repo.dir, encoding: 'utf8', timeout: 5_000 });
    expect(keep.stdout.trim()).toBe(`read ${size}`);
    expect(keep.signal).toBe('SIGTERM');
  }, 40_000);
});

describe('a blob reader asked for many blobs at once (seeded)', () => {
  it('gives back each blob whole, in the order asked, whatever the sizes and with missing ones between', async () => {
    const r = seeded(4409);
    const repo = new Repo();
    // Sizes around git's pipe chunks (64 KB) and the reader's own boundaries: empty, one byte, a header's
    // worth, just under and over 64 KB, several chunks.
    const sizes = [0, 1, 2, 40, 65_535, 65_536, 65_537, 200_000, ...Array.from({ length: 30 }, () => r.int(300_000))];
    const blobs = sizes.map((n, i) => {
      const bytes = Buffer.alloc(n);
      for (let k = 0; k < n; k++) bytes[k] = k % 97 === 0 ? 10 : 0x20 + ((k * 31 + i) % 90); // line breaks inside, as in YAML
      const file = path.join(repo.dir, `b${i}`);
      fs.writeFileSync(file, bytes);
      return { sha: repo.git('hash-object', '-w', file), bytes };
    });
    const asked: { sha: string; bytes?: Buffer }[] = [];
    for (let k = 0; k < 120; k++) asked.push(r.next() < 0.15 ? { sha: r.int(2) ? '0'.repeat(40) : 'f'.repeat(40) } : r.pick(blobs));
    const reader = new BlobReader(repo.dir);
    try {
      const got = await Promise.all(asked.map((a) => reader.read(a.sha)));
      got.forEach((g, k) => {
        if (!asked[k].bytes) expect(g, `read ${k}`).toBeUndefined();
        else expect(g && Buffer.compare(g, asked[k].bytes!), `read ${k} (${asked[k].bytes!.length} bytes)`).toBe(0);
        // A blob has its memory to itself: not a view of git's chunks (which it would keep alive) nor
        // of Node's pool (a thread could not be handed it without the pool).
        if (g) expect([g.byteOffset, g.buffer.byteLength], `read ${k}`).toEqual([0, g.length]);
      });
    } finally { reader.close(); }
  }, 60_000);

  it('fails the reads still waiting when git ends, and starts another git for the next read', async () => {
    const repo = new Repo();
    fs.writeFileSync(path.join(repo.dir, 'a'), 'a\n');
    const sha = repo.git('hash-object', '-w', 'a');
    const reader = new BlobReader(repo.dir);
    try {
      expect((await reader.read(sha))?.toString()).toBe('a\n');
      // (killed before the read is asked: git can no longer answer it, whatever the timing)
      (reader as unknown as { proc: { kill(): void } }).proc.kill();
      const waiting = reader.read(sha);
      await expect(waiting).rejects.toThrow(/git/);
      expect((await reader.read(sha))?.toString()).toBe('a\n');
    } finally { reader.close(); }
  }, 30_000);
});

describe('別紙 attached to a report', () => {
  it('added, changed and removed like any item: one row each, named 別紙n', async () => {
    const d = base();
    d['別紙'] = [{ 名称: '番号法第十九条第七号 別表第二に定める事務', 内容: '1 健康保険法による事務' }];
    save(d);
    repo.commit('2025-01-10', '別紙を付ける\n\nSubmission: 事後');
    d['別紙'][0]['内容'] = '1 健康保険法による事務\n2 国民年金法による事務';
    save(d);
    repo.commit('2025-02-10', '別紙に事務を足す\n\nSubmission: 事後');
    delete d['別紙'];
    save(d);
    repo.commit('2025-03-10', '別紙をなくす\n\nSubmission: 事後');
    expect((await rows()).map((x) => [x.変更日, x.項目, x.変更後の記載])).toEqual([
      ['2025-01-10', '別紙1', expect.stringContaining('番号法第十九条第七号')],
      ['2025-02-10', '別紙1 内容', '1 健康保険法による事務\n2 国民年金法による事務'],
      ['2025-03-10', '別紙1', '(空白)'],
    ]);
  });
});
