// Which commits touched each report file, following renames backwards (a report renamed since keeps the
// versions of its earlier name, as the version history does). Read from one
// `git log --first-parent --name-status -M` over the reports folder. Pure (parses that output).

/** `log` is the output of `git log --first-parent --format=%x1e%H --name-status -M`: records separated
 * by \x1e, each a commit hash line followed by "STATUS\tpath[\tnewpath]" lines. The result is keyed by
 * the paths asked for (as git prints them, relative to the repository), newest commit first. */
export function touchesByFile(log: string, files: Iterable<string>): Map<string, string[]> {
  const commits = log.split('\x1e').filter((c) => c.trim()).map((chunk) => {
    const [hash, ...lines] = chunk.split('\n').map((l) => l.trim()).filter(Boolean);
    return { hash, changes: lines.map((l) => l.split('\t')) };
  });
  // One pass over the log, newest first, for every file at once (a pass per file was files × changes:
  // minutes at national size, whose import commit alone names every file). owners: each name a file has had so far, back
  // from its present one, to the files that had it. A commit's lines are read on the names after it:
  // the old name of a rename counts from the commit before (in 「R x→f, R y→x」 y is the new x, not f).
  const out = new Map<string, string[]>();
  const owners = new Map<string, Set<string>>();
  const own = (name: string, file: string) => { const o = owners.get(name); if (o) o.add(file); else owners.set(name, new Set([file])); };
  for (const file of files) { out.set(file, []); own(file, file); }
  for (const { hash, changes } of commits) {
    const touched = new Set<string>();
    const earlierNames: [string, string][] = [];
    for (const [status, a, b] of changes) {
      if (/^[RC]/.test(status) && b !== undefined) {
        // A rename R old→new makes the older commits of `old` part of this file's history.
        for (const file of owners.get(b) ?? []) { touched.add(file); if (status.startsWith('R')) earlierNames.push([a, file]); }
      } else for (const file of owners.get(a) ?? []) touched.add(file);
    }
    for (const [name, file] of earlierNames) own(name, file);
    for (const file of touched) out.get(file)!.push(hash);
  }
  return out;
}
