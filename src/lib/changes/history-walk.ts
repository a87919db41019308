// The walk over the change sets that makes the generated 変更箇所 rows, as state that can be kept:
// a run that finds the walk of an earlier head on HEAD's first-parent line goes on from it with only
// the newer commits, instead of walking (and loading the cache of) the whole history again. The walk
// reads versions through BlobVersions (git and the 変更箇所 cache: I/O); its state is plain data.
import crypto from 'node:crypto';
import v8 from 'node:v8';
import type { Commit, FileChange } from './git-history.ts';
import type { BlobVersions } from './blob-changes.ts';
import type { BlobFacts } from './change-cache.ts';
import type { GeneratedRow, SkippedVersion, TrailerProblem } from './change-rows.ts';
import { COMMON_SCHEMA, FORM_SCHEMAS } from '../form/form-schema.ts';

/** A row as the walk makes it: its report is named by the walk's key for it, and gets its file's name
 * only at the end (a report renamed later is listed under its newest name); `n` is its place among all
 * the rows. */
type WalkRow = Omit<GeneratedRow, 'report'> & { key: string; n: number };

/**
 * Where a kept walk is stored between runs (change-cache.ts keptWalks): its state (small), and each
 * report's rows (most of it: their texts) apart, read only when asked for, so that a run that adds a
 * commit's rows reads and writes that report's rows, not every row.
 */
export interface WalkMemory {
  /** The kept walk (undefined: none, or its state damaged); `rows` gives a report's rows as `put`
   * wrote them, or undefined when they are missing or damaged. */
  get(): { state: Buffer; rows(key: string): Buffer | undefined } | undefined;
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

/** Two printed identities (機関#様式#評価書番号) of one form that keep the 機関 (renumbered), or keep the
 * number where the old 機関 is gone (the report moved with its organisation). */
function movedOrRenumbered(a: string, b: string, oldOrganisationGone: () => boolean): boolean {
  const [ao, af, an] = a.split('#');
  const [bo, bf, bn] = b.split('#');
  return af === bf && (ao === bo || (an === bn && oldOrganisationGone()));
}

/** The share of texts two versions of one report keep (sharedText) for a file git did not pair with it. */
const MUCH_ALIKE = 0.6;

/** Whether a file added after a report's file was removed in an earlier change set (事務終了,
 * withdrawn) is that report restored: much the same texts. A new report given the removed report's
 * 評価書番号 is another report, with no rows, as every new report. The one rule the 変更箇所 walk and
 * the version history (site/version-history.ts) read. */
export async function restoredReport(versions: Pick<BlobVersions, 'likeness'>, removed: string, added: string): Promise<boolean> {
  return (await versions.likeness(removed, added)) >= MUCH_ALIKE;
}

// What a version prints (機関・様式・評価書番号); a draft without a number, its file.
const identityOf = (facts: BlobFacts, file: string) => facts.identity ?? `file:${file}`;
const sha = (...parts: string[]) => { const h = crypto.createHash('sha256'); for (const p of parts) h.update(p).update('\0'); return h.digest('base64url'); };

/**
 * Which report a version continues, and so which version its rows compare it with: the last readable
 * version of its own file (the file it was renamed from, for a rename git found), whatever either
 * prints, so that changing the 評価書番号, or taking it out and back, is a change of the same report.
 * A file added anew continues the report that printed the same 機関・様式・評価書番号 if that report's
 * file is gone (moved without git seeing a rename); while that file is still there, the new file is a
 * copy, which no site can publish (two files with one number), and its versions are skipped until it
 * prints a number of its own, as a new report. A file added with a version that cannot be read, where
 * git saw no rename, is tied to a report only by what its first readable version prints. Reports are
 * named by a key of the walk's own.
 */
export class HistoryWalk {
  /** The last readable version at each report file that exists, and the report it is a version of. */
  private atPath = new Map<string, { blob: string; key: string }>();
  /** The report whose newest version prints an identity. */
  private byIdentity = new Map<string, string>();
  /** Each report's newest readable version and what it prints. */
  private latest = new Map<string, { blob: string; identity: string }>();
  /** Each report's file (the last one it had, for a report whose file was removed). */
  private currentPath = new Map<string, string>();
  /** The report each file last named (follow): kept from currentPath, not stored. */
  private lastNamed = new Map<string, string>();
  /** Reports that had a published version (one that states a 公表日): only their versions after it
   * make rows. A report's first publication is no change, and neither are the edits of its draft (or
   * of a scaffold being filled in) before it: 変更箇所 records changes to a published report. */
  private published = new Set<string>();
  /** Reports with a version that could not be read since their last readable one: the rows of their
   * next readable version may be that commit's change, with another commit's 変更日 and 提出時期, so
   * they are 要確認. */
  private unreadSince = new Set<string>();
  /** Rows made by a version not in force (a published report put back to a draft, as for a public
   * comment), with no Change-Date of their own: the change takes effect when the report is published
   * again. Until then their 変更日 is blank; the version that publishes it replaces them by the rows
   * from `base` (the version before the draft's first such change) to itself, so that an edit made
   * and undone, or made twice, during the draft is recorded as what was published. By report. */
  private pending = new Map<string, Pending>();
  /** Reports with rows, in the order of their first row. */
  private reports = new Map<string, ReportRows>();
  /** Rows read back or made, by report (the others are still only in the memory). */
  private loaded = new Map<string, WalkRow[]>();
  private changed = new Set<string>();
  private next = 0;
  private skipped: SkippedVersion[] = [];
  private trailerErrors: TrailerProblem[] = [];
  /** The memory this walk was restored from, for the rows not read yet. */
  private kept?: { rows(key: string): Buffer | undefined };

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
      // (a second file printing the same number is a copy, skipped as the walk skips it)
      const held = this.byIdentity.get(identity);
      if (held === undefined || !this.isLive(held)) {
        const key = this.newKey(identity);
        this.follow(key, p, blob, identity);
        if (!facts.draft) this.published.add(key);
      }
    }
  }

  /** A key for a new report, from what it prints (a report that printed it before keeps its own). */
  private newKey(identity: string): string {
    let key = identity;
    for (let i = 2; this.latest.has(key) || this.reports.has(key); i++) key = `${identity}#${i}`;
    return key;
  }

  /** Whether a report's file is there (its newest version is the one at its file). */
  private isLive(key: string): boolean {
    const p = this.currentPath.get(key);
    return p !== undefined && this.atPath.get(p)?.key === key;
  }

  /** Records `blob` at `file` as the newest version of report `key`. */
  private follow(key: string, file: string, blob: string, identity: string) {
    const was = this.latest.get(key)?.identity;
    if (was !== undefined && was !== identity && this.byIdentity.get(was) === key) this.byIdentity.delete(was);
    this.byIdentity.set(identity, key);
    this.latest.set(key, { blob, identity });
    // A report whose file is gone (withdrawn) is named by its last file until another report takes
    // that name: its rows then stay its own, never the new report's.
    const named = this.lastNamed.get(file);
    if (named !== undefined && named !== key && this.currentPath.get(named) === file && this.atPath.get(file)?.key !== named) this.currentPath.set(named, `${file}（取りやめた評価書）`);
    this.atPath.set(file, { blob, key });
    this.currentPath.set(key, file);
    this.lastNamed.set(file, key);
  }

  /**
   * One change set: each report version it wrote is diffed against the last readable version of the
   * same report (same 機関 + 評価書番号, else same path), so renamed files stay one report and a broken
   * version is skipped. `rowsWanted` false: the versions are followed, no rows made (before --since).
   */
  async step(commit: Commit, versions: BlobVersions, rowsWanted = true) {
    const isImport = [...this.imports].some((h) => commit.hash.startsWith(h)) || /^import$/i.test(commit.trailers.changeLog ?? '');
    const files = commit.files.filter((x) => this.isReport(x.oldPath) || this.isReport(x.newPath));
    // Files removed or renamed away first: what was at them is what a rename, or a file that takes over
    // their report, continues.
    const gone = new Map<string, { blob: string; key: string }>();
    for (const f of files) {
      if (!f.oldPath || f.oldPath === f.newPath) continue;
      const was = this.atPath.get(f.oldPath);
      if (was) gone.set(f.oldPath, was);
      this.atPath.delete(f.oldPath);
    }
    const written = files.filter((f) => f.newBlob && this.isReport(f.newPath));
    // What each new version prints, read first: which report a version continues may depend on what
    // the others of the change set print.
    const facts = new Map<FileChange, BlobFacts | undefined>();
    for (const f of written) facts.set(f, await versions.facts(f.newBlob!));
    const printed = (f: FileChange) => { const a = facts.get(f); return a && !a.error ? identityOf(a, f.newPath!) : undefined; };
    const at = (f: FileChange) => (!f.oldPath ? undefined : f.oldPath === f.newPath ? this.atPath.get(f.oldPath) : gone.get(f.oldPath));
    // A rename git found continues its report if it prints the same, or is much alike and of the same
    // 様式 with the same 機関 (a renumbered report) or the same 評価書番号 (a report moved with its
    // organisation, merged or renamed): git's 50 % finds two reports of one form alike enough.
    const followed = (f: FileChange) => {
      const was = at(f);
      if (!was || f.oldPath === f.newPath) return was;
      const [before, now] = [this.latest.get(was.key)!.identity, printed(f)];
      // (another 機関 with the number: only when the old 機関's folder is left without a report, as when
      // an organisation is renamed or merged; numbers are per organisation, and reports of one 事務 alike)
      const folder = f.oldPath!.slice(0, f.oldPath!.lastIndexOf('/') + 1);
      const folderGone = () => ![...this.atPath.keys()].some((p) => p.startsWith(folder)) && !written.some((w) => w.newPath!.startsWith(folder));
      return now === undefined || now === before || ((f.similarity ?? 0) >= 90 && (before.startsWith('file:') || (!now.startsWith('file:') && movedOrRenumbered(before, now, folderGone)))) ? was : undefined;
    };
    // A report file removed, and a new file printing a number no report printed, of the same 様式 and
    // 機関, that git did not take for it (renumbered and re-indented, or much rewritten: git's rename
    // needs half the lines alike, followed() nine tenths): the same report when most of its texts are
    // the same (report-diff.ts sharedText), the most alike of them if several.
    const adopted = new Map<FileChange, { blob: string; key: string }>();
    const left = [...gone].filter(([, was]) => !written.some((w) => at(w) === was && followed(w)));
    for (const f of written) {
      const now = printed(f);
      if (!left.length || followed(f) || now === undefined || now.startsWith('file:') || this.byIdentity.has(now)) continue;
      let best: { was: { blob: string; key: string }; score: number } | undefined;
      for (const [oldPath, was] of left) {
        const before = this.latest.get(was.key)!;
        const folder = oldPath.slice(0, oldPath.lastIndexOf('/') + 1);
        const folderGone = () => ![...this.atPath.keys()].some((p) => p.startsWith(folder)) && !written.some((w) => w.newPath!.startsWith(folder));
        if ([...adopted.values()].includes(was) || before.identity.startsWith('file:') || !movedOrRenumbered(before.identity, now, folderGone)) continue;
        const score = await versions.likeness(before.blob, f.newBlob!);
        if (score >= MUCH_ALIKE && (!best || score > best.score)) best = { was, score };
      }
      if (best) adopted.set(f, best.was);
    }
    const previous = (f: FileChange) => adopted.get(f) ?? followed(f);
    // Reports that stop printing what they printed (their file removed, or rewritten to print something
    // else): a file of the change set that prints their number takes them over (two files swapped).
    const givingUp = new Set<string>();
    for (const f of files) {
      const was = at(f);
      if (was && (!f.newBlob || !this.isReport(f.newPath) || printed(f) !== this.latest.get(was.key)!.identity)) givingUp.add(was.key);
    }
    // Versions of a file with a readable past first, then new files: a new file that prints the number
    // another file printed until this change set takes it over only once that file has moved on.
    const ordered = [...written.filter((f) => previous(f)), ...written.filter((f) => !previous(f))];
    const skip = (f: FileChange, message: string) => { if (!isImport && rowsWanted) this.skipped.push({ commit: commit.hash, file: f.newPath!, message }); };
    const madeFor: string[] = [];
    for (const f of ordered) {
      const after = facts.get(f);
      if (!after || after.error) {
        skip(f, after?.error ? `YAML として読めません（${after.error.line}行目: ${after.error.message}）` : 'git から読めません');
        // (a file renamed as it broke keeps its last readable version for its next one)
        const was = f.oldPath !== f.newPath ? at(f) : undefined;
        if (was) { this.atPath.set(f.newPath!, was); this.currentPath.set(was.key, f.newPath!); this.lastNamed.set(f.newPath!, was.key); }
        const of = at(f) ?? this.atPath.get(f.newPath!);
        if (of && !isImport) this.unreadSince.add(of.key);
        continue;
      }
      const identity = identityOf(after, f.newPath!);
      let from = previous(f);
      if (from && this.latest.get(from.key)!.identity !== identity) {
        const other = this.byIdentity.get(identity);
        if (other !== undefined && other !== from.key && givingUp.has(other)) from = { blob: this.latest.get(other)!.blob, key: other };
      }
      // Another form in the same file (a 重点項目評価書 replaced by the 全項目評価書 a new しきい値判断 asks
      // for) is another report: its items are not the old form's, and no diff of the two means
      // anything. The old report's rows stay its own, named by its file and its form (no page's file).
      // (a version that prints no number is named by its file: the report it replaces is not found
      // again by that name)
      let replaced: string | undefined;
      if (from && after.form) {
        const was = await versions.facts(this.latest.get(from.key)!.blob);
        if (was?.form && was.form !== after.form) {
          if (this.currentPath.get(from.key) === f.newPath) this.currentPath.set(from.key, `${f.newPath}（${was.form}）`);
          replaced = from.key;
          from = undefined;
          // (told, not silent: a clerk who gave Submission: and Reason: for the re-evaluation finds no row)
          skip(f, `様式が${was.form}から${after.form}に変わりました。別の様式の評価書は項目が違うため、この版からは新しい評価書として数え、前の版との変更箇所の行は作りません（このコミットの Submission: などのトレーラーも行になりません）。評価のやり直しの記録は、公表された評価書の「変更箇所」に書かれていれば、そのとおりに転記してください`);
        }
      }
      if (!from) {
        const held = this.byIdentity.get(identity);
        const key = held === replaced ? undefined : held;
        if (key !== undefined && this.isLive(key)) {
          skip(f, `${this.currentPath.get(key)} と同じ評価実施機関・様式・評価書番号です（同じ評価書が 2 つのファイルにあります）`);
          continue;
        }
        // (a report whose file this change set removes is continued by the file that prints its number;
        // one removed earlier, only if restored)
        if (key !== undefined && ([...gone.values()].some((g) => g.key === key) || await restoredReport(versions, this.latest.get(key)!.blob, f.newBlob!))) from = { blob: this.latest.get(key)!.blob, key };
      }
      const key = from?.key ?? this.newKey(identity);
      versions.pin(f.newBlob!, this.latest.get(key)?.blob);
      this.follow(key, f.newPath!, f.newBlob!, identity);
      const wasPublished = this.published.has(key);
      if (!after.draft) this.published.add(key);
      const afterUnread = this.unreadSince.delete(key);
      const t = commit.trailers;
      const wrong = new Set(commit.trailerErrors.map((e) => e.key));
      // A draft's pending rows take the day of the version that publishes it again, whatever that change
      // set is (an import too); a Change-Date it gives that cannot be read leaves them blank and 要確認,
      // never dated by a later change.
      const waiting = this.pending.get(key);
      if (waiting && !after.draft && !rowsWanted) { this.pending.delete(key); continue; }
      if (waiting && !after.draft) {
        const day = wrong.has('changeDate') ? null : t.changeDate ?? commit.date.slice(0, 10);
        // (a draft that waits may have no rows yet: a report with none so far has no entry)
        const report = this.reports.get(key) ?? { count: 0, first: this.next, digest: '' };
        const rows = this.rowsOf(key);
        const drafted = rows.filter((r) => waiting.rows.includes(r.n));
        const saidOf = new Map(waiting.said.map(([item, 提出時期, 提出時期に係る説明, 要確認]) => [item, { 提出時期, 提出時期に係る説明, 要確認 }]));
        rows.splice(0, rows.length, ...rows.filter((r) => !waiting.rows.includes(r.n)));
        this.pending.delete(key);
        this.changed.add(key);
        madeFor.push(key);
        // What was published against what was in force before the draft; each row keeps what the
        // draft's change sets said of its item (提出時期, reason) unless this change set says it.
        if (after.form && after.form in FORM_SCHEMAS) {
          // (an item only a transcription fix changed during the draft is no change of the report)
          // (this change set's own changes are changes of the report, whatever an import did before)
          const own = new Set(from && !isImport ? (await versions.changes(from.blob, f.newBlob!)).map((c) => c.item) : []);
          const net = (await versions.changes(waiting.base, f.newBlob!)).filter((c) => saidOf.has(c.item) || own.has(c.item) || !waiting.imported.includes(c.item));
          for (const [i, change] of net.entries()) {
            const said = saidOf.get(change.item);
            rows.push({
              key, 変更日: day, 項目: change.item, 変更前の記載: change.before, 変更後の記載: change.after,
              // (a Submission that could not be read stays blank, this change set's or the draft's)
              // (an item changed only by the publishing change set is of the same revision: it takes the
              // Submission a draft's change set gave, else the rule for a change set that gives none)
              提出時期: t.submission ?? (wrong.has('submission') ? null : said ? said.提出時期 : waiting.submission ?? unsaidSubmission(change.significant, t.changeDate, commit.date)),
              提出時期に係る説明: t.reason ?? said?.提出時期に係る説明 ?? '',
              要確認: !day || wrong.size > 0 || afterUnread || (t.submission ? false : said ? said.要確認 : waiting.submission ? false : change.significant) || transcriptionState(change.before) !== transcriptionState(change.after),
              commit: commit.hash, n: this.next,
            });
            report.digest = sha(report.digest, 'published', commit.hash, waiting.base, f.newBlob!, String(i), String(this.next), day ?? '');
            this.next++;
          }
        }
        // (published in no known form: the draft's rows stay, dated by this change set)
        else for (const r of drafted) { r.変更日 = day; if (!day) r.要確認 = true; rows.push(r); }
        report.digest = sha(report.digest, 'published', commit.hash, day ?? '');
        report.count = rows.length;
        if (rows.length || this.reports.has(key)) this.reports.set(key, report);
        continue;
      }
      // a new report, one not published yet (its first publication included), or an import: no change rows
      // A published report put back to a draft: what it will publish is measured from this version's
      // predecessor, the one in force. Kept also where no rows are wanted (before --since), so that a
      // range that publishes the draft gives the rows a full walk gives.
      // (whatever Change-Date the change set gives: a draft's change is in force only once published)
      if (from && wasPublished && !isImport && after.draft && !this.pending.has(key)) {
        this.pending.set(key, { base: from.blob, rows: [], said: [], imported: [] });
      }
      // (a transcription fix during the draft: its items are left out of what the publication changes)
      const draftPending = this.pending.get(key);
      if (isImport && from && draftPending && after.form && after.form in FORM_SCHEMAS) {
        for (const c of await versions.changes(from.blob, f.newBlob!)) if (!draftPending.imported.includes(c.item)) draftPending.imported.push(c.item);
      }
      if (!from || !wasPublished || isImport || !after.form || !(after.form in FORM_SCHEMAS) || !rowsWanted) continue;
      const changes = await versions.changes(from.blob, f.newBlob!);
      if (!changes.length) continue;
      const rows = this.rowsOf(key);
      const report = this.reports.get(key) ?? { count: 0, first: this.next, digest: '' };
      // (a draft's change set waits, undated, once the draft waits, which its first change set starts above)
      const waitingDraft = after.draft ? this.pending.get(key) : undefined;
      const pendingHere = !!waitingDraft;
      for (const [i, change] of changes.entries()) {
        const row: WalkRow = {
          key,
          // A Change-Date or Submission that could not be read is left blank, never guessed; so is
          // the day of a draft's change until the report is published again.
          変更日: pendingHere ? null : t.changeDate ?? (wrong.has('changeDate') ? null : commit.date.slice(0, 10)),
          項目: change.item,
          変更前の記載: change.before,
          変更後の記載: change.after,
          提出時期: t.submission ?? (wrong.has('submission') ? null : unsaidSubmission(change.significant, t.changeDate, commit.date)),
          提出時期に係る説明: t.reason ?? '',
          // (a 記載状態 put on or taken off is most often the transcription's, not the report's: Change-Log: import)
          要確認: wrong.size > 0 || afterUnread || (!t.submission && change.significant) || transcriptionState(change.before) !== transcriptionState(change.after),
          commit: commit.hash,
          n: this.next,
        };
        rows.push(row);
        if (waitingDraft) {
          if (t.submission) waitingDraft.submission = t.submission;
          waitingDraft.rows.push(this.next);
          waitingDraft.said = [...waitingDraft.said.filter(([item]) => item !== row.項目), [row.項目, row.提出時期, row.提出時期に係る説明, row.要確認]];
        }
        // (a row is made of its change set, its two versions and its place: the code version and the
        // imports name the memory it is kept in)
        report.digest = sha(report.digest, commit.hash, from.blob, f.newBlob!, String(i), String(this.next));
        this.next++;
      }
      report.count = rows.length;
      this.reports.set(key, report);
      this.changed.add(key);
      madeFor.push(key);
    }
    if (madeFor.length && commit.trailerErrors.length) this.trailerErrors.push({ commit: commit.hash, subject: commit.subject, messages: commit.trailerErrors.map((e) => e.message), files: [...new Set(madeFor)] });
  }

  /** A report's rows, read back from the memory the first time they are needed. */
  private rowsOf(key: string): WalkRow[] {
    let rows = this.loaded.get(key);
    if (rows) return rows;
    const known = this.reports.get(key);
    rows = [];
    if (known) {
      let read: unknown;
      try { read = v8.deserialize(this.kept?.rows(key) ?? Buffer.alloc(0)); } catch { read = undefined; }
      if (!Array.isArray(read) || read.length !== known.count || !read.every((r) => isWalkRow(r) && r.key === key)) throw new KeptWalkDamaged(key);
      rows = read;
    }
    this.loaded.set(key, rows);
    return rows;
  }

  /** The rows so far, in the order they were made, each under its report's newest file name (only
   * `report`'s, when given). */
  result(report?: (file: string) => boolean) {
    const rows: WalkRow[] = [];
    for (const key of this.reports.keys()) if (!report || report(this.currentPath.get(key)!)) rows.push(...this.rowsOf(key));
    rows.sort((a, b) => a.n - b.n);
    return { rows: rows.map((r) => this.generated(r)), ...this.problems() };
  }

  /** The versions that could not be read, and the change sets whose trailers could not (with rows). */
  // (a trailer problem keeps the reports it made rows for by key: named by the file each is in now,
  // as their rows are, also after a rename)
  problems() { return { skipped: [...this.skipped], trailerErrors: this.trailerErrors.map((e) => ({ ...e, files: e.files.map((k) => this.currentPath.get(k) ?? k) })) }; }

  private generated({ key, n: _, ...row }: WalkRow): GeneratedRow {
    return { report: this.currentPath.get(key)!, ...row };
  }

  /** The rows by report file, in the order of each file's first row, read only when asked for (the
   * same rows as result(), grouped). */
  files(): FileRows[] {
    const byFile = new Map<string, string[]>();
    for (const key of this.reports.keys()) {
      const file = this.currentPath.get(key)!;
      byFile.set(file, [...(byFile.get(file) ?? []), key]);
    }
    return [...byFile].map(([file, keys]) => ({
      file, keys, first: Math.min(...keys.map((k) => this.reports.get(k)!.first)),
    })).sort((a, b) => a.first - b.first).map(({ file, keys }) => ({
      file,
      digest: sha(file, ...keys.map((k) => this.reports.get(k)!.digest)),
      rows: () => keys.flatMap((k) => this.rowsOf(k)).sort((a, b) => a.n - b.n).map((r) => this.generated(r)),
    }));
  }

  /** Keeps the walk as it stands after `head` (a commit of the line whose first commit is `root`):
   * the rows of the reports that changed since it was restored, or all of them. */
  keep(memory: WalkMemory, head: string, root: string) {
    const replacing = !this.kept;
    const rows = new Map<string, Buffer>();
    for (const key of replacing ? this.reports.keys() : this.changed) rows.set(key, v8.serialize(this.rowsOf(key)));
    const state = v8.serialize({
      head, root, reportsDir: this.reportsDir, imports: [...this.imports].sort(), next: this.next,
      atPath: [...this.atPath].map(([p, v]) => [p, v.blob, v.key]), byIdentity: [...this.byIdentity],
      latest: [...this.latest].map(([k, v]) => [k, v.blob, v.identity]), currentPath: [...this.currentPath], published: [...this.published], unreadSince: [...this.unreadSince],
      pending: [...this.pending], reports: [...this.reports], skipped: this.skipped, trailerErrors: this.trailerErrors,
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
    if (!isTriples(s.atPath) || !isPairs(s.byIdentity) || !isTriples(s.latest) || !isPairs(s.currentPath) || !Number.isInteger(s.next) || !Array.isArray(s.published) || !s.published.every(isStr) || !Array.isArray(s.unreadSince) || !s.unreadSince.every(isStr)) return undefined;
    if (!Array.isArray(s.pending) || !s.pending.every((p) => Array.isArray(p) && p.length === 2 && isStr(p[0]) && isPending(p[1]))) return undefined;
    if (!Array.isArray(s.reports) || !s.reports.every(isReportRows) || !Array.isArray(s.skipped) || !s.skipped.every(isSkipped) || !Array.isArray(s.trailerErrors) || !s.trailerErrors.every(isTrailerProblem)) return undefined;
    const walk = new HistoryWalk(reportsDir, imports);
    walk.atPath = new Map(s.atPath.map(([p, blob, key]) => [p, { blob, key }]));
    walk.byIdentity = new Map(s.byIdentity);
    walk.latest = new Map(s.latest.map(([key, blob, identity]) => [key, { blob, identity }]));
    walk.currentPath = new Map(s.currentPath);
    for (const [key, file] of walk.currentPath) walk.lastNamed.set(file, key);
    walk.reports = new Map(s.reports);
    walk.published = new Set(s.published as string[]);
    walk.unreadSince = new Set(s.unreadSince as string[]);
    walk.pending = new Map(s.pending as [string, Pending][]);
    if ([...walk.pending.keys()].some((k) => !walk.latest.has(k))) return undefined;
    if ([...walk.published].some((k) => !walk.latest.has(k))) return undefined;
    // Every report with rows must have a file to be listed under, and every report named a newest version.
    if ([...walk.reports.keys()].some((k) => !walk.currentPath.has(k))) return undefined;
    if ([...walk.atPath.values(), ...[...walk.byIdentity.values()].map((key) => ({ key }))].some((v) => !walk.latest.has(v.key))) return undefined;
    walk.next = s.next as number;
    walk.skipped = s.skipped;
    walk.trailerErrors = s.trailerErrors;
    walk.kept = kept;
    return { walk, head: s.head, root: s.root };
  }
}

/** A draft's rows waiting for the version that publishes it (HistoryWalk.pending): the version in force
 * before it, the rows' n, and what its change sets said of each item (提出時期, reason, 要確認). */
/**
 * 提出時期 of a row whose change set gives no Submission: a change of an item the 様式 marks ※ is left
 * blank (要確認): it is a 重要な変更, submitted before it (事前), unless it changes no risk (a new name
 * after a reorganisation), which only the organisation can say. Another change dated after the day it
 * was recorded (Change-Date) is not in practice yet when submitted: 事前. Else 事後, the change made
 * first and the report corrected after it (記載要領).
 */
export function unsaidSubmission(significant: boolean, changeDate: string | undefined, committed: string): '事前' | '事後' | null {
  if (significant) return null;
  return changeDate && changeDate > committed.slice(0, 10) ? '事前' : '事後';
}

interface Pending { base: string; rows: number[]; said: [string, '事前' | '事後' | null, string, boolean][]; /** the Submission the draft's change sets gave, the latest */ submission?: '事前' | '事後'; /** items transcription fixes (imports) changed during the draft */ imported: string[] }
const isPending = (p: unknown): p is Pending => !!p && typeof p === 'object' && isStr((p as Pending).base) && Array.isArray((p as Pending).rows) && (p as Pending).rows.every(Number.isInteger)
  && ((p as Pending).submission === undefined || (p as Pending).submission === '事前' || (p as Pending).submission === '事後')
  && Array.isArray((p as Pending).said) && (p as Pending).said.every((x) => Array.isArray(x) && x.length === 4 && isStr(x[0]) && (x[1] === null || x[1] === '事前' || x[1] === '事後') && isStr(x[2]) && typeof x[3] === 'boolean')
  && Array.isArray((p as Pending).imported) && (p as Pending).imported.every(isStr);

/** The 記載状態 a cell of a row begins with (「［判読不能］…」, as plainValue writes a marked value), if any. */
const STATES = (COMMON_SCHEMA.definitions?.['記載状態の値']?.enum ?? []) as string[];
const transcriptionState = (cell: string) => STATES.find((s) => cell.startsWith(`［${s}］`));

// A kept walk becomes rows on a page: each value is checked to be what this code writes.
const isStr = (v: unknown): v is string => typeof v === 'string';
const isHash = (v: unknown): v is string => isStr(v) && /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(v);
const isPairs = (v: unknown): v is [string, string][] => Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && isStr(p[0]) && isStr(p[1]));
const isTriples = (v: unknown): v is [string, string, string][] => Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 3 && p.every(isStr));
const ROW_KEYS = ['key', '変更日', '項目', '変更前の記載', '変更後の記載', '提出時期', '提出時期に係る説明', '要確認', 'commit', 'n'];
function isWalkRow(r: unknown): r is WalkRow {
  if (!r || typeof r !== 'object') return false;
  const x = r as Record<string, unknown>;
  let n = 0;
  for (const _ in x) n++;
  return n === ROW_KEYS.length && isStr(x.key) && (x.変更日 === null || (isStr(x.変更日) && /^\d{4}-\d{2}-\d{2}$/.test(x.変更日)))
    && isStr(x.項目) && isStr(x.変更前の記載) && isStr(x.変更後の記載) && (x.提出時期 === null || x.提出時期 === '事前' || x.提出時期 === '事後')
    && isStr(x.提出時期に係る説明) && typeof x.要確認 === 'boolean' && isHash(x.commit) && Number.isInteger(x.n);
}
const isReportRows = (e: unknown): e is [string, ReportRows] => Array.isArray(e) && e.length === 2 && isStr(e[0]) && !!e[1] && typeof e[1] === 'object'
  && Number.isInteger(e[1].count) && e[1].count > 0 && Number.isInteger(e[1].first) && isStr(e[1].digest) && Object.keys(e[1]).length === 3;
const isSkipped = (s: unknown) => !!s && typeof s === 'object' && isHash((s as SkippedVersion).commit) && isStr((s as SkippedVersion).file) && isStr((s as SkippedVersion).message) && Object.keys(s).length === 3;
const isTrailerProblem = (p: unknown) => !!p && typeof p === 'object' && isHash((p as TrailerProblem).commit) && isStr((p as TrailerProblem).subject)
  && Array.isArray((p as TrailerProblem).messages) && (p as TrailerProblem).messages.every(isStr)
  && Array.isArray((p as TrailerProblem).files) && (p as TrailerProblem).files.every(isStr) && Object.keys(p).length === 4;
