// The walk over the change sets that makes the generated 変更箇所 rows, as state that can be kept:
// a run that finds the walk of an earlier head on HEAD's first-parent line goes on from it with only
// the newer commits, instead of walking (and loading the cache of) the whole history again. The walk
// reads versions through BlobVersions (git and the 変更箇所 cache: I/O); its state is plain data.
import crypto from 'node:crypto';
import v8 from 'node:v8';
import type { Commit } from './git-history.ts';
import type { BlobVersions } from './blob-changes.ts';
import type { BlobFacts } from './change-cache.ts';
import type { GeneratedRow, SkippedVersion, TrailerProblem } from './change-rows.ts';
import { FORM_SCHEMAS } from '../form/form-schema.ts';

/** A row as the walk makes it: its report is named by identity, and gets its file's name only at the
 * end (a report renamed later is listed under its newest name); `n` is its place among all the rows. */
type WalkRow = Omit<GeneratedRow, 'report'> & { identity: string; n: number };

/**
 * Where a kept walk is stored between runs (change-cache.ts keptWalks): its state (small), and each
 * report's rows (most of it: their texts) apart, read only when asked for, so that a run that adds a
 * commit's rows reads and writes that report's rows, not every row.
 */
export interface WalkMemory {
  /** The kept walk (undefined: none, or its state damaged); `rows` gives a report's rows as `put`
   * wrote them, or undefined when they are missing or damaged. */
  get(): { state: Buffer; rows(identity: string): Buffer | undefined } | undefined;
  /** Keeps a walk: its state, and the rows of each report whose rows changed (whole), or of every
   * report (`replacing`: nothing else is kept). */
  put(state: Buffer, rows: Map<string, Buffer>, replacing: boolean): void;
}

/** A kept walk's rows could not be read back after its state was: walk the whole history instead. */
export class KeptWalkDamaged extends Error {}

/** A report's rows as the walk knows them without reading them: how many, where its first one is
 * among all rows, and a digest of where each came from (what makes them: change set and versions). */
interface ReportRows { count: number; first: number; digest: string }

/** The rows of one report file, for a writer that keeps what it wrote of them (`digest` names their
 * content, as far as the walk makes it): read only when asked for. */
export interface FileRows { file: string; digest: string; rows(): GeneratedRow[] }

// A report is followed through renames of its file by what it prints (機関・様式・評価書番号); a draft
// without a number, by its file.
const identityOf = (facts: BlobFacts, file: string) => facts.identity ?? `file:${file}`;
const readable = (f: BlobFacts | undefined) => !!f && !f.error;
const sha = (...parts: string[]) => { const h = crypto.createHash('sha256'); for (const p of parts) h.update(p).update('\0'); return h.digest('base64url'); };

export class HistoryWalk {
  // The blob of the last version of each report that could be read, by identity (機関 + 評価書番号) and by path.
  private byIdentity = new Map<string, string>();
  private identityByPath = new Map<string, string>();
  private currentPath = new Map<string, string>();
  /** Reports with rows, in the order of their first row. */
  private reports = new Map<string, ReportRows>();
  /** Rows read back or made, by report (the others are still only in the memory). */
  private loaded = new Map<string, WalkRow[]>();
  private changed = new Set<string>();
  private next = 0;
  private skipped: SkippedVersion[] = [];
  private trailerErrors: TrailerProblem[] = [];
  /** The memory this walk was restored from, for the rows not read yet. */
  private kept?: { rows(identity: string): Buffer | undefined };

  private readonly reportsDir: string;
  private readonly imports: Set<string>;

  constructor(reportsDir: string, imports: Set<string> = new Set()) {
    this.reportsDir = reportsDir;
    this.imports = imports;
  }

  isReport(p: string | undefined): boolean { return !!p && p.startsWith(this.reportsDir + '/') && /\.ya?ml$/.test(p); }

  /** Starts from the report versions in a tree (npm run changes --since: the versions before the range). */
  seed(files: { path: string; blob: string; facts: BlobFacts }[]) {
    for (const { path: p, blob, facts } of files) {
      const identity = identityOf(facts, p);
      this.byIdentity.set(identity, blob);
      this.identityByPath.set(p, identity);
      this.currentPath.set(identity, p);
    }
  }

  /**
   * One change set: each report version it wrote is diffed against the last readable version of the
   * same report (same 機関 + 評価書番号, else same path), so renamed files stay one report and a broken
   * version is skipped. `rowsWanted` false: the versions are followed, no rows made (before --since).
   */
  async step(commit: Commit, versions: BlobVersions, rowsWanted = true) {
    const isImport = [...this.imports].some((h) => commit.hash.startsWith(h)) || /^import$/i.test(commit.trailers.changeLog ?? '');
    let made = false;
    for (const f of commit.files.filter((x) => this.isReport(x.oldPath) || this.isReport(x.newPath))) {
      if (!f.newBlob) { if (f.oldPath) this.identityByPath.delete(f.oldPath); continue; } // a removed file: the report ended
      const after = await versions.facts(f.newBlob);
      if (!after || after.error) {
        if (!isImport && rowsWanted) this.skipped.push({ commit: commit.hash, file: f.newPath!, message: after?.error ? `${after.error.line}行目: ${after.error.message}` : '読めません' });
        continue;
      }
      const identity = identityOf(after, f.newPath!);
      let before = this.byIdentity.get(identity) ?? this.byIdentity.get(this.identityByPath.get(f.newPath!) ?? '');
      if (!before && f.oldBlob && readable(await versions.facts(f.oldBlob))) before = f.oldBlob;
      versions.pin(f.newBlob, this.byIdentity.get(identity));
      this.byIdentity.set(identity, f.newBlob);
      this.identityByPath.set(f.newPath!, identity);
      this.currentPath.set(identity, f.newPath!);
      if (!before || isImport || !after.form || !(after.form in FORM_SCHEMAS) || !rowsWanted) continue; // a new report, or an import: no change rows
      const t = commit.trailers;
      const wrong = new Set(commit.trailerErrors.map((e) => e.key));
      const changes = await versions.changes(before, f.newBlob);
      if (!changes.length) continue;
      const rows = this.rowsOf(identity);
      const report = this.reports.get(identity) ?? { count: 0, first: this.next, digest: '' };
      for (const [i, change] of changes.entries()) {
        rows.push({
          identity,
          // A Change-Date or Submission that could not be read is left blank, never guessed.
          変更日: t.changeDate ?? (wrong.has('changeDate') ? null : commit.date.slice(0, 10)),
          項目: change.item,
          変更前の記載: change.before,
          変更後の記載: change.after,
          提出時期: t.submission ?? (wrong.has('submission') ? null : '事後'),
          提出時期に係る説明: t.reason ?? '',
          要確認: wrong.size > 0 || (!t.submission && change.significant),
          commit: commit.hash,
          n: this.next,
        });
        // (a row is made of its change set, its two versions and its place: the code version and the
        // imports name the memory it is kept in)
        report.digest = sha(report.digest, commit.hash, before, f.newBlob, String(i), String(this.next));
        this.next++;
      }
      report.count = rows.length;
      this.reports.set(identity, report);
      this.changed.add(identity);
      made = true;
    }
    if (made && commit.trailerErrors.length) this.trailerErrors.push({ commit: commit.hash, subject: commit.subject, messages: commit.trailerErrors.map((e) => e.message) });
  }

  /** A report's rows, read back from the memory the first time they are needed. */
  private rowsOf(identity: string): WalkRow[] {
    let rows = this.loaded.get(identity);
    if (rows) return rows;
    const known = this.reports.get(identity);
    rows = [];
    if (known) {
      let read: unknown;
      try { read = v8.deserialize(this.kept?.rows(identity) ?? Buffer.alloc(0)); } catch { read = undefined; }
      if (!Array.isArray(read) || read.length !== known.count || !read.every((r) => isWalkRow(r) && r.identity === identity)) throw new KeptWalkDamaged(identity);
      rows = read;
    }
    this.loaded.set(identity, rows);
    return rows;
  }

  /** The rows so far, in the order they were made, each under its report's newest file name (only
   * `report`'s, when given). */
  result(report?: (file: string) => boolean) {
    const rows: WalkRow[] = [];
    for (const identity of this.reports.keys()) if (!report || report(this.currentPath.get(identity)!)) rows.push(...this.rowsOf(identity));
    rows.sort((a, b) => a.n - b.n);
    return { rows: rows.map((r) => this.generated(r)), ...this.problems() };
  }

  /** The versions that could not be read, and the change sets whose trailers could not (with rows). */
  problems() { return { skipped: [...this.skipped], trailerErrors: [...this.trailerErrors] }; }

  private generated({ identity, n: _, ...row }: WalkRow): GeneratedRow {
    return { report: this.currentPath.get(identity)!, ...row };
  }

  /** The rows by report file, in the order of each file's first row, read only when asked for (the
   * same rows as result(), grouped). */
  files(): FileRows[] {
    const byFile = new Map<string, string[]>();
    for (const identity of this.reports.keys()) {
      const file = this.currentPath.get(identity)!;
      byFile.set(file, [...(byFile.get(file) ?? []), identity]);
    }
    return [...byFile].map(([file, identities]) => ({
      file, identities, first: Math.min(...identities.map((i) => this.reports.get(i)!.first)),
    })).sort((a, b) => a.first - b.first).map(({ file, identities }) => ({
      file,
      digest: sha(file, ...identities.map((i) => this.reports.get(i)!.digest)),
      rows: () => identities.flatMap((i) => this.rowsOf(i)).sort((a, b) => a.n - b.n).map((r) => this.generated(r)),
    }));
  }

  /** Keeps the walk as it stands after `head` (a commit of the line whose first commit is `root`):
   * the rows of the reports that changed since it was restored, or all of them. */
  keep(memory: WalkMemory, head: string, root: string) {
    const replacing = !this.kept;
    const rows = new Map<string, Buffer>();
    for (const identity of replacing ? this.reports.keys() : this.changed) rows.set(identity, v8.serialize(this.rowsOf(identity)));
    const state = v8.serialize({
      head, root, reportsDir: this.reportsDir, imports: [...this.imports].sort(), next: this.next,
      byIdentity: [...this.byIdentity], identityByPath: [...this.identityByPath], currentPath: [...this.currentPath],
      reports: [...this.reports], skipped: this.skipped, trailerErrors: this.trailerErrors,
    });
    memory.put(state, rows, replacing);
    this.changed.clear();
  }

  /** The walk a memory keeps, with the head and first commit it was kept at, if its state has the
   * shape this code writes and was made for the same reports folder and imports (anything else:
   * undefined). Its rows are read when needed (KeptWalkDamaged when they cannot be). */
  static restore(memory: WalkMemory, reportsDir: string, imports: Set<string> = new Set()): { walk: HistoryWalk; head: string; root: string } | undefined {
    const kept = memory.get();
    if (!kept) return undefined;
    let s: Record<string, unknown>;
    try { s = v8.deserialize(kept.state); } catch { return undefined; }
    if (!s || typeof s !== 'object') return undefined;
    const wantedImports = [...imports].sort();
    if (!isHash(s.head) || !isHash(s.root) || s.reportsDir !== reportsDir || !Array.isArray(s.imports) || s.imports.length !== wantedImports.length || s.imports.some((h, i) => h !== wantedImports[i])) return undefined;
    if (!isPairs(s.byIdentity) || !isPairs(s.identityByPath) || !isPairs(s.currentPath) || !Number.isInteger(s.next)) return undefined;
    if (!Array.isArray(s.reports) || !s.reports.every(isReportRows) || !Array.isArray(s.skipped) || !s.skipped.every(isSkipped) || !Array.isArray(s.trailerErrors) || !s.trailerErrors.every(isTrailerProblem)) return undefined;
    const walk = new HistoryWalk(reportsDir, imports);
    walk.byIdentity = new Map(s.byIdentity);
    walk.identityByPath = new Map(s.identityByPath);
    walk.currentPath = new Map(s.currentPath);
    walk.reports = new Map(s.reports);
    // Every report with rows must have a file to be listed under.
    if ([...walk.reports.keys()].some((i) => !walk.currentPath.has(i))) return undefined;
    walk.next = s.next as number;
    walk.skipped = s.skipped;
    walk.trailerErrors = s.trailerErrors;
    walk.kept = kept;
    return { walk, head: s.head, root: s.root };
  }
}

// A kept walk becomes rows on a page: each value is checked to be what this code writes.
const isStr = (v: unknown): v is string => typeof v === 'string';
const isHash = (v: unknown): v is string => isStr(v) && /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(v);
const isPairs = (v: unknown): v is [string, string][] => Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && isStr(p[0]) && isStr(p[1]));
const ROW_KEYS = ['identity', '変更日', '項目', '変更前の記載', '変更後の記載', '提出時期', '提出時期に係る説明', '要確認', 'commit', 'n'];
function isWalkRow(r: unknown): r is WalkRow {
  if (!r || typeof r !== 'object') return false;
  const x = r as Record<string, unknown>;
  let n = 0;
  for (const _ in x) n++;
  return n === ROW_KEYS.length && isStr(x.identity) && (x.変更日 === null || (isStr(x.変更日) && /^\d{4}-\d{2}-\d{2}$/.test(x.変更日)))
    && isStr(x.項目) && isStr(x.変更前の記載) && isStr(x.変更後の記載) && (x.提出時期 === null || x.提出時期 === '事前' || x.提出時期 === '事後')
    && isStr(x.提出時期に係る説明) && typeof x.要確認 === 'boolean' && isHash(x.commit) && Number.isInteger(x.n);
}
const isReportRows = (e: unknown): e is [string, ReportRows] => Array.isArray(e) && e.length === 2 && isStr(e[0]) && !!e[1] && typeof e[1] === 'object'
  && Number.isInteger(e[1].count) && e[1].count > 0 && Number.isInteger(e[1].first) && isStr(e[1].digest) && Object.keys(e[1]).length === 3;
const isSkipped = (s: unknown) => !!s && typeof s === 'object' && isHash((s as SkippedVersion).commit) && isStr((s as SkippedVersion).file) && isStr((s as SkippedVersion).message) && Object.keys(s).length === 3;
const isTrailerProblem = (p: unknown) => !!p && typeof p === 'object' && isHash((p as TrailerProblem).commit) && isStr((p as TrailerProblem).subject)
  && Array.isArray((p as TrailerProblem).messages) && (p as TrailerProblem).messages.every(isStr) && Object.keys(p).length === 3;
