// Every version of every report in git history, for the version-history pages: one `git log` over the
// reports folder for the whole site (not one per report), and the versions' texts read through one
// `git cat-file --batch` per page. Does I/O (git). A version is a first-parent commit that left the file
// changed; its 変更箇所 rows are the items that differ from the version before (report-diff.ts, with
// the official item paths of change-rows.ts), so an import shows what it brought like any other change.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BlobReader, readHistory, repoRoot } from '../changes/git-history.ts';
import { diffReports } from '../changes/report-diff.ts';
import { itemPath } from '../changes/change-rows.ts';
import { FORM_SCHEMAS, formOf } from '../form/form-schema.ts';
import { readYaml } from '../content/yaml-source.ts';
import type { Content, Report } from '../content/content-store.ts';
import { REPORTS_DIR } from '../content/content-files.ts';

export interface Version {
  /** Short commit hash: the version's name in URLs. */
  id: string;
  commit: string;
  /** Change-Date trailer when given, else the commit's author date (YYYY-MM-DD). */
  date: string;
  subject: string;
  blob: string;
}
export interface VersionRow { item: string; anchor: string; before: string; after: string; kind: 'changed' | 'added' | 'removed' | 'moved' }

const ID_LENGTH = 12;
let cached: { dir: string; versions: Map<string, Version[]> } | undefined;

/** Versions of every report file (absolute path), oldest first. Content outside git has none. */
export function reportVersions(content: Content): Map<string, Version[]> {
  if (cached?.dir === content.dir) return cached.versions;
  const out = new Map<string, Version[]>();
  cached = { dir: content.dir, versions: out };
  const root = repoRoot(content.dir);
  if (!root) return out;
  const tracked = spawnSync('git', ['ls-files', '--error-unmatch', '.'], { cwd: path.join(content.dir, REPORTS_DIR), encoding: 'utf8' });
  if (tracked.status !== 0) return out;
  const reportsDir = path.relative(root, path.join(content.dir, REPORTS_DIR)).split(path.sep).join('/');
  for (const c of readHistory(root, [reportsDir])) {
    for (const f of c.files) {
      if (!f.newPath || !f.newBlob || !/\.ya?ml$/.test(f.newPath)) continue;
      const file = path.join(root, f.newPath);
      // Change-Date: is already read (and checked) with the other trailers.
      out.set(file, [...(out.get(file) ?? []), { id: c.hash.slice(0, ID_LENGTH), commit: c.hash, date: c.trailers.changeDate ?? c.date.slice(0, 10), subject: c.subject, blob: f.newBlob }]);
    }
  }
  return out;
}

export const versionsOf = (content: Content, report: Report) => reportVersions(content).get(path.resolve(report.file)) ?? [];

/** The stored text of versions, read in one git process; call close() when done. */
export class VersionReader {
  private blobs: BlobReader;
  constructor(content: Content) {
    this.blobs = new BlobReader(repoRoot(content.dir) ?? content.dir);
  }
  async text(v: Version): Promise<string> {
    const buf = await this.blobs.read(v.blob);
    if (!buf) throw new Error(`git に版 ${v.id} のデータ（${v.blob}）がありません`);
    return buf.toString('utf8').replace(/^\uFEFF/, '');
  }
  /** The version's data, or what kept it from being read as YAML. */
  async parsed(v: Version): Promise<{ data?: Record<string, unknown>; problem?: string }> {
    const r = readYaml(await this.text(v));
    const p = r.problems[0];
    return p ? { problem: `${p.line}行目: ${p.message}` } : { data: r.data as Record<string, unknown> };
  }
  /** The version's data, or undefined when that version could not be read as YAML. */
  async data(v: Version): Promise<Record<string, unknown> | undefined> { return (await this.parsed(v)).data; }
  close() { this.blobs.close(); }
}

/** What changed from `before` to `after`: one row per official item (none for the first version). */
export function versionRows(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): VersionRow[] {
  if (!before || !after) return [];
  const form = formOf(after);
  if (!form) return [];
  return diffReports(before, after, FORM_SCHEMAS[form].schema).map((c) => ({ item: itemPath(c.ancestors, c.node), anchor: c.node.anchor, before: c.before, after: c.after, kind: c.kind }));
}
