// npm run changes [-- --format md|json|tsv] [--since <rev>] [--report <path>]
// 変更箇所 generated from the git history of content/reports (see src/lib/changes/change-rows.ts).
import path from 'node:path';
import { parseCli } from './cli.ts';
import { spawnSync } from 'node:child_process';
import { generateChanges, type ChangeRow } from '../src/lib/changes/change-rows.ts';
import { toJson, toMarkdown, toTsv } from '../src/lib/changes/change-format.ts';
import { GitError, repoRoot } from '../src/lib/changes/git-history.ts';
import { readImports } from '../src/lib/changes/history-imports.ts';
import { REPORTS_DIR } from '../src/lib/content/content-files.ts';

const USAGE = `
使い方: npm run changes [-- --format md|json|tsv] [--since <コミット>] [--report <評価書のパス>] [--content <content フォルダ>]

content/reports の git の履歴から、評価書ごとの変更箇所（変更前・変更後の記載）を作ります。
  --format   出力の形式: md（Markdown、既定）・json・tsv
  --since    このコミットより後の変更だけ
  --report   この評価書だけ
  --content  content フォルダの場所（省略時 content）
  -h, --help この説明を表示します
`;
const { values } = parseCli(USAGE, { format: { type: 'string', default: 'md' }, since: { type: 'string' }, report: { type: 'string' }, content: { type: 'string', default: 'content' } });
const formats: Record<string, (rows: ChangeRow[]) => string> = { md: toMarkdown, json: toJson, tsv: toTsv };
const format = formats[values.format!];
if (!format) { console.error('--format は md / json / tsv のいずれかです'); process.exit(2); }

const root = repoRoot(process.cwd());
if (!root) { console.error('git のリポジトリの中で実行してください'); process.exit(2); }
const reportsDir = path.relative(root, path.resolve(values.content!, REPORTS_DIR)).split(path.sep).join('/');
try {
  const { rows, skipped } = await generateChanges({
    cwd: root, reportsDir, since: values.since,
    report: values.report ? path.relative(root, path.resolve(values.report)) : undefined,
    imports: readImports(values.content!),
  });
  for (const s of skipped) console.error(`コミット ${s.commit.slice(0, 12)} の ${s.file} は YAML として読めないため飛ばしました（${s.message}）`);
  process.stdout.write(format(rows));
} catch (e) {
  if (e instanceof GitError) { console.error(e.message); process.exit(2); }
  throw e;
}
