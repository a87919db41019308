// When each content file last changed, from one `git log` over content/ (not one process per file).
import { spawnSync } from 'node:child_process';

export function lastChanged(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const r = spawnSync('git', ['log', '--format=@%cs', '--name-only', '--no-renames', '--', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) return out;
  let date = '';
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('@')) date = line.slice(1);
    else if (line && !out.has(line)) out.set(line, date);
  }
  return out;
}
