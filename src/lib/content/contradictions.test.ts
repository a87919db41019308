// Answers that contradict each other are told as notes (contradictions.ts). Held on every bundled
// report (which, as printed, has none) and on seeded edits of them: each edit that makes two answers
// disagree gives its note at the item, and an answer that is not known contradicts nothing.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readYaml } from './yaml-source.ts';
import { choiceOptions, FORM_SCHEMAS, formOf, resolve, type SchemaNode } from '../form/form-schema.ts';
import { contradictions } from './contradictions.ts';
import { seeded } from '../../../tests/support/seeded.ts';
import { toWareki } from '../form/wareki.ts';

const REPORTS = fs.readdirSync('content/reports').flatMap((o) => fs.readdirSync(`content/reports/${o}`).filter((f) => f.endsWith('.yaml')).map((f) => `content/reports/${o}/${f}`));
const read = (file: string) => readYaml(fs.readFileSync(file, 'utf8')).data as Record<string, any>;
const schemaOf = (data: unknown) => FORM_SCHEMAS[formOf(data)!].schema;

/** Every group holding an annotated item: its path, the group, and the item's key and schema. */
function sites(data: unknown, root: SchemaNode) {
  const out: { path: (string | number)[]; group: Record<string, any>; key: string; node: SchemaNode; props: Record<string, SchemaNode> }[] = [];
  const walk = (v: any, node: SchemaNode | undefined, path: (string | number)[]) => {
    const n = resolve(node);
    if (Array.isArray(v)) { v.forEach((x, i) => walk(x, resolve(n?.items ?? n?.anyOf?.[0]?.items), [...path, i])); return; }
    if (!v || typeof v !== 'object') return;
    const props = n?.properties ?? resolve(n?.anyOf?.[0])?.properties;
    if (!props) return;
    for (const [k, x] of Object.entries(v)) {
      const child = resolve(props[k]);
      if (child && (child['x-only-when'] || child['x-count-of'] || child['x-none'])) out.push({ path, group: v, key: k, node: child, props });
      walk(x, child, [...path, k]);
    }
  };
  walk(data, root, []);
  return out;
}

describe('contradicting answers', () => {
  it.each(REPORTS)('%s as printed has none', (file) => {
    const data = read(file);
    expect(contradictions(data, schemaOf(data))).toEqual([]);
  });

  it('「委託しない」 with 委託事項, 委託の件数 against the entries, 「行っていない」 with another box', () => {
    const data = read('content/reports/kumamoto-shi/13.yaml');
    const at = data['特定個人情報ファイルの概要'][0];
    at['特定個人情報ファイルの取扱いの委託']['委託の有無'] = '委託しない';
    at['特定個人情報ファイルの取扱いの委託']['件数'] = 3;
    at['特定個人情報の提供・移転（委託に伴うものを除く。）']['提供・移転の有無'].push('行っていない');
    expect(contradictions(data, schemaOf(data)).map((c) => [c.path.slice(2).join(' '), c.message])).toEqual([
      ['特定個人情報ファイルの取扱いの委託 件数', expect.stringContaining('委託の件数は 3 件ですが、委託事項は 1 件書かれています')],
      ['特定個人情報ファイルの取扱いの委託 委託事項', expect.stringContaining('「委託の有無」は「委託しない」ですが、委託事項が 1 件書かれています')],
      ['特定個人情報の提供・移転（委託に伴うものを除く。） 提供・移転の有無', expect.stringContaining('「行っていない」と「提供を行っている」「移転を行っている」の両方に印があります')],
    ]);
  });

  it.each(REPORTS)('%s: a box ticked with its number (「- 提供を行っている: 3」) against the entries of its list: a note exactly when there are more entries (seeded)', (file) => {
    const original = read(file);
    const root = schemaOf(original);
    const lists = sites(original, root).filter((x) => x.node['x-only-when'] && Array.isArray(x.group[x.key]) && !choiceOptions(x.props[Object.keys(x.node['x-only-when'])[0]]).length);
    const r = seeded(file.length * 17);
    for (let run = 0; run < 20 && lists.length; run++) {
      const data = structuredClone(original);
      const s = sites(data, root).filter((x) => x.node['x-only-when'] && Array.isArray(x.group[x.key]) && !choiceOptions(x.props[Object.keys(x.node['x-only-when'])[0]]).length)[lists.indexOf(r.pick(lists))];
      const [other, yes] = Object.entries(s.node['x-only-when']!)[0] as [string, string];
      const n = s.group[s.key].length;
      const count = r.pick([n, n, n + 1 + r.int(3), Math.max(0, n - 1 - r.int(2))]);
      s.group[other] = [{ [yes]: r.int(2) ? count : String(count) }];
      const itemPath = [...s.path, s.key];
      const here = contradictions(data, root).filter((c) => JSON.stringify(c.path) === JSON.stringify(itemPath) && c.message.includes(`は ${count} 件ですが`));
      expect(here.length, `${itemPath.join(' ')}: ${count} / ${n}`).toBe(n > count ? 1 : 0);
    }
  });

  it('a date kept with its printed words whose date is not the one the words say: a note, whatever the words (seeded)', () => {
    const r = seeded(5959);
    const data = read('content/reports/kumamoto-shi/13.yaml');
    const root = schemaOf(data);
    const basics = data['特定個人情報ファイルの概要'][0]['基本情報'];
    expect(Object.keys(basics)).toContain('保有開始日');
    for (let n = 0; n < 150; n++) {
      const y = 2015 + r.int(10), m = 1 + r.int(12);
      const iso = `${y}-${String(m).padStart(2, '0')}`;
      const other = `${y + r.pick([0, 1, -1])}-${String(1 + r.int(12)).padStart(2, '0')}`;
      const words = r.pick(['予定', '中', 'から順次', '（予定）', '']);
      const shown = `${toWareki(iso)}${words}`;
      const date = r.pick([iso, `${iso}-01`, other]);
      basics['保有開始日'] = { 表記: shown, 日付: date };
      const notes = contradictions(data, root).filter((c) => c.path.at(-1) === '保有開始日');
      const differs = !date.startsWith(iso);
      expect(notes.map((x) => x.message), `${shown} / ${date}`).toEqual(differs ? [`表記「${shown}」は ${iso} と読めますが、日付は ${date} です。原本のとおりなら、このままでかまいません（転記の誤りなら、どちらかを直してください）`] : []);
    }
  });

  it('an answer not known (blank, 判読不能, 不確実) contradicts nothing', () => {
    const data = read('content/reports/kumamoto-shi/13.yaml');
    const entrust = data['特定個人情報ファイルの概要'][0]['特定個人情報ファイルの取扱いの委託'];
    for (const unknown of [null, '', { 記載状態: '判読不能' }, { 記載状態: '不確実', 原文: '委託しない' }]) {
      entrust['委託の有無'] = unknown;
      entrust['件数'] = unknown;
      expect(contradictions(data, schemaOf(data)), JSON.stringify(unknown)).toEqual([]);
    }
  });

  it.each(REPORTS)('%s: every edit that makes two answers disagree gives its note there, and only then (seeded)', (file) => {
    const original = read(file);
    const root = schemaOf(original);
    const found = sites(original, root);
    const r = seeded(file.length * 13);
    let told = 0;
    for (let run = 0; run < 40 && found.length; run++) {
      const data = structuredClone(original);
      const s = sites(data, root)[found.indexOf(r.pick(found))];
      const itemPath = [...s.path, s.key];
      let expected = false;
      if (s.node['x-only-when']) {
        const [other, yes] = Object.entries(s.node['x-only-when'])[0];
        const item = s.group[s.key];
        const written = Array.isArray(item) ? item.length > 0 : typeof item === 'string' ? item.trim() !== '' : false;
        const options = choiceOptions(s.props[other]);
        // the other answer set to an option, or to boxes, that say yes or no
        if (options.length) s.group[other] = r.pick(options);
        else s.group[other] = r.next() < 0.5 ? [yes] : [r.pick(['行っていない', yes === '提供を行っている' ? '移転を行っている' : '提供を行っている'])];
        const says = Array.isArray(s.group[other]) ? s.group[other].includes(yes) : s.group[other] === yes;
        expected = written && !says;
      } else if (s.node['x-count-of']) {
        const entries = s.group[s.node['x-count-of']];
        const n = Array.isArray(entries) ? entries.length : 0;
        s.group[s.key] = r.next() < 0.5 ? n : n + 1 + r.int(3);
        expected = Array.isArray(entries) && s.group[s.key] !== n;
      } else {
        const boxes = ['提供を行っている', '移転を行っている'].filter(() => r.next() < 0.6);
        s.group[s.key] = [...boxes, '行っていない'];
        expected = boxes.length > 0;
      }
      const here = contradictions(data, root).filter((c) => JSON.stringify(c.path) === JSON.stringify(itemPath));
      expect(here.length, `${itemPath.join(' ')} = ${JSON.stringify(s.group[s.key]).slice(0, 60)}`).toBe(expected ? 1 : 0);
      if (expected) told++;
    }
    if (found.length) expect(told).toBeGreaterThan(0);
  });
});
