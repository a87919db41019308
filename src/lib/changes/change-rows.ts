// 変更箇所 generated from git history: one row per changed official item per change set (a first-
// parent commit = one merged pull request), merged with the rows transcribed from the published report.
import path from 'node:path';
import { assertFullHistory, BlobReader, listTree, readHistory, readHistoryLater, readHistoryRememberedLater, type Commit } from './git-history.ts';
import { FORM_SCHEMAS } from '../form/form-schema.ts';
import { printedLabel, type Node } from '../report/report-tree.ts';
import { BlobVersions, type LiveValues } from './blob-changes.ts';
import { changeCache, historyMemory, type BlobFacts, type CachedChange, type ChangeCache } from './change-cache.ts';

export interface ChangeRow {
  /** The report file at the newest version (path relative to the repository). */
  report: string;
  変更日: string | null;
  項目: string;
  変更前の記載: string;
  変更後の記載: string;
  提出時期: '事前' | '事後' | null;
  提出時期に係る説明: string;
  /** A 重要な変更 item changed without a Submission: trailer: someone must decide 事前 or 事後. */
  要確認: boolean;
}
export interface GeneratedRow extends ChangeRow { commit: string }
export interface SkippedVersion { commit: string; file: string; message: string }

/** 「Ⅱ 特定個人情報ファイルの概要 1. 特定個人情報ファイル名 (1)住民基本台帳ファイル 3. … ⑦使用の主体 使用部署」 */
export function itemPath(ancestors: Node[], node: Node): string {
  // A repeating group's own unnumbered heading (「移転先」 above 移転先1, 移転先2 …) is not printed.
  const isListHeading = (n: Node) => !n.number && n.children.length > 0 && n.children.every((c) => c.kind === 'entry');
  return [...ancestors, node].filter((n) => n === node || !isListHeading(n)).map((n) => {
    if (n.kind === 'entry') {
      // A file is named the way published reports name it: by its item 1 and its number.
      const nameItem = n.number.startsWith('(') ? n.children.find((c) => c.number === '1.') : undefined;
      // Reports often print the number with the name (「(1) 住民基本台帳ファイル」): do not repeat it.
      const name = n.label.startsWith(n.number) ? n.label : `${n.number}${n.label}`;
      return nameItem ? `${nameItem.number} ${nameItem.label} ${name}` : n.number;
    }
    return printedLabel(n);
  }).join(' ');
}

// A report is followed through renames of its file by what it prints (機関・様式・評価書番号); a draft
// without a number, by its file.
const identityOf = (facts: BlobFacts, file: string) => facts.identity ?? `file:${file}`;

export interface GenerateOptions {
  /** Repository root (where git runs). */
  cwd: string;
  /** Folder of the reports, relative to cwd. */
  reportsDir: string;
  since?: string;
  /** Only this report file (relative to cwd). */
  report?: string;
  /** Commits (full or abbreviated hashes) whose report changes are imports of published versions (no rows). */
  imports?: Set<string>;
  /** The 変更箇所 cache (default: the project's, change-cache.ts); null: none. */
  cache?: ChangeCache | null;
  /** Parse versions in a worker thread when there are many to parse (a CLI run from source, not bundled
   * code); tests may hand in the store of values the worker's pieces are assembled with. */
  parseWorker?: boolean | LiveValues;
}
/** A change set whose trailers could not be read: its rows leave those columns blank and are 要確認. */
export interface TrailerProblem { commit: string; subject: string; messages: string[] }
export interface GenerateResult { rows: GeneratedRow[]; skipped: SkippedVersion[]; trailerErrors: TrailerProblem[] }

/**
 * Walks the change sets (first-parent commits) oldest first. Each report version is diffed against the
 * last readable version of the same report (same 機関 + 評価書番号, else same path), so renamed files
 * stay one report and a broken version is skipped. With `since`, the versions before the range are
 * read from the tree at `since`; if one of those is unreadable, the history before `since` is walked
 * (without making rows) so the range still diffs against the last readable version, exactly as the
 * full history would.
 */
export async function generateChanges(o: GenerateOptions): Promise<GenerateResult> {
  const rows: GeneratedRow[] = [];
  const skipped: SkippedVersion[] = [];
  const trailerErrors: TrailerProblem[] = [];
  // The whole history with the project's cache: what a previous run read, and git only for what is new
  // (readHistoryRememberedLater checks that the clone is not shallow). Otherwise git reads the history while
  // this process opens the cache (on the other core).
  const memory = o.since === undefined && o.cache === undefined ? historyMemory(o.reportsDir) : undefined;
  if (!memory) assertFullHistory(o.cwd);
  const remembered = memory ? readHistoryRememberedLater(o.cwd, [o.reportsDir], memory) : undefined;
  const history = remembered ? remembered.history : readHistoryLater(o.cwd, [o.reportsDir], o.since).then((commits) => ({ commits, root: undefined }));
  history.catch(() => { /* awaited below, where its error is thrown */ });
  const blobs = new BlobReader(o.cwd);
  // Versions are handled as blobs: what each one is and what changed between two of them come from
  // the 変更箇所 cache when it knows them (change-cache.ts), so a second run reads no report again.
  // The cache is read while git answers (a history that moved on by a commit waits on git most): it is
  // named by the first commit of the kept history, or, when nothing is kept, once the history is read.
  const openCache = (root: string | undefined) => {
    const c = o.cache === undefined ? changeCache(o.cwd, o.reportsDir, root) : o.cache ?? undefined;
    c?.warm?.();
    return c;
  };
  let cache = !remembered || remembered.root ? openCache(remembered?.root) : undefined;
  let versions: BlobVersions | undefined;
  const readable = (f: BlobFacts | undefined) => !!f && !f.error;
  // The blob of the last version of each report that could be read, by identity (機関 + 評価書番号) and by path.
  const byIdentity = new Map<string, string>();
  const identityByPath = new Map<string, string>();
  const currentPath = new Map<string, string>();
  const pending: { commit: Commit; identity: string; change: CachedChange }[] = [];
  const isReport = (p: string | undefined) => !!p && p.startsWith(o.reportsDir + '/') && /\.ya?ml$/.test(p);
  try {
    const read = await history;
    let commits = read.commits;
    // (a history that did not go on from the kept one may be another line, with its own first commit)
    if (remembered && (!cache || read.root !== remembered.root)) cache = openCache(read.root);
    versions = new BlobVersions(blobs, cache);
    let inRange = (_: Commit) => true;
    if (o.since) {
      const seeds: { path: string; blob: string; facts: BlobFacts }[] = [];
      let allReadable = true;
      for (const f of listTree(o.cwd, o.since, o.reportsDir)) {
        const facts = await versions.facts(f.blob);
        if (!facts || facts.error) { allReadable = false; break; }
        seeds.push({ path: f.path, blob: f.blob, facts });
      }
      if (allReadable) {
        for (const { path: p, blob, facts } of seeds) {
          const identity = identityOf(facts, p);
          byIdentity.set(identity, blob);
          identityByPath.set(p, identity);
          currentPath.set(identity, p);
        }
      } else {
        const range = new Set(commits.map((c) => c.hash));
        commits = readHistory(o.cwd, [o.reportsDir]);
        inRange = (c) => range.has(c.hash);
      }
    }
    // git reads the next versions while this process parses and diffs the current ones (cold runs).
    const reportBlobs = (c: Commit | undefined) => (c?.files ?? []).filter((f) => f.newBlob && isReport(f.newPath) && !cache?.facts(f.newBlob)).map((f) => f.newBlob!);
    if (o.parseWorker && commits.reduce((n, c) => n + reportBlobs(c).length, 0) >= 64) versions.parseInWorker(o.cwd, o.parseWorker === true ? undefined : o.parseWorker);
    const AHEAD = 16;
    for (let i = 0; i < AHEAD; i++) versions.prefetch(reportBlobs(commits[i]));
    for (const [n, commit] of commits.entries()) {
      versions.prefetch(reportBlobs(commits[n + AHEAD]));
      const rowsWanted = inRange(commit);
      const isImport = [...(o.imports ?? [])].some((h) => commit.hash.startsWith(h)) || /^import$/i.test(commit.trailers.changeLog ?? '');
      let made = false;
      for (const f of commit.files.filter((x) => isReport(x.oldPath) || isReport(x.newPath))) {
        if (!f.newBlob) { if (f.oldPath) identityByPath.delete(f.oldPath); continue; } // a removed file: the report ended
        const after = await versions.facts(f.newBlob);
        if (!after || after.error) {
          if (!isImport && rowsWanted) skipped.push({ commit: commit.hash, file: f.newPath!, message: after?.error ? `${after.error.line}行目: ${after.error.message}` : '読めません' });
          continue;
        }
        const identity = identityOf(after, f.newPath!);
        let before = byIdentity.get(identity) ?? byIdentity.get(identityByPath.get(f.newPath!) ?? '');
        if (!before && f.oldBlob && readable(await versions.facts(f.oldBlob))) before = f.oldBlob;
        versions.pin(f.newBlob, byIdentity.get(identity));
        byIdentity.set(identity, f.newBlob);
        identityByPath.set(f.newPath!, identity);
        currentPath.set(identity, f.newPath!);
        if (!before || isImport || !after.form || !(after.form in FORM_SCHEMAS) || !rowsWanted) continue; // a new report, or an import: no change rows
        for (const change of await versions.changes(before, f.newBlob)) { pending.push({ commit, identity, change }); made = true; }
      }
      if (made && commit.trailerErrors.length) trailerErrors.push({ commit: commit.hash, subject: commit.subject, messages: commit.trailerErrors.map((e) => e.message) });
    }
  } finally { versions?.close(); blobs.close(); cache?.flush(); }

  for (const { commit, identity, change } of pending) {
    const report = currentPath.get(identity)!;
    if (o.report && path.normalize(o.report) !== path.normalize(report)) continue;
    const t = commit.trailers;
    const wrong = new Set(commit.trailerErrors.map((e) => e.key));
    rows.push({
      report,
      // A Change-Date or Submission that could not be read is left blank, never guessed.
      変更日: t.changeDate ?? (wrong.has('changeDate') ? null : commit.date.slice(0, 10)),
      項目: change.item,
      変更前の記載: change.before,
      変更後の記載: change.after,
      提出時期: t.submission ?? (wrong.has('submission') ? null : '事後'),
      提出時期に係る説明: t.reason ?? '',
      要確認: wrong.size > 0 || (!t.submission && change.significant),
      commit: commit.hash,
    });
  }
  return { rows, skipped, trailerErrors };
}
