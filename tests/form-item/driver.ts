// Run inside a copy of the project whose juten schema has one more item (see the test beside this file):
// prints what each reader of the schemas makes of that item, as JSON.
import { validateText } from '../../src/lib/content/validate.ts';
import { FORM_SCHEMAS, describe } from '../../src/lib/form/form-schema.ts';
import { scaffoldReport } from '../../src/lib/form/scaffold.ts';
import { reportTree, walk } from '../../src/lib/report/report-tree.ts';
import { diffReports } from '../../src/lib/changes/report-diff.ts';
import { compare } from '../../src/lib/report/comparison.ts';
import { Report } from '../../src/lib/content/content-store.ts';
import { parseYaml } from '../../src/lib/content/yaml-source.ts';
import { itemPath } from '../../src/lib/changes/change-rows.ts';
import fs from 'node:fs';

const [file, key, out] = process.argv.slice(2);
const form = '重点項目評価書';
const schema = FORM_SCHEMAS[form].schema;
const path = ['リスク対策', 0, key];
const text = fs.readFileSync(file, 'utf8');
const set = (answer: string) => text.replace(/^リスク対策:\n  - /m, `リスク対策:\n  - ${key}: ${answer}\n    `);
const good = set('十分である');
const bad = set('まあまあ');
const data = parseYaml(good).data as Record<string, unknown>;
const before = parseYaml(set('課題が残されている')).data as Record<string, unknown>;
const node = walk(reportTree(data, { schema })).find((n) => n.path.join('/') === path.join('/'));
const scaffold = scaffoldReport(form, { organisation: 'test-shi', number: '9', category: '国民年金', schemaPath: 'x' }).text;
const change = diffReports(before, data, schema).find((c) => c.node.path.join('/') === path.join('/'));
// Two reports in a content folder of their own (Report reads its file again, only inside content).
const dir = `${out}/reports/test-shi`;
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(`${dir}/2-a.yaml`, good);
fs.writeFileSync(`${dir}/2-b.yaml`, set('課題が残されている'));
const report = new Report(`${dir}/2-a.yaml`, data);
const other = new Report(`${dir}/2-b.yaml`, before);
const comparison = compare('国民年金', [report, other]);
console.log(JSON.stringify({
  item: describe(schema, path),
  valid: validateText('r.yaml', good, 'report').problems,
  invalid: validateText('r.yaml', bad, 'report').problems,
  rendered: node && { number: node.number, label: node.label, anchor: node.anchor, value: node.value },
  scaffolded: scaffold.split('\n').filter((l) => l.includes(key)),
  compared: comparison.risks.filter((r) => r.label.includes(key)).map((r) => ({ label: r.label, cells: r.cells })),
  diffed: change && { item: itemPath(change.ancestors, change.node), before: change.before, after: change.after },
}));
