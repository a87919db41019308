// Reads the first-parent history of content/ with one `git log` and fetches file versions with one
// `git cat-file --batch`: never a git process per commit or per file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mergedTrailers, parseTrailers, withDateInReach, type TrailerError, type Trailers } from './trailers.ts';

/** One file a commit changed (status A, M, D, T, or R with `similarity`: how alike, in percent, git found the two versions of a renamed file). */
export interface FileChange { status: string; oldBlob?: string; newBlob?: string; oldPath?: string; newPath?: string; similarity?: number }
export interface Commit {
  hash: string;
  parents: string[];
  /** The day the commit was made on the branch (its committer date: for a squash or rebase merge,
   * the day of the merge, not the day the work was written), in Japan: YYYY-MM-DD. */
  date: string;
  subject: string;
  trailers: Trailers;
  /** Trailers that could not be read (Japanese, one per problem): the change set's rows need a person. */
  trailerErrors: TrailerError[];
  files: FileChange[];
}

export class GitError extends Error {}

const ZERO = /^0+$/;
const HASH = /^[0-9a-f]{40,64}$/;

function git(cwd: string, args: string[]) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) throw new GitError(`git を実行できません: ${r.error.message}`);
  return r;
}

/** The top folder of the git repository that holds `cwd`, or undefined outside a repository. */
export function repoRoot(cwd: string): string | undefined {
  return repository(cwd).root;
}

/** The top folder of the git repository that holds `cwd` (undefined outside one) and HEAD's commit
 * when the clone has its whole history (fullHistoryHead), from one git process (each costs this
 * process ~12 ms to start): whether the clone is shallow and where HEAD is, asked at once. */
export function repository(cwd: string): { root?: string; head?: string } {
  const r = spawnSync('git', ['rev-parse', '--show-toplevel', '--is-shallow-repository', 'HEAD'], { cwd, encoding: 'utf8' });
  // Read from the end (a folder's name may hold a line break); before the first commit git still
  // prints the folder, then fails on HEAD.
  const lines = (r.stdout ?? '').replace(/\n$/, '').split('\n');
  const head = lines.length >= 3 ? lines.pop() : undefined;
  const shallow = lines.length >= 2 ? lines.pop() : undefined;
  const root = lines.join('\n');
  if (!root || !path.isAbsolute(root)) return {};
  return { root, head: r.status === 0 && shallow === 'false' && HASH.test(head ?? '') ? head : undefined };
}

/** Whether a first-parent commit up to `at` removed a file below `dir` (a report a later file may
 * continue). */
export function removedBefore(cwd: string, at: string, dir: string): boolean {
  const r = git(cwd, ['log', '--first-parent', '-m', '--diff-filter=D', '--format=%H', '-n', '1', at, '--', dir]);
  return r.status !== 0 || r.stdout.trim() !== '';
}

/** The first commit of HEAD's first-parent history (what names a history wherever it is cloned), or
 * undefined when there is none. */
export function firstCommit(cwd: string): string | undefined {
  const r = spawnSync('git', ['rev-list', '--first-parent', '--max-parents=0', 'HEAD'], { cwd, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().split('\n').pop() || undefined : undefined;
}

/**
 * The blob of each regular file under `paths` whose work-tree copy git takes for the one in its index
 * (by its stat cache, and its contents when that cannot tell): a key for what the file holds that needs
 * no reading. Left out: files changed in the work tree, not in the index, in conflict, links, and
 * files git is told not to look at (assume-unchanged, skip-worktree). Read those from the disk. A
 * caller that stores something under a blob checks that the bytes it read are that blob (blobId).
 */
export async function workTreeBlobs(cwd: string, paths: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  // Asked while the caller goes on (a run that has everything cached waits on git most). -m lists
  // again, tagged C, each file whose work-tree copy git does not take for its index entry.
  const staged = await gitLater(cwd, ['-c', 'core.quotepath=off', 'ls-files', '--stage', '-v', '-m', '-z', '--', ...paths]);
  if (staged.status !== 0) return out;
  const entries = staged.stdout.split('\0');
  const dirty = new Set(entries.filter((e) => e.startsWith('C ')).map((e) => e.slice(e.indexOf('\t') + 1)));
  for (const entry of entries) {
    // 「H <mode> <blob> <stage>\t<path>」: H a file git looks at (h: assume-unchanged, S: skip-worktree);
    // 100644/100755 a regular file (120000 a link); stage 0 (1–3 in a conflict).
    const m = /^H (?:100644|100755) ([0-9a-f]{40}|[0-9a-f]{64}) 0\t(.+)$/s.exec(entry);
    if (m && !dirty.has(m[2])) out.set(m[2], m[1]);
  }
  return out;
}

/** git run without waiting for it: its status and output (a status of null when it could not start). */
function gitLater(cwd: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) => resolve({ status: null, stdout: '', stderr: e.message }));
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** The id git gives these bytes as a blob (SHA-1, or SHA-256 in a repository that uses it: `like`
 * is an id of the repository, for its length). */
export function blobId(bytes: Uint8Array, like: string): string {
  return crypto.createHash(like.length === 64 ? 'sha256' : 'sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Refuses shallow clones: a silently short 変更箇所 would be worse than none. */
export function assertFullHistory(cwd: string) {
  const r = git(cwd, ['rev-parse', '--is-shallow-repository']);
  if (r.status !== 0) throw new GitError(`git のリポジトリではありません（${cwd}）: ${r.stderr.trim()}`);
  if (r.stdout.trim() === 'true') {
    throw new GitError('このクローンは履歴が一部しかない浅いクローン（shallow clone）です。変更箇所を正しく作るには全履歴が必要です: git fetch --unshallow を実行してください（GitHub Actions では actions/checkout に fetch-depth: 0 を指定します）');
  }
}

/**
 * Commits that touched `paths`, oldest first, following first parents (a merged pull request = one
 * change): those after `since` up to `until` (default HEAD).
 */
export function readHistory(cwd: string, paths: string[], since?: string, until = 'HEAD'): Commit[] {
  assertFullHistory(cwd);
  return withMergedTrailers(cwd, paths, commitsOf(git(cwd, logArgs(paths, since, until)), since ?? until), since, until);
}

/**
 * readHistory with git working on its own while the caller goes on (npm run changes opens its cache
 * meanwhile): the caller checks assertFullHistory first, and awaits the commits when it needs them.
 */
export function readHistoryLater(cwd: string, paths: string[], since?: string, until = 'HEAD'): Promise<Commit[]> {
  // git writes into a file, not a pipe: while the caller works, no one would empty a pipe, and git
  // would stop at its first 64 KB.
  const file = path.join(os.tmpdir(), `git-log-${process.pid}-${crypto.randomBytes(6).toString('hex')}`);
  return new Promise((resolve, reject) => {
    let fd: number;
    try { fd = fs.openSync(file, 'wx', 0o600); } catch (e) { reject(new GitError(`git の出力を一時ファイルに書けません: ${(e as Error).message}`)); return; }
    const child = spawn('git', logArgs(paths, since, until), { cwd, stdio: ['ignore', fd, 'pipe'] });
    fs.closeSync(fd);
    const err: Buffer[] = [];
    child.stderr!.on('data', (d: Buffer) => err.push(d));
    const done = (f: () => void) => { try { f(); } finally { fs.rmSync(file, { force: true }); } };
    child.on('error', (e) => done(() => reject(new GitError(`git を実行できません: ${e.message}`))));
    child.on('close', (status) => done(() => {
      try { resolve(withMergedTrailers(cwd, paths, commitsOf({ status, stdout: fs.readFileSync(file, 'utf8'), stderr: Buffer.concat(err).toString('utf8') }, since ?? until), since, until)); } catch (e) { reject(e); }
    }));
  });
}

/** Where the history a run read is kept for the next run (a sealed entry, change-cache.ts historyMemory). */
export interface HistoryMemory { get(): Buffer | undefined; put(payload: Buffer): void }
/** The commits of a history, and the first commit of HEAD's first-parent line (firstCommit). */
export interface RememberedHistory { commits: Commit[]; root?: string }

/**
 * readHistory of the whole history up to HEAD, asking git only for the commits after those a previous
 * run read: when the head it kept is on HEAD's first-parent line, the history up to HEAD is the kept
 * one and `git log` of what follows; otherwise (a force-push, another branch, nothing kept) the whole
 * history is read. What it gives is kept for the next run, with the first commit of the line (the
 * same for the kept head as for HEAD when one is on the other's first-parent line), which names the
 * history for the 変更箇所 cache without asking git to walk it again.
 */
export function readHistoryRemembered(cwd: string, paths: string[], memory: HistoryMemory): RememberedHistory {
  const start = rememberedStart(cwd, paths, memory);
  if ('done' in start) return start.done();
  const { head, kept } = start;
  const continued = !!kept && onFirstParentLine(cwd, kept.head, head);
  return rememberedEnd(cwd, paths, memory, head, continued ? { kept: kept!, newer: git(cwd, logArgs(paths, kept!.head, head)) } : undefined);
}

/**
 * readHistoryRemembered with git working while the caller goes on: for a history that moved on, both
 * questions (is the kept head on HEAD's line? which commits came after it?) are asked at once, and the
 * caller can open the 変更箇所 cache meanwhile (`root`: the first commit of the kept line, known without
 * git; the history's own `root` is the one to trust when they differ).
 */
export function readHistoryRememberedLater(cwd: string, paths: string[], memory: HistoryMemory): { root?: string; history: Promise<RememberedHistory> } {
  const start = rememberedStart(cwd, paths, memory);
  if ('done' in start) {
    const history = Promise.resolve().then(start.done);
    return { root: start.root, history };
  }
  const { head, kept } = start;
  if (!kept) return { history: Promise.resolve().then(() => rememberedEnd(cwd, paths, memory, head, undefined)) };
  const line = gitLater(cwd, firstParentLineArgs(kept.head, head));
  const newer = gitLater(cwd, logArgs(paths, kept.head, head));
  const history = Promise.all([line, newer]).then(([l, n]) => rememberedEnd(cwd, paths, memory, head, startsAt(l, kept.head) ? { kept, newer: n } : undefined));
  return { root: kept.root, history };
}

type Kept = { head: string; root: string; commits: Commit[] };
/** The first steps of readHistoryRemembered: where HEAD is and what is kept, or the answer already
 * (`done`, with the kept root when the kept history is HEAD's). */
function rememberedStart(cwd: string, paths: string[], memory: HistoryMemory): { head: string; kept?: Kept } | { done: () => RememberedHistory; root?: string } {
  const head = fullHistoryHead(cwd);
  // A shallow clone, no commit yet, not a repository: what readHistory says of it.
  if (!head) return { done: () => ({ commits: readHistory(cwd, paths) }) };
  const kept = keptHistory(memory, paths);
  if (kept?.head === head) return { done: () => ({ commits: kept.commits, root: kept.root }), root: kept.root };
  return { head, kept };
}

/** The history up to `head`: the kept commits and the `newer` ones (git log from the kept head) when
 * the kept head is on HEAD's first-parent line, else the whole history; kept for the next run. */
function rememberedEnd(cwd: string, paths: string[], memory: HistoryMemory, head: string, from: { kept: Kept; newer: { status: number | null; stdout: string; stderr: string } } | undefined): RememberedHistory {
  const commits = from
    ? [...from.kept.commits, ...withMergedTrailers(cwd, paths, commitsOf(from.newer, from.kept.head), from.kept.head, head)]
    : withMergedTrailers(cwd, paths, commitsOf(git(cwd, logArgs(paths, undefined, head)), head), undefined, head);
  const root = from ? from.kept.root : firstCommit(cwd);
  if (root) memory.put(Buffer.from(JSON.stringify({ head, root, paths, commits })));
  return { commits, root };
}

/** HEAD's commit, in a clone with its whole history; undefined in a shallow clone, before the first
 * commit and outside a repository (readHistory says what is wrong). */
export function fullHistoryHead(cwd: string): string | undefined {
  return repository(cwd).head;
}

/** The commits after `older` up to `head`, as readHistory gives them, when `older` is on `head`'s
 * first-parent line; undefined when it is not (a force-push, another branch). Both asked of git at once. */
export async function commitsAfter(cwd: string, paths: string[], older: string, head: string): Promise<Commit[] | undefined> {
  const [line, newer] = await Promise.all([gitLater(cwd, firstParentLineArgs(older, head)), gitLater(cwd, logArgs(paths, older, head))]);
  return startsAt(line, older) ? withMergedTrailers(cwd, paths, commitsOf(newer, older), older, head) : undefined;
}

/** What the memory holds for these paths, if it has the shape this code writes. */
function keptHistory(memory: HistoryMemory, paths: string[]): Kept | undefined {
  try {
    const k = JSON.parse(memory.get()?.toString('utf8') ?? 'null') as { head?: unknown; root?: unknown; paths?: unknown; commits?: unknown } | null;
    if (!k || typeof k.head !== 'string' || !HASH.test(k.head) || typeof k.root !== 'string' || !HASH.test(k.root) || JSON.stringify(k.paths) !== JSON.stringify(paths) || !Array.isArray(k.commits) || !k.commits.every(isCommit)) return undefined;
    return { head: k.head, root: k.root, commits: k.commits };
  } catch { return undefined; }
}
const isStr = (v: unknown): v is string => typeof v === 'string';
const TRAILER_KEYS = new Set(['submission', 'reason', 'changeDate', 'changeLog']);
// Trailers become cells of rows: each kept value is checked (a key this code writes, a text; 提出時期 one of the two).
const isTrailers = (t: unknown): t is Trailers => !!t && typeof t === 'object' && !Array.isArray(t)
  && Object.entries(t).every(([k, v]) => TRAILER_KEYS.has(k) && isStr(v) && (k !== 'submission' || v === '事前' || v === '事後') && (k !== 'changeDate' || /^\d{4}-\d{2}-\d{2}$/.test(v)));
const isCommit = (c: unknown): c is Commit => {
  const x = c as Commit | null;
  return !!x && typeof x === 'object' && isStr(x.hash) && isStr(x.date) && isStr(x.subject) && Array.isArray(x.parents) && x.parents.every(isStr)
    && isTrailers(x.trailers) && Array.isArray(x.trailerErrors) && x.trailerErrors.every((e) => !!e && TRAILER_KEYS.has(e.key) && isStr(e.message)) && Array.isArray(x.files)
    && x.files.every((f) => !!f && typeof f === 'object' && isStr(f.status) && [f.oldBlob, f.newBlob, f.oldPath, f.newPath].every((v) => v === undefined || isStr(v)));
};

/** Whether `older` is on `newer`'s first-parent line: then walking first parents back from `newer`,
 * the last commit not reachable from `older` has `older` as its first parent. */
function onFirstParentLine(cwd: string, older: string, newer: string): boolean {
  return startsAt(git(cwd, firstParentLineArgs(older, newer)), older);
}
const firstParentLineArgs = (older: string, newer: string) => ['rev-list', '--first-parent', '--parents', '--reverse', `${older}..${newer}`];
/** Whether the oldest commit git listed (firstParentLineArgs) has `older` as its first parent. */
function startsAt(r: { status: number | null; stdout: string }, older: string): boolean {
  if (r.status !== 0) return false;
  const oldest = r.stdout.split('\n')[0];
  return !!oldest && oldest.split(' ')[1] === older;
}

function logArgs(paths: string[], since: string | undefined, until: string): string[] {
  // The whole message (%B, last): trailers are read by parseTrailers, which is more lenient than git's.
  // -M: a report file renamed in a change set (`git mv 16.yaml 17.yaml` with its 評価書番号) comes as one
  // change from the old path to the new one, so the walk keeps it one report (history-walk.ts).
  const format = '%x1e' + ['%H', '%P', '%cI', '%s', '%B'].join('%x1f');
  const range = since ? [`${since}..${until}`] : [until];
  return ['-c', 'core.quotepath=off', 'log', '--first-parent', '--diff-merges=first-parent', '--raw', '--no-abbrev', '--find-renames', '-z', '--reverse', `--format=${format}`, ...range, '--', ...paths];
}

/** The day in Japan (UTC+9, no summer time) of a time git wrote in ISO 8601 with its own offset: a
 * commit made at 23:30 UTC is the next day in Japan. */
export function dayInJapan(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso.slice(0, 10) : new Date(t + 9 * 3600_000).toISOString().slice(0, 10);
}

/** The commits of `git log` output (logArgs), or the GitError its failure means. */
function commitsOf(r: { status: number | null; stdout: string; stderr: string }, rev: string): Commit[] {
  if (r.status !== 0) {
    if (/unknown revision|bad revision|ambiguous argument/.test(r.stderr)) throw new GitError(`リビジョン「${rev}」が見つかりません`);
    if (/does not have any commits/.test(r.stderr)) return [];
    throw new GitError(`git log に失敗しました: ${r.stderr.trim()}`);
  }
  const commits: Commit[] = [];
  for (const chunk of r.stdout.split('\x1e')) {
    if (!chunk) continue;
    const headerEnd = chunk.indexOf('\0');
    const header = headerEnd < 0 ? chunk : chunk.slice(0, headerEnd);
    const [hash, parents, date, subject, ...body] = header.split('\x1f');
    const day = dayInJapan(date);
    const { trailers, errors } = withDateInReach(parseTrailers(body.join('\x1f')), day);
    const files: FileChange[] = [];
    const tokens = (headerEnd < 0 ? '' : chunk.slice(headerEnd + 1)).replace(/^\n/, '').split('\0');
    for (let i = 0; i < tokens.length; i++) {
      const meta = tokens[i];
      if (!meta.startsWith(':')) continue;
      const [, , oldBlob, newBlob, score] = meta.slice(1).split(' ');
      // (a rename, R and its similarity, names the old path and then the new one; a copy, C, which a
      // configuration may turn on, is taken as the new file it is: its source stays)
      const status = score[0];
      const name = tokens[++i];
      const second = status === 'R' || status === 'C' ? tokens[++i] : undefined;
      if (status === 'C') { files.push({ status: 'A', newBlob, newPath: second }); continue; }
      files.push({
        status, oldBlob: ZERO.test(oldBlob) ? undefined : oldBlob, newBlob: ZERO.test(newBlob) ? undefined : newBlob,
        oldPath: status === 'A' ? undefined : name, newPath: status === 'D' ? undefined : second ?? name,
        ...(status === 'R' ? { similarity: Number(score.slice(1)) || 0 } : {}),
      });
    }
    commits.push({
      hash, parents: parents ? parents.split(' ') : [], date: day, subject,
      trailers, trailerErrors: errors,
      files,
    });
  }
  return commits;
}

/**
 * The commits with the trailers of the commits they merged, for each merge on the first-parent line
 * whose own message holds none (trailers.ts mergedTrailers): the commits reachable from its other
 * parents and not from its first, that is, not on the first-parent line and not merged by an earlier
 * merge on it. A local `git merge` of a clerk's branch, or of main into a branch that then became main,
 * keeps the clerk's Change-Date: and Submission: on the merged commits; what they cannot say for
 * sure (merges among them, changes without trailers beside changes with) is a trailer error. Two
 * `git log`s of the range (the commits, and those that changed `paths`), only when there is such a merge.
 */
function withMergedTrailers(cwd: string, paths: string[], commits: Commit[], since: string | undefined, until: string): Commit[] {
  const silent = new Set(commits.filter((c) => c.parents.length > 1 && !Object.keys(c.trailers).length && !c.trailerErrors.length).map((c) => c.hash));
  if (!silent.size) return commits;
  const range = since ? [`${since}..${until}`] : [until];
  const r = git(cwd, ['log', '--format=%x1e%H%x1f%P%x1f%B', ...range]);
  if (r.status !== 0) throw new GitError(`git log に失敗しました: ${r.stderr.trim()}`);
  // (--full-history: every commit that changed a report, also on a side git would simplify away)
  const touching = git(cwd, ['log', '--full-history', '--format=%H', ...range, '--', ...paths]);
  const touched = new Set(touching.status === 0 ? touching.stdout.split('\n').filter(Boolean) : []);
  const graph = new Map<string, { parents: string[]; message: string }>();
  for (const chunk of r.stdout.split('\x1e')) {
    if (!chunk) continue;
    const [hash, parents, ...message] = chunk.split('\x1f');
    graph.set(hash, { parents: parents ? parents.split(' ') : [], message: message.join('\x1f') });
  }
  // The first-parent line, oldest first; each merge on it claims what it brought in, in that order.
  const line: string[] = [];
  // (git log shows the commit it starts from, `until`, first)
  for (let at: string | undefined = graph.keys().next().value; at && graph.has(at); at = graph.get(at)!.parents[0]) line.push(at);
  line.reverse();
  const claimed = new Set(line);
  const sides = new Map<string, string[]>();
  for (const hash of line) {
    const side: string[] = [];
    const todo = graph.get(hash)!.parents.slice(1);
    while (todo.length) {
      const at = todo.pop()!;
      // (a commit outside the range is an ancestor of `since`: merged before)
      if (claimed.has(at) || !graph.has(at)) continue;
      claimed.add(at);
      side.push(at);
      todo.push(...graph.get(at)!.parents);
    }
    if (silent.has(hash)) sides.set(hash, side);
  }
  // (git log lists newest first: the oldest commit's trailers are told first)
  const order = new Map([...graph.keys()].map((h, i) => [h, -i]));
  return commits.map((c) => {
    const side = sides.get(c.hash);
    if (!side?.length) return c;
    const { trailers, errors } = withDateInReach(mergedTrailers(side.sort((a, b) => order.get(a)! - order.get(b)!).map((h) => ({ hash: h, result: parseTrailers(graph.get(h)!.message), merge: graph.get(h)!.parents.length > 1, changesReports: touched.has(h) }))), c.date);
    return { ...c, trailers, trailerErrors: errors };
  });
}

const BATCH_HEADER = /^[0-9a-f]+ [a-z]+ (\d+)$/;

/**
 * One long-lived `git cat-file --batch`: ask for blobs one after another, read them back in order.
 * With `idle: 'unref'`, the git process keeps this process alive only while a read is under way, so a
 * reader shared by every page of a build needs no close (version-history.ts sharedVersionReader).
 */
export class BlobReader {
  // Started on the first read: a run whose versions are all in the 変更箇所 cache starts no git.
  private proc?: ChildProcessWithoutNullStreams;
  // What git is writing: the start of a header line ("<sha> blob <size>"), or the body of a blob being
  // filled. Each blob is copied once, from git's chunks straight into a buffer of its own size (joining
  // the chunks first and copying the blob out again cost more than reading it, at 160 MB of versions).
  private header: Buffer[] = [];
  private body: { buf: Buffer; filled: number } | undefined;
  private waiting: { resolve: (b: Buffer | undefined) => void; reject: (e: Error) => void }[] = [];
  private readonly unrefWhenIdle: boolean;
  private readonly cwd: string;

  constructor(cwd: string, { idle = 'keep' }: { idle?: 'keep' | 'unref' } = {}) {
    this.cwd = cwd;
    this.unrefWhenIdle = idle === 'unref';
  }

  private started(): ChildProcessWithoutNullStreams {
    if (this.proc) return this.proc;
    const proc = spawn('git', ['cat-file', '--batch'], { cwd: this.cwd });
    this.proc = proc;
    proc.stdout.on('data', (d: Buffer) => this.take(d));
    proc.on('error', (e) => this.waiting.splice(0).forEach((w) => w.reject(e)));
    // (writing to a git that ended fails its pipe: the reads are failed when it closes, below)
    proc.stdin.on('error', () => {});
    // A git that ended (killed, or failed to start its work) fails the reads still waiting; a later read starts another.
    proc.on('close', () => {
      if (this.proc === proc) { this.proc = undefined; this.header = []; this.body = undefined; }
      const e = new GitError('git cat-file が途中で終わりました');
      this.waiting.splice(0).forEach((w) => w.reject(e));
    });
    return proc;
  }

  read(sha: string): Promise<Buffer | undefined> {
    const proc = this.started();
    return new Promise((resolve, reject) => {
      if (!this.waiting.length) this.hold(true);
      this.waiting.push({ resolve, reject });
      proc.stdin.write(`${sha}\n`);
    });
  }

  /** Whether the git process and its pipes keep this process alive (always, unless idle: 'unref'). */
  private hold(busy: boolean) {
    if (!this.unrefWhenIdle || !this.proc) return;
    // (the pipes are sockets, which can be unref'd like the process)
    for (const h of [this.proc, this.proc.stdin, this.proc.stdout, this.proc.stderr] as unknown as { ref(): void; unref(): void }[]) if (busy) h.ref(); else h.unref();
  }

  /** Reads a chunk of git's answers: each blob whole, in the order asked, resolves the read waiting for it. */
  private take(d: Buffer) {
    let at = 0;
    while (at < d.length) {
      if (this.body) {
        const { buf } = this.body;
        const n = Math.min(buf.length - this.body.filled, d.length - at);
        d.copy(buf, this.body.filled, at, at + n);
        this.body.filled += n;
        at += n;
        // (the body is followed by a line feed)
        if (this.body.filled < buf.length || at >= d.length) break;
        at++;
        this.body = undefined;
        this.answered(buf);
        continue;
      }
      const nl = d.indexOf(10, at);
      // (a header cut between chunks: its start kept as a copy, not as a view that keeps the chunk alive)
      if (nl < 0) { this.header.push(Buffer.from(d.subarray(at))); break; }
      const line = (this.header.length ? Buffer.concat([...this.header, d.subarray(at, nl)]) : d.subarray(at, nl)).toString('latin1');
      this.header = [];
      at = nl + 1;
      // "<sha> <type> <size>"; anything else ("<name> missing", "<name> ambiguous") has no body.
      const m = BATCH_HEADER.exec(line);
      if (!m) { this.answered(undefined); continue; }
      // (every byte is written before the blob is handed out; "slow": a buffer of its own, never Node's pool)
      this.body = { buf: Buffer.allocUnsafeSlow(Number(m[1])), filled: 0 };
    }
  }

  private answered(blob: Buffer | undefined) {
    this.waiting.shift()?.resolve(blob);
    if (!this.waiting.length) this.hold(false);
  }

  close() { this.proc?.stdin.end(); }
}

/** The report files (YAML) under `dir` in the tree of `rev`, with their blobs. */
export function listTree(cwd: string, rev: string, dir: string): { path: string; blob: string }[] {
  const r = git(cwd, ['-c', 'core.quotepath=off', 'ls-tree', '-r', '-z', '--full-tree', rev, '--', dir]);
  if (r.status !== 0) throw new GitError(`リビジョン「${rev}」が見つかりません: ${r.stderr.trim()}`);
  return r.stdout.split('\0').filter(Boolean).map((line) => {
    const tab = line.indexOf('\t');
    return { path: line.slice(tab + 1), blob: line.slice(0, tab).split(' ')[2] };
  }).filter((f) => /\.ya?ml$/.test(f.path));
}

