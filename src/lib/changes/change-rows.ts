// 変更箇所 generated from git history: one row per changed official item per change set (a first-
// parent commit = one merged pull request), merged with the rows transcribed from the published report.
import path from 'node:path';
import { assertFullHistory, BlobReader, commitsAfter, firstCommit, fullHistoryHead, listTree, readHistory, readHistoryLater, readHistoryRememberedLater, removedBefore, type Commit } from './git-history.ts';
import { numberedByName, printedLabel, type Node } from '../report/report-tree.ts';
import { BlobVersions, type LiveValues } from './blob-changes.ts';
import { changeCache, historyMemory, keptWalks, type BlobFacts, type ChangeCache } from './change-cache.ts';
import { HistoryWalk, KeptWalkDamaged, type WalkMemory } from './history-walk.ts';

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
  // A repeating group's own unnumbered heading (「移転先」 above 移転先1, 移転先2 …) is not printed; nor is it
  // when the group lost its last entry (the row of the removed entry names it).
  // (nor is a section that is only its entries, numbered with its own word: 「別紙」 above 別紙1)
  const isListHeading = (n: Node) => (!n.number || (n.kind === 'section' && n.number === n.label && n !== node)) && (n.children.length > 0 || node.kind === 'entry') && n.children.every((c) => c.kind === 'entry');
  return [...ancestors, node].filter((n) => n === node || !isListHeading(n)).map((n) => {
    if (n.kind === 'entry') {
      // A file is named the way published reports name it: by its item 1 and its number.
      const nameItem = n.number.startsWith('(') ? n.children.find((c) => c.number === '1.') : undefined;
      // Reports often print the number with the name (「(1) 住民基本台帳ファイル」): do not number it twice.
      const name = numberedByName(n) ? n.label : `${n.number}${n.label}`;
      return nameItem ? `${nameItem.number} ${nameItem.label} ${name}` : n.number;
    }
    return printedLabel(n);
  }).join(' ');
}

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
  /** Where the walk is kept between runs (default: the project's, change-cache.ts keptWalks, when
   * `cache` is the project's too); null: none. Never with `since`. */
  walkMemory?: WalkMemory | null;
  /** HEAD's commit, when the caller asked git already (git-history.ts repository). */
  head?: string;
}
/** A change set whose trailers could not be read: its rows leave those columns blank and are 要確認. */
/** A change set whose trailers could not be read, and the report files it made rows for (the files they are in now). */
export interface TrailerProblem { commit: string; subject: string; messages: string[]; files: string[] }
export interface GenerateResult { rows: GeneratedRow[]; skipped: SkippedVersion[]; trailerErrors: TrailerProblem[] }

/**
 * Walks the change sets (first-parent commits) oldest first (history-walk.ts). With `since`, the
 * versions before the range are read from the tree at `since`; if one of those is unreadable, the
 * history before `since` is walked (without making rows) so the range still diffs against the last
 * readable version, exactly as the full history would. Without `since`, a walk kept by an earlier run
 * (the project's, or `o.walkMemory`) whose head is on HEAD's first-parent line is gone on from with
 * only the newer commits, and the walk is kept again for the next run.
 */
export async function generateChanges(o: GenerateOptions): Promise<GenerateResult> {
  return fromWalk(o, (walk) => walk.result(reportFilter(o.report)));
}

/** Whether a report file is the one `report` names (every file when it names none). */
export function reportFilter(report: string | undefined): (file: string) => boolean {
  const wanted = report === undefined ? undefined : path.normalize(report);
  return (file) => wanted === undefined || path.normalize(file) === wanted;
}

/** What `use` makes of the walk (walkChanges): a kept walk's rows are read only when asked for, and
 * when they cannot be (KeptWalkDamaged), the whole history is walked and `use` runs again on that. */
export async function fromWalk<T>(o: GenerateOptions, use: (walk: HistoryWalk) => T | Promise<T>): Promise<T> {
  try {
    return await use(await walkChanges(o));
  } catch (e) {
    if (!(e instanceof KeptWalkDamaged)) throw e;
    return use(await walkChanges({ ...o, fresh: true }));
  }
}

/** The walk generateChanges makes its result of; `fresh`: not gone on from a kept one. */
async function walkChanges(o: GenerateOptions & { fresh?: boolean }): Promise<HistoryWalk> {
  const walkMemory = o.since !== undefined ? undefined : o.walkMemory !== undefined ? o.walkMemory ?? undefined : o.cache === undefined ? keptWalks(o.reportsDir) : undefined;
  const kept = walkMemory && !o.fresh ? await keptWalk(o, walkMemory) : undefined;
  if (kept && !kept.newer.length) {
    // (names the cache's history, for what reads it next, such as the work tree's recorded rows, without asking git)
    if (o.cache === undefined) changeCache(o.cwd, o.reportsDir, kept.root);
    return kept.walk;
  }
  const walk = kept?.walk ?? new HistoryWalk(o.reportsDir, o.imports);
  // The whole history with the project's cache: what a previous run read, and git only for what is new
  // (readHistoryRememberedLater checks that the clone is not shallow). Otherwise git reads the history while
  // this process opens the cache (on the other core).
  const memory = !kept && o.since === undefined && o.cache === undefined ? historyMemory(o.reportsDir) : undefined;
  if (!kept && !memory) assertFullHistory(o.cwd);
  const remembered = memory ? readHistoryRememberedLater(o.cwd, [o.reportsDir], memory) : undefined;
  const history = kept ? Promise.resolve({ commits: kept.newer, root: kept.root })
    : remembered ? remembered.history : readHistoryLater(o.cwd, [o.reportsDir], o.since).then((commits) => ({ commits, root: undefined }));
  history.catch(() => { /* awaited below, where its error is thrown */ });
  const blobs = new BlobReader(o.cwd);
  // Versions are handled as blobs: what each one is and what changed between two of them come from
  // the 変更箇所 cache when it knows them (change-cache.ts), so a second run reads no report again.
  // The cache is read while git answers (a history that moved on by a commit waits on git most): it is
  // named by the first commit of the kept history, or, when nothing is kept, once the history is read.
  // Going on from a kept walk with a few new versions, reading them costs less than reading the cache.
  const openCache = (root: string | undefined) => {
    const c = o.cache === undefined ? changeCache(o.cwd, o.reportsDir, root) : o.cache ?? undefined;
    if (kept && kept.newer.reduce((n, x) => n + x.files.length, 0) <= FEW_VERSIONS) return c?.learning?.() ?? c;
    c?.warm?.();
    return c;
  };
  let cache = kept ? openCache(kept.root) : !remembered || remembered.root ? openCache(remembered?.root) : undefined;
  let versions: BlobVersions | undefined;
  try {
    const read = await history;
    let commits = read.commits;
    // (a history that did not go on from the kept one may be another line, with its own first commit)
    if (remembered && (!cache || read.root !== remembered.root)) cache = openCache(read.root);
    versions = new BlobVersions(blobs, cache);
    let inRange = (_: Commit) => true;
    if (o.since) {
      const seeds: { path: string; blob: string; facts: BlobFacts }[] = [];
      // (a draft in the tree may or may not have been published before it: only the history can tell;
      // nor can the tree tell whether a file the range adds continues a report removed before it)
      const adds = commits.some((c) => c.files.some((f) => f.status.startsWith('A') && walk.isReport(f.newPath))) && removedBefore(o.cwd, o.since, o.reportsDir);
      let allReadable = !adds;
      if (allReadable) for (const f of listTree(o.cwd, o.since, o.reportsDir)) {
        const facts = await versions.facts(f.blob);
        if (!facts || facts.error || facts.draft) { allReadable = false; break; }
        seeds.push({ path: f.path, blob: f.blob, facts });
      }
      if (allReadable) walk.seed(seeds);
      else {
        const range = new Set(commits.map((c) => c.hash));
        commits = readHistory(o.cwd, [o.reportsDir]);
        inRange = (c) => range.has(c.hash);
      }
    }
    // git reads the next versions while this process parses and diffs the current ones (cold runs).
    const reportBlobs = (c: Commit | undefined) => (c?.files ?? []).filter((f) => f.newBlob && walk.isReport(f.newPath) && !cache?.facts(f.newBlob)).map((f) => f.newBlob!);
    if (o.parseWorker && commits.reduce((n, c) => n + reportBlobs(c).length, 0) >= 64) versions.parseInWorker(o.cwd, o.parseWorker === true ? undefined : o.parseWorker);
    const AHEAD = 16;
    for (let i = 0; i < AHEAD; i++) versions.prefetch(reportBlobs(commits[i]));
    for (const [n, commit] of commits.entries()) {
      versions.prefetch(reportBlobs(commits[n + AHEAD]));
      await walk.step(commit, versions, inRange(commit));
    }
    // Kept under the last commit walked (HEAD may have moved on meanwhile), with the first commit of its line.
    const last = commits.at(-1)?.hash;
    if (walkMemory && last) { const root = kept?.root ?? read.root ?? firstCommit(o.cwd); if (root) walk.keep(walkMemory, last, root); }
  } finally { versions?.close(); blobs.close(); cache?.flush(); }
  return walk;
}

/** New versions up to which a run going on from a kept walk reads them from git rather than look them up in the cache. */
const FEW_VERSIONS = 16;

/** The kept walk and the commits after its head up to HEAD (none: HEAD's walk is the kept one), when
 * its head is on HEAD's first-parent line in a clone with its whole history. */
async function keptWalk(o: GenerateOptions, memory: WalkMemory): Promise<{ walk: HistoryWalk; newer: Commit[]; root: string } | undefined> {
  const kept = HistoryWalk.restore(memory, o.reportsDir, o.imports);
  if (!kept) return undefined;
  const head = o.head ?? fullHistoryHead(o.cwd);
  if (!head) return undefined;
  const newer = head === kept.head ? [] : await commitsAfter(o.cwd, [o.reportsDir], kept.head, head);
  return newer && { walk: kept.walk, newer, root: kept.root };
}
