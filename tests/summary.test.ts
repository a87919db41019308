// The summary card's facts for every form, each in one of three states: stated, stated as none, not
// known (a group the source lacks). The facts come from the items the schemas mark with x-summary.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Report } from '../src/lib/content/content-store.ts';
import { parseYaml } from '../src/lib/content/yaml-source.ts';
import { noRecipientsText, ratingsShown, RATING_SCALE, summarise, unknownText } from '../src/lib/report/report-summary.ts';
import { contradictions } from '../src/lib/content/contradictions.ts';
import { compare, type Cell } from '../src/lib/report/comparison.ts';
import { FORM_SCHEMAS, childSchema, groupItems, resolve, type SchemaNode } from '../src/lib/form/form-schema.ts';
import { scaffoldReport } from '../src/lib/form/scaffold.ts';
import { walkForm } from '../src/lib/form/form-schema.ts';
import { seeded } from './support/seeded.ts';
import { stringify } from 'yaml';
import { headline } from '../src/lib/report/report-head.ts';
import { statusOf } from '../src/lib/site/listing.ts';
import { feedEntries } from '../src/lib/site/feed.ts';
import { recentUpdates } from '../src/lib/site/recent-updates.ts';
import { toWareki } from '../src/lib/form/wareki.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'summary-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
/** A report from a fixture, optionally edited, written where Report can read it. */
function report(fixture: number, edit: (text: string) => string = (t) => t): Report {
  const text = edit(fs.readFileSync(`tests/fixtures/content/reports/test-shi/${fixture}.yaml`, 'utf8'));
  const file = path.join(dir, 'reports', 'test-shi', `${fixture}-${n++}.yaml`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return new Report(file, parseYaml(text).data as Record<string, unknown>);
}

describe('基礎項目評価書 (fixture 4)', () => {
  const s = summarise(report(4));
  it('states the number of people from しきい値判断', () => expect(s.people).toEqual({ state: 'stated', value: expect.stringMatching(/人/) }));
  it('names the files as printed', () => { expect(s.files?.state).toBe('stated'); expect(s.filesAsPrinted).toBe(true); });
  it('has no 主な記録項目 or recipients in its form', () => { expect(s.records).toBeUndefined(); expect(s.recipients).toBeUndefined(); });
  it('reads 委託 and 提供・移転 from the 「しない」 boxes', () => {
    expect(s.entrusts?.state).toBe('stated');
    expect(s.providesOrTransfers?.state).toBe('stated');
  });
  // One box answers for both: unticked, it says that the report provides or transfers, never which
  // (the card said 「提供 あり」 and 「移転 あり」, both as fact).
  it('reads 提供 and 移転 together from 「提供・移転しない」: never each of them', () => {
    expect(s.provides).toBeUndefined();
    expect(s.transfers).toBeUndefined();
    const box = (ticked: boolean) => summarise(report(4, (t) => t.replace(/^(\s+)提供・移転しない: (?:true|false)$/m, `$1提供・移転しない: ${ticked}`))).providesOrTransfers;
    expect(box(false)).toEqual({ state: 'stated', value: true });
    expect(box(true)).toEqual({ state: 'stated', value: false });
  });
});

describe('全項目評価書 (fixture 3)', () => {
  const s = summarise(report(3));
  it('counts the files by their (n) entries', () => { expect(s.files?.state).toBe('stated'); expect(s.filesAsPrinted).toBe(false); });
  it('lists the 主な記録項目 and the recipients by name', () => {
    expect(s.records).toMatchObject({ state: 'stated' });
    expect(s.recipients).toMatchObject({ state: 'stated' });
  });
  it('counts the self-ratings on the form\'s scale, with the marks from the schema', () => {
    expect(s.ratings.map((r) => [r.option, r.mark])).toEqual([['特に力を入れている', '◎'], ['十分である', '○'], ['課題が残されている', '△']]);
    expect(s.ratings.reduce((a, r) => a + r.count, 0)).toBeGreaterThan(0);
  });
});

describe('not known is not none', () => {
  // Ⅱ marked as missing in the source: its facts are not known, and the card must not say 0 or なし.
  const s = summarise(report(2, (t) => t.replace(/^特定個人情報ファイルの概要:\n(?:(?: .*)?\n)*/m, '特定個人情報ファイルの概要:\n  記載状態: 原文欠落\n')));
  it('files, 委託, 提供, 移転 and recipients are unknown with the source\'s state', () => {
    for (const f of [s.files, s.entrusts, s.provides, s.transfers, s.records, s.recipients]) expect(f).toEqual({ state: 'unknown', why: '原文欠落' });
  });
  it('a fact stated elsewhere stays stated', () => expect(s.people?.state).toBe('stated'));
});

const RATING_OPTIONS = new Set(RATING_SCALE.map((r) => r.option));
/** Paths of every answer in a report's data whose value is one of the rating options. */
function ratedAnswers(data: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) {
  if (typeof data === 'string' && RATING_OPTIONS.has(data)) out.push(at);
  else if (data && typeof data === 'object') for (const [k, v] of Object.entries(data)) ratedAnswers(v, [...at, Array.isArray(data) ? +k : k], out);
  return out;
}
/** A fixture report's data and its form's schema. */
function fixtureData(fixture: number): { data: Record<string, any>; schema: SchemaNode } {
  const data = parseYaml(fs.readFileSync(`tests/fixtures/content/reports/test-shi/${fixture}.yaml`, 'utf8')).data as Record<string, any>;
  return { data, schema: FORM_SCHEMAS[data['様式'] as keyof typeof FORM_SCHEMAS].schema };
}

describe('self-ratings left blank are 記載なし, never 0', () => {
  const counted = (x: ReturnType<typeof summarise>) => x.ratings.reduce((a, q) => a + q.count, 0);
  it('a 基礎 with no rating answered says 記載なし, not 0 for each rating', () => {
    const text = fs.readFileSync('tests/fixtures/content/reports/test-shi/4.yaml', 'utf8');
    const data = parseYaml(text).data as Record<string, any>;
    for (const at of ratedAnswers(data['リスク対策'], ['リスク対策'])) {
      let parent: any = data;
      for (const seg of at.slice(0, -1)) parent = parent[seg];
      parent[at.at(-1)!] = null;
    }
    const s = summarise(report(4, () => stringify(data)));
    expect(counted(s)).toBe(0);
    expect(s.ratingsBlank).toBeGreaterThan(5);
    expect(ratingsShown(s)).toEqual({ whole: '記載なし（自己評価の問いに答えがありません）' });
  });
  it('every rated question is counted once: as its rating, not known, or blank (seeded)', () => {
    const r = seeded(4747);
    for (const fixture of [2, 3, 4]) {
      const text = fs.readFileSync(`tests/fixtures/content/reports/test-shi/${fixture}.yaml`, 'utf8');
      const data = parseYaml(text).data as Record<string, unknown>;
      const before = summarise(report(fixture));
      const answers = ratedAnswers(data);
      for (let n = 0; n < 8; n++) {
        const copy = structuredClone(data) as Record<string, any>;
        const picked = answers.filter(() => r.int(3) === 0);
        for (const at of picked) {
          let parent: any = copy;
          for (const seg of at.slice(0, -1)) parent = parent[seg];
          parent[at.at(-1)!] = null;
        }
        const s = summarise(report(fixture, () => stringify(copy)));
        // what left the counts went to 記載なし, one for one
        expect(counted(before) - counted(s), `${fixture}: ${picked.length} blanked`).toBe(s.ratingsBlank - before.ratingsBlank);
        const shown = ratingsShown(s);
        if ('lines' in shown) expect(shown.lines.some((l) => /[1-9]\d*項目/.test(l.text))).toBe(true);
        else expect(counted(s) + s.ratingsUnknown).toBe(0);
      }
    }
  });
});

describe('self-ratings of a group the source lacks are not known, never 0', () => {
  it('基礎 with its リスク対策 marked 原文欠落: no rating is counted, and the card says why', () => {
    const s = summarise(report(4, (t) => t.replace(/^リスク対策:\n(?:(?: .*)?\n)*/m, 'リスク対策:\n  記載状態: 原文欠落\n')));
    expect(s.ratings.reduce((a, r) => a + r.count, 0) + s.ratingsUnknown).toBe(0);
    expect(s.ratingsHidden).toBe('原文欠落');
  });
  it('a group marked 不確実, or marked but written out, hides no rating', () => {
    const marked = (state: string) => summarise(report(4, (t) => t.replace(/^(  特定個人情報の保管・消去:\n)/m, `$1    記載状態: ${state}\n    注記: 転記の注記\n`)));
    for (const state of ['不確実', '判読不能']) {
      const s = marked(state);
      expect(s.ratingsHidden, state).toBeUndefined();
      expect(s.ratings.reduce((a, r) => a + r.count, 0), state).toBe(summarise(report(4)).ratings.reduce((a, r) => a + r.count, 0));
    }
  });
  // Any group of any form marked as a whole: whenever rated questions disappear from the counts, the
  // summary says that some are not known.
  it('whichever group is marked, fewer counted ratings always come with ratingsHidden (seeded)', () => {
    const r = seeded(4646);
    const total = (x: ReturnType<typeof summarise>) => x.ratings.reduce((a, q) => a + q.count, 0) + x.ratingsUnknown;
    let hidden = 0;
    for (const fixture of [2, 3, 4]) {
      const text = fs.readFileSync(`tests/fixtures/content/reports/test-shi/${fixture}.yaml`, 'utf8');
      const before = total(summarise(report(fixture)));
      // every mapping below the top that the form lets be marked as a whole (it has 記載状態 in its schema)
      const data = parseYaml(text).data as Record<string, unknown>;
      const schema = new Report('x.yaml', data).schema;
      const paths: (string | number)[][] = [];
      // (a row of 変更箇所 is never marked as a whole: its cells are)
      walkForm(schema, (v) => { if ((v.class === 'group' || v.class === 'repeat') && v.path.length <= 4 && !(v.path[0] === '変更箇所' && v.path.length > 1)) paths.push(v.path); });
      for (let n = 0; n < 12; n++) {
        const at = r.pick(paths);
        const copy = structuredClone(data) as Record<string, any>;
        let parent: any = copy;
        for (const seg of at.slice(0, -1)) parent = parent?.[seg];
        if (!parent || typeof parent !== 'object' || parent[at.at(-1)!] === undefined) continue;
        parent[at.at(-1)!] = { 記載状態: '原文欠落' };
        const file = path.join(dir, 'reports', 'test-shi', `${fixture}-m${r.int(1e9)}.yaml`);
        fs.writeFileSync(file, stringify(copy));
        const s = summarise(new Report(file, copy));
        if (total(s) < before) { expect(s.ratingsHidden, `${fixture} ${at.join(' ')}`).toBe('原文欠落'); hidden++; }
        else expect(s.ratingsHidden, `${fixture} ${at.join(' ')}: nothing hidden`).toBeUndefined();
      }
    }
    expect(hidden).toBeGreaterThan(3);
  });
});

describe('recipients and files: every entry is counted, whatever is known of its name', () => {
  const NAMES: [string, (i: number) => unknown][] = [
    ['named', (i) => `提供先機関${i % 3}`],
    ['blank', () => null],
    ['missing', () => ({ 記載状態: '原文欠落', 注記: '欠けている' })],
    ['uncertain', (i) => ({ 記載状態: '不確実', 注記: '薄い', 原文: `推定機関${i}` })],
  ];
  it('each 提供先 and 移転先 is one name or one unnamed entry (seeded)', () => {
    const r = seeded(4702);
    const text = fs.readFileSync('tests/fixtures/content/reports/test-shi/3.yaml', 'utf8');
    for (let round = 0; round < 20; round++) {
      const data = parseYaml(text).data as Record<string, any>;
      const named = new Set<string>();
      let unnamed = 0;
      for (const f of data['特定個人情報ファイルの概要']) {
        const pt = f['特定個人情報の提供・移転（委託に伴うものを除く。）'];
        for (const key of ['提供先', '移転先']) for (const [i, e] of (pt[key] ?? []).entries()) {
          const [kind, make] = r.pick(NAMES);
          e['名称'] = make(r.int(6) + i);
          if (kind === 'named') named.add(e['名称']); else unnamed++;
        }
      }
      const s = summarise(report(3, () => stringify(data)));
      if (named.size + unnamed === 0) continue;
      expect(s.recipients?.state, `round ${round}`).toBe('stated');
      const value = (s.recipients as { value: string[] }).value;
      expect(value, `round ${round}`).toHaveLength(named.size + unnamed);
      for (const n of named) expect(value).toContain(n);
      expect(value.filter((v) => /（名称/.test(v))).toHaveLength(unnamed);
    }
  });
  it('an entry marked as a whole (- 記載状態: 原文欠落) is listed as not known, never as a name left blank', () => {
    const data = parseYaml(fs.readFileSync('tests/fixtures/content/reports/test-shi/3.yaml', 'utf8')).data as Record<string, any>;
    const marked = { 記載状態: '原文欠落', 注記: '3 件目が写しにない' };
    data['特定個人情報ファイルの概要'].push(marked);
    data['特定個人情報ファイルの概要'][0]['特定個人情報の提供・移転（委託に伴うものを除く。）']['提供先'].push(marked);
    const s = summarise(report(3, () => stringify(data)));
    const files = (s.files as { value: string[] }).value;
    const recipients = (s.recipients as { value: string[] }).value;
    expect(files.at(-1)).toMatch(/^\(3\)（名称［原文欠落］/);
    expect(recipients.filter((x) => x.includes('提供先3'))).toEqual([expect.stringMatching(/^\(1\) 提供先3（名称［原文欠落］/)]);
    // (and contradicts nothing: not known is no entry written)
    expect(contradictions(data, FORM_SCHEMAS['全項目評価書'].schema).map((c) => c.message).filter((m) => m.includes('提供先は 3 件'))).toEqual([]);
  });
  it('two files of one name are two files', () => {
    const s = summarise(report(3, (t) => t.replace(/特定個人情報ファイル名の記載例2。/g, '特定個人情報ファイル名の記載例。')));
    expect(s.files).toEqual({ state: 'stated', value: [expect.stringContaining('記載例。'), expect.stringContaining('記載例。')] });
  });
});

describe('提供・移転 with no box ticked states nothing, and 不確実 gives its reading', () => {
  it('[] and blank are 記載なし, not なし', () => {
    for (const written of ['[]', '']) {
      const none = summarise(report(3, (t) => t.replace(/      提供・移転の有無:\n        - 提供を行っている\n        - 移転を行っている: 3\n/g, `      提供・移転の有無: ${written}\n`)));
      expect(none.provides, written).toEqual({ state: 'none' });
      expect(none.transfers, written).toEqual({ state: 'none' });
    }
  });
  it('行っていない ticked is なし', () => {
    const no = summarise(report(3, (t) => t.replace(/      提供・移転の有無:\n        - 提供を行っている\n        - 移転を行っている: 3\n/g, '      提供・移転の有無:\n        - 行っていない\n')));
    expect(no.provides).toEqual({ state: 'stated', value: false });
  });
  it('a 不確実 answer is shown as its reading', () => {
    const s = summarise(report(3, (t) => t.replace(/      提供・移転の有無:\n        - 提供を行っている\n        - 移転を行っている: 3\n/g, '      提供・移転の有無: {記載状態: 不確実, 注記: かすれ, 原文: 提供を行っている（1）件}\n')));
    expect(s.provides).toEqual({ state: 'unknown', why: '不確実', reading: '提供を行っている（1）件' });
    expect(unknownText(s.provides!)).toBe('不確実（転記元の読み:「提供を行っている（1）件」）');
    expect(unknownText({ state: 'unknown', why: '原文欠落' })).toBe('不明（転記元で原文欠落）');
  });
  it('a rating marked 不確実 that reads as a rating is counted, and said to be 不確実', () => {
    const base = summarise(report(4));
    const s = summarise(report(4, (t) => t.replace(/(特定個人情報の漏えい・滅失・毀損リスクへの対策は十分か): 十分である/, '$1: {記載状態: 不確実, 注記: 薄い, 原文: 十分である}')));
    expect(s.ratings).toEqual(base.ratings);
    expect(s.ratingsUncertain).toBe(1);
    expect(ratingsShown(s)).toMatchObject({ lines: expect.arrayContaining([{ text: '（うち、転記元の読みが不確実なもの: 1項目）' }]) });
  });
});

describe('a 公表日 marked 不確実 is the transcriber\'s reading: shown and dated as such, never 不明 or a stated date', () => {
  const ERAS = [['令和', 2018], ['平成', 1988]] as const;
  it('every state and every way of writing the reading (seeded)', () => { const r = seeded(4848); for (let i = 0; i < 120; i++) {
    const y = 2020 + r.int(6), m = 1 + r.int(12), d = 1 + r.int(28);
    const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const [era, base] = ERAS[0];
    const written = r.pick([iso, `${era}${y - base === 1 ? '元' : y - base}年${m}月${d}日`, `${y}年${m}月${d}日`, `${y}/${m}/${d}`]);
    const state = r.pick(['不確実', '原文欠落', '判読不能'] as const);
    const raw = r.pick([written, `${y}年${m}月ごろ`, undefined]);
    const marker = `{記載状態: ${state}, 注記: 印字がかすれている${raw === undefined ? '' : `, 原文: "${raw}"`}}`;
    const rep = report(4, (t) => t.replace('  公表日: 2025-04-25', `  公表日: ${marker}`));
    const h = headline(rep);
    const readable = state === '不確実' && raw === written;
    expect(h.published, marker).toBeUndefined();
    expect(h.draft, marker).toBe(false);
    expect(h.publishedUnknown?.state, marker).toBe(state);
    expect(h.publishedReading, marker).toEqual(readable ? { iso, wareki: toWareki(iso) } : undefined);
    expect(statusOf(rep), marker).toBe(readable ? '公表中' : `不明（公表日［${state}］）`);
    const feed = feedEntries([rep], new Map([['test-shi', { 名称: 'テスト市' }]]), new Map(), (p) => `https://example.jp${p}`, (f) => f);
    const published = feed.filter((e) => /:published:\d{4}-\d{2}-\d{2}$/.test(e.id));
    // (named with the day it was published: published again another day, it is another entry)
    if (readable) expect(published.map((e) => e.id)).toEqual([`tag:example.jp,2025:${rep.id}:published:${iso}`]);
    expect(published.map((e) => e.updated), marker).toEqual(readable ? [`${iso}T00:00:00+09:00`] : []);
    if (readable) expect(published[0].summary).toContain('不確実');
    const recent = recentUpdates([{ id: rep.id, published: h.published?.iso ?? h.publishedReading?.iso, publishedUncertain: !h.published && !!h.publishedReading, changeDates: [], generated: [] }], 5);
    expect(recent, marker).toEqual(readable ? [{ id: rep.id, date: iso, kind: '公表', items: 0, uncertain: true }] : []);
  } });
  it('a 公表日 stated plainly is no reading', () => {
    const h = headline(report(4));
    expect(h.published).toEqual({ iso: '2025-04-25', wareki: toWareki('2025-04-25') });
    expect(h.publishedReading).toBeUndefined();
  });
});

describe('an entry left as the template prints it (every cell empty) is no entry', () => {
  // 「委託事項1」 printed with empty cells under 「委託しない」 is how many reports print the form, and what
  // npm run new writes: it is no 委託事項, file or recipient to count, list, compare or note.
  const notesOf = (r: Report) => contradictions(r.data, FORM_SCHEMAS[r.form].schema).map((c) => c.message);
  const cellCounts = (reports: Report[]) => { const c = compare('国民年金', reports); return [...c.rows, ...c.risks].map((row) => row.cells.map((cell: Cell) => (cell.kind === 'values' ? cell.values.length : -1))); };

  it('a scaffold with 委託しない and 行っていない says なし, lists no file or recipient, and is told nothing', () => {
    const text = scaffoldReport('全項目評価書', { organisation: 'test-shi', number: '9', category: '国民年金', schemaPath: 'x.json' }).text;
    const data = parseYaml(text).data as Record<string, any>;
    data['表紙']['評価書名'] = 'テスト評価書';
    for (const f of data['特定個人情報ファイルの概要']) {
      f['特定個人情報ファイルの取扱いの委託']['委託の有無'] = '委託しない';
      f['特定個人情報の提供・移転（委託に伴うものを除く。）']['提供・移転の有無'] = ['行っていない'];
    }
    expect(data['特定個人情報ファイルの概要'][0]['特定個人情報ファイルの取扱いの委託']['委託事項']).toHaveLength(1);
    const r = report(3, () => stringify(data));
    const s = summarise(r);
    expect(s.entrusts).toEqual({ state: 'stated', value: false });
    expect(s.recipients).toEqual({ state: 'none' });
    expect(noRecipientsText(s)).toBe('なし');
    // (file (1) holds the answers written, so it is a file: one without a name)
    expect(s.files).toEqual({ state: 'stated', value: ['(1)（名称の記載なし）'] });
    expect(notesOf(r)).toEqual([]);
    const c = compare('国民年金', [r]);
    // (no 委託先 named; 提供先 and 移転先 stated none, as the report answers 行っていない)
    expect(c.rows.find((row) => row.label === '委託先名')?.cells[0]).toEqual({ kind: 'values', values: [] });
    for (const label of ['提供先', '移転先']) expect(c.rows.find((row) => row.label === label)?.cells[0], label).toEqual({ kind: 'values', values: [expect.objectContaining({ text: 'なし', prefix: '(1)' })] });
    // ticked 「提供を行っている」 with no one named: not なし
    data['特定個人情報ファイルの概要'][0]['特定個人情報の提供・移転（委託に伴うものを除く。）']['提供・移転の有無'] = ['提供を行っている'];
    expect(noRecipientsText(summarise(report(3, () => stringify(data))))).toBe('記載なし');
  });

  it('emptying an entry\'s every cell is the same as removing the entry, for the card, the notes and the comparison (seeded)', () => {
    const r = seeded(5150);
    const text = fs.readFileSync('tests/fixtures/content/reports/test-shi/3.yaml', 'utf8');
    // every cell empty as a clerk leaves it: blank answers (a date with its printed words too), no box
    // ticked (a list of boxes: names, or a box with its count 「- 移転を行っている: 3」), as an empty list or none
    const isBox = (x: unknown) => typeof x === 'string' || (!!x && typeof x === 'object' && Object.keys(x).length === 1 && typeof Object.values(x)[0] !== 'object');
    const emptied = (v: unknown): unknown => (Array.isArray(v) ? (v.every(isBox) ? (r.next() < 0.5 ? [] : null) : v.map(emptied))
      : v && typeof v === 'object' && !('表記' in v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, emptied(x)])) : null);
    for (let round = 0; round < 40; round++) {
      const withEmpty = parseYaml(text).data as Record<string, any>;
      const without = parseYaml(text).data as Record<string, any>;
      const lists = (d: Record<string, any>) => d['特定個人情報ファイルの概要'].flatMap((f: any) => [f['特定個人情報ファイルの取扱いの委託']['委託事項'], f['特定個人情報の提供・移転（委託に伴うものを除く。）']['提供先'], f['特定個人情報の提供・移転（委託に伴うものを除く。）']['移転先']]);
      const a = lists(withEmpty);
      const b = lists(without);
      a.forEach((list: any[] | undefined, i: number) => {
        if (!Array.isArray(list)) return;
        for (let k = list.length - 1; k >= 0; k--) if (r.next() < 0.4) { list[k] = emptied(list[k]); b[i].splice(k, 1); }
      });
      const x = report(3, () => stringify(withEmpty));
      const y = report(3, () => stringify(without));
      const sx = summarise(x);
      const sy = summarise(y);
      const size = (f: any) => (f?.state === 'stated' ? f.value.length : f?.state);
      expect(size(sx.recipients), `round ${round}`).toEqual(size(sy.recipients));
      expect(size(sx.files), `round ${round}`).toEqual(size(sy.files));
      expect([sx.entrusts, sx.provides, sx.transfers], `round ${round}`).toEqual([sy.entrusts, sy.provides, sy.transfers]);
      expect(notesOf(x).sort(), `round ${round}`).toEqual(notesOf(y).sort());
      expect(cellCounts([x]), `round ${round}`).toEqual(cellCounts([y]));
    }
  });
});

describe('a group marked as a whole at any depth hides the facts below it: not known, never なし or 記載なし', () => {
  it('whichever group is marked, a fact whose item lies below it is not known, or stated yes by another part, or listed with 「ほかに…不明」 (seeded)', () => {
    const r = seeded(5353);
    const FACTS = ['people', 'files', 'entrusts', 'provides', 'transfers', 'providesOrTransfers', 'records', 'recipients'] as const;
    for (const fixture of [2, 3, 4]) {
      const text = fs.readFileSync(`tests/fixtures/content/reports/test-shi/${fixture}.yaml`, 'utf8');
      const data = parseYaml(text).data as Record<string, unknown>;
      const schema = new Report('x.yaml', data).schema;
      // every place a fact's item is (entries as 0), and every group that may be marked as a whole
      const factItems: { fact: string; path: (string | number)[] }[] = [];
      const groups: (string | number)[][] = [];
      walkForm(schema, (v) => {
        for (const fact of Object.keys(v.node['x-summary'] ?? {})) factItems.push({ fact, path: v.path });
        if ((v.class === 'group' || v.class === 'repeat') && !(v.path[0] === '変更箇所' && v.path.length > 1)) groups.push(v.path);
      });
      for (let n = 0; n < 25; n++) {
        const at = r.pick(groups).map((k) => (typeof k === 'number' ? r.int(2) : k));
        const copy = structuredClone(data) as Record<string, any>;
        let parent: any = copy;
        for (const seg of at.slice(0, -1)) parent = parent?.[seg];
        if (!parent || typeof parent !== 'object' || parent[at.at(-1)!] === undefined) continue;
        parent[at.at(-1)!] = { 記載状態: '原文欠落', 注記: '写しにない' };
        const file = path.join(dir, 'reports', 'test-shi', `${fixture}-h${r.int(1e9)}.yaml`);
        fs.writeFileSync(file, stringify(copy));
        const s = summarise(new Report(file, copy)) as unknown as Record<string, any>;
        // (the item lies below the marked group: the group's path, entries as any number, begins its path)
        const below = (p: (string | number)[]) => at.every((k, i) => (typeof k === 'number' ? typeof p[i] === 'number' : p[i] === k));
        for (const fact of FACTS) {
          if (!factItems.some((f) => f.fact === fact && below(f.path)) || s[fact] === undefined) continue;
          const f = s[fact];
          const what = `${fixture} ${at.join(' ')} ${fact}: ${JSON.stringify(f)}`;
          expect(f.state, what).not.toBe('none');
          if (f.state === 'stated' && Array.isArray(f.value)) expect(f.partly, what).toBe('原文欠落');
          if (f.state === 'stated' && typeof f.value === 'boolean') expect(f.value, what).toBe(true);
        }
      }
    }
  });
});

describe('the status a list gives a report', () => {
  it('a report put to comment is a draft (案) whatever 公表日 its cover keeps; 事務終了 as declared', () => {
    const period = (start: string, end: string) => `公開状態:\n  状態: 意見募集中\n  意見募集:\n    開始日: ${start}\n    終了日: ${end}\n    提出方法: 電子メール\n    提出先メール: iken@example.jp\n`;
    const under = report(4, (t) => t.replace(/^表紙:/m, `${period('2000-01-01', '2999-12-31')}表紙:`));
    expect(headline(under).published?.iso).toBe('2025-04-25');
    expect(statusOf(under)).toBe('意見募集中（案）');
    const waiting = report(4, (t) => t.replace(/^表紙:/m, `${period('2000-01-01', '2000-02-01')}表紙:`));
    expect(statusOf(waiting)).toBe('意見募集終了・確定待ち（案）');
    const ended = report(4, (t) => t.replace(/^表紙:/m, '公開状態:\n  状態: 事務終了\n  事務終了日: 2025-06-01\n表紙:'));
    expect(statusOf(ended)).toBe('事務終了');
    expect(statusOf(report(4))).toBe('公表中');
  });
});

/** Every section switch of a report's data (a lone box beside a section heading, 「委託しない」) with the
 * items the form then does not ask (the schema's x-not-when on its siblings). */
function switchSites(data: unknown, node: SchemaNode, at: (string | number)[] = [], out: { group: (string | number)[]; key: string; items: string[] }[] = []) {
  if (Array.isArray(data)) { data.forEach((v, i) => switchSites(v, childSchema(node, i)!, [...at, i], out)); return out; }
  if (!data || typeof data !== 'object') return out;
  const props = groupItems(node) ?? {};
  const byKey = new Map<string, string[]>();
  for (const [k, p] of Object.entries(props)) for (const sw of Object.keys(resolve(p)?.['x-not-when'] ?? {})) byKey.set(sw, [...(byKey.get(sw) ?? []), k]);
  for (const [key, items] of byKey) out.push({ group: at, key, items });
  for (const [k, v] of Object.entries(data)) if (props[k]) switchSites(v, resolve(props[k])!, [...at, k], out);
  return out;
}
const at = (data: any, p: (string | number)[]) => p.reduce((x, s) => x?.[s], data);
const childAt = (schema: SchemaNode, p: (string | number)[]) => p.reduce<SchemaNode>((n, s) => resolve(childSchema(n, s))!, schema);

describe('a question the form does not ask is not a question left unanswered', () => {
  const rated = ratedAnswers;
  it('ticking a section\'s switch moves its blank ratings, and only those, from 記載なし to 答えを求められない (every switch of every form, seeded)', () => {
    const r = seeded(6161);
    let checked = 0;
    for (const fixture of [2, 3, 4]) {
      const { data, schema } = fixtureData(fixture);
      const sites = switchSites(data, schema);
      expect(sites.length, `fixture ${fixture} has switches`).toBeGreaterThan(0);
      for (const site of sites) {
        const copy = structuredClone(data);
        // every other switch off; the ratings of this section blanked, and some others at random
        for (const s of sites) at(copy, s.group)[s.key] = false;
        // (the answers the card counts: a 【再掲】 repeats another and is not one)
        const counts = (p: (string | number)[]) => !!childAt(schema, p)['x-summary']?.ratings;
        const own = rated(copy).filter(counts).filter((p) => site.items.some((k) => p.length > site.group.length && p[site.group.length] === k && site.group.every((g, i) => p[i] === g)));
        const ownKeys = new Set(own.map((p) => p.join('/')));
        // (blanks elsewhere, but none of this switch's own: those are `own`, counted above)
        const others = rated(copy).filter((p) => !ownKeys.has(p.join('/')) && !site.items.some((k) => p[site.group.length] === k && site.group.every((g, i) => p[i] === g)) && r.int(3) === 0);
        for (const p of [...own, ...others]) at(copy, p.slice(0, -1))[p.at(-1)!] = null;
        if (!own.length) continue;
        const off = summarise(report(fixture, () => stringify(copy)));
        at(copy, site.group)[site.key] = true;
        const on = summarise(report(fixture, () => stringify(copy)));
        expect(off.ratingsNotAsked.count, site.key).toBe(0);
        expect(off.ratingsBlank - on.ratingsBlank, site.key).toBe(own.length);
        expect(on.ratingsNotAsked).toEqual({ count: own.length, switches: [resolve(groupItems(childAt(schema, site.group))![site.key])!.title ?? site.key] });
        expect(JSON.stringify(ratingsShown(on))).toContain(`に印があるため）: ${own.length}項目`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it('the bundled 熊本市 全項目評価書 that does not connect is told so, not counted as unanswered', () => {
    const text = fs.readFileSync('content/reports/kumamoto-shi/13.yaml', 'utf8');
    const s = summarise(new Report(path.resolve('content/reports/kumamoto-shi/13.yaml'), parseYaml(text).data as Record<string, unknown>));
    expect(s.ratingsNotAsked.switches).toEqual(['接続しない（入手）', '接続しない（提供）']);
    expect(s.ratingsBlank).toBe(0);
  });

  it('an answer the form does not ask, given all the same, is a note (every switch of every form)', () => {
    let checked = 0;
    for (const fixture of [2, 3, 4]) {
      const { data, schema } = fixtureData(fixture);
      for (const site of switchSites(data, schema)) {
        checked++;
        const copy = structuredClone(data);
        const item = site.items[0];
        at(copy, site.group)[item] = typeof at(copy, site.group)[item] === 'object' && at(copy, site.group)[item] ? { ...at(copy, site.group)[item], リスクへの対策は十分か: '十分である' } : '十分である';
        at(copy, site.group)[site.key] = false;
        const path0 = [...site.group, item];
        expect(contradictions(copy, schema).filter((c) => c.path.join('/') === path0.join('/') && c.message.includes(`「${site.key}」に印があります`))).toEqual([]);
        at(copy, site.group)[site.key] = true;
        expect(contradictions(copy, schema).filter((c) => c.path.join('/') === path0.join('/')).map((c) => c.message).join('\n'), `${fixture} ${site.key} ${item}`).toContain(`「${site.key}」に印がありますが`);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('a 基礎項目評価書\'s 【再掲】 answer repeats one and is not counted again', () => {
    const data = parseYaml(fs.readFileSync('tests/fixtures/content/reports/test-shi/4.yaml', 'utf8')).data as Record<string, any>;
    const group = data['リスク対策']['最も優先度が高いと考えられる対策'];
    group['全項目評価又は重点項目評価を実施する'] = false;
    const count = (v: string | null) => { group['当該対策は十分か【再掲】'] = v; const s = summarise(report(4, () => stringify(data))); return [s.ratings.reduce((a, q) => a + q.count, 0), s.ratingsBlank]; };
    expect(count('十分である')).toEqual(count(null));
  });
});

describe('the comparison of self-ratings', () => {
  it('says why a question the form does not ask is blank, and keeps 記載なし for one it asks', () => {
    const data = parseYaml(fs.readFileSync('tests/fixtures/content/reports/test-shi/4.yaml', 'utf8')).data as Record<string, any>;
    const group = data['リスク対策']['情報提供ネットワークシステムとの接続'];
    group['目的外の入手が行われるリスクへの対策は十分か'] = null;
    group['不正な提供が行われるリスクへの対策は十分か'] = null;
    group['接続しない（入手）'] = true;
    group['接続しない（提供）'] = false;
    const cells = compare('国民年金', [report(4, () => stringify(data))]).risks.flatMap((row) => row.cells.map((c) => `${row.label}: ${JSON.stringify(c)}`));
    expect(cells.find((c) => c.includes('との接続') && c.includes('目的外の入手'))).toContain('対象外（「接続しない（入手）」に印）');
    expect(cells.find((c) => c.includes('との接続') && c.includes('不正な提供が行われる'))).toContain('（記載なし）');
  });
});

describe('a switch or an answer that says nothing known', () => {
  const data = () => parseYaml(fs.readFileSync('tests/fixtures/content/reports/test-shi/4.yaml', 'utf8')).data as Record<string, any>;
  it('a dash alone, or an answer not known, under a ticked switch contradicts nothing (every switch of every form)', () => {
    let checked = 0;
    for (const fixture of [2, 3, 4]) {
      const { data: d, schema } = fixtureData(fixture);
      for (const site of switchSites(d, schema)) {
        for (const [i, dash] of ['－', '—', 'ー', ' - ', '‐'].entries()) {
          const copy = structuredClone(d);
          const group = at(copy, site.group);
          // every item the switch leaves unasked: a dash, or a group whose answers are a dash or not known
          const fill = (v: unknown): unknown => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, i % 2 ? { 記載状態: '判読不能' } : fill(x)])) : dash);
          for (const item of site.items) group[item] = fill(group[item]);
          group[site.key] = true;
          const notes = contradictions(copy, schema).filter((c) => c.message.includes(`「${site.key}」に印があります`));
          expect(notes.map((c) => c.message), `${fixture} ${site.key} 「${dash}」`).toEqual([]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(40);
  });

  it('a switch the source lacks leaves its blank ratings not known, never 記載なし, and the comparison says so', () => {
    const d = data();
    const group = d['リスク対策']['情報提供ネットワークシステムとの接続'];
    group['目的外の入手が行われるリスクへの対策は十分か'] = null;
    group['接続しない（入手）'] = { 記載状態: '原文欠落' };
    const asked = structuredClone(d);
    asked['リスク対策']['情報提供ネットワークシステムとの接続']['接続しない（入手）'] = false;
    const [s, t] = [summarise(report(4, () => stringify(d))), summarise(report(4, () => stringify(asked)))];
    expect(s.ratingsBlank).toBe(t.ratingsBlank - 1);
    expect(s.ratingsUnknown).toBe(t.ratingsUnknown + 1);
    expect(s.ratingsNotAsked.count).toBe(0);
    const cells = compare('国民年金', [report(4, () => stringify(d))]).risks.flatMap((row) => row.cells.map((c) => `${row.label}: ${JSON.stringify(c)}`));
    expect(cells.find((c) => c.includes('との接続') && c.includes('目的外の入手'))).toContain('不明（「接続しない（入手）」の印の有無が転記元で不明）');
  });
});
