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
