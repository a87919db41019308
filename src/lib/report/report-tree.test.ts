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
  it('follow the number an edition prints: where Ⅳ 8. is not printed, 監査 (8.) is #Ⅳ-8, and its items below it', () => {
    const kiso = FORM_SCHEMAS['基礎項目評価書'].schema;
    const full = parseYaml(fs.readFileSync('tests/fixtures/content/reports/test-shi/4.yaml', 'utf8')).data as Record<string, any>;
    const older = structuredClone(full);
    delete older['リスク対策']['人手を介在させる作業'];
    for (const [data, printsEight] of [[full, true], [older, false]] as const) {
      const tree = reportTree(data, { schema: kiso });
      const all = walk(tree);
      expect(new Set(all.map((n) => n.anchor)).size, 'anchors are unique').toBe(all.length);
      const iv = tree.find((n) => n.number === 'Ⅳ')!;
      // every numbered item of Ⅳ is reached by its printed number, and so is every item below it
      for (const c of iv.children.filter((x) => /^[0-9]+\.$/.test(x.number))) {
        expect(c.anchor, headingOf(c)).toBe(`Ⅳ-${c.number.slice(0, -1)}`);
        for (const d of walk(c.children)) expect(d.anchor.startsWith(`${c.anchor}-`) || d.anchor.startsWith(`${c.anchor}(`), d.anchor).toBe(true);
      }
      expect(iv.children.find((x) => x.label === '監査')!.anchor).toBe(printsEight ? 'Ⅳ-9' : 'Ⅳ-8');
    }
  });
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

describe('an item some editions do not print', () => {
  // 様式2 Ⅳ 8. 人手を介在させる作業 is in newer editions only: a report of an older edition leaves its
  // heading out, and prints 監査 as 8., 教育・啓発 as 9., 最も優先度… as 10.
  const kiso = () => parseYaml(fs.readFileSync('tests/fixtures/content/reports/test-shi/4.yaml', 'utf8')).data as Record<string, any>;
  const numbers = (data: Record<string, any>) => {
    const tree = reportTree(data, { schema: FORM_SCHEMAS['基礎項目評価書'].schema });
    return tree.find((n) => n.key === 'リスク対策')!.children.map((n) => `${n.number}${n.label}`);
  };
  it('left out entirely: not shown, and the items after it numbered one less', () => {
    const data = kiso();
    delete data['リスク対策']['人手を介在させる作業'];
    const shown = numbers(data);
    expect(shown.some((s) => s.includes('人手を介在させる作業'))).toBe(false);
    expect(shown.slice(-3)).toEqual(['8.監査', '9.従業者に対する教育・啓発', '10.最も優先度が高いと考えられる対策']);
  });
  it('named with the numbers the page prints, in messages and comment mails (describe with the data)', async () => {
    const { describe: describeItem } = await import('../form/form-schema.ts');
    const { validateText } = await import('../content/validate.ts');
    const schema = FORM_SCHEMAS['基礎項目評価書'].schema;
    for (const omitted of [true, false]) {
      const data = kiso();
      if (omitted) delete data['リスク対策']['人手を介在させる作業'];
      const section = reportTree(data, { schema }).find((n) => n.key === 'リスク対策')!;
      for (const n of section.children) expect(describeItem(schema, n.path, data), `${omitted} ${n.label}`).toMatch(new RegExp(`^Ⅳ ${n.number.replace('.', '\\.')} `));
    }
    const data = kiso();
    delete data['リスク対策']['人手を介在させる作業'];
    data['リスク対策']['監査']['実施の有無'] = ['自主点検'];
    const { problems } = validateText('r.yaml', JSON.stringify(data), 'report');
    expect(problems.map((p) => p.item)).toEqual(['Ⅳ 8. 監査 実施の有無']);
  });
  it('written, even blank: shown with the newer numbers', () => {
    const data = kiso();
    data['リスク対策']['人手を介在させる作業'] = null;
    expect(numbers(data).slice(-4)).toEqual(['8.人手を介在させる作業', '9.監査', '10.従業者に対する教育・啓発', '11.最も優先度が高いと考えられる対策']);
  });
  it('an item every edition prints is still shown when left out (seeded over 基礎・重点・全項目)', async () => {
    const { seeded } = await import('../../../tests/support/seeded.ts');
    const r = seeded(4705);
    let tried = 0;
    for (const [form, fixture] of [['基礎項目評価書', 4], ['重点項目評価書', 2], ['全項目評価書', 3]] as const) {
      const full = parseYaml(fs.readFileSync(`tests/fixtures/content/reports/test-shi/${fixture}.yaml`, 'utf8')).data as Record<string, any>;
      const tops = Object.keys(full).filter((key) => full[key] && typeof full[key] === 'object' && !Array.isArray(full[key]));
      for (let k = 0; k < 20; k++) {
        const data = structuredClone(full);
        const top = r.pick(tops);
        const key = r.pick(Object.keys(data[top]));
        delete data[top][key];
        const node = walk(reportTree(data, { schema: FORM_SCHEMAS[form].schema })).find((n) => n.path.length === 2 && n.path[0] === top && n.path[1] === key);
        const marked = form === '基礎項目評価書' && key === '人手を介在させる作業';
        expect(!!node, `${form} ${top}/${key}`).toBe(!marked);
        tried++;
      }
    }
    expect(tried).toBe(60);
  });
});

describe('別紙 attached to a report', () => {
  const BESSI = [
    { 名称: '番号法第十九条第七号 別表第二に定める事務', 内容: '1 厚生労働大臣 健康保険法による保険給付の支給に関する事務' },
    { 名称: '番号法第九条 別表第一に定める事務', 内容: '別表第一の16の項' },
  ];
  it.each(Object.keys(FORM_SCHEMAS) as (keyof typeof FORM_SCHEMAS)[])('%s: a section of its own, last, each 別紙 numbered and named as printed; none in a report without', (form) => {
    const n = { 基礎項目評価書: 4, 重点項目評価書: 2, 全項目評価書: 3 }[form];
    const data = load(n) as unknown as Record<string, unknown>;
    const s = FORM_SCHEMAS[form].schema;
    expect(reportTree(data, { schema: s }).map((x) => x.key)).not.toContain('別紙');
    // (nor for 「別紙:」 left blank or empty)
    for (const none of [null, []]) expect(reportTree({ ...data, 別紙: none }, { schema: s }).map((x) => x.key)).not.toContain('別紙');
    const tree = reportTree({ ...data, 別紙: BESSI }, { schema: s });
    const section = tree.find((x) => x.key === '別紙')!;
    expect(tree.indexOf(section)).toBe(tree.findIndex((x) => x.key === '変更箇所') + 1);
    expect(section.children.map((e) => [e.number, e.label, e.anchor])).toEqual([['別紙1', BESSI[0].名称, '別紙-別紙1'], ['別紙2', BESSI[1].名称, '別紙-別紙2']]);
    expect(walk([section]).flatMap((x) => (x.value?.type === 'text' ? [x.value.text] : []))).toEqual(expect.arrayContaining(BESSI.map((b) => b.内容)));
  });
});

describe('an item with an answer of its own and sub-rows, marked as a whole', () => {
  it('is not known, with its note: never a blank answer', () => {
    const data = load(2) as unknown as Record<string, any>;
    const file = data['特定個人情報ファイルの概要'][0];
    file['基本情報']['記録される項目'] = { 記載状態: '原文欠落', 注記: '記録される項目の欄が原本にない' };
    const node = walk(reportTree(data, { schema })).find((n) => n.path.join('/') === '特定個人情報ファイルの概要/0/基本情報/記録される項目')!;
    expect(node.value).toEqual({ type: 'marker', marker: { state: '原文欠落', note: '記録される項目の欄が原本にない', raw: undefined } });
    expect(node.children).toEqual([]);
  });
});
