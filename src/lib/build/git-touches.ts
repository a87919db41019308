// Which commits touched each report file, following renames backwards (a report renamed since keeps the
// versions of its earlier name, as publishedVersion's `git log --follow` does). Read from one
// `git log --first-parent --name-status -M` over the reports folder. Pure (parses that output).

/** `log` is the output of `git log --first-parent --format=%x1e%H --name-status -M`: records separated
 * by \x1e, each a commit hash line followed by "STATUS\tpath[\tnewpath]" lines. The result is keyed by
 * the paths asked for (as git prints them, relative to the repository), newest commit first. */
export function touchesByFile(log: string, files: Iterable<string>): Map<string, string[]> {
  const commits = log.split('\x1e').filter((c) => c.trim()).map((chunk) => {
    const [hash, ...lines] = chunk.split('\n').map((l) => l.trim()).filter(Boolean);
    return { hash, changes: lines.map((l) => l.split('\t')) };
  });
  const out = new Map<string, string[]>();
  for (const file of files) {
    const names = new Set([file]);
    const hits: string[] = [];
    // Newest first: a rename R old→new makes the older commits of `old` part of this file's history.
    for (const { hash, changes } of commits) {
      let touched = false;
      for (const [status, a, b] of changes) {
        if (/^[RC]/.test(status) && b !== undefined) {
          if (names.has(b)) { touched = true; if (status.startsWith('R')) names.add(a); }
        } else if (names.has(a)) touched = true;
      }
      if (touched) hits.push(hash);
    }
    out.set(file, hits);
  }
  return out;
}
