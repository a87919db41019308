// npm run changes [-- --format md|json|tsv] [--since <rev>] [--report <path>]
// 変更箇所 generated from the git history of content/reports (see src/lib/changes/change-rows.ts): the
// rows the site adds to each report's published 変更箇所 (the same merge rule as the page and
// report.json). Exit status 1 when a change set's trailers cannot be read (the rows are printed, with
// those columns blank), 2 when git or the arguments fail.
import fs from 'node:fs';
import path from 'node:path';
import { parseCli, userPath } from './cli.ts';
import { enableCompileCache } from '../src/lib/content/cache-store.ts';
import type { HistoryWalk } from '../src/lib/changes/history-walk.ts';
import type { Recorded } from '../src/lib/changes/change-merge.ts';

// The modules are imported after the compile cache is on (static imports would be compiled before).
enableCompileCache();
const { fromWalk, generateChanges, reportFilter } = await import('../src/lib/changes/change-rows.ts');
const { addedRows, recordedOf } = await import('../src/lib/changes/change-merge.ts');
const { FLAGGED_NOTE, jsonByFile, toTsv, trailerMessages } = await import('../src/lib/changes/change-format.ts');
const { blobId, GitError, repository, workTreeBlobs } = await import('../src/lib/changes/git-history.ts');
const { changeCache, keptJson } = await import('../src/lib/changes/change-cache.ts');
const { importsAt, importsDiff, readImports } = await import('../src/lib/changes/history-imports.ts');
const { REPORTS_DIR } = await import('../src/lib/content/content-files.ts');
const { normaliseLineEnds, readYaml } = await import('../src/lib/content/yaml-source.ts');
const { topLevelItem } = await import('../src/lib/content/yaml-fast.ts');

const USAGE = `
使い方: npm run changes [-- --format md|json|tsv] [--since <コミット>] [--report <評価書のパス>] [--content <content フォルダ>]

content/reports の git の履歴から、評価書ごとの変更箇所（変更前・変更後の記載）を作ります。
  --format   出力の形式: md（Markdown、既定）・json・tsv
  --since    このコミットより後の変更だけ
  --report   この評価書だけ
  --content  content フォルダの場所（省略時 content）
  -h, --help この説明を表示します
終了コード: 0 問題なし、1 トレーラー（Submission: など）が読めないコミットがある、2 git や指定の誤り
`;
const { values } = parseCli(USAGE, { format: { type: 'string', default: 'md' }, since: { type: 'string' }, report: { type: 'string' }, content: { type: 'string' } });
// (paths as the user typed them, from the folder npm was run in; the content folder is the project's by default)
const contentDir = values.content === undefined ? 'content' : userPath(values.content);
if (!['md', 'json', 'tsv'].includes(values.format!)) { console.error('--format は md / json / tsv のいずれかです'); process.exit(2); }

const { root, head } = repository(process.cwd());
if (!root) { console.error('git のリポジトリの中で実行してください'); process.exit(2); }
const reportsDir = path.relative(root, path.resolve(contentDir, REPORTS_DIR)).split(path.sep).join('/');

// (git is asked now, and answers while the history is read)
const indexedLater = workTreeBlobs(root, [reportsDir]);
indexedLater.catch(() => { /* awaited below */ });

/** What the 変更箇所 rows of the report file in the work tree record (none if that item cannot be
 * read). Only that item is read when the fast reader can find it alone (a problem elsewhere in the
 * file is for npm run validate to say), and a file that git takes for its blob in the index is not
 * read at all: what a blob records is kept in the 変更箇所 cache (a run looks at every report with
 * rows), stored only when the bytes read are that very blob. */
function recordedRows(file: string, indexed: Map<string, string>): Recorded[] {
  const cache = changeCache(root!, reportsDir);
  const blob = indexed.get(file);
  const known = blob ? cache?.recorded?.(blob) : undefined;
  if (known) return known;
  let recorded: Recorded[];
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.join(root!, file));
    const text = normaliseLineEnds(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    const item = topLevelItem(text, '変更箇所');
    if (item) recorded = recordedOf(item.found ? item.value : undefined);
    else {
      const r = readYaml(text, { strict: false });
      if (r.problems.length) return [];
      const data = r.data as Record<string, unknown> | undefined;
      recorded = recordedOf(data && typeof data === 'object' ? data['変更箇所'] : undefined);
    }
  } catch { return []; }
  // (a file edited since git looked at it is not that blob: nothing is stored)
  if (blob && blobId(bytes, blob) === blob) cache?.rememberRecorded?.(blob, recorded);
  return recorded;
}

// A report asked for that is not a report file in the work tree has no rows to show: 「変更箇所はありません」
// would tell a clerk checking a preview that nothing changed. (A path written with 「\」, as Windows
// writes it, is the same path.)
const report = values.report === undefined ? undefined : path.relative(root, path.resolve(userPath(values.report.replace(/\\/g, '/')))).split(path.sep).join('/');
if (report !== undefined && (!report.startsWith(reportsDir + '/') || !/\.ya?ml$/.test(report))) {
  console.error(`--report の「${values.report}」は評価書のファイルではありません（${reportsDir}/<機関>/<番号>.yaml のように、評価書の YAML ファイルを指定してください）`);
  process.exit(2);
}
/** A --report path that is no report file now and names no report's rows (a removed report's last name does). */
class NoSuchReport extends Error {}

const options = {
  cwd: root, reportsDir, since: values.since,
  report,
  imports: readImports(contentDir),
  parseWorker: true,
  head,
};
const onlyReport = reportFilter(options.report);

/** The output and the problems of a walk. */
async function output(walk: HistoryWalk): Promise<{ text: string | Buffer[]; problems: ReturnType<HistoryWalk['problems']> }> {
  // (with --report, only the change sets and versions of that report: another report's trailer error
  // is no reason for this one's run to fail)
  const all = walk.problems();
  const problems = { skipped: all.skipped.filter((s) => onlyReport(s.file)), trailerErrors: all.trailerErrors.filter((e) => e.files.some(onlyReport)) };
  const files = walk.files().filter((f) => onlyReport(f.file));
  if (options.report && !files.length && !fs.existsSync(path.join(root!, options.report))) throw new NoSuchReport();
  const indexed = files.length ? await indexedLater : new Map<string, string>();
  // JSON is written by report file, each file's part kept by what it is made of (change-format.ts): a
  // run that adds a commit writes that report's rows again, not the 6 MB of every report. (Not kept
  // for one report or a range: what is kept is what the last run used.)
  if (values.format === 'json') return { text: jsonByFile(files.map((f) => ({ digest: f.digest, recorded: recordedRows(f.file, indexed), rows: f.rows })), options.report || options.since ? undefined : keptJson(reportsDir)), problems };
  const added = files.flatMap((f) => addedRows(recordedRows(f.file, indexed), f.rows()));
  // The Markdown writer is loaded only for Markdown (it is most of the start-up time of a warm run).
  // (the sheet has no 要確認 column: said beside it, as the preview says it above its table)
  const flagged = added.filter((r) => r.要確認).length;
  if (values.format === 'tsv' && flagged) console.error(`要確認 ${flagged} 件（--format md の表で「⚠ 要確認」の行）: ${FLAGGED_NOTE}`);
  return { text: values.format === 'md' ? (await import('../src/lib/changes/change-markdown.ts')).toMarkdown(added, problems.trailerErrors) : toTsv(added), problems };
}

// A reader that stops early (「| head」) closes the pipe: the rest is not wanted, which is no failure.
process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); throw e; });

/**
 * With --since (a pull request's preview): the rows that a change of history-imports.txt takes off
 * the published 変更箇所, or puts back. Listing a commit there as an import removes every row it made,
 * from the pages too: said before anything else, never unseen. Markdown (the preview), or undefined.
 */
async function importsChange(): Promise<string | undefined> {
  if (!values.since) return undefined;
  const { added, removed } = importsDiff(importsAt(root!, values.since, contentDir), options.imports);
  if (!added.length && !removed.length) return undefined;
  const of = (hashes: string[]) => (r: { commit: string }) => hashes.some((h) => r.commit.startsWith(h));
  // (the rows as the base listed its imports: those of the commits added to the list; and as the list is now)
  const base = added.length ? await generateChanges({ ...options, since: undefined, imports: importsAt(root!, values.since, contentDir), walkMemory: null }) : undefined;
  const taken = (base?.rows ?? []).filter(of(added)).filter((r) => onlyReport(r.report));
  const now = removed.length ? await generateChanges({ ...options, since: undefined, walkMemory: null }) : undefined;
  const back = (now?.rows ?? []).filter(of(removed)).filter((r) => onlyReport(r.report));
  const { toMarkdown } = await import('../src/lib/changes/change-markdown.ts');
  const part = (title: string, rows: typeof taken) => rows.length ? `**${title} ${rows.length} 件**: ${title.includes('消える') ? '取り込み（転記とその誤りの修正）として history-imports.txt に加えたコミットの行です。公表した評価書を変えたコミットなら、加えないでください。' : 'history-imports.txt から外したコミットの行です。'}\n\n${toMarkdown(rows)}\n` : '';
  return part('マージすると公表中の変更箇所から消える行', taken) + part('マージすると変更箇所に戻る行', back);
}

try {
  const imports = await importsChange();
  if (imports) {
    if (values.format === 'md') process.stdout.write(imports);
    else console.error(imports);
  }
  const made = await fromWalk(options, output);
  const { skipped, trailerErrors } = made.problems;
  for (const s of skipped) console.error(`コミット ${s.commit.slice(0, 12)} の ${s.file} は変更箇所に使わずに飛ばしました: ${s.message}`);
  for (const m of trailerMessages(trailerErrors)) console.error(m);
  if (typeof made.text === 'string') process.stdout.write(made.text);
  else for (const piece of made.text) process.stdout.write(piece);
  if (trailerErrors.length) process.exitCode = 1;
} catch (e) {
  if (e instanceof GitError) { console.error(e.message); process.exit(2); }
  if (e instanceof NoSuchReport) { console.error(`--report の「${values.report}」はありません（ファイル名を変えた評価書は、今の名前で指定してください）`); process.exit(2); }
  throw e;
}
