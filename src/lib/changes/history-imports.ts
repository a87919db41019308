// Commits that brought already-published reports into the repository (transcriptions and their
// corrections): their edits are not changes to a published report, so they make no 変更箇所 rows.
// New imports say so with a `Change-Log: import` trailer; this file lists those made before that.
import fs from 'node:fs';
import path from 'node:path';

export const IMPORTS_FILE = 'history-imports.txt';

export function readImports(contentDir: string): Set<string> {
  try {
    const text = fs.readFileSync(path.join(contentDir, IMPORTS_FILE), 'utf8');
    return new Set(text.split('\n').map((l) => l.replace(/#.*/, '').trim().split(/\s+/)[0]).filter((h) => /^[0-9a-f]{7,40}$/.test(h)));
  } catch { return new Set(); }
}
