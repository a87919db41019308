// Every item label of the form trees in FORMS.md (extracted into tests/fixtures/forms-md-items.json by
// scripts/extract-forms-md.ts) must be an item of the matching schema. Deliberate differences are
// listed in README.md (「様式との対応」).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORM_SCHEMAS, resolve, type FormName, type SchemaNode } from '../src/lib/form/form-schema.ts';

const expected: Record<FormName, string[]> = JSON.parse(fs.readFileSync('tests/fixtures/forms-md-items.json', 'utf8'));

/** Labels are compared without width, spacing and 【…】 notes (【再掲】, 【任意】 are printed beside labels). */
const norm = (s: string) => s.normalize('NFKC').replace(/【[^】]*】/g, '').replace(/\s/g, '');

function labelsOf(schema: SchemaNode): string[] {
  const out: string[] = [];
  const walk = (node: SchemaNode | undefined, key?: string) => {
    const r = resolve(node);
    if (!r) return;
    if (r.title) out.push(r.title);
    if (key) out.push(key);
    for (const [k, child] of Object.entries(r.properties ?? {})) walk(child as SchemaNode, k);
    if (r.items) walk(r.items);
    for (const heading of r['x-risks'] ?? []) out.push(heading);
  };
  walk(schema);
  return out.map(norm);
}

describe.each(Object.keys(expected) as FormName[])('%s schema covers the FORMS.md tree', (form) => {
  const labels = labelsOf(FORM_SCHEMAS[form].schema);
  it.each(expected[form])('has 「%s」', (label) => {
    // FORMS.md abbreviates long labels with （…）: match the rest of the label.
    const pattern = new RegExp('^' + norm(label).split(/\(\.\.\.\)|\.\.\./).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
    expect(labels.some((l) => pattern.test(l)), `「${label}」 is not an item of the ${form} schema`).toBe(true);
  });
});

describe('the extracted list', () => {
  it('holds the trees of all three forms', () => {
    expect(expected['全項目評価書'].length).toBeGreaterThan(150);
    expect(expected['重点項目評価書'].length).toBeGreaterThan(80);
    expect(expected['基礎項目評価書'].length).toBeGreaterThan(40);
  });
});
