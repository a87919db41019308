// The editor schemas (schemas/editor/) are generated from the form schemas, never offer null, speak
// Japanese with the official item number, and accept exactly what the validator accepts: checked on every
// real report and on seeded mutations of them.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { ValidateFunction } from 'ajv';
import { EDITOR_SCHEMA_DIR, editorSchemas, editorSchemaText } from '../src/lib/content/editor-schema.ts';
import { listYaml } from '../src/lib/content/content-files.ts';
import { schemaAjv, validateText, type FileKind } from '../src/lib/content/validate.ts';
import { parseYaml } from '../src/lib/content/yaml-source.ts';
import { describe as describeItem, FORM_NAMES, FORM_SCHEMAS, formOf, walkForm } from '../src/lib/form/form-schema.ts';
import { seeded, type Random } from './support/seeded.ts';

type Json = Record<string, unknown>;
const schemas = editorSchemas();

/** Every schema object inside a schema, with where it is. */
function* nodes(v: unknown, at = ''): Generator<[Json, string]> {
  if (Array.isArray(v)) { for (const [i, x] of v.entries()) yield* nodes(x, `${at}/${i}`); return; }
  if (!v || typeof v !== 'object') return;
  yield [v as Json, at];
  for (const [k, x] of Object.entries(v)) if (k !== 'enum' && k !== 'const') yield* nodes(x, `${at}/${k}`);
}

describe('the editor schemas', () => {
  it('are generated from the current schemas (run `npm run editor-schemas` after a schema change)', () => {
    expect(fs.readdirSync(EDITOR_SCHEMA_DIR).sort()).toEqual(Object.keys(schemas).sort());
    for (const [file, schema] of Object.entries(schemas)) expect(fs.readFileSync(path.join(EDITOR_SCHEMA_DIR, file), 'utf8'), file).toBe(editorSchemaText(schema));
  });

  it('never name null as a value or a type (the editor would offer 「null」)', () => {
    for (const [file, schema] of Object.entries(schemas)) {
      for (const [n, at] of nodes(schema)) {
        const where = `${file}${at}`;
        expect([n.type].flat(), where).not.toContain('null');
        if (Array.isArray(n.enum)) expect(n.enum, where).not.toContain(null);
        if ('const' in n) expect(n.const, where).not.toBeNull();
        expect(n.default, where).toBeUndefined();
      }
    }
  });

  it('say every error in Japanese, and an item\'s message starts with its official number and label', () => {
    let checked = 0;
    for (const form of FORM_NAMES) {
      const root = FORM_SCHEMAS[form].schema;
      const editor = schemas[FORM_SCHEMAS[form].file];
      for (const [n, at] of nodes(editor)) if (typeof n.errorMessage === 'string') expect(n.errorMessage, at).toMatch(/[ぁ-んァ-ヶ一-龠]/);
      // Items outside repeating groups: the editor node at the same data path.
      walkForm(root, (v) => {
        if (v.path.some((p) => typeof p === 'number')) return false;
        const node = v.path.reduce<Json | undefined>((s, k) => (s?.properties as Record<string, Json> | undefined)?.[k], editor);
        const label = describeItem(root, v.path);
        expect(node?.markdownDescription, v.path.join('/')).toMatch(new RegExp(`^\\*\\*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\*\\*`));
        if (v.class === 'answer') {
          const messages = [...nodes(node)].map(([x]) => x.errorMessage).filter((m): m is string => typeof m === 'string');
          expect(messages.length, v.path.join('/')).toBeGreaterThan(0);
          for (const m of messages) expect(m.startsWith(`${label}: `), `${v.path.join('/')}: ${m}`).toBe(true);
          checked++;
        }
      });
    }
    expect(checked).toBeGreaterThan(100);
  });
});

// ---- the same verdict as the validator ----

const ajv = schemaAjv();
const compiled: Record<string, ValidateFunction> = Object.fromEntries(Object.entries(schemas).map(([file, s]) => [file, ajv.compile(s)]));
function editorAccepts(data: unknown, kind: FileKind): boolean {
  const form = formOf(data);
  const file = kind === 'organisation' ? 'organisation.schema.json' : form ? FORM_SCHEMAS[form].file : undefined;
  return !!file && compiled[file](data) === true;
}
const validatorAccepts = (text: string, kind: FileKind) => validateText('x.yaml', text, kind).problems.length === 0;

const files: [string, FileKind][] = [
  ...[...listYaml('content/reports'), ...listYaml('tests/fixtures/content/reports')].map((f) => [f, 'report'] as [string, FileKind]),
  ...[...listYaml('content/organisations'), ...listYaml('tests/fixtures/content/organisations')].map((f) => [f, 'organisation'] as [string, FileKind]),
];

describe('accept what the validator accepts', () => {
  it('there are files to check', () => expect(files.length).toBeGreaterThan(8));
  it.each(files)('%s', (file, kind) => {
    const text = fs.readFileSync(file, 'utf8');
    expect(editorAccepts(parseYaml(text).data, kind)).toBe(validatorAccepts(text, kind));
  });

  // Values a clerk might write anywhere: right for some items, wrong for others.
  const VALUES: unknown[] = [null, '', 'テキスト', '令和7年4月1日', '2025-04-01', '2025-04', '2025-13-01', 'https://example.jp/', 'iken@city.example.jp', '431001',
    '1万人以上10万人未満', '実施する', '原文欠落', 'その他', 0, 7, -1, 1.5, true, false, [], ['その他'], [{ その他: 'x' }], [{ 提供を行っている: 3 }], ['紙', '紙'],
    { 記載状態: '原文欠落' }, { 記載状態: '不明' }, { 記載状態: '不確実', 原文: 'x', 注記: 'y' }, { 表記: '平成27年10月予定' }, { 日付: '2015-10' }, {}, { 見出し: 'x' }];
  /** Every place in a report's data: [parent, key] pairs. */
  function places(v: unknown, out: [Json | unknown[], string | number][] = []) {
    if (Array.isArray(v)) v.forEach((x, i) => { out.push([v, i]); places(x, out); });
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.push([v as Json, k]); places(x, out); }
    return out;
  }
  function mutate(data: unknown, r: Random): unknown {
    const copy = structuredClone(data);
    for (let n = 1 + r.int(2); n > 0; n--) {
      const all = places(copy).filter(([, k]) => k !== '様式' && k !== '事務分類');
      const [parent, key] = r.pick(all);
      const what = r.int(10);
      if (what < 7) (parent as Record<string | number, unknown>)[key] = structuredClone(r.pick(VALUES));
      else if (what < 8 && !Array.isArray(parent)) delete (parent as Json)[key as string];
      else if (what < 9 && !Array.isArray(parent)) (parent as Json)[`${String(key)}の補足`] = 'x';
      else if (Array.isArray(parent)) parent.push(structuredClone(parent[0]));
    }
    return copy;
  }
  const reports = files.filter(([, k]) => k === 'report').map(([f]) => f);
  it.each(reports)('seeded mutations of %s get the same verdict (40 each)', (file) => {
    const data = parseYaml(fs.readFileSync(file, 'utf8')).data;
    const seed = [...file].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
    const r = seeded(seed);
    const verdicts = { accepted: 0, refused: 0 };
    for (let i = 0; i < 40; i++) {
      const m = mutate(data, r);
      const validator = validatorAccepts(stringify(m), 'report');
      expect(editorAccepts(m, 'report'), `seed ${seed} #${i}`).toBe(validator);
      verdicts[validator ? 'accepted' : 'refused']++;
    }
    // Both kinds of verdict occur, so the comparison is not one-sided.
    expect(verdicts.accepted).toBeGreaterThan(3);
    expect(verdicts.refused).toBeGreaterThan(3);
  }, 120_000);
});

