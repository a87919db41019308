// Small example reports (tests/examples/<name>/input.yaml), each with what the site makes of it beside
// it (expected.txt): every stated item of the sections the example writes, with its official number,
// its anchor, its answer kind and its value as plain text. Read them as examples of how to write each
// kind of answer. UPDATE_EXAMPLES=1 rewrites expected.txt (review the diff before committing).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORM_SCHEMAS, formOf } from '../src/lib/form/form-schema.ts';
import { plainValue } from '../src/lib/form/answer-kinds.ts';
import { parseYaml } from '../src/lib/content/yaml-source.ts';
import { headingOf, sectionKeys, sectionTree, type Node } from '../src/lib/report/report-tree.ts';

const DIR = 'tests/examples';

/** The stated items of a tree (not blank), each under the headings that lead to it. */
export function outline(nodes: Node[], depth = 0): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    const below = outline(n.children, depth + 1);
    const own = n.value && n.value.type !== 'blank' ? `: ${plainValue(n.value).replace(/\n/g, '⏎')}  〔${n.value.type}〕` : '';
    const marker = n.marker ? `: ［${n.marker.state}］  〔marker〕` : '';
    const name = n.nameValue?.type === 'marker' ? `（名称: ［${n.nameValue.marker.state}］）` : '';
    if (own || marker || below.length || name) out.push(`${'  '.repeat(depth)}${headingOf(n) || n.number}${name}${own}${marker}  #${n.anchor}`, ...below);
  }
  return out;
}

describe.each(fs.readdirSync(DIR).sort())('example %s', (name) => {
  const text = fs.readFileSync(path.join(DIR, name, 'input.yaml'), 'utf8');
  const data = parseYaml(text).data as Record<string, unknown>;
  const form = formOf(data)!;
  const schema = FORM_SCHEMAS[form].schema;
  const sections = sectionKeys(schema).filter((k) => k in data).map((k) => sectionTree(data, { schema }, k));
  const actual = outline(sections).join('\n') + '\n';
  const expectedFile = path.join(DIR, name, 'expected.txt');
  if (process.env.UPDATE_EXAMPLES) fs.writeFileSync(expectedFile, actual);

  it('is a form the schemas know', () => expect(form).toBeDefined());
  it('renders as expected.txt says', () => expect(actual).toBe(fs.readFileSync(expectedFile, 'utf8')));
});
