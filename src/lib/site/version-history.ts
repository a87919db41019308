// Every version of every report in git history, for the version-history pages: one `git log` over the
// reports folder for the whole site (not one per report), and the versions' texts read through one
// `git cat-file --batch` per page. Does I/O (git). A version is a first-parent commit that left the file
// changed; its 変更箇所 rows are the items that differ from the version before (report-diff.ts, with
// the official item paths of change-rows.ts), so an import shows what it brought like any other change.
// The rows between two versions come from the 変更箇所 cache (change-cache.ts) when a build or `npm run
// changes` has computed them before.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BlobReader, readHistory, readHistoryRemembered, repoRoot } from '../changes/git-history.ts';
import { BlobVersions } from '../changes/blob-changes.ts';
import { changeCache, historyMemory } from '../changes/change-cache.ts';
import { FORM_SCHEMAS, formOf } from '../form/form-schema.ts';
import { validateText } from '../content/validate.ts';
import { readYaml } from '../content/yaml-source.ts';
import { Report, type Content } from '../content/content-store.ts';
import { REPORTS_DIR } from '../content/content-files.ts';
import { visible } from '../content/value-rules.ts';
import { readImports } from '../changes/history-imports.ts';
import { restoredReport } from '../changes/history-walk.ts';
import { notInForce } from '../report/version-state.ts';

export interface Version {
  /** Short commit hash: the version's name in URLs. */
  id: string;
  commit: string;
  /** Change-Date trailer when given, else the commit's date (YYYY-MM-DD). */
  date: string;
  /** The Change-Date: trailer was written but could not be read (a trailer error, whose 変更箇所 rows
   * are 要確認 with a blank 変更日): `date` is then the commit's, not the change's. */
  dateUnconfirmed?: boolean;
  subject: string;
  blob: string;
  /** The change set records the site's transcription (Change-Log: import, or listed in
   * history-imports.txt), not a change to the report: it makes no 変更箇所 row. */
  transcription?: true;
  /** The report's file in this version (absolute): its name when the version was recorded. */
  file: string;
  /** The file was removed in an earlier change set and is back: the report restored, or a new report
   * under its name (VersionReader.own tells which, as 変更箇所 does). */
  afterRemoval?: true;
}
export interface VersionRow { item: string; anchor: string; before: string; after: string; kind: 'changed' | 'added' | 'removed' | 'moved' }

const ID_LENGTH = 12;
let cached: { dir: string; versions: Map<string, Version[]> } | undefined;

/** Versions of every report file (absolute path), oldest first. Content outside git has none. */
export function reportVersions(content: Pick<Content, 'dir'>): Map<string, Version[]> {
  if (cached?.dir === content.dir) return cached.versions;
  const out = new Map<string, Version[]>();
  cached = { dir: content.dir, versions: out };
  const root = rootOf(content.dir);
  if (!root) return out;
  const tracked = spawnSync('git', ['ls-files', '--error-unmatch', '.'], { cwd: path.join(content.dir, REPORTS_DIR), encoding: 'utf8' });
  if (tracked.status !== 0) return out;
  const reportsDir = path.relative(root, path.join(content.dir, REPORTS_DIR)).split(path.sep).join('/');
  const memory = historyMemory(reportsDir);
  const remembered = memory ? readHistoryRemembered(root, [reportsDir], memory) : undefined;
  // (the 変更箇所 cache is then named without asking git for the first commit again)
  if (remembered?.root) changeCache(root, reportsDir, remembered.root);
  const imports = readImports(content.dir);
  // (files removed and not added back yet)
  const removed = new Set<string>();
  for (const c of remembered ? remembered.commits : readHistory(root, [reportsDir])) {
    const transcription = /^import$/i.test(c.trailers.changeLog ?? '') || [...imports].some((h) => c.hash.startsWith(h));
    // A file renamed (git mv, found by git as a rename) keeps its versions: the same report under its
    // new name (the 評価書番号 changed), as its 変更箇所 does.
    const renamed = new Map<string, Version[]>();
    for (const f of c.files) {
      if (!f.oldPath || !f.newPath || f.oldPath === f.newPath || !/\.ya?ml$/.test(f.newPath)) continue;
      const had = out.get(path.join(root, f.oldPath));
      if (had) { renamed.set(path.join(root, f.newPath), had); out.delete(path.join(root, f.oldPath)); }
    }
    // (renamed onto the name of a report removed earlier: that report's versions are not this one's)
    for (const [file, had] of renamed) { out.set(file, removed.delete(file) ? had : [...had, ...(out.get(file) ?? [])]); }
    for (const f of c.files) if (f.oldPath && !f.newPath) removed.add(path.join(root, f.oldPath));
    for (const f of c.files) {
      if (!f.newPath || !f.newBlob || !/\.ya?ml$/.test(f.newPath)) continue;
      const file = path.join(root, f.newPath);
      const back = removed.delete(file) && out.has(file);
      // Change-Date: is already read (and checked) with the other trailers.
      out.set(file, [...(out.get(file) ?? []), { id: c.hash.slice(0, ID_LENGTH), commit: c.hash, date: c.trailers.changeDate ?? c.date.slice(0, 10), ...(c.trailerErrors.some((e) => e.key === 'changeDate') ? { dateUnconfirmed: true } : {}), subject: visible(c.subject), blob: f.newBlob, file, ...(transcription ? { transcription: true as const } : {}), ...(back ? { afterRemoval: true as const } : {}) }]);
    }
  }
  return out;
}

/** Every version git has at the report's file (and the names it had), oldest first. */
export const versionsOf = (content: Pick<Content, 'dir'>, report: Pick<Report, 'file'>) => reportVersions(content).get(path.resolve(report.file)) ?? [];

const own = new Map<string, Promise<Version[]>>();
/** The versions of the report itself: from the last time its file began a report. A file removed
 * (事務終了) and later added again is a new report unless it is the removed report restored
 * (history-walk.ts restoredReport): the versions before are another report's, not listed, linked or
 * offered for download with this one. Versions of another 様式 in the same file stay, marked as such
 * (VersionReader.history). */
export function ownVersionsOf(content: Pick<Content, 'dir'>, report: Pick<Report, 'file'>): Promise<Version[]> {
  const file = path.resolve(report.file);
  let hit = own.get(file);
  if (!hit) own.set(file, (hit = sharedVersionReader(content).own(versionsOf(content, report))));
  return hit;
}

/** The newest of the report's own versions that was in force (version-state.ts), with its data: what a
 * draft under public comment is compared with (changes/draft-changes.ts), and the report a reader can
 * still read in full while the draft is proposed. A new report given a withdrawn report's number has none. */
export async function inForceVersion(report: Pick<Report, 'file'>, content: Pick<Content, 'dir'> = { dir: path.resolve(report.file, '../../..') }): Promise<{ version: Version; versions: Version[]; data: Record<string, unknown> } | undefined> {
  const reader = sharedVersionReader(content);
  const versions = await ownVersionsOf(content, report);
  for (let i = versions.length - 1; i >= 0; i--) {
    const data = await reader.data(versions[i]);
    if (data && !notInForce(data)) return { version: versions[i], versions: versions.slice(0, i + 1), data };
  }
  return undefined;
}

export interface InForce { report: Report; version: Version; versions: Version[] }
const inForceReports = new Map<string, Promise<InForce | undefined>>();
/** The version in force (inForceVersion) as a Report of its own, for its page while the report's file
 * holds a proposal: its 様式 may not be the proposal's. Undefined when there is none, or when that version
 * is not of a form this site knows or does not pass the site's validation (a page is made only of data
 * that does). Reads git. */
export function inForceReport(report: Pick<Report, 'file'>, content: Pick<Content, 'dir'>): Promise<InForce | undefined> {
  const file = path.resolve(report.file);
  let hit = inForceReports.get(file);
  if (!hit) {
    inForceReports.set(file, (hit = (async () => {
      const found = await inForceVersion(report, content);
      const form = found && formOf(found.data);
      if (!found || !form || !(form in FORM_SCHEMAS)) return undefined;
      if (validateText(report.file, await sharedVersionReader(content).text(found.version), 'report').problems.length) return undefined;
      const old = Object.defineProperty(new Report(report.file, found.data), 'data', { value: found.data }) as Report;
      return { report: old, version: found.version, versions: found.versions };
    })()));
  }
  return hit;
}

/** The data of inForceVersion. */
export const publishedVersion = async (report: Pick<Report, 'file'>, content?: Pick<Content, 'dir'>): Promise<Record<string, unknown> | undefined> => (await inForceVersion(report, content))?.data;

// The repository of a content folder, asked of git once per folder (a page asks for it too).
const roots = new Map<string, string | undefined>();
const rootOf = (dir: string) => { if (!roots.has(dir)) roots.set(dir, repoRoot(dir)); return roots.get(dir); };

const shared = new Map<string, VersionReader>();
/** One reader for every page of a build (one git process, not one per page: starting git from the
 * large build process took 28 ms a page). It never needs closing: its git process keeps the build
 * alive only while a read is under way. */
export function sharedVersionReader(content: Pick<Content, 'dir'>): VersionReader {
  let reader = shared.get(content.dir);
  if (!reader) shared.set(content.dir, (reader = new VersionReader(content, { idle: 'unref' })));
  return reader;
}

/** The stored text of versions, read in one git process; call close() when done (not for a shared one). */
export class VersionReader {
  private blobs: BlobReader;
  private versions: BlobVersions;
  constructor(content: Pick<Content, 'dir'>, { idle = 'keep' }: { idle?: 'keep' | 'unref' } = {}) {
    const root = rootOf(content.dir);
    this.blobs = new BlobReader(root ?? content.dir, { idle });
    const reportsDir = root && path.relative(root, path.join(content.dir, REPORTS_DIR)).split(path.sep).join('/');
    // The rows between two versions are the ones `npm run changes` and the report pages use: cached by blob.
    this.versions = new BlobVersions(this.blobs, root ? changeCache(root, reportsDir!) : undefined);
  }
  async text(v: Version): Promise<string> {
    const buf = await this.blobs.read(v.blob);
    if (!buf) throw new Error(`git に版 ${v.id} のデータ（${v.blob}）がありません`);
    return buf.toString('utf8').replace(/^\uFEFF/, '');
  }
  /** The version's data, or what kept it from being read as YAML. */
  async parsed(v: Version): Promise<{ data?: Record<string, unknown>; problem?: string }> {
    const r = readYaml(await this.text(v), { strict: false });
    const p = r.problems[0];
    return p ? { problem: `${p.line}行目: ${p.message}` } : { data: r.data as Record<string, unknown> };
  }
  /** The version's data, or undefined when that version could not be read as YAML. */
  async data(v: Version): Promise<Record<string, unknown> | undefined> { return (await this.parsed(v)).data; }
  /** The versions of one report among those of its file (ownVersionsOf). */
  async own(versions: Version[]): Promise<Version[]> {
    let from = 0;
    for (const [i, v] of versions.entries()) {
      if (!v.afterRemoval || i === 0) continue;
      // (the first readable version back decides, as in the 変更箇所 walk, which skips one it cannot read)
      const last = await this.readable(versions.slice(from, i).reverse());
      const back = await this.readable(versions.slice(i));
      if (!last || !back || !(await restoredReport(this.versions, last.blob, back.blob))) from = i;
    }
    return versions.slice(from);
  }
  /** The first version of a list that can be read. */
  private async readable(versions: Version[]): Promise<Version | undefined> {
    for (const v of versions) { const f = await this.versions.facts(v.blob); if (f && !f.error) return v; }
    return undefined;
  }
  /** The 様式 a version is of (undefined when it cannot be read). */
  async formOf(v: Version): Promise<string | undefined> {
    const f = await this.versions.facts(v.blob);
    return f && !f.error ? f.form ?? undefined : undefined;
  }
  /** The 様式 of two versions when they differ (a re-evaluation in another form in the same file): they
   * have other items, and no item-by-item 新旧対照. */
  async formChange(before: Version | undefined, after: Version): Promise<{ from: string; to: string } | undefined> {
    if (!before) return undefined;
    const [a, b] = [await this.versions.facts(before.blob), await this.versions.facts(after.blob)];
    return a && !a.error && b && !b.error && a.form && b.form && a.form !== b.form ? { from: a.form, to: b.form } : undefined;
  }
  /** What changed from version `before` to `after` (none for the first version, an unreadable one, or
   * one of another 様式: formChange). */
  async rows(before: Version | undefined, after: Version): Promise<VersionRow[]> {
    if (!before) return [];
    const [a, b] = [await this.versions.facts(before.blob), await this.versions.facts(after.blob)];
    if (!a || a.error || !b || b.error || !b.form || !(b.form in FORM_SCHEMAS) || a.form !== b.form) return [];
    return (await this.versions.changes(before.blob, after.blob)).map(({ item, anchor, before: was, after: now, kind }) => ({ item, anchor, before: was, after: now, kind }));
  }
  /** The rows of each version against the last readable one before it, oldest first; whether the
   * version states no 公表日 (a draft, or a 雛形 being filled in: not a published version); its 様式;
   * and the 様式 it replaced when that differs (formChange). */
  async history(versions: Version[]): Promise<{ rows: VersionRow[]; draft: boolean; form?: string; formChange?: { from: string; to: string } }[]> {
    const out: { rows: VersionRow[]; draft: boolean; form?: string; formChange?: { from: string; to: string } }[] = [];
    let before: Version | undefined;
    for (const v of versions) {
      const f = await this.versions.facts(v.blob);
      const formChange = await this.formChange(before, v);
      out.push({ rows: await this.rows(before, v), draft: !!f && !f.error && !!f.draft, ...(f && !f.error && f.form ? { form: f.form } : {}), ...(formChange ? { formChange } : {}) });
      if (f && !f.error) before = v;
    }
    return out;
  }
  close() { this.blobs.close(); }
}
