// npm run new -- --org <機関ID> --form 重点項目|全項目|基礎項目 --number <評価書番号> [--category 国民年金] [--out <content フォルダ>]
// Writes content/reports/<org>/<number>.yaml with every item of the form present and empty, and lists
// (in the file and here) what must be filled before it validates.
import fs from 'node:fs';
import path from 'node:path';
import { parseCli } from './cli.ts';
import { listYaml, ORGANISATIONS_DIR, REPORTS_DIR } from '../src/lib/content/content-files.ts';
import { FORM_NAMES, FORM_SCHEMAS, type FormName } from '../src/lib/form/form-schema.ts';
import { scaffoldReport } from '../src/lib/form/scaffold.ts';
import { EDITOR_SCHEMA_DIR } from '../src/lib/content/editor-schema.ts';

const USAGE = `
使い方: npm run new -- --org <機関ID> --form 重点項目|全項目|基礎項目 --number <評価書番号> [--category <事務分類>] [--out <content フォルダ>]

様式のすべての項目を空で並べた評価書の雛形を content/reports/<機関ID>/<評価書番号>.yaml に作ります。
  --org       評価実施機関の ID（content/organisations/<ID>.yaml。例: kumamoto-shi）
  --form      様式: 重点項目・全項目・基礎項目 のいずれか
  --number    評価書番号（半角英数字）
  --category  事務分類（例: 国民年金。省略すると雛形で記入を求めます）
  --out       content フォルダの場所（省略時 content）
  -h, --help  この説明を表示します
`;
const { values } = parseCli(USAGE, { org: { type: 'string' }, form: { type: 'string' }, number: { type: 'string' }, category: { type: 'string' }, out: { type: 'string' } });
const fail = (m: string) => { console.error(m); process.exit(2); };
if (!values.org || !values.form || !values.number) fail(USAGE.trim());
const form = FORM_NAMES.find((f) => f === values.form || f === `${values.form}評価書`) as FormName | undefined;
if (!form) fail(`--form は ${FORM_NAMES.map((f) => f.replace('評価書', '')).join(' / ')} のいずれかです`);
if (!/^[a-z0-9][a-z0-9-]*$/.test(values.org!)) fail('--org は半角英小文字・数字・ハイフン（例: kumamoto-shi）');
if (!/^[0-9A-Za-z-]+$/.test(values.number!)) fail('--number は評価書番号（半角英数字）');
const category = (values.category ?? '').trim();
if (/[\n#:]/.test(category) || /^[-?\[\]{}&*!|>'"%@`]/.test(category)) fail('--category は事務分類の名前だけを書いてください（例: 国民年金）');
const contentDir = values.out ?? 'content';
const orgFile = path.join(contentDir, ORGANISATIONS_DIR, `${values.org}.yaml`);
const file = path.join(contentDir, REPORTS_DIR, values.org!, `${values.number}.yaml`);
if (fs.existsSync(file)) fail(`${file} は既にあります`);
// The editor's schema of the form (Japanese messages with item numbers, choices to complete).
const editorSchemas = path.resolve(import.meta.dirname, '..', EDITOR_SCHEMA_DIR);
const schemaPath = path.relative(path.dirname(path.resolve(file)), path.join(editorSchemas, FORM_SCHEMAS[form!].file)).split(path.sep).join('/');
const number = /^\d+$/.test(values.number!) ? values.number! : JSON.stringify(values.number);
// 事務分類 already in use, offered as examples so that reports of the same kind are compared together.
const categoryExamples = [...new Set(listYaml(path.join(contentDir, REPORTS_DIR))
  .map((f) => /^事務分類:[ \t]*([^#\n]*?)[ \t]*(?:#.*)?$/m.exec(fs.readFileSync(f, 'utf8'))?.[1])
  .filter((c): c is string => !!c))].sort();
const { text, toFill } = scaffoldReport(form!, {
  organisation: values.org!, number, category, schemaPath, categoryExamples,
  missingOrganisationFile: fs.existsSync(orgFile) ? undefined : orgFile.split(path.sep).join('/'),
});
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, text);
console.log(`${file} を作りました（${form}、${text.split('\n').length - 1} 行）。`);
if (toFill.length) {
  console.log(`\n必ず記入するもの（${toFill.length} 件。記入するまで npm run validate が誤りとして示します）:`);
  toFill.forEach((f, i) => console.log(`  ${i + 1}. ${f.item}（${f.line} 行目）: ${f.what}`));
} else {
  console.log('\n必ず記入するものはありません。このままでも npm run validate を通ります。');
}
console.log('\nそのほかの項目は紙の評価書を見ながら記入します。空のままの項目は「評価書で空欄」として扱われます。');
console.log(`確かめる: npm run validate -- ${file.split(path.sep).join('/')}`);
