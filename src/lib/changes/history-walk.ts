// The walk over the change sets that makes the generated 変更箇所 rows, as state that can be kept:
// a run that finds the walk of an earlier head on HEAD's first-parent line goes on from it with only
// the newer commits, instead of walking (and loading the cache of) the whole history again. The walk
// reads versions through BlobVersions (git and the 変更箇所 cache: I/O); its state is plain data.
import v8 from 'node:v8';
import type { Commit } from './git-history.ts';
import type { BlobVersions } from './blob-changes.ts';
import type { BlobFacts } from './change-cache.ts';
import type { GeneratedRow, SkippedVersion, TrailerProblem } from './change-rows.ts';
import { FORM_SCHEMAS } from '../form/form-schema.ts';

/** A row as the walk makes it: its report is named by identity, and gets its file's name only at the
 * end (a report renamed later is listed under its newest name). */
type WalkRow = Omit<GeneratedRow, 'report'> & { identity: string };

/**
 * Where a kept walk is stored between runs (change-cache.ts keptWalks): its state (small) and its rows
 * (most of it: their texts) in parts, oldest first, so that a run that adds a commit's rows writes
 * those, not every row again.
 */
export interface WalkMemory {
  /** The kept walk, or undefined (none, or a part missing or damaged). */
  get(): { state: Buffer; rows: Buffer[] } | undefined;
  /** Keeps a walk: its state with the rows added since `get` as a new part, or with all its rows as
   * the only part (`replacing`). */
  put(state: Buffer, rows: Buffer, replacing: boolean): void;
}
/** Parts of rows kept before they are written again as one. */
const MOST_PARTS = 8;

// A report is followed through renames of its file by what it prints (機関・様式・評価書番号); a draft
// without a number, by its file.
const identityOf = (facts: BlobFacts, file: string) => facts.identity ?? `file:${file}`;
const readable = (f: BlobFacts | undefined) => !!f && !f.error;

export class HistoryWalk {
  // The blob of the last version of each report that could be read, by identity (機関 + 評価書番号) and by path.
  private byIdentity = new Map<string, string>();
  private identityByPath = new Map<string, string>();
  private currentPath = new Map<string, string>();
  private made: WalkRow[] = [];
  private skipped: SkippedVersion[] = [];
  private trailerErrors: TrailerProblem[] = [];
  // What the memory it was restored from holds: its parts of rows, and how many rows they are.
  private keptParts = 0;
  private keptRows = 0;

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
      for (const change of await versions.changes(before, f.newBlob)) {
        this.made.push({
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
        });
        made = true;
      }
    }
    if (made && commit.trailerErrors.length) this.trailerErrors.push({ commit: commit.hash, subject: commit.subject, messages: commit.trailerErrors.map((e) => e.message) });
  }

  /** The rows so far, each under its report's newest file name (only `report`'s, when given). */
  result(report?: (file: string) => boolean) {
    const rows: GeneratedRow[] = [];
    for (const { identity, ...row } of this.made) {
      const file = this.currentPath.get(identity)!;
      if (!report || report(file)) rows.push({ report: file, ...row });
    }
    return { rows, skipped: [...this.skipped], trailerErrors: [...this.trailerErrors] };
  }

  /** Keeps the walk as it stands after `head` (a commit of the line whose first commit is `root`). */
  keep(memory: WalkMemory, head: string, root: string) {
    const replacing = this.keptParts === 0 || this.keptParts >= MOST_PARTS;
    const rows = replacing ? this.made : this.made.slice(this.keptRows);
    const state = v8.serialize({
      head, root, reportsDir: this.reportsDir, imports: [...this.imports].sort(), rows: this.made.length,
      byIdentity: [...this.byIdentity], identityByPath: [...this.identityByPath], currentPath: [...this.currentPath],
      skipped: this.skipped, trailerErrors: this.trailerErrors,
    });
    memory.put(state, v8.serialize(rows), replacing);
    this.keptParts = replacing ? 1 : this.keptParts + 1;
    this.keptRows = this.made.length;
  }

  /** The walk a memory keeps, with the head and first commit it was kept at, if it has the shape this
   * code writes and was made for the same reports folder and imports (anything else: undefined). */
  static restore(memory: WalkMemory, reportsDir: string, imports: Set<string> = new Set()): { walk: HistoryWalk; head: string; root: string } | undefined {
    const kept = memory.get();
    if (!kept) return undefined;
    let s: Record<string, unknown>;
    const made: unknown[] = [];
    try {
      s = v8.deserialize(kept.state);
      for (const part of kept.rows) { const rows: unknown = v8.deserialize(part); if (!Array.isArray(rows)) return undefined; for (const r of rows) made.push(r); }
    } catch { return undefined; }
    if (!s || typeof s !== 'object') return undefined;
    const wantedImports = [...imports].sort();
    if (!isHash(s.head) || !isHash(s.root) || s.reportsDir !== reportsDir || !Array.isArray(s.imports) || s.imports.length !== wantedImports.length || s.imports.some((h, i) => h !== wantedImports[i])) return undefined;
    if (!isPairs(s.byIdentity) || !isPairs(s.identityByPath) || !isPairs(s.currentPath)) return undefined;
    if (s.rows !== made.length || !made.every(isWalkRow) || !Array.isArray(s.skipped) || !s.skipped.every(isSkipped) || !Array.isArray(s.trailerErrors) || !s.trailerErrors.every(isTrailerProblem)) return undefined;
    const walk = new HistoryWalk(reportsDir, imports);
    walk.byIdentity = new Map(s.byIdentity);
    walk.identityByPath = new Map(s.identityByPath);
    walk.currentPath = new Map(s.currentPath);
    // Every row's report must have a file to be listed under.
    if (!made.every((r) => walk.currentPath.has(r.identity))) return undefined;
    walk.made = made;
    walk.skipped = s.skipped;
    walk.trailerErrors = s.trailerErrors;
    walk.keptParts = kept.rows.length;
    walk.keptRows = made.length;
    return { walk, head: s.head, root: s.root };
  }
}

// A kept walk becomes rows on a page: each value is checked to be what this code writes.
const isStr = (v: unknown): v is string => typeof v === 'string';
const isHash = (v: unknown): v is string => isStr(v) && /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(v);
const isPairs = (v: unknown): v is [string, string][] => Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && isStr(p[0]) && isStr(p[1]));
const ROW_KEYS = ['identity', '変更日', '項目', '変更前の記載', '変更後の記載', '提出時期', '提出時期に係る説明', '要確認', 'commit'];
function isWalkRow(r: unknown): r is WalkRow {
  if (!r || typeof r !== 'object') return false;
  const x = r as Record<string, unknown>;
  let n = 0;
  for (const _ in x) n++;
  return n === ROW_KEYS.length && isStr(x.identity) && (x.変更日 === null || (isStr(x.変更日) && /^\d{4}-\d{2}-\d{2}$/.test(x.変更日)))
    && isStr(x.項目) && isStr(x.変更前の記載) && isStr(x.変更後の記載) && (x.提出時期 === null || x.提出時期 === '事前' || x.提出時期 === '事後')
    && isStr(x.提出時期に係る説明) && typeof x.要確認 === 'boolean' && isHash(x.commit);
}
const isSkipped = (s: unknown) => !!s && typeof s === 'object' && isHash((s as SkippedVersion).commit) && isStr((s as SkippedVersion).file) && isStr((s as SkippedVersion).message) && Object.keys(s).length === 3;
const isTrailerProblem = (p: unknown) => !!p && typeof p === 'object' && isHash((p as TrailerProblem).commit) && isStr((p as TrailerProblem).subject)
  && Array.isArray((p as TrailerProblem).messages) && (p as TrailerProblem).messages.every(isStr) && Object.keys(p).length === 3;
