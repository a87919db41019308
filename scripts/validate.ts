// npm run validate [-- files…]: checks content/ (or the given files) against the form schemas.
// Prints one line per problem and exits 1 when there is any.
import path from 'node:path';
import { listYaml } from '../src/lib/content/content-files.ts';
import { validateFiles } from '../src/lib/content/validate-content.ts';
import { formatProblem } from '../src/lib/content/validate.ts';

const args = process.argv.slice(2).filter((a) => a !== '--');
const contentDir = 'content';
const files = args.length ? args : listYaml(contentDir);
if (!files.length) {
  console.error(`検証するファイルがありません（${contentDir}/ に .yaml がありません）`);
  process.exit(1);
}
const { problems } = validateFiles(files.map((f) => path.relative('.', f) || f), contentDir);
for (const p of problems) console.log(formatProblem(p));
if (problems.length) {
  const bad = new Set(problems.map((p) => p.file)).size;
  console.log(`\n${problems.length} 件の問題（${bad} / ${files.length} ファイル）`);
  process.exit(1);
}
console.log(`${files.length} ファイルを検証しました。問題はありません`);
