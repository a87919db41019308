// npm run validate [-- files…]: checks content/ (or the given files): YAML against the form schemas,
// Markdown (guides, notices) against the Markdown allow-list. Prints one line per problem and exits 1
// when there is any.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCli, userPath } from './cli.ts';
import { enableCompileCache } from '../src/lib/content/cache-store.ts';
import type { Problem } from '../src/lib/content/validate.ts';

// The validator's modules are imported after the compile cache is on (static imports would be compiled before).
enableCompileCache();
const { listMarkdown, listYaml } = await import('../src/lib/content/content-files.ts');
const { validateFiles, validateFilesInParallel } = await import('../src/lib/content/validate-content.ts');
const { formatNote, formatProblem } = await import('../src/lib/content/validate.ts');
const { flushContentCache, statIndex } = await import('../src/lib/content/content-cache.ts');
const { unfilledNotice } = await import('../src/lib/form/scaffold.ts');
const { reportId } = await import('../src/lib/content/report-identity.ts');

const USAGE = `
使い方: npm run validate [-- <ファイルまたはフォルダ>…]

評価書と機関ファイル（YAML）を様式のスキーマで検証し、問題を 1 行に 1 件、ファイル名・行・項目番号つきで示します。
ファイルを指定しなければ content/ のすべてを検証します。問題があれば終了コード 1 です。
食い違う回答（「委託しない」なのに委託事項がある など）は「[注意]」として示し、終了コードは変えません。
  -h, --help  この説明を表示します
`;
const contentDir = 'content';
// A folder given (「content/reports/kumamoto-shi」) stands for the content files in it: its YAML, and
// the Markdown sources of content/ that lie in it.
const args: string[] = parseCli(USAGE, {}, { positionals: true }).positionals.map(userPath).flatMap((a) => {
  if (!fs.statSync(a, { throwIfNoEntry: false })?.isDirectory()) return [a];
  const inside = (f: string) => path.resolve(f).startsWith(path.resolve(a) + path.sep);
  const found = [...listYaml(a), ...listMarkdown(contentDir).filter(inside)];
  if (!found.length) { console.error(`${a}/ に評価書・機関ファイル（.yaml）やお知らせ・ガイド（.md）はありません`); process.exit(2); }
  return found;
});
const isMarkdown = (f: string) => /\.mdx?$/.test(f);
// The YAML files first: the Markdown checker (remark) is loaded after them, so that the worker threads
// start checking the YAML sooner.
const yamlFiles = args.length ? args.filter((f) => !isMarkdown(f)) : listYaml(contentDir);
const unfilled: string[] = [];
// Embeds in guides must name real reports: the ids of all reports, even when only Markdown is checked.
const reports = new Set<string>();
if (args.some(isMarkdown)) {
  for (const f of listYaml(contentDir)) if (!args.includes(f)) validateFiles([f], contentDir, { flush: false, onChecked: (d) => { if (d.kind === 'report') reports.add(reportId(d.file)); } });
  statIndex(contentDir)?.save();
  flushContentCache();
}
const rel = (f: string) => path.relative('.', f) || f;
// The files that must be read are checked by worker threads, one per core (validate-content.ts).
const notes: Problem[] = [];
const { problems: yamlProblems, notes: acrossNotes } = yamlFiles.length ? await validateFilesInParallel(yamlFiles.map(rel), contentDir, { workers: os.availableParallelism(), some: args.length > 0, onChecked: ({ file, kind, unfilled: isUnfilled, notes: told }) => {
  if (kind === 'report' && isUnfilled) unfilled.push(file);
  if (told) notes.push(...told);
  if (kind === 'report') reports.add(reportId(file));
} }) : { problems: [] as Problem[], notes: [] as Problem[] };
notes.push(...acrossNotes);
const files = args.length ? args : [...yamlFiles, ...listMarkdown(contentDir)];
if (!files.length) {
  console.error(`検証するファイルがありません（${contentDir}/ に .yaml も .md もありません）`);
  process.exit(1);
}
// The Markdown checker (remark and its extensions) is loaded only when there is Markdown: 0.2 s of a
// 0.7 s run that has every YAML file in its stat-index.
const markdown = files.filter(isMarkdown).map(rel);
const markdownProblems = markdown.length ? (await import('../src/lib/content/markdown-sources.ts')).checkMarkdownFiles(markdown, { reports, itemExists: (await import('../src/lib/site/embed-items.ts')).reportItemExists(contentDir) }) : [];
const problems = [...yamlProblems, ...markdownProblems];
// Not a problem (a clerk's report in progress), but said so that nobody wonders why it is not on the site.
for (const file of unfilled) console.log(unfilledNotice(file));
// Notes (answers that contradict each other) are not errors: a printed report can say so.
for (const n of notes) console.log(formatNote(n));
const noted = notes.length ? `（注意 ${notes.length} 件: 原本のとおりなら直す必要はありません）` : '';
for (const p of problems) console.log(formatProblem(p));
if (problems.length) {
  const bad = new Set(problems.map((p) => p.file)).size;
  // (a file with a line YAML cannot read or a character no text may hold is not checked against the
  // form until it is fixed: its count is not all there is to fix)
  const early = new Set(problems.filter((p) => p.early).map((p) => p.file)).size;
  console.log(`\n${problems.length} 件の問題（${bad} / ${files.length} ファイル）${noted}`);
  if (early) console.log(`${early} ファイルは、読めない行や使えない文字を直すまで様式どおりかの検査をしていません。直したら、もう一度検証してください（ほかの問題が見つかることがあります）`);
  process.exit(1);
}
console.log(`${notes.length ? '\n' : ''}${files.length} ファイルを検証しました。問題はありません${noted}`);
