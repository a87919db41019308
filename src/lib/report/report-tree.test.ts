import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORM_SCHEMAS } from '../form/form-schema.ts';
import { headingOf, reportTree, walk } from './report-tree.ts';
import { parseYaml } from '../content/yaml-source.ts';
import type { JutenReportData } from '../../generated/schema-types.ts';

const load = (n: number) => parseYaml(fs.readFileSync(`tests/fixtures/content/reports/test-shi/${n}.yaml`, 'utf8')).data as JutenReportData;
const schema = FORM_SCHEMAS['重点項目評価書'].schema;
const anchors = (data: object) => new Map([...walk(reportTree(data, { schema }))].map((n) => [n.path.join('/'), n.anchor]));

describe('anchors', () => {
  it('are the official numbers, e.g. Ⅱ(1)-3-① and Ⅰ-2-システム2-③', () => {
    const a = anchors(load(2));
    expect(a.get('特定個人情報ファイルの概要/0/特定個人情報の入手・使用/入手元')).toBe('Ⅱ(1)-3-①');
    expect(a.get('基本情報/特定個人情報ファイルを取り扱う事務において使用するシステム/1/他のシステムとの接続')).toBe('Ⅰ-2-システム2-③');
    expect(a.get('リスク対策/0/特定個人情報の使用/権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスク/ユーザ認証の管理/具体的な管理方法'))
      .toBe('Ⅲ(1)-3-リスク2-ユーザ認証の管理-具体的な管理方法');
  });
  it('do not change when other items are edited, added or removed', () => {
    const before = anchors(load(2));
    const edited = load(2);
    const work = edited['基本情報']['特定個人情報ファイルを取り扱う事務'] as { 事務の内容: unknown };
    work['事務の内容'] = '書き換えた内容';
    const systems = edited['基本情報']['特定個人情報ファイルを取り扱う事務において使用するシステム'] as object[];
    systems.push({ ...systems[0] });
    const files = edited['特定個人情報ファイルの概要'] as { '特定個人情報の提供・移転（委託に伴うものを除く。）': { 移転先: object[] } }[];
    files[0]['特定個人情報の提供・移転（委託に伴うものを除く。）']['移転先'].pop();
    const after = anchors(edited);
    for (const [path, anchor] of before) if (after.has(path)) expect(after.get(path)).toBe(anchor);
    expect(after.get('基本情報/特定個人情報ファイルを取り扱う事務において使用するシステム/2')).toBe('Ⅰ-2-システム3');
  });
  it('are unique within a report', () => {
    const all = [...walk(reportTree(load(3), { schema: FORM_SCHEMAS['全項目評価書'].schema }))].map((n) => n.anchor);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('headings', () => {
  const tree = reportTree(load(2), { schema });
  it('print numbers the way the form does', () => {
    expect(tree.map(headingOf)).toEqual(['表紙', 'Ⅰ 基本情報', 'Ⅱ 特定個人情報ファイルの概要', '（別添1）特定個人情報ファイル記録項目', 'Ⅲ リスク対策', 'Ⅳ 開示請求、問合せ', 'Ⅴ 評価実施手続', '（別添2）変更箇所']);
    const risk = [...walk(tree)].find((n) => n.number === 'リスク2')!;
    expect(headingOf(risk)).toBe('リスク2：権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスク');
  });
  it('name repeating entries by their number and name', () => {
    const systems = tree[1].children[1];
    expect(systems.children.map(headingOf)[1]).toMatch(/^システム2 /);
  });
  it('number a file once when its name is written with a number, its own place or not, in either width', () => {
    const d = load(2);
    const names = ['(1) 住民基本台帳ファイル', '（３）送付先情報ファイル'];
    (d['特定個人情報ファイルの概要'] as Record<string, unknown>[]).forEach((f, i) => { f['特定個人情報ファイル名'] = names[i]; });
    const files = reportTree(d, { schema })[2].children;
    expect(files.map(headingOf)).toEqual(names);
    // (a name without a number of its own is numbered by its place)
    (d['特定個人情報ファイルの概要'] as Record<string, unknown>[])[1]['特定個人情報ファイル名'] = '送付先情報ファイル';
    expect(headingOf(reportTree(d, { schema })[2].children[1])).toBe('(2) 送付先情報ファイル');
  });
});

describe('editions', () => {
  it('an edition that prints another box of a check list (x-alternatives) keeps the item its own label', () => {
    const data = { ...load(2), 様式版: '令和７年５月　様式３' };
    const item = [...walk(reportTree(data, { schema, formVersion: data['様式版'] }))].find((n) => n.path.join('/') === '特定個人情報ファイルの概要/0/基本情報/記録される項目/主な記録項目')!;
    expect(item.label).toBe('主な記録項目');
    // (the box the edition prints: 5情報, not 4情報)
    expect(JSON.stringify(item.value)).toContain('5情報（氏名、氏名の振り仮名、性別、生年月日、住所）');
  });
});
