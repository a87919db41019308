// npm run new -- --org <機関ID> --form 重点項目|全項目|基礎項目 --number <評価書番号> [--category 国民年金] [--out <content フォルダ>]
// Writes content/reports/<org>/<number>.yaml with every item of the form present and empty, and lists
// (in the file and here) what must be filled before it validates.
// npm run new -- --guide <slug> [--mdx]: a guide page, content/guides/<slug>.md(x).
// npm run new -- --notice <機関ID> [--report <評価書番号>]: an organisation's notice, or a report's
// 意見募集 notice, beside its YAML. Each new Markdown file passes the Markdown check as written.
import fs from 'node:fs';
import path from 'node:path';
import { parseCli, shownPath, userPath } from './cli.ts';
import { listYaml, ORGANISATIONS_DIR, REPORTS_DIR } from '../src/lib/content/content-files.ts';
import { FORM_NAMES, FORM_SCHEMAS, type FormName } from '../src/lib/form/form-schema.ts';
import { scaffoldReport } from '../src/lib/form/scaffold.ts';
import { checkMarkdown, MDX_COMPONENTS } from '../src/lib/content/markdown-check.ts';
import { formatProblem } from '../src/lib/content/validate.ts';
import { EDITOR_SCHEMA_DIR } from '../src/lib/content/editor-schema.ts';

const USAGE = `
使い方: npm run new -- --org <機関ID> --form 重点項目|全項目|基礎項目 --number <評価書番号> [--category <事務分類>] [--out <content フォルダ>]
       npm run new -- --org <機関ID> --form … --draft <名前>   評価書番号がまだない評価書（案）: draft-<名前>.yaml
       npm run new -- --guide <名前> [--mdx]                 案内・解説のページ（content/guides/）
       npm run new -- --notice <機関ID> [--report <評価書番号>]  機関または評価書の意見募集のお知らせ

様式のすべての項目を空で並べた評価書の雛形を content/reports/<機関ID>/<評価書番号>.yaml に作ります。
  --org       評価実施機関の ID（content/organisations/<ID>.yaml。例: kumamoto-shi）
  --form      様式: 重点項目・全項目・基礎項目 のいずれか
  --number    評価書番号（半角英数字）
  --draft     評価書番号のない案の名前（半角英数字とハイフン、例: juki）。評価書番号は空欄にします
  --category  事務分類（例: 国民年金。省略すると雛形で記入を求めます）
  --out       content フォルダの場所（省略時 content）
  --guide     案内ページの名前（半角英小文字・数字・ハイフン）。--mdx で評価書の部品を埋め込めるページ
  --notice    お知らせを置く機関の ID。--report を付けると、その評価書の意見募集のお知らせ
  -h, --help  この説明を表示します
`;
const { values } = parseCli(USAGE, { org: { type: 'string' }, form: { type: 'string' }, number: { type: 'string' }, draft: { type: 'string' }, category: { type: 'string' }, out: { type: 'string' },
  guide: { type: 'string' }, mdx: { type: 'boolean' }, notice: { type: 'string' }, report: { type: 'string' } });
const fail = (m: string) => { console.error(m); process.exit(2); };
if (values.guide !== undefined || values.notice !== undefined) {
  const dir = values.out === undefined ? 'content' : userPath(values.out);
  let file: string;
  let text: string;
  if (values.guide !== undefined) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(values.guide)) fail('--guide はページの名前（半角英小文字・数字・ハイフン、例: how-to-comment）');
    file = path.join(dir, 'guides', `${values.guide}.${values.mdx ? 'mdx' : 'md'}`);
    text = `---\ntitle: ページの題名\ndescription: 検索結果などに出る一文の説明\norder: 10\n---\n\n## 見出し\n\n本文を Markdown で書きます。出典は [特定個人情報保護評価指針など](https://www.ppc.go.jp/legal/assessment/) のようにリンクします。\n`
      + (values.mdx ? `\n実際の評価書の概要を埋め込むときは、次のように書きます（使える部品: ${Object.keys(MDX_COMPONENTS).join('、')}）。\n\n<SummaryCard report="機関ID/評価書番号" />\n` : '');
  } else {
    const org = values.notice!;
    if (!/^[a-z0-9][a-z0-9-]*$/.test(org)) fail('--notice は機関ID（例: kumamoto-shi）');
    if (values.report !== undefined && !/^[0-9A-Za-z-]+$/.test(values.report)) fail('--report は評価書番号（半角英数字）');
    const owner = values.report !== undefined ? path.join(dir, 'reports', org, `${values.report}.yaml`) : path.join(dir, 'organisations', `${org}.yaml`);
    if (!fs.existsSync(owner)) fail(`${owner} がありません。お知らせはその機関・評価書の YAML の隣に置きます`);
    file = owner.replace(/\.yaml$/, values.report !== undefined ? '.notice.md' : '.md');
    text = values.report !== undefined
      ? '意見募集についてのお知らせを Markdown で書きます（評価書のページの意見募集の案内の中に出ます）。\n'
      : '---\ntitle: お知らせ\n---\n\n機関のお知らせを Markdown で書きます（機関のページに出ます）。\n';
  }
  if (fs.existsSync(file)) fail(`${file} は既にあります`);
  const problems = checkMarkdown(file, text, { kind: values.guide !== undefined ? 'guide' : 'notice' }).problems;
  if (problems.length) fail(problems.map(formatProblem).join('\n'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  console.log(`${shownPath(file)} を作りました。書いたら確かめる: npm run validate -- ${shownPath(file).split(path.sep).join('/')}`);
  if (values.mdx) console.log('埋め込みの report="機関ID/評価書番号" を実在の評価書に直すまで、検証は誤りを示します。');
  process.exit(0);
}
if (!values.org || !values.form || (!values.number === (values.draft === undefined))) fail(USAGE.trim());
// A draft has no number yet: its file is named draft-<名前> and its 評価書番号 is left blank (a
// 「draft-…」 written as the number would be printed on its page as the report's number).
if (values.number && /^draft-/i.test(values.number)) fail('draft- で始まるものは評価書番号ではありません。番号のまだない案は --draft <名前> で作ります（例: --draft juki → draft-juki.yaml、評価書番号は空欄）');
if (values.draft !== undefined && !/^[0-9A-Za-z][0-9A-Za-z-]*$/.test(values.draft.replace(/^draft-/, ''))) fail('--draft は案の名前（半角英数字とハイフン、例: juki）');
const form = FORM_NAMES.find((f) => f === values.form || f === `${values.form}評価書`) as FormName | undefined;
if (!form) fail(`--form は ${FORM_NAMES.map((f) => f.replace('評価書', '')).join(' / ')} のいずれかです`);
if (!/^[a-z0-9][a-z0-9-]*$/.test(values.org!)) fail('--org は半角英小文字・数字・ハイフン（例: kumamoto-shi）');
if (values.number && !/^[0-9A-Za-z-]+$/.test(values.number)) fail('--number は評価書番号（半角英数字）');
const category = (values.category ?? '').trim();
if (/[\n#:]/.test(category) || /^[-?\[\]{}&*!|>'"%@`]/.test(category)) fail('--category は事務分類の名前だけを書いてください（例: 国民年金）');
const contentDir = values.out === undefined ? 'content' : userPath(values.out);
const orgFile = path.join(contentDir, ORGANISATIONS_DIR, `${values.org}.yaml`);
const baseName = values.draft !== undefined ? `draft-${values.draft.replace(/^draft-/, '')}` : values.number!;
const file = path.join(contentDir, REPORTS_DIR, values.org!, `${baseName}.yaml`);
if (fs.existsSync(file)) fail(`${file} は既にあります`);
// The editor's schema of the form (Japanese messages with item numbers, choices to complete).
const editorSchemas = path.resolve(import.meta.dirname, '..', EDITOR_SCHEMA_DIR);
const schemaPath = path.relative(path.dirname(path.resolve(file)), path.join(editorSchemas, FORM_SCHEMAS[form!].file)).split(path.sep).join('/');
const number = values.draft !== undefined ? '' : /^\d+$/.test(values.number!) ? values.number! : JSON.stringify(values.number);
// 事務分類 already in use, offered as examples so that reports of the same kind are compared together.
const categoryExamples = [...new Set(listYaml(path.join(contentDir, REPORTS_DIR))
  // (the line's value before any 「#」 comment; the blanks around it cut off by trim: as one pattern,
  // a line of many blanks took seconds)
  .map((f) => /^事務分類:([^\n\r#]*)/m.exec(fs.readFileSync(f, 'utf8'))?.[1].replace(/^[ \t]+/, '').replace(/(?<![ \t])[ \t]+$/, ''))
  .filter((c): c is string => !!c))].sort();
const { text, toFill } = scaffoldReport(form!, {
  organisation: values.org!, number, category, schemaPath, categoryExamples,
  missingOrganisationFile: fs.existsSync(orgFile) ? undefined : orgFile.split(path.sep).join('/'),
});
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, text);
console.log(`${shownPath(file)} を作りました（${form}、${text.split('\n').length - 1} 行）。`);
if (toFill.length) {
  console.log(`\n必ず記入するもの（${toFill.length} 件。記入するまで npm run validate が誤りとして示します）:`);
  toFill.forEach((f, i) => console.log(`  ${i + 1}. ${f.item}（${f.line} 行目）: ${f.what}`));
} else {
  console.log('\n必ず記入するものはありません。このままでも npm run validate を通ります。');
}
console.log('\nそのほかの項目は紙の評価書を見ながら記入します。空のままの項目は「評価書で空欄」として扱われます。');
console.log(`確かめる: npm run validate -- ${shownPath(file).split(path.sep).join('/')}`);
