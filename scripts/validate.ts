// npm run validate [-- files…]: checks content/ (or the given files): YAML against the form schemas,
// Markdown (guides, notices) against the Markdown allow-list. Prints one line per problem and exits 1
// when there is any.
import path from 'node:path';
import { listYaml } from '../src/lib/content/content-files.ts';
import { validateFiles } from '../src/lib/content/validate-content.ts';
import { formatProblem } from '../src/lib/content/validate.ts';
import { checkMarkdownFiles, listMarkdown, reportIdOf } from '../src/lib/content/markdown-sources.ts';

const args = process.argv.slice(2).filter((a) => a !== '--');
const contentDir = 'content';
const isMarkdown = (f: string) => /\.mdx?$/.test(f);
const files = args.length ? args : [...listYaml(contentDir), ...listMarkdown(contentDir)];
if (!files.length) {
  console.error(`検証するファイルがありません（${contentDir}/ に .yaml も .md もありません）`);
  process.exit(1);
}
// Embeds in guides must name real reports: the ids of all reports, even when only Markdown is checked.
const reports = new Set<string>();
if (!args.length || files.some(isMarkdown)) for (const f of listYaml(contentDir)) if (!files.includes(f)) validateFiles([f], contentDir, { onDocument: (d) => { if (d.kind === 'report') reports.add(reportIdOf(d.data)); } });
const rel = (f: string) => path.relative('.', f) || f;
const { problems: yamlProblems } = validateFiles(files.filter((f) => !isMarkdown(f)).map(rel), contentDir, { onDocument: (d) => { if (d.kind === 'report') reports.add(reportIdOf(d.data)); } });
const problems = [...yamlProblems, ...checkMarkdownFiles(files.filter(isMarkdown).map(rel), { reports })];
for (const p of problems) console.log(formatProblem(p));
if (problems.length) {
  const bad = new Set(problems.map((p) => p.file)).size;
  console.log(`\n${problems.length} 件の問題（${bad} / ${files.length} ファイル）`);
  process.exit(1);
}
console.log(`${files.length} ファイルを検証しました。問題はありません`);
