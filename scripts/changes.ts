// npm run changes [-- --format md|json|tsv] [--since <rev>] [--report <path>]
// 変更箇所 generated from the git history of content/reports (see src/lib/changes/change-rows.ts): the
// rows the site adds to each report's published 変更箇所 (the same merge rule as the page and
// report.json). Exit status 1 when a change set's trailers cannot be read (the rows are printed, with
// those columns blank), 2 when git or the arguments fail.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { generateChanges, type GeneratedRow } from '../src/lib/changes/change-rows.ts';
import { addedRows } from '../src/lib/changes/change-merge.ts';
import { toJson, toMarkdown, toTsv, trailerMessages } from '../src/lib/changes/change-format.ts';
import { GitError } from '../src/lib/changes/git-history.ts';
import { readImports } from '../src/lib/changes/history-imports.ts';
import { readYaml } from '../src/lib/content/yaml-source.ts';

const { values } = parseArgs({ options: { format: { type: 'string', default: 'md' }, since: { type: 'string' }, report: { type: 'string' }, content: { type: 'string', default: 'content' } } });
if (!['md', 'json', 'tsv'].includes(values.format!)) { console.error('--format は md / json / tsv のいずれかです'); process.exit(2); }

const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' });
if (top.status !== 0) { console.error('git のリポジトリの中で実行してください'); process.exit(2); }
const root = top.stdout.trim();
const reportsDir = path.relative(root, path.resolve(values.content!, 'reports')).split(path.sep).join('/');

/** The 変更箇所 rows the report file in the work tree already records (none if it cannot be read). */
function publishedRows(file: string): unknown {
  try { const r = readYaml(fs.readFileSync(path.join(root, file), 'utf8').replace(/^\uFEFF/, '')); return r.problems.length ? [] : (r.data as Record<string, unknown>)?.['変更箇所']; } catch { return []; }
}

try {
  const { rows, skipped, trailerErrors } = await generateChanges({
    cwd: root, reportsDir, since: values.since,
    report: values.report ? path.relative(root, path.resolve(values.report)) : undefined,
    imports: readImports(values.content!),
  });
  const byReport = new Map<string, GeneratedRow[]>();
  for (const r of rows) byReport.set(r.report, [...(byReport.get(r.report) ?? []), r]);
  const added = [...byReport].flatMap(([file, generated]) => addedRows(publishedRows(file), generated));
  for (const s of skipped) console.error(`コミット ${s.commit.slice(0, 12)} の ${s.file} は YAML として読めないため飛ばしました（${s.message}）`);
  for (const m of trailerMessages(trailerErrors)) console.error(m);
  process.stdout.write(values.format === 'md' ? toMarkdown(added, trailerErrors) : values.format === 'json' ? toJson(added) : toTsv(added));
  if (trailerErrors.length) process.exitCode = 1;
} catch (e) {
  if (e instanceof GitError) { console.error(e.message); process.exit(2); }
  throw e;
}
