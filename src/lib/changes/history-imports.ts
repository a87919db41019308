// Commits that brought already-published reports into the repository (transcriptions and their
// corrections): their edits are not changes to a published report, so they make no 変更箇所 rows.
// New imports say so with a `Change-Log: import` trailer; this file lists those made before that.
// Does I/O (reads the file; importsAt runs git).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

export const IMPORTS_FILE = 'history-imports.txt';

export function readImports(contentDir: string): Set<string> {
  try {
    return parseImports(fs.readFileSync(path.join(contentDir, IMPORTS_FILE), 'utf8'));
  } catch { return new Set(); }
}

/** The commits a history-imports.txt lists: the first word of each line, comments (#…) left out. Pure. */
export function parseImports(text: string): Set<string> {
  return new Set(text.split('\n').map((l) => l.replace(/#.*/, '').trim().split(/\s+/)[0]).filter((h) => /^[0-9a-f]{7,40}$/.test(h)));
}

/** The commits the file listed at commit `rev` (none if it had no such file). Runs git. */
export function importsAt(cwd: string, rev: string, contentDir: string): Set<string> {
  const rel = path.relative(cwd, path.resolve(contentDir, IMPORTS_FILE)).split(path.sep).join('/');
  const r = spawnSync('git', ['show', `${rev}:${rel}`], { cwd, encoding: 'utf8' });
  return r.status === 0 ? parseImports(r.stdout) : new Set();
}

/** The commits one list names and the other does not, each as the list wrote it. Pure. */
export function importsDiff(before: Set<string>, after: Set<string>): { added: string[]; removed: string[] } {
  const names = (a: Set<string>, b: Set<string>) => [...a].filter((h) => ![...b].some((x) => x.startsWith(h) || h.startsWith(x)));
  return { added: names(after, before), removed: names(before, after) };
}
