// 変更箇所 from git history, on real repositories built in a temp folder.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { stringify } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import { generateChanges, mergeRows, type ChangeRow } from '../src/lib/changes/change-rows.ts';
import { toJson, toMarkdown, toTsv } from '../src/lib/changes/change-format.ts';
import { parseYaml } from '../src/lib/content/yaml-source.ts';
import { Repo } from './support/git-repo.ts';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Nodes, Table } from 'mdast';
import { toWareki } from '../src/lib/form/wareki.ts';

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
    expect(r[2]).toMatchObject({ 変更日: '2024-08-01', 項目: expect.stringContaining('③使用目的'), 提出時期: '事後', 要確認: true });
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
});

describe('changes that are not changes to the report', () => {
  it('reformatting (comments, quoting, key order, folding) gives no row', async () => {
    const d = base();
    const reordered = Object.fromEntries(Object.entries(d).reverse());
    repo.write(REPORT, '# コメントを追加\n' + stringify(reordered, { lineWidth: 40, defaultStringType: 'QUOTE_DOUBLE' }));
    repo.commit('2024-11-01', '書式の整理');
    expect(await rows()).toEqual([]);
  });
  it('editing the 変更箇所 records themselves gives no row', async () => {
    const d = base();
    d['変更箇所'][0]['提出時期に係る説明'] = '説明を追記';
    save(d);
    repo.commit('2024-11-02', '変更箇所の説明を修正');
    expect(await rows()).toEqual([]);
  });
  it('an import (Change-Log: import) gives no row', async () => {
    const d = base();
    d['表紙']['特記事項'] = '取り込み時の修正';
    save(d);
    repo.commit('2024-11-03', '公表版の転記を修正\n\nChange-Log: import');
    expect(await rows()).toEqual([]);
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

describe('output formats', () => {
  const sample: ChangeRow[] = [
    { report: 'a.yaml', 変更日: '2025-08-28', 項目: 'Ⅰ 基本情報 7. 他の評価実施機関', 変更前の記載: '(空白)', 変更後の記載: '一行目\n二行目 | <b>', 提出時期: '事後', 提出時期に係る説明: '', 要確認: false },
    { report: 'a.yaml', 変更日: '2025-08-29', 項目: 'Ⅱ 特定個人情報ファイルの概要 …', 変更前の記載: 'a', 変更後の記載: 'b', 提出時期: '事後', 提出時期に係る説明: '', 要確認: true },
  ];
  it('json has exactly the documented keys', () => {
    expect(Object.keys(JSON.parse(toJson(sample))[0])).toEqual(['report', '変更日', '項目', '変更前の記載', '変更後の記載', '提出時期', '提出時期に係る説明', '要確認']);
  });
  it('tsv quotes multi-line cells as Excel expects and prints 和暦', () => {
    const lines = toTsv(sample).split('\n');
    expect(lines[0]).toBe('変更日\t項目\t変更前の記載\t変更後の記載\t提出時期\t提出時期に係る説明');
    expect(lines[1]).toBe('令和7年8月28日\tⅠ 基本情報 7. 他の評価実施機関\t(空白)\t"一行目');
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
  it('merges published rows first, then generated ones by date, without duplicates', () => {
    const published = [sample[0]];
    const merged = mergeRows(published, [sample[1], { ...sample[0] }]);
    expect(merged).toEqual([sample[0], sample[1]]);
  });
});

describe('npm run changes', () => {
  it('prints the rows of a branch as markdown', () => {
    const d = base();
    d['表紙']['特記事項'] = 'CLI から';
    save(d);
    repo.commit('2025-07-01', 'CLI');
    const r = spawnSync(process.execPath, [path.resolve('scripts/changes.ts'), '--format', 'md', '--since', 'HEAD~1'], { cwd: repo.dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('| 表紙 特記事項 | 特記事項の記載例。<br>・箇条書き一つ目<br>・箇条書き二つ目 | CLI から | 事後 |');
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
  it('works in this repository', () => {
    const r = spawnSync(process.execPath, ['scripts/changes.ts', '--format', 'md', '--since', 'HEAD~3'], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/Error|浅いクローン/);
    expect(r.status).toBe(0);
  });
});
