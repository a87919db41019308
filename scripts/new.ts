// npm run new -- --org <機関ID> --form 重点項目|全項目|基礎項目 --number <評価書番号> [--category 国民年金]
// Writes content/reports/<org>/<number>.yaml with every item of the form present and empty.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FORM_NAMES, FORM_SCHEMAS, type FormName } from '../src/lib/form-schema.ts';
import { scaffold } from '../src/lib/scaffold.ts';

const { values } = parseArgs({
  options: { org: { type: 'string' }, form: { type: 'string' }, number: { type: 'string' }, category: { type: 'string' }, out: { type: 'string' } },
});
const fail = (m: string) => { console.error(m); process.exit(2); };
if (!values.org || !values.form || !values.number) fail('使い方: npm run new -- --org <機関ID> --form 重点項目|全項目|基礎項目 --number <評価書番号> [--category <事務分類>]');
const form = FORM_NAMES.find((f) => f === values.form || f === `${values.form}評価書`) as FormName | undefined;
if (!form) fail(`--form は ${FORM_NAMES.map((f) => f.replace('評価書', '')).join(' / ')} のいずれかです`);
if (!/^[a-z0-9][a-z0-9-]*$/.test(values.org!)) fail('--org は半角英小文字・数字・ハイフン（例: kumamoto-shi）');
if (!/^[0-9A-Za-z-]+$/.test(values.number!)) fail('--number は評価書番号（半角英数字）');
const contentDir = values.out ?? 'content';
const orgFile = path.join(contentDir, 'organisations', `${values.org}.yaml`);
const file = path.join(contentDir, 'reports', values.org!, `${values.number}.yaml`);
if (fs.existsSync(file)) fail(`${file} は既にあります`);
const schemaPath = path.relative(path.dirname(file), path.join('schemas', FORM_SCHEMAS[form!].file)).split(path.sep).join('/');
const number = /^\d+$/.test(values.number!) ? values.number! : JSON.stringify(values.number);
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, scaffold(form!, { organisation: values.org!, number, category: values.category ?? '', schemaPath }));
console.log(`${file} を作りました。`);
if (!fs.existsSync(orgFile)) console.log(`機関ファイル ${orgFile} がまだありません。名称・団体名・都道府県・全国地方公共団体コードを書いて作ってください。`);
console.log('記入するもの: 事務分類（比較表の分類）、表紙と各項目の値。空のままの項目は「評価書で空欄」として扱われます。');
