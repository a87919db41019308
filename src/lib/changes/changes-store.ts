// Generated 変更箇所 rows for every report of the site, from one pass over the git history.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { generateChanges, type GeneratedRow } from './change-rows.ts';
import { repoRoot } from './git-history.ts';
import { readImports } from './history-imports.ts';
import type { Content } from '../content/content-store.ts';
import { REPORTS_DIR } from '../content/content-files.ts';

let cached: { dir: string; rows: Promise<Map<string, GeneratedRow[]>> } | undefined;

/** Rows by report file (absolute path). Content outside a git repository has no generated rows. */
export function generatedRows(content: Content): Promise<Map<string, GeneratedRow[]>> {
  if (cached?.dir === content.dir) return cached.rows;
  const rows = (async () => {
    const byFile = new Map<string, GeneratedRow[]>();
    const root = repoRoot(content.dir);
    if (!root) return byFile;
    const tracked = spawnSync('git', ['ls-files', '--error-unmatch', '.'], { cwd: path.join(content.dir, REPORTS_DIR), encoding: 'utf8' });
    if (tracked.status !== 0) return byFile; // reports not under version control (e.g. a test fixture copy)
    const reportsDir = path.relative(root, path.join(content.dir, REPORTS_DIR)).split(path.sep).join('/');
    const { rows: all } = await generateChanges({ cwd: root, reportsDir, imports: readImports(content.dir) });
    for (const r of all) {
      const file = path.join(root, r.report);
      byFile.set(file, [...(byFile.get(file) ?? []), r]);
    }
    return byFile;
  })();
  cached = { dir: content.dir, rows };
  return rows;
}

/** The generated rows of a version in force while its file holds a draft (site/version-history.ts
 * inForceReport): the rows recorded by the change sets up to it (`upTo`). They are filed under the report's
 * file, or, when the draft is of another 様式, under the name the walk gives the replaced report
 * (history-walk.ts: 「<file at the change>（<its 様式>）」), for any name the file had (`versions`). */
export async function rowsUpTo(content: Content, file: string, upTo: { commit: string }[], versions: { file: string }[], form: string): Promise<GeneratedRow[]> {
  const all = await generatedRows(content);
  const commits = new Set(upTo.map((v) => v.commit));
  const keys = [path.resolve(file), ...new Set(versions.map((v) => `${v.file}（${form}）`))];
  return keys.flatMap((k) => all.get(k) ?? []).filter((r) => commits.has(r.commit));
}
