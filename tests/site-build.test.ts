// The built pages, parsed: every item of the form is on the report page with a unique, stable anchor;
// choices and checkboxes show their state; downloads match the source; a failed build keeps dist/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, inject, it } from 'vitest';
import { anchorOf, checkLabels, childSchema, choiceOptions, classify, entrySchema, FORM_SCHEMAS, formChildren, resolve, type FormName, type SchemaNode } from '../src/lib/form/form-schema.ts';
import { parseYaml } from '../src/lib/content/yaml-source.ts';
import { buildSite } from './support/global-setup.ts';

const sites = inject('sites');
const FIXTURE = 'tests/fixtures/content';
const page = (site: string, rel: string) => parseHTML(fs.readFileSync(path.join(site, rel, 'index.html'), 'utf8')).document;
const fixture = (n: number) => {
  const source = fs.readFileSync(`${FIXTURE}/reports/test-shi/${n}.yaml`, 'utf8');
  return { source, data: parseYaml(source).data as Record<string, any> };
};

/** Data paths of every item of the form that the fixture fills (leaves and groups), read from the schema. */
function schemaPaths(schema: SchemaNode, data: unknown, base: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  const cls = classify(schema);
  if (cls === 'repeat') {
    (Array.isArray(data) ? data : []).forEach((el, i) => out.push([...base, i], ...schemaPaths(entrySchema(schema)!, el, [...base, i])));
  } else if (cls === 'group') {
    for (const c of formChildren(schema)) {
      if (base.length === 0 && !c.node['x-item']) continue; // meta keys: 様式, 事務分類, …
      if (c.self) continue;                                  // the answer of its parent item
      const value = data && typeof data === 'object' ? (data as Record<string, unknown>)[c.key] : undefined;
      if (c.node['x-only-if-written'] && (value === undefined || value === null)) continue; // 別紙: only a report that has it
      out.push([...base, c.key], ...schemaPaths(c.node, value, [...base, c.key]));
    }
  }
  return out;
}

describe.each([[2, '重点項目評価書'], [3, '全項目評価書'], [4, '基礎項目評価書']] as [number, FormName][])('fixture report %i (%s)', (n, form) => {
  const { data, source } = fixture(n);
  const schema = FORM_SCHEMAS[form].schema;
  const doc = page(sites.fixture, `reports/test-shi/${n}`);

  it('has every item of the form, each under its anchor with its official label', () => {
    const paths = schemaPaths(schema, data).filter((p) => !(p.includes('変更箇所') && p.length > 2)); // change rows are table cells
    expect(paths.length).toBeGreaterThan(n === 4 ? 40 : 150);
    for (const p of paths) {
      const id = anchorOf(schema, p);
      const el = doc.getElementById(id);
      expect(el, `no element #${id} for ${p.join(' / ')}`).not.toBeNull();
      const key = p[p.length - 1];
      if (typeof key === 'string' && key !== '名称') {
        const title = resolve(p.reduce<SchemaNode | undefined>((s, k) => childSchema(s, k), schema))!.title as string;
        expect(el!.textContent, `#${id} shows 「${title}」`).toContain(title);
      }
    }
  });

  it('gives every element a unique id and a link to itself', () => {
    const ids = [...doc.querySelectorAll('[id]')].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of doc.querySelectorAll('a[data-item-link]')) {
      const target = decodeURIComponent(a.getAttribute('href')!.slice(1));
      expect(doc.getElementById(target), `link #${target}`).not.toBeNull();
    }
  });

  it('shows the selected option and, on request, the whole official list', () => {
    const choice = schemaPaths(schema, data).find((p) => resolve(p.reduce<SchemaNode | undefined>((s, k) => childSchema(s, k), schema))!['x-kind'] === 'choice')!;
    const node = resolve(choice.reduce<SchemaNode | undefined>((s, k) => childSchema(s, k), schema))!;
    const el = doc.getElementById(anchorOf(schema, choice))!;
    const selected = choice.reduce<any>((v, k) => v?.[k], data);
    expect(el.querySelector('.selected')!.textContent).toContain(selected);
    const options = [...el.querySelectorAll('details li')];
    expect(options.map((o) => o.textContent!.replace('（選択）', '').trim())).toEqual(choiceOptions(node));
    expect(options.filter((o) => o.getAttribute('aria-current') === 'true').map((o) => o.textContent!.trim())).toEqual([`${selected}（選択）`]);
  });

  it('shows every official checkbox with its state in words', () => {
    const checks = schemaPaths(schema, data).filter((p) => resolve(p.reduce<SchemaNode | undefined>((s, k) => childSchema(s, k), schema))!['x-kind'] === 'checks');
    expect(checks.length).toBeGreaterThan(0);
    for (const p of checks) {
      const node = resolve(p.reduce<SchemaNode | undefined>((s, k) => childSchema(s, k), schema))!;
      const picked: unknown[] = p.reduce<any>((v, k) => v?.[k], data);
      const items = [...doc.getElementById(anchorOf(schema, p))!.querySelectorAll('.checks li')];
      const alternatives = (node['x-alternatives'] ?? []).length;
      expect(items).toHaveLength(checkLabels(node).length - alternatives);
      const checkedLabels = picked.map((x) => (typeof x === 'string' ? x : Object.keys(x as object)[0]));
      // Each box reads 「チェックあり：<official label>（<detail>）」; find its label, longest first.
      const labels: string[] = [...checkLabels(node)].sort((a, b) => b.length - a.length);
      const shown = items.map((li) => {
        const m = /(チェックあり|チェックなし)：\s*(.*?)\s*$/.exec(li.textContent!)!;
        return { state: m[1], label: labels.find((l) => m[2].startsWith(l)) };
      });
      for (const b of shown) expect(b.label).toBeDefined();
      expect(shown.filter((b) => b.state === 'チェックあり').map((b) => b.label).sort()).toEqual([...checkedLabels].sort());
    }
  });

  it('offers the YAML source and a JSON rendition', () => {
    expect(fs.readFileSync(path.join(sites.fixture, `reports/test-shi/${n}/source.yaml`), 'utf8')).toBe(source);
    const json = JSON.parse(fs.readFileSync(path.join(sites.fixture, `reports/test-shi/${n}/report.json`), 'utf8'));
    expect(json['表紙']).toEqual(data['表紙']);
    // the published rows first; rows generated from git history (if any) follow, marked 出典: git
    expect(json['変更箇所'].slice(0, data['変更箇所'].length)).toEqual(data['変更箇所']);
    for (const extra of json['変更箇所'].slice(data['変更箇所'].length)) expect(extra['出典']).toBe('git');
  });

  it('prints 公表日 in 和暦 with a machine-readable date', () => {
    const time = doc.querySelector('.summary time')!;
    expect(time.getAttribute('datetime')).toBe(data['表紙']['公表日']);
    expect(time.textContent).toBe('令和7年4月25日');
  });
});

describe('states of an item', () => {
  const doc = page(sites.fixture, 'reports/test-shi/4');
  it('says in words that an item is blank, missing from the source, or illegible', () => {
    expect(doc.getElementById('表紙-特記事項')!.textContent).toContain('記載なし');
    expect(doc.getElementById('Ⅰ-1-②')!.textContent).toContain('判読不能');
    expect(doc.getElementById('Ⅰ-1-②')!.textContent).toContain('事務の概要の一部');
    expect(doc.getElementById('Ⅰ-1-③')!.textContent).toContain('原文欠落');
  });
});

describe('an entry whose name is marked (提供先3 名称: 不確実)', () => {
  // The name is printed in the entry's heading cell, not as a row of its own: what was read of it
  // and the note must be shown at the entry, as at any other marked item (not only in 転記に関する注記).
  it('shows the name\'s state, what was read of it and its note at the entry, for every such entry of the bundled reports', () => {
    let seen = 0;
    for (const [org, file] of [['kumamoto-shi', '1'], ['kumamoto-shi', '13'], ['kawasaki-shi', '16'], ['kurashiki-shi', '11'], ['matsusaka-shi', '8']]) {
      const source = fs.readFileSync(`content/reports/${org}/${file}.yaml`, 'utf8');
      const data = parseYaml(source).data as Record<string, any>;
      const doc = page(sites.content, `reports/${org}/${file}`);
      const visit = (v: unknown, p: (string | number)[]) => {
        if (Array.isArray(v)) { v.forEach((x, i) => visit(x, [...p, i])); return; }
        if (!v || typeof v !== 'object') return;
        const name = (v as Record<string, any>)['名称'];
        if (typeof p.at(-1) === 'number' && name && typeof name === 'object' && name['記載状態']) {
          const entry = doc.getElementById(anchorOf(FORM_SCHEMAS[data['様式'] as FormName].schema, p))!;
          const marker = entry.querySelector(':scope > .entry-name-marker');
          expect(marker, `${org}/${file} ${p.join(' ')}`).not.toBeNull();
          expect(marker!.textContent).toContain(name['記載状態']);
          for (const k of ['原文', '注記']) if (typeof name[k] === 'string') expect(marker!.textContent!.replace(/\s+/g, ''), `${org}/${file} ${p.join(' ')} ${k}`).toContain(name[k].replace(/\s+/g, ''));
          seen++;
        }
        for (const [k, x] of Object.entries(v)) visit(x, [...p, k]);
      };
      visit(data, []);
    }
    expect(seen).toBeGreaterThan(1);
  });
});

describe('headings as the form prints them', () => {
  // The chapter is an item of 重要な変更 and its note begins with the form's own ※: one mark, not 「※※」.
  it('prints one ※ before a chapter\'s note that begins with it', () => {
    for (const report of ['kumamoto-shi/13', 'kumamoto-shi/1', 'kawasaki-shi/16']) {
      const text = page(sites.content, `reports/${report}`).getElementById('h-Ⅲ')!.textContent!;
      expect(text, report).toMatch(/リスク対策※（/);
      expect(text.split('※').length - 1, report).toBe(1);
    }
  });
  it('a 事務 with one report says there is nothing to compare yet, and shows no table', () => {
    const doc = page(sites.content, 'compare/住民基本台帳');
    expect(doc.querySelector('main')!.textContent).toContain('比べる評価書がないため、比較表はありません');
    expect(doc.querySelector('main table')).toBeNull();
  });
});

describe('site pages', () => {
  it('home shows ways in (prefecture, 事務, search); every organisation is on the list and every report on its organisation page', () => {
    const doc = page(sites.content, '');
    expect(doc.documentElement.getAttribute('lang')).toBe('ja');
    const links = [...doc.querySelectorAll('a')].map((a) => decodeURIComponent(a.getAttribute('href')!));
    expect(links).toContain('/organisations/#pref-熊本県');
    expect(links).toContain('/compare/国民年金/');
    expect(doc.querySelector('form[action="/search/"]')).not.toBeNull();
    const orgs = [...page(sites.content, 'organisations').querySelectorAll('a')].map((a) => a.getAttribute('href'));
    for (const o of fs.readdirSync('content/organisations')) expect(orgs).toContain(`/organisations/${o.replace(/\.yaml$/, '')}/`);
    for (const org of fs.readdirSync('content/reports')) {
      const own = [...page(sites.content, `organisations/${org}`).querySelectorAll('a')].map((a) => a.getAttribute('href'));
      for (const f of fs.readdirSync(`content/reports/${org}`)) expect(own).toContain(`/reports/${org}/${f.replace(/\.yaml$/, '')}/`);
    }
  });
  it('the organisation list groups by prefecture and shows the everyday name beside the official one', () => {
    const doc = page(sites.content, 'organisations');
    const kumamoto = doc.getElementById('pref-熊本県')!.closest('section')!;
    expect(kumamoto.querySelector('a')!.textContent).toBe('熊本市 熊本市長');
  });
  it('an organisation page lists its reports with form, number and 公表日', () => {
    const doc = page(sites.fixture, 'organisations/test-shi');
    const rows = [...doc.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.textContent)).toEqual(expect.arrayContaining([expect.stringContaining('重点項目評価書')]));
  });
  it('builds a search index', () => {
    const [primary] = JSON.parse(fs.readFileSync(path.join(sites.content, 'pagefind-bundles.json'), 'utf8')).bundles;
    expect(fs.existsSync(path.join(sites.content, primary, 'pagefind.js'))).toBe(true);
  });
  it('makes no request to another origin and needs no script to read a report', () => {
    for (const rel of ['', 'reports/kumamoto-shi/1', 'search']) {
      const html = fs.readFileSync(path.join(sites.content, rel, 'index.html'), 'utf8');
      const doc = parseHTML(html).document;
      for (const el of doc.querySelectorAll('[src], link[href]')) {
        const ref = el.getAttribute('src') ?? el.getAttribute('href')!;
        // data: URLs (the empty icon) make no request at all
        expect(ref.startsWith('/') || ref.startsWith('#') || ref.startsWith('data:'), `${rel}: ${ref}`).toBe(true);
      }
    }
  });
});

describe('a failed build', () => {
  it('names the file, line and item, and leaves the previous site in place', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'badbuild-'));
    const content = path.join(tmp, 'content');
    fs.cpSync(FIXTURE, content, { recursive: true });
    const out = path.join(tmp, 'dist');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'index.html'), 'previous');
    const file = path.join(content, 'reports/test-shi/2.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('    対象人数: 1,000人以上1万人未満', '    対象人数: たくさん'));
    const r = buildSite(content, out);
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/2\.yaml:\d+:\d+  Ⅰ 1\. ③ 対象人数: 「たくさん」は選択肢にありません/);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous');
    expect(fs.readdirSync(tmp).sort()).toEqual(['content', 'dist']);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});

describe('the 変更箇所 table', () => {
  it('adds the rows generated from the git history after the published ones', async () => {
    const { Repo } = await import('./support/git-repo.ts');
    const repo = new Repo();
    fs.cpSync(FIXTURE, path.join(repo.dir, 'content'), { recursive: true });
    repo.commit('2025-01-10', '取り込み');
    const file = path.join(repo.dir, 'content/reports/test-shi/2.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/  特記事項: \|-\n(    .*\n)+/, '  特記事項: 特記事項を改めた\n'));
    repo.commit('2025-02-03', '特記事項の変更\n\nSubmission: 事後\nReason: 軽微な修正のため');
    const out = path.join(repo.dir, 'dist');
    const r = buildSite(path.join(repo.dir, 'content'), out);
    expect(r.status, r.output).toBe(0);
    const doc = parseHTML(fs.readFileSync(path.join(out, 'reports/test-shi/2/index.html'), 'utf8')).document;
    const rows = [...doc.querySelectorAll('.change-table tbody tr')];
    const published = fixture(2).data['変更箇所'].length;
    expect(rows).toHaveLength(published + 1);
    const last = rows[rows.length - 1];
    expect(last.className).toBe('generated');
    expect(last.textContent).toContain('令和7年2月3日');
    expect(last.textContent).toContain('表紙 特記事項');
    expect(last.textContent).toContain('特記事項を改めた');
    expect(last.textContent).toContain('軽微な修正のため');
  });
});
